"""Format and encoding sniffing (baseline)."""

from __future__ import annotations

from ..errors import EmptyInput
from ..model import Document, Source


def document_from_text(text: str, *, uri: str = "<text>") -> Document:
    if not text.strip():
        raise EmptyInput("the input is empty", input=uri)
    fmt = "html" if text.lstrip()[:1] == "<" else "text"
    return Document(source=Source(uri=uri, format=fmt), content=text)
