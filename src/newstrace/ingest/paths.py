"""Inputs → Documents: single files, folders (recursive, hidden entries skipped), globs and
"-" for stdin. Each file's format and encoding are sniffed (see sniff.py)."""

from __future__ import annotations

import glob
import gzip
import io
import sys
import tempfile
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..errors import (
    BinaryInput,
    DecodeError,
    EmptyInput,
    InputError,
    InputNotFound,
    InputTooLarge,
    MalformedInput,
)
from ..model import Document, Failure
from . import sniff
from .html import read_html
from .jsonl import read_jsonl
from .text import read_text

STDIN = "-"
STDIN_URI = "<stdin>"
# Files a folder is searched for (a file named explicitly is read whatever its name).
ARTICLE_SUFFIXES = (
    ".txt", ".text", ".md", ".html", ".htm", ".xhtml", ".html.gz", ".htm.gz", ".txt.gz",
    ".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz", ".xml", ".rss", ".atom", ".warc",
    ".warc.gz", ".arc.gz",
)
_GLOB_CHARS = set("*?[")
_HEAD = 65536


def read_documents(path: str | Path, *, max_mb: float | None = None) -> list[Document]:
    """All documents in one input (file, folder, glob or "-"); raises an InputError naming
    the input (or the record) at the first one that cannot be read."""
    out: list[Document] = []
    for item in _iter_input(str(path), sniff.max_bytes(max_mb)):
        if isinstance(item, Failure):
            raise _error_of(item)
        out.append(item)
    return out


def iter_documents(inputs: Iterable[str | Path], *, max_mb: float | None = None
                   ) -> Iterator[Document | Failure]:
    """Every document in `inputs`, in order; an input or record that fails yields a Failure
    naming it and the rest go on."""
    limit = sniff.max_bytes(max_mb)
    for raw in inputs:
        item = str(raw)
        try:
            yield from _iter_input(item, limit)
        except InputError as exc:
            yield Failure(uri=exc.input or item, code=exc.code, message=str(exc))
        except Exception as exc:  # noqa: BLE001 -- never stop a batch, even on a reader's bug
            yield _unexpected(item, exc)


def _iter_input(item: str, limit: int) -> Iterator[Document | Failure]:
    if item == STDIN:
        yield from read_bytes(sys.stdin.buffer.read(), STDIN_URI, limit)
        return
    path = Path(item)
    if path.is_dir():
        files = list(folder_files(path))
        if not files:
            raise InputNotFound(
                "the folder holds no article files (looked for "
                + ", ".join(ARTICLE_SUFFIXES[:9]) + ", …; hidden files are skipped)",
                input=item)
        for file in files:
            yield from _guarded(file, limit)
        return
    if path.is_file():
        yield from read_file(path, limit)
        return
    if _GLOB_CHARS & set(item):
        matches = sorted(Path(m) for m in glob.glob(item, recursive=True)
                         if Path(m).is_file() and not _hidden(Path(m)))
        if not matches:
            raise InputNotFound("the pattern matched no files", input=item)
        for file in matches:
            yield from _guarded(file, limit)
        return
    if path.exists():
        raise InputNotFound("is not a regular file or folder", input=item)
    raise InputNotFound("no such file or folder", input=item)


def _guarded(path: Path, limit: int) -> Iterator[Document | Failure]:
    """One file of a folder or glob: its failure is reported, the others go on."""
    try:
        yield from read_file(path, limit)
    except InputError as exc:
        yield Failure(uri=exc.input or str(path), code=exc.code, message=str(exc))
    except Exception as exc:  # noqa: BLE001 -- one unreadable file never stops the folder
        yield _unexpected(str(path), exc)


def _unexpected(uri: str, exc: Exception) -> Failure:
    error = InputError(f"could not be read ({exc.__class__.__name__}: {exc})", input=uri)
    return Failure(uri=uri, code=error.code, message=str(error))


def _hidden(path: Path) -> bool:
    return any(part.startswith(".") and part not in (".", "..") for part in path.parts)


def folder_files(folder: Path) -> Iterator[Path]:
    """Article files under `folder`, recursively, sorted, hidden files and folders skipped."""
    for p in sorted(folder.rglob("*")):
        rel = p.relative_to(folder)
        if _hidden(rel) or not p.is_file():
            continue
        if p.name.lower().endswith(ARTICLE_SUFFIXES):
            yield p


def read_file(path: Path, limit: int) -> Iterator[Document | Failure]:
    """The documents in one file; raises an InputError naming it."""
    uri = str(path)
    try:
        with open(path, "rb") as fh:
            head = fh.read(_HEAD)
    except OSError as exc:
        raise InputNotFound(f"cannot be read ({exc.strerror or exc})", input=uri) from None
    if sniff.is_gzip(head):
        try:
            with gzip.open(path, "rb") as gz:
                inner = gz.read(_HEAD)
        except (OSError, EOFError, zlib.error) as exc:
            raise BinaryInput(f"is not valid gzip data ({exc})", input=uri) from None
    else:
        inner = head
    kind = sniff.binary_kind(inner)
    if kind:
        raise BinaryInput(f"is {kind}, not text", input=uri)
    fmt = sniff.sniff_format(inner, path.name)
    if fmt == "warc":
        yield from _warc(path)
        return
    if fmt == "jsonl":
        yield from _jsonl_file(path, uri, limit, gz=sniff.is_gzip(head))
        return
    size = path.stat().st_size
    if size > limit:
        raise sniff.too_large(size, limit, uri)
    data = path.read_bytes()
    yield from read_bytes(data, uri, limit, name=path.name)


def read_bytes(data: bytes, uri: str, limit: int, *, name: str = "") -> Iterator[Document | Failure]:
    """The documents in an input given as bytes (stdin, or a file's content)."""
    if len(data) > limit:
        raise sniff.too_large(len(data), limit, uri)
    data = sniff.maybe_gunzip(data, uri, limit)
    if not data.strip():
        raise EmptyInput("is empty (no text to analyse)", input=uri)
    kind = sniff.binary_kind(data)
    if kind:
        raise BinaryInput(f"is {kind}, not text", input=uri)
    fmt = sniff.sniff_format(data[:_HEAD], name)
    if fmt == "warc":
        with tempfile.TemporaryDirectory() as tmp:
            tmp_path = Path(tmp) / "input.warc"
            tmp_path.write_bytes(data)
            yield from _warc(tmp_path, uri)
        return
    if fmt == "feed":
        yield from _feed(data, uri)
        return
    if fmt == "jsonl":
        text = sniff.decode(data, uri).text
        yield from read_jsonl(io.StringIO(text), uri, limit=limit)
        return
    if fmt == "html":
        yield read_html(data, uri)
        return
    yield read_text(data, uri)


def _jsonl_file(path: Path, uri: str, limit: int, *, gz: bool) -> Iterator[Document | Failure]:
    opener = gzip.open if gz else open
    try:
        with opener(path, "rb") as fh:  # type: ignore[operator]
            lines = (raw.decode("utf-8-sig", "replace") for raw in fh)
            yield from read_jsonl(lines, uri, limit=limit)
    except (OSError, EOFError, zlib.error) as exc:
        yield Failure(uri=uri, code=MalformedInput.code,
                      message=str(MalformedInput(f"broken compressed data ({exc}); the records "
                                                 "before it were read", input=uri)))


def _feed(data: bytes, uri: str) -> Iterator[Document | Failure]:
    try:
        from .feed import read_feed
    except ImportError:
        raise InputError("is an RSS/Atom feed, but feed reading is not available in this "
                         "install (newstrace.ingest.feed is missing)", input=uri) from None
    yield from read_feed(data, uri)


def _warc(path: Path, uri: str | None = None) -> Iterator[Document | Failure]:
    try:
        from .warc import read_warc
    except ImportError:
        raise InputError("is a WARC archive, but WARC reading is not available in this "
                         "install (newstrace.ingest.warc is missing)", input=uri or str(path)) from None
    if uri is None:
        yield from read_warc(path)
        return
    for item in read_warc(path):  # stdin: name the records after "<stdin>", not the temp file
        if isinstance(item, Failure):
            yield item.model_copy(update={"uri": item.uri.replace(str(path), uri),
                                          "message": item.message.replace(str(path), uri)})
        else:
            source = item.source.model_copy(update={"uri": item.source.uri.replace(str(path), uri)})
            yield item.model_copy(update={"source": source})


_CODES = {cls.code: cls for cls in (
    BinaryInput, DecodeError, EmptyInput, InputTooLarge, InputNotFound,
    MalformedInput,
)}


def _error_of(failure: Failure) -> InputError:
    """The exception a Failure stands for (read_documents raises rather than records)."""
    cls = _CODES.get(failure.code, InputError)
    prefix = f"[{failure.code}] {failure.uri}: "
    reason = failure.message.removeprefix(prefix)
    return cls(reason, input=failure.uri)
