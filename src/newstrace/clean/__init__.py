"""Document → Article: main text, chrome removal, normalisation, metadata."""

from .pipeline import clean

__all__ = ["clean"]
