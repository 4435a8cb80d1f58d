"""Cleaning one Document into an Article (baseline: the text as it stands)."""

from __future__ import annotations

from ..model import Article, Document


def clean(document: Document) -> Article:
    return Article(source=document.source, text=document.content.strip())
