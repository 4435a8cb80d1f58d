"""Readers that turn inputs (files, folders, globs, stdin) into `Document`s."""

from .paths import iter_documents, read_documents

__all__ = ["iter_documents", "read_documents"]
