"""HTML pages (also gzip-compressed) → one Document; extraction happens in clean/."""

from __future__ import annotations

from ..errors import EmptyInput
from ..model import Document, Source
from .sniff import decode


def read_html(data: bytes, uri: str) -> Document:
    """One HTML page from its bytes, decoded by BOM, declared charset or sniffing."""
    decoded = decode(data, uri, markup=True)
    if not decoded.text.strip():
        raise EmptyInput("is an empty page", input=uri)
    return Document(source=Source(uri=uri, format="html"), content=decoded.text,
                    encoding=decoded.encoding, content_type="html",
                    warnings=[decoded.warning] if decoded.warning else [])
