"""An old report's prose (.docx, .md, .txt, .html) structured into a draft report.

An institution's archive was written in Word long before rapporteur: no TOML travels
inside it. This module reads the words and builds a *draft* the rapporteur confirms,
by the genre's own cues:

* the first paragraph is the lead: the speakers and moderator (or chair) with their
  honorific, name, designation and affiliation, the title in quotation marks, the
  series ("at the Monday Morning Meeting"), the date, the attendance sentence;
* "The session opened with introductory remarks from ..." opens remarks, "... in her
  presentation ..." the presentation (each later paragraph a section), "During the Q&A
  ..." / "followed by a Q&A" the discussion (each asking sentence a question, its asker
  named or described), "Implications for India" the implications, "Conclusion" the
  conclusion, and "Report prepared by ..." the rapporteur;
* paragraphs before the first cue are the summary.

Two promises: every sentence of the source is kept, in order, in a printed field (the
lead and the texts hold the source's own words; nothing is composed), and nothing is
invented: what had to be guessed (a year the text does not give, the form, the
organiser) is returned as :attr:`ProseDraft.guesses`, said on standard error by the
command and kept in ``meta.notes`` (never exported) for the editor. People are found
by the one name scanner's patterns (:mod:`rapporteur.names`) and given ids by
:mod:`rapporteur.ids`; the draft is written by the canonical writer
(:mod:`rapporteur.tomlwrite`).
"""

from .draft import ProseDraft, import_prose, missing_sentences, notes_text, structure
from .readers import MAX_BYTES, PROSE_SUFFIXES, Block, ProseProblem, read_blocks, sentences

__all__ = [
    "MAX_BYTES",
    "PROSE_SUFFIXES",
    "Block",
    "ProseDraft",
    "ProseProblem",
    "import_prose",
    "missing_sentences",
    "notes_text",
    "read_blocks",
    "sentences",
    "structure",
]
