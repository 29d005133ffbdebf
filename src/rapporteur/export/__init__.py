"""Exporting a report: Word (DOCX) and Markdown in the house style.

The flow is one way and shared by both formats::

    Report --document.build()--> Document (blocks) --markdown.render()--> str
                                                   \\-docx.render()-----> bytes

* :mod:`.text`     the wording every format shares: names, dates, times, the
                   "Report prepared by" line, paragraphs and ``*italic*``/``**bold**``;
* :mod:`.lead`     the lead paragraph composed from the event details;
* :mod:`.programme` the programme's wording: every role of ``terms.ROLES``, addresses,
                   delegations, days and session times (docs/roles.md is generated from it);
* :mod:`.blocks`   the blocks of an exported document, and its metadata;
* :mod:`.parts`    the builder's base (:class:`~.parts.BlockWriter`): paragraphs, headings, prose,
                   and the closing parts (discussion, implications, conclusion, attendance);
* :mod:`.document` the one intermediate representation of the exported report (the public
                   :class:`~.document.Builder`, which :mod:`rapporteur.review.origins` extends);
* :mod:`.markdown` pandoc-compatible Markdown (also the editor's live preview);
* :mod:`.docx`     the DOCX writer: python-docx on the reference document (raw XML only
                   where python-docx has no API: fields, font slots, document defaults);
* :mod:`.package`  zip/OPC reading and deterministic writing, with bounded sizes;
* :mod:`.privacy`  what the file carries besides its words (the source, notes, properties);
* :mod:`.api`      :func:`~rapporteur.export.api.export_report`, used by the CLI and the editor.

Nothing here imports :mod:`textual`; only :mod:`.docx` imports python-docx (and lxml), lazily.
"""
