"""Text from articles, safe to show in a terminal.

Article text is data, never instructions to the terminal: Rich markup in it (`[bold red]`,
`[link=https://…]`) must print as the brackets it is, and control characters (ESC sequences
that clear the screen or set a hyperlink, BEL, backspace, carriage return, bidi overrides)
must not reach the terminal. The cleaner already drops control characters from article text;
these helpers guard everything else shown (file names, metadata, database contents).
"""

from __future__ import annotations

import re

from rich.markup import escape as _escape_markup
from rich.text import Text

# C0 controls but tab and newline, DEL, C1 controls, zero-width characters and direction marks,
# bidi embeddings/overrides/isolates
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")


def strip_controls(value: object) -> str:
    """`value` as a string with every terminal control character replaced by U+FFFD."""
    return _UNSAFE.sub("\ufffd", "" if value is None else str(value))


def escape(value: object) -> str:
    """`value` for a Rich markup string: controls replaced, markup brackets escaped."""
    return _escape_markup(strip_controls(value))


def plain(value: object) -> Text:
    """`value` as a Rich Text (never read as markup), controls replaced."""
    return Text(strip_controls(value))
