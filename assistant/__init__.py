"""A Dutch policy-letter assistant that answers with citations to source paragraphs."""

__version__ = "0.1.0"
