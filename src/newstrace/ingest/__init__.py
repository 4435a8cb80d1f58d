"""Readers that turn inputs (files, folders, globs, stdin) into `Document`s."""

from .paths import iter_documents, read_documents
from .sniff import document_from_text

__all__ = ["document_from_text", "iter_documents", "read_documents"]
