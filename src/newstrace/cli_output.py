"""How the CLI prints tables: a rich table in a terminal, plain rows everywhere else.

The rules follow sqlite-utils and Datasette: a terminal gets a table as wide as the terminal
that folds long cells (never cuts them); a pipe or a file gets `tsv` (one row a line, a header
line first) unless `--format` says otherwise; `csv` and `json` on request. Cell text is shown
as it is: no Rich markup is read from it ("[bold]" stays "[bold]") and control characters are
replaced, so article text cannot restyle or clear the user's terminal.
"""

from __future__ import annotations

import csv
import json
import os
import sys
from collections.abc import Sequence
from enum import Enum
from typing import Any, TextIO

from rich.console import Console
from rich.table import Table
from rich.text import Text

from .terminal import strip_controls


class TableFormat(str, Enum):
    table = "table"
    tsv = "tsv"
    csv = "csv"
    json = "json"


FORMAT_HELP = "table (default in a terminal), tsv (default when piped), csv or json."


def safe(text: object) -> str:
    """`text` with control, bidi and zero-width characters replaced by a visible U+FFFD
    (`newstrace.terminal.strip_controls`, the one definition).
    >>> safe("ok\\x1b[2J")
    'ok\\ufffd[2J'
    """
    return strip_controls(text)


def one_line(text: object) -> str:
    """A cell for a tab- or comma-separated row: safe, tabs and line breaks as spaces."""
    return safe(str(text).replace("\t", " ").replace("\r", " ").replace("\n", " "))


def resolve(fmt: TableFormat | None, stream: TextIO | None = None) -> TableFormat:
    """The format asked for, else table for a terminal and tsv for anything else."""
    if fmt is not None:
        return fmt
    stream = stream or sys.stdout
    return TableFormat.table if stream.isatty() else TableFormat.tsv


def emit(columns: Sequence[str], rows: Sequence[Sequence[Any]], fmt: TableFormat, *,
         title: str = "", payload: Any = None, stream: TextIO | None = None,
         sections: Sequence[bool] | None = None, wide: Sequence[str] = ()) -> None:
    """Print `rows` under `columns` in `fmt`. `payload` is what json prints (default: the rows
    as objects keyed by column); `sections[i]` draws a rule after row i in a table; columns
    named in `wide` are left out of a terminal table (they stay in tsv, csv and json)."""
    stream = stream or sys.stdout
    if fmt is TableFormat.table and wide:
        keep = [i for i, c in enumerate(columns) if c not in wide]
        columns = [columns[i] for i in keep]
        rows = [[row[i] for i in keep] for row in rows]
    if fmt is TableFormat.json:
        data = payload if payload is not None else [dict(zip(columns, r)) for r in rows]
        stream.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    elif fmt is TableFormat.tsv:
        stream.write("\t".join(columns) + "\n")
        for row in rows:
            stream.write("\t".join(one_line("" if c is None else c) for c in row) + "\n")
    elif fmt is TableFormat.csv:
        writer = csv.writer(stream, lineterminator="\n")
        writer.writerow(columns)
        for row in rows:
            writer.writerow([one_line("" if c is None else c) for c in row])
    else:
        table = Table(title=Text(safe(title)) if title else None)
        for col in columns:
            table.add_column(col, overflow="fold")
        for i, row in enumerate(rows):
            table.add_row(*(Text(safe("" if c is None else c)) for c in row),
                          end_section=bool(sections and sections[i]))
        width = None if stream.isatty() else int(os.environ.get("COLUMNS") or 160)
        Console(file=stream, highlight=False, width=width).print(table)


def plural(n: int, word: str, many: str | None = None) -> str:
    """'1 carrier', '2 carriers', '0 carriers'."""
    return f"{n} {word if n == 1 else (many or word + 's')}"
