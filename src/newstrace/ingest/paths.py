"""Files, folders, globs and stdin → Documents (baseline: UTF-8 text files only)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from ..errors import EmptyInput, InputError, InputNotFound
from ..model import Document, Failure, Source


def read_documents(path: str | Path) -> list[Document]:
    """All documents in one input path; raises an InputError naming it."""
    p = Path(path)
    if not p.exists():
        raise InputNotFound("no such file or directory", input=str(path))
    text = p.read_text(encoding="utf-8")
    if not text.strip():
        raise EmptyInput("the input is empty", input=str(path))
    return [Document(source=Source(uri=str(path), format="text"), content=text)]


def iter_documents(inputs: Iterable[str | Path]) -> Iterator[Document | Failure]:
    """Every document in `inputs`; an input that fails yields a Failure and the rest go on."""
    for item in inputs:
        try:
            yield from read_documents(item)
        except InputError as exc:
            yield Failure(uri=str(item), code=exc.code, message=str(exc))
