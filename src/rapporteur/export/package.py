"""Word packages (OPC zip files): bounded reading, deterministic writing, the embedded source.

Reading never trusts the archive: the file's size, the number of entries and the
bytes inflated from each entry are bounded (a zip bomb stops at the limit, whatever
its headers claim), and every way a zip can be broken becomes one
:class:`PackageError` with a sentence a person can act on.

Writing is reproducible: entries in a fixed order, a fixed timestamp, fixed
attributes and compression, so the same parts always give the same bytes.

The report's TOML travels inside the DOCX as a custom XML part
(``customXml/item1.xml``, root ``{urn:rapporteur:source:1}source``) holding the
exact bytes of the source file: as text when XML can hold it (``\\r`` written as
``&#13;`` so no parser normalises it), else base64; with the SHA-256 of those
bytes, and the SHA-256 of the document's visible text at export time, so that
``rapporteur import`` can tell when the document was edited after export. The
part may hold the source without its internal notes (``omitted`` names the keys),
or no source at all (version 2, ``source="absent"``, with the ``reason``): it is
still rapporteur's marker, by which ``export`` knows its own files. Only the part
the main document refers to is read back (:func:`find_source`).
"""

from __future__ import annotations

import errno
import hashlib
import io
import os
import re
import zipfile
import zlib
from dataclasses import dataclass
from xml.etree import ElementTree as ET

from ..tomlio import read_regular

MAX_PACKAGE_BYTES = 128 * 1024 * 1024  # a DOCX on disk
MAX_ENTRIES = 10_000
MAX_PART_BYTES = 96 * 1024 * 1024  # one inflated part (a report's TOML is at most 64 MiB)
MAX_TOTAL_BYTES = 256 * 1024 * 1024  # all parts read from one package

ZIP_DATE = (1980, 1, 1, 0, 0, 0)

SOURCE_NS = "urn:rapporteur:source:1"
SOURCE_TAG = f"{{{SOURCE_NS}}}source"
SOURCE_PART = "customXml/item1.xml"
SOURCE_PROPS_PART = "customXml/itemProps1.xml"

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


class PackageError(Exception):
    """The file is not a readable Word package (or not one rapporteur can use).

    ``file`` is the file concerned and ``reason`` the message without it.
    """

    def __init__(self, reason: str, file: str = "") -> None:
        super().__init__(f"{file}: {reason}" if file else reason)
        self.file = file
        self.reason = reason


@dataclass
class Package:
    """An opened zip with bounded reads. Use as a context manager."""

    path: str
    zf: zipfile.ZipFile
    _budget: int = MAX_TOTAL_BYTES

    def __post_init__(self) -> None:
        self._start = self._budget

    def __enter__(self) -> Package:
        return self

    def __exit__(self, *exc: object) -> None:
        self.zf.close()

    def names(self) -> list[str]:
        return [i.filename for i in self.zf.infolist() if not i.is_dir()]

    def has(self, name: str) -> bool:
        try:
            self.zf.getinfo(name)
            return True
        except KeyError:
            return False

    def _limit_text(self, cap: int, limit: int) -> str:
        if cap < limit:
            return f"the package's parts may inflate to {self._start // 2**20} MiB in all"
        return f"the limit is {_mib(limit)} a part"

    def read(self, name: str, limit: int = MAX_PART_BYTES) -> bytes:
        """The inflated bytes of one entry, never more than ``limit`` (nor the package's budget)."""
        try:
            info = self.zf.getinfo(name)
        except KeyError:
            raise PackageError(f"the package has no part {name}", self.path) from None
        cap = min(limit, self._budget)
        if info.file_size > cap:
            raise PackageError(
                f"the part {name} is too large ({info.file_size} bytes inflated; {self._limit_text(cap, limit)})",
                self.path,
            )
        out = bytearray()
        try:
            with self.zf.open(info) as fh:
                while True:
                    chunk = fh.read(min(1 << 20, cap + 1 - len(out)))
                    if not chunk:
                        break
                    out += chunk
                    if len(out) > cap:
                        raise PackageError(
                            f"the part {name} inflates beyond {cap} bytes (a zip bomb, or not a document; {self._limit_text(cap, limit)})",
                            self.path,
                        )
        except PackageError:
            raise
        except (
            zipfile.BadZipFile,
            zlib.error,
            EOFError,
            ValueError,
            OSError,
            NotImplementedError,
            RuntimeError,
        ) as exc:
            raise PackageError(f"the part {name} is damaged ({_why(exc)})", self.path) from None
        self._budget -= len(out)
        return bytes(out)


def _mib(n: int) -> str:
    return f"{n // 2**20} MiB" if n >= 2**20 else f"{n} bytes"


def _why(exc: BaseException) -> str:
    text = str(exc) or type(exc).__name__
    return text[:1].lower() + text[1:]


def open_package(path: str | os.PathLike, what: str = "Word document", budget: int = MAX_TOTAL_BYTES) -> Package:
    """Open a zip for bounded reading, or raise :class:`PackageError` saying what is wrong.

    ``budget`` bounds the bytes inflated from all its parts together. Missing files and
    permissions raise :class:`OSError` (the caller's exit code 2).
    """
    shown = os.fspath(path)
    try:
        data = read_regular(path, MAX_PACKAGE_BYTES)  # never blocks on a FIFO, never reads a device
    except OSError as exc:
        if exc.errno == errno.EFBIG:
            raise PackageError(f"too large to be a {what} (over {MAX_PACKAGE_BYTES // 2**20} MiB)", shown) from None
        raise
    return open_package_bytes(data, shown, what, budget)


def open_package_bytes(data: bytes, shown: str, what: str = "Word document", budget: int = MAX_TOTAL_BYTES) -> Package:
    """:func:`open_package` for bytes already in memory."""
    if len(data) > MAX_PACKAGE_BYTES:
        raise PackageError(f"too large to be a {what} (the limit is {MAX_PACKAGE_BYTES // 2**20} MiB)", shown)
    head = data[:4]
    if not head.startswith(b"PK"):
        kind = _sniff(head)
        raise PackageError(f"not a {what}: {kind}", shown)
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise PackageError(f"not a {what}: the zip archive is truncated or damaged", shown) from None
    except (ValueError, OSError, EOFError, NotImplementedError, RuntimeError) as exc:
        raise PackageError(f"not a {what}: the zip archive is damaged ({_why(exc)})", shown) from None
    infos = zf.infolist()
    if len(infos) > MAX_ENTRIES:
        zf.close()
        raise PackageError(f"not a {what}: the archive has {len(infos)} entries (the limit is {MAX_ENTRIES})", shown)
    pkg = Package(shown, zf, budget)
    if not pkg.has("[Content_Types].xml"):
        zf.close()
        raise PackageError(
            f"not a {what}: a zip file, but not an Office document (it has no [Content_Types].xml)", shown
        )
    return pkg


def _sniff(head: bytes) -> str:
    if not head:
        return "the file is empty"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return "an old binary Word file (.doc); save it as .docx first"
    if head.startswith(b"%PDF"):
        return "a PDF file"
    if head.startswith(b"{\\rt"):
        return "an RTF file; save it as .docx first"
    return "not a zip archive"


def write_zip(parts: list[tuple[str, bytes]], *, compress: bool = True) -> bytes:
    """A zip of ``parts`` in the given order, with fixed timestamps and attributes (reproducible)."""
    method = zipfile.ZIP_DEFLATED if compress else zipfile.ZIP_STORED
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=method) as zf:
        for name, data in parts:
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.compress_type = method
            info.create_system = 0
            info.external_attr = 0
            zf.writestr(info, data, compresslevel=6 if compress else None)
    return buf.getvalue()


def reproducible(data: bytes) -> bytes:
    """A zip we wrote (python-docx's output) again, same entries in the same order, with
    :func:`write_zip`'s fixed timestamps: python-docx stamps every entry with the time of day."""
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return write_zip([(info.filename, zf.read(info)) for info in zf.infolist()])


# -- the text a reader sees (to tell whether a document was edited) -----------------------


def body_text(document_xml: bytes) -> str:
    """The visible text of the body, one line per non-empty paragraph, blanks collapsed."""
    lines = []
    try:
        root = ET.fromstring(document_xml)
    except ET.ParseError as exc:
        raise PackageError(f"the document's main part is not well-formed XML ({exc})") from None
    body = root.find(f"{{{W_NS}}}body")
    if body is None:
        return ""
    t, tab, br, p = (f"{{{W_NS}}}{n}" for n in ("t", "tab", "br", "p"))
    for para in body.iter(p):
        parts = []
        for el in para.iter():
            if el.tag == t:
                parts.append(el.text or "")
            elif el.tag in (tab, br):
                parts.append(" ")
        line = " ".join("".join(parts).split())
        if line:
            lines.append(line)
    return "\n".join(lines)


def part_text(xml: bytes) -> str:
    """The text of a header or footer part (paragraphs on lines, tabs and breaks as blanks)."""
    try:
        root = ET.fromstring(xml)
    except ET.ParseError:
        return ""
    t, tab, br, p = (f"{{{W_NS}}}{n}" for n in ("t", "tab", "br", "p"))
    lines = []
    for para in root.iter(p):
        pieces = [(el.text or "") if el.tag == t else " " for el in para.iter() if el.tag in (t, tab, br)]
        lines.append(" ".join("".join(pieces).split()))
    return "\n".join(x for x in lines if x)


def header_words(texts: list[str]) -> str:
    """The distinct words of headers' and footers' texts, sorted, lower case, numbers left out (page numbers)."""
    words = {w.lower() for t in texts for w in t.split() if not w.isdigit()}
    return " ".join(sorted(words))


def text_digest(document_xml: bytes) -> str:
    return hashlib.sha256(body_text(document_xml).encode("utf-8")).hexdigest()


def blocks_digest(blocks: list) -> str:
    """:func:`text_digest` of the DOCX these blocks make, computed from the blocks alone:
    ``import`` rebuilds the document from the embedded report and compares, without python-docx.
    Each block is one paragraph: its marker, a tab, its spans (a break is a blank)."""
    lines = []
    for b in blocks:
        pieces = [b.marker + " "] if b.marker else []
        pieces += [" " if s.br else s.text for s in b.spans]
        line = " ".join("".join(pieces).split())
        if line:
            lines.append(line)
    return hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()


# -- the embedded source -----------------------------------------------------------------

# The characters XML 1.0 cannot hold, listed directly: the complement of what it can,
# "[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]", is the same set but took 4 ms
# to compile on every export (tests/test_import.py checks the two agree).
_XML_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def source_part(
    raw: bytes | None,
    body_digest: str,
    *,
    omitted: tuple[str, ...] = (),
    reason: str = "",
    layout: str = "",
    header_words: str | None = None,
) -> bytes:
    """The custom XML part that carries the report's source bytes (or says why it does not).

    ``raw`` ``None``: the export carries no source, only this marker (version 2, so a
    rapporteur that predates it says "upgrade" rather than "damaged"); ``reason`` says
    why (``chatham-house``, ``not-asked``). ``omitted`` names the keys left out of an
    embedded source (internal notes). ``layout`` lets ``import`` rebuild the text.
    """
    extra = f' layout="{layout}"' if layout else ""
    if header_words is not None:  # the words the export put in headers and footers (import tells a reviewer's)
        from xml.sax.saxutils import quoteattr

        extra += f" header-words={quoteattr(header_words)}"
    if omitted:
        extra += f' omitted="{" ".join(omitted)}"'
    if reason:
        extra += f' reason="{reason}"'
    if raw is None:
        return (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<rapporteur:source xmlns:rapporteur="{SOURCE_NS}" version="2" source="absent" '
            f'body-sha256="{body_digest}"{extra}/>\n'
        ).encode()
    bom = raw.startswith(b"\xef\xbb\xbf")
    payload = raw[3:] if bom else raw
    digest = hashlib.sha256(raw).hexdigest()
    try:
        text = payload.decode("utf-8")
        encoding = "text" if not _XML_BAD.search(text) else "base64"
    except UnicodeDecodeError:
        text, encoding = "", "base64"
    if encoding == "text":
        body = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")
    else:
        import base64

        body = base64.b64encode(payload).decode("ascii")
    head = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<rapporteur:source xmlns:rapporteur="{SOURCE_NS}" version="1" encoding="{encoding}" '
        f'bom="{"true" if bom else "false"}" sha256="{digest}" body-sha256="{body_digest}"{extra}>'
    )
    return (head + body + "</rapporteur:source>\n").encode("utf-8")


def source_props_part(raw: bytes) -> bytes:
    """The custom XML part's properties; its GUID is derived from the source, so output stays reproducible."""
    h = hashlib.sha256((SOURCE_NS + ":").encode() + raw).hexdigest().upper()
    guid = f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:32]}"
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<ds:datastoreItem ds:itemID="{{{guid}}}" '
        'xmlns:ds="http://schemas.openxmlformats.org/officeDocument/2006/customXml">'
        f'<ds:schemaRefs><ds:schemaRef ds:uri="{SOURCE_NS}"/></ds:schemaRefs></ds:datastoreItem>'
    ).encode()


@dataclass
class Embedded:
    """What rapporteur's part in a DOCX holds: the source's bytes (``None`` when the export
    carries none), the digest of the text when it was exported, and what was left out."""

    data: bytes | None
    body_digest: str | None
    omitted: tuple[str, ...] = ()
    reason: str = ""
    layout: str = ""
    part: str = ""
    header_words: str | None = None  # the words of the headers and footers at export (None: not recorded)
    ignored: tuple[str, ...] = ()  # other parts that look like ours but the document does not refer to


def parse_source_part(xml: bytes, shown: str) -> Embedded | None:
    """The source held by a custom XML part, ``None`` if the part is not ours."""
    try:
        root = ET.fromstring(xml)
    except ET.ParseError:
        return None
    if root.tag != SOURCE_TAG:
        return None
    version = root.get("version", "")
    if version not in ("1", "2"):
        raise PackageError(
            f"the embedded report is in format version {version!r}; this rapporteur reads versions 1 and 2 "
            "(upgrade rapporteur)",
            shown,
        )
    omitted = tuple((root.get("omitted") or "").split())
    reason, layout = root.get("reason") or "", root.get("layout") or ""
    header_words = root.get("header-words")
    if root.get("source") == "absent":
        return Embedded(None, root.get("body-sha256"), omitted, reason, layout, header_words=header_words)
    text = root.text or ""
    if root.get("encoding") == "base64":
        import base64
        import binascii

        try:
            data = base64.b64decode(text.encode("ascii"), validate=True)
        except (binascii.Error, UnicodeEncodeError, ValueError):
            raise PackageError("the embedded report is damaged (bad base64)", shown) from None
    else:
        data = text.encode("utf-8")
    if root.get("bom") == "true":
        data = b"\xef\xbb\xbf" + data
    if hashlib.sha256(data).hexdigest() != root.get("sha256"):
        raise PackageError("the embedded report is damaged (its checksum does not match)", shown)
    return Embedded(data, root.get("body-sha256"), omitted, reason, layout, header_words=header_words)


_CUSTOM_XML_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXml"
_RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"


def _related_custom_xml(p: Package) -> set[str]:
    """The custom XML parts the main document part refers to (the ones Word keeps and rapporteur wrote)."""
    name = "word/_rels/document.xml.rels"
    if not p.has(name):
        return set()
    try:
        root = ET.fromstring(p.read(name, 4 * 1024 * 1024))
    except (ET.ParseError, PackageError):
        return set()
    out = set()
    for rel in root.iter(f"{{{_RELS_NS}}}Relationship"):
        if rel.get("Type") == _CUSTOM_XML_REL and rel.get("TargetMode") != "External":
            target = rel.get("Target") or ""
            out.add(os.path.normpath(os.path.join("word", target)).replace(os.sep, "/").lstrip("/").lower())
    return out


def find_source(p: Package) -> Embedded | None:
    """Rapporteur's part in an opened package, or ``None`` if there is none.

    Only the part the document refers to counts: a part added beside it (an
    ``item0.xml`` that sorts first) is ignored, and named in ``ignored``. When no
    part is referred to (a tool renumbered the parts and dropped the relationship),
    a single candidate is used; two are refused rather than guessed between.
    """
    related = _related_custom_xml(p)
    found: list[tuple[str, Embedded]] = []
    for name in sorted(p.names()):
        low = name.lower()
        if (
            low.startswith("customxml/")
            and low.endswith(".xml")
            and "/item" in low
            and "props" not in low
            and "_rels" not in low
        ):
            got = parse_source_part(p.read(name), p.path)
            if got is not None:
                got.part = name
                found.append((low, got))
    if not found:
        return None
    chosen = [e for low, e in found if low in related]
    if len(chosen) > 1 or (not chosen and len(found) > 1):
        names = ", ".join(e.part for _, e in found)
        raise PackageError(
            f"the document holds {len(found)} parts that claim to be its embedded report ({names}); "
            "refusing to guess which is genuine",
            p.path,
        )
    pick = chosen[0] if chosen else found[0][1]
    pick.ignored = tuple(e.part for _, e in found if e is not pick)
    return pick
