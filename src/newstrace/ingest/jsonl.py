"""JSON Lines: one article a line, `{"text": …}` or `{"html": …}`, plus optional `id`, `url`,
`title`, `date`, `outlet`. A record's text is taken at its word (see DESIGN.md)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator

from ..errors import EmptyInput, InputError, MalformedInput
from ..model import Document, Failure, Source
from .sniff import max_bytes, too_large

_OPTIONAL = ("title", "date", "outlet")


def read_jsonl(lines: Iterable[str | int], uri: str, *, limit: int, first_line: int = 1
               ) -> Iterator[Document | Failure]:
    """One Document per record; a broken record yields a Failure naming `uri:line`.
    `first_line`: the line number of the first of `lines` (a slice of a bigger file). An int
    among `lines` is the byte size of a line too large to have been read."""
    for number, line in enumerate(lines, start=first_line):
        where = f"{uri}:{number}"
        if isinstance(line, int):
            exc = too_large(line, limit, where)
            yield Failure(uri=where, code=exc.code, message=str(exc))
            continue
        if not line.strip():
            continue
        try:
            yield record_document(line, where, limit=limit)
        except InputError as exc:
            yield Failure(uri=where, code=exc.code, message=str(exc))


def record_document(line: str, where: str, *, limit: int) -> Document:
    if len(line) > limit:
        raise too_large(len(line.encode("utf-8")), limit, where)
    try:
        record = json.loads(line)
    except ValueError as exc:
        raise MalformedInput(f"is not a JSON record ({exc.args[0]})", input=where) from None
    return document_from_record(record, where)


def document_from_record(record: object, where: str = "<record>") -> Document:
    """A Document from one parsed JSON record `{"text": …}` or `{"html": …}` with optional
    `id`, `url`, `title`, `date`, `outlet` (what a JSON Lines line holds)."""
    if not isinstance(record, dict):
        raise MalformedInput("is not a JSON object", input=where)
    kind = "html" if isinstance(record.get("html"), str) and record["html"].strip() else "text"
    content = record.get(kind)
    if content is None and "text" not in record and "html" not in record:
        raise MalformedInput('has neither a "text" nor an "html" field', input=where)
    if not isinstance(content, str):
        raise MalformedInput(f'its "{kind}" field is not a string', input=where)
    if not content.strip():
        raise EmptyInput(f'its "{kind}" field is empty', input=where)
    meta = {}
    for key in _OPTIONAL:
        value = record.get(key)
        meta[key] = str(value).strip() if value not in (None, "") else None
    record_id = record.get("id")
    url = record.get("url")
    return Document(
        source=Source(uri=where, format="jsonl",
                      record_id=str(record_id) if record_id is not None else None,
                      url=str(url) if url else None),
        content=content,
        content_type=kind,  # type: ignore[arg-type]
        encoding="utf-8",
        **meta,
    )


def read_json_records(data: bytes | str, uri: str) -> list[Document | Failure]:
    """The articles of a JSON document that is one record (an object, as a JSON Lines line
    holds) or an array of records; a broken record yields a Failure naming `uri:N`."""
    limit = max_bytes()
    if len(data) > limit:
        raise too_large(len(data), limit, uri)
    try:
        value = json.loads(data)
    except ValueError as exc:
        raise MalformedInput(f"is not JSON ({exc.args[0]})", input=uri) from None
    if isinstance(value, dict):
        return [document_from_record(value, uri)]
    if not isinstance(value, list):
        raise MalformedInput("is neither a JSON record (object) nor a list of records",
                             input=uri)
    if not value:
        raise EmptyInput("is an empty list of records", input=uri)
    out: list[Document | Failure] = []
    for number, record in enumerate(value, start=1):
        try:
            out.append(document_from_record(record, f"{uri}:{number}"))
        except InputError as exc:
            out.append(Failure(uri=f"{uri}:{number}", code=exc.code, message=str(exc)))
    return out
