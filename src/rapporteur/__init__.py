"""rapporteur: write, check and export think-tank event reports."""

__version__ = "0.1.0"
