"""The terminal editor (Textual). Nothing outside this package imports it, except ``new`` and ``edit``."""
