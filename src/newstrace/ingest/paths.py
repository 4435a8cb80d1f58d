"""Inputs → Documents: single files, folders (recursive, hidden entries skipped), globs and
"-" for stdin. Each file's format and encoding are sniffed (see sniff.py); a gzip file is
sniffed by its decompressed content, even when it is cut short.

When the inputs of one run hold RSS/Atom feeds, the local pages those feeds read as their
entries' articles are not read again as articles of their own (each article once)."""

from __future__ import annotations

import glob
import gzip
import io
import sys
import tempfile
import zlib
from collections.abc import Iterable, Iterator, Mapping
from collections.abc import Set as AbstractSet
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
_FEED_HEAD = 8192  # enough to recognise a feed (sniff.looks_like_feed reads 2 KB)


def read_documents(path: str | Path, *, max_mb: float | None = None) -> list[Document]:
    """All documents in one input (file, folder, glob or "-"); raises an InputError naming
    the input (or the record) at the first one that cannot be read."""
    out: list[Document] = []
    limit = sniff.max_bytes(max_mb)
    listed = _listings([str(path)])
    for item in _iter_input(str(path), limit, _feed_pages(listed, limit), listed):
        if isinstance(item, Failure):
            raise _error_of(item)
        out.append(item)
    return out


def iter_documents(inputs: Iterable[str | Path], *, max_mb: float | None = None,
                   exclude: Iterable[str | Path] = ()) -> Iterator[Document | Failure]:
    """Every document in `inputs`, in order; an input or record that fails yields a Failure
    naming it and the rest go on. Files in `exclude` (e.g. the run's own output file inside
    an input folder) are never read."""
    limit = sniff.max_bytes(max_mb)
    items = [str(raw) for raw in inputs]
    listed = _listings(items)
    skip = _feed_pages(listed, limit) | {Path(p).resolve() for p in exclude}
    for item in items:
        try:
            yield from _iter_input(item, limit, skip, listed)
        except InputError as exc:
            yield Failure(uri=exc.input or item, code=exc.code, message=str(exc))
        except Exception as exc:  # noqa: BLE001 -- never stop a batch, even on a reader's bug
            yield _unexpected(item, exc)


def _iter_input(item: str, limit: int, skip: AbstractSet[Path] = frozenset(),
                listed: Mapping[str, list[Path]] | None = None) -> Iterator[Document | Failure]:
    """The documents of one input; files in `skip` (resolved paths) are left out. `listed`:
    the files of folders and globs, when already listed."""
    if item == STDIN:
        yield from read_bytes(sys.stdin.buffer.read(), STDIN_URI, limit)
        return
    path = Path(item)
    if path.is_dir():
        files = listed[item] if listed and item in listed else list(folder_files(path))
        if not files:
            raise InputNotFound(
                "the folder holds no article files (looked for "
                + ", ".join(ARTICLE_SUFFIXES[:9]) + ", …; hidden files are skipped)",
                input=item)
        for file in files:
            if not _skipped(file, skip):
                yield from _guarded(file, limit)
        return
    if path.is_file():
        if not _skipped(path, skip):
            yield from read_file(path, limit)
        return
    if _GLOB_CHARS & set(item):
        matches = listed[item] if listed and item in listed else _glob_files(item)
        if not matches:
            raise InputNotFound("the pattern matched no files", input=item)
        for file in matches:
            if not _skipped(file, skip):
                yield from _guarded(file, limit)
        return
    if path.exists():
        raise InputNotFound("is not a regular file or folder", input=item)
    raise InputNotFound("no such file or folder", input=item)


def _skipped(path: Path, skip: AbstractSet[Path]) -> bool:
    if not skip:
        return False
    try:
        return path.resolve() in skip
    except OSError:
        return False


def _input_files(item: str) -> list[Path]:
    """The files an input names (as the walk meets them), [] for stdin or nothing found."""
    if item == STDIN:
        return []
    path = Path(item)
    if path.is_dir():
        return list(folder_files(path))
    if path.is_file():
        return [path]
    if _GLOB_CHARS & set(item):
        return _glob_files(item)
    return []


def _glob_files(pattern: str) -> list[Path]:
    return sorted(Path(m) for m in glob.glob(pattern, recursive=True)
                  if Path(m).is_file() and not _hidden(Path(m)))


def _listings(items: list[str]) -> dict[str, list[Path]]:
    """The files each input names, listed once for the look-ahead and the walk."""
    listed: dict[str, list[Path]] = {}
    for item in items:
        try:
            listed[item] = _input_files(item)
        except OSError:
            continue  # the walk reports it
    return listed


def _feed_pages(listed: Mapping[str, list[Path]], limit: int) -> frozenset[Path]:
    """The local pages (resolved) that the feeds among the listed files read as entry
    articles. Best effort: a file that cannot be read here is reported by the walk itself."""
    pages: set[Path] = set()
    feeds: set[Path] = set()
    for files in listed.values():
        for file in files:
            try:
                data = _feed_bytes(file, limit)
                if data is None:
                    continue
                from .feed import linked_pages

                feeds.add(file.resolve())
                pages.update(p.resolve() for p in linked_pages(data, str(file)))
            except Exception:  # noqa: BLE001, S112 -- never fail the run while looking ahead
                continue
    return frozenset(pages - feeds)


def _feed_bytes(path: Path, limit: int) -> bytes | None:
    """The (decompressed) bytes of `path` if it is an RSS/Atom feed within the limit, else None."""
    with open(path, "rb") as fh:
        head = fh.read(_FEED_HEAD)
    gz = sniff.is_gzip(head)
    if gz:
        with open(path, "rb") as fh:
            head = sniff.inflate(fh.read, _FEED_HEAD).data
    if not _may_be_feed(head, path.name) or sniff.sniff_format(head, path.name) != "feed":
        return None
    if path.stat().st_size > limit:
        return None
    if not gz:
        return path.read_bytes()
    with open(path, "rb") as fh:
        result = sniff.inflate(fh.read, limit)
    return None if result.over else result.data


def _may_be_feed(head: bytes, name: str) -> bool:
    """A cheap first test: markup after optional BOM and white space (or UTF-16)."""
    if name.lower().removesuffix(".gz").endswith((".jsonl", ".ndjson")):
        return False
    start = head.removeprefix(b"\xef\xbb\xbf").lstrip()
    return start.startswith(b"<") or b"\x00" in head[:4]


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
        # sniff the decompressed start, even of a cut file: a cut WARC or JSON Lines file
        # still goes to its reader, which keeps what comes before the cut and reports it
        try:
            with open(path, "rb") as fh:
                unzipped = sniff.inflate(fh.read, _HEAD)
        except OSError as exc:
            raise InputNotFound(f"cannot be read ({exc.strerror or exc})", input=uri) from None
        if unzipped.problem and not unzipped.data:
            if not unzipped.truncated:
                raise BinaryInput(f"is not valid gzip data ({unzipped.problem})", input=uri)
            raise MalformedInput(f"is cut short: {unzipped.problem}, before any content",
                                 input=uri)
        inner = unzipped.data[:_HEAD]
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
    cut: str | None = None  # why gzip data stops early: what is read is all there is
    if sniff.is_gzip(data):
        unzipped = sniff.inflate(io.BytesIO(data).read, limit)
        if unzipped.over:
            raise sniff.too_large(len(unzipped.data), limit, uri)
        if unzipped.problem and not unzipped.data:
            if not unzipped.truncated:
                raise BinaryInput(f"is not valid gzip data ({unzipped.problem})", input=uri)
            raise MalformedInput(f"is cut short: {unzipped.problem}, before any content",
                                 input=uri)
        data, cut = unzipped.data, unzipped.problem
    if not data.strip():
        if cut:
            raise MalformedInput(f"is cut short: {cut}, before any text", input=uri)
        raise EmptyInput("is empty (no text to analyse)", input=uri)
    kind = sniff.binary_kind(data)
    if kind:
        raise BinaryInput(f"is {kind}, not text", input=uri)
    fmt = sniff.sniff_format(data[:_HEAD], name)
    if cut and fmt in ("html", "text"):
        # one page: a cut page is not analysed as if it were whole
        raise MalformedInput(f"is cut short: {cut} after {len(data)} bytes of {fmt}; the page "
                             "is incomplete, so it was not read", input=uri)
    if fmt == "warc":
        items = _temp_warc(data, uri)
    elif fmt == "feed":
        items = _feed(data, uri)
    elif fmt == "jsonl":
        text = sniff.decode(data, uri).text
        items = read_jsonl(io.StringIO(text), uri, limit=limit)
    elif fmt == "html":
        yield read_html(data, uri)
        return
    else:
        yield read_text(data, uri)
        return
    if not cut:
        yield from items
        return
    reported = False  # whether the reader itself reported damage to the whole input
    for item in items:
        reported = reported or (isinstance(item, Failure) and item.uri == uri)
        yield item
    if not reported:
        what = {"warc": "records", "feed": "entries", "jsonl": "records"}[fmt]
        yield _as_failure(MalformedInput(f"is cut short: {cut} after {len(data)} "
                                         f"decompressed bytes; the {what} before the cut "
                                         "were read", input=uri))


def _temp_warc(data: bytes, uri: str) -> Iterator[Document | Failure]:
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp) / "input.warc"
        tmp_path.write_bytes(data)
        yield from _warc(tmp_path, uri)


def _as_failure(exc: InputError) -> Failure:
    return Failure(uri=exc.input or "", code=exc.code, message=str(exc))


def _lines_up_to(fh, end: int | None, limit: int | None = None) -> Iterator[bytes | int]:
    """The lines of `fh` that start before byte `end` (all of them when `end` is None). A line
    longer than `limit` bytes is not kept: it is skipped in 1 MB steps and its size (an int)
    stands in its place, so a 1 GB line costs no more memory than the limit."""
    read = 0
    while end is None or read < end:
        raw = fh.readline() if limit is None else fh.readline(limit + 1)
        if not raw:
            return
        read += len(raw)
        if limit is not None and len(raw) > limit and not raw.endswith(b"\n"):
            size = len(raw)
            while True:
                rest = fh.readline(1 << 20)
                size += len(rest)
                read += len(rest)
                if not rest or rest.endswith(b"\n"):
                    break
            yield size
            continue
        yield raw


def _jsonl_file(path: Path, uri: str, limit: int, *, gz: bool) -> Iterator[Document | Failure]:
    opener = gzip.open if gz else open
    # Read only what the file held when we opened it: a file that grows while it is read
    # (`newstrace analyze . -f jsonl > out.jsonl` writes into the folder it reads) must end.
    end = None if gz else path.stat().st_size
    try:
        with opener(path, "rb") as fh:  # type: ignore[operator]
            lines = (raw.decode("utf-8-sig", "replace") if isinstance(raw, bytes) else raw
                     for raw in _lines_up_to(fh, end, limit))
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
