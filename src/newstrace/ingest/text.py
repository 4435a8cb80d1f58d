"""Plain-text files → one Document."""

from __future__ import annotations

from ..errors import EmptyInput
from ..model import Document, Source
from .sniff import decode


def read_text(data: bytes, uri: str) -> Document:
    """One plain-text article from its bytes (any encoding sniff can tell)."""
    decoded = decode(data, uri)
    if not decoded.text.strip():
        raise EmptyInput("is empty or holds only whitespace (no text to analyse)", input=uri)
    return Document(source=Source(uri=uri, format="text"), content=decoded.text,
                    encoding=decoded.encoding, content_type="text",
                    warnings=[decoded.warning] if decoded.warning else [])
