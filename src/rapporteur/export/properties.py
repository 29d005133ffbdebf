"""A document's core and app properties, written the same way by the export and the reference template.

Its own module so that :mod:`.docx` (which builds the default reference document with
:mod:`.reference_template`) and :mod:`.reference_template` (which sets properties) do
not import each other.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.opc.parts.coreprops import CorePropertiesPart
from docx.oxml.coreprops import CT_CoreProperties
from lxml import etree

EXTENDED_PROPERTIES_NS = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"

_CORE_TAGS = {
    "title": "title",
    "subject": "subject",
    "author": "creator",
    "keywords": "keywords",
    "language": "language",
    "last_modified_by": "lastModifiedBy",
    "category": "category",
    "content_status": "contentStatus",
}


def set_properties(document: Any, when: dt.datetime, company: str = "", **values: Any) -> None:
    """Fresh core properties (the empty ones left out) and an app.xml that names rapporteur.

    The part is made here: python-docx's default one would say "python-docx" and the time of day.
    ``values`` are :class:`docx.opc.coreprops.CoreProperties` attributes.
    """
    package = document.part.package
    element = CT_CoreProperties.new()
    package.relate_to(
        CorePropertiesPart(PackURI("/docProps/core.xml"), CT.OPC_CORE_PROPERTIES, element, package), RT.CORE_PROPERTIES
    )
    core = document.core_properties
    for name, value in values.items():
        if not value:
            continue
        try:
            setattr(core, name, value)
        except ValueError:  # python-docx caps text at 255 characters; the format does not, nor does Word
            getattr(element, "get_or_add_" + _CORE_TAGS[name])().text = value
    core.created = core.modified = when
    if when.year < 1000:  # python-docx's strftime drops a year's leading zeros: "999-01-01" is no W3CDTF date
        stamp = when.replace(tzinfo=None).isoformat() + "Z"
        element.created.text = element.modified.text = stamp  # type: ignore[attr-defined]  # set just above

    app = etree.Element(f"{{{EXTENDED_PROPERTIES_NS}}}Properties", nsmap={None: EXTENDED_PROPERTIES_NS})
    for tag, text in (("Application", "rapporteur"), ("DocSecurity", "0"), ("Company", company)):
        if text:
            etree.SubElement(app, f"{{{EXTENDED_PROPERTIES_NS}}}{tag}").text = text
    blob = etree.tostring(app, xml_declaration=True, encoding="UTF-8", standalone=True)
    package.relate_to(
        Part(PackURI("/docProps/app.xml"), CT.OFC_EXTENDED_PROPERTIES, blob, package), RT.EXTENDED_PROPERTIES
    )
