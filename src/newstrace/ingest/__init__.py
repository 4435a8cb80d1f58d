"""Readers that turn inputs (files, folders, globs, stdin) into `Document`s."""

from .jsonl import document_from_record, read_json_records
from .paths import iter_documents, read_bytes, read_documents
from .sniff import document_from_text

__all__ = ["document_from_record", "document_from_text", "iter_documents", "read_bytes",
           "read_documents", "read_json_records"]
