"""The rich terminal report of one Analysis."""

from __future__ import annotations

from rich.console import Console
from rich.panel import Panel
from rich.table import Table

from .model import Analysis


def print_report(analysis: Analysis, console: Console | None = None) -> None:
    console = console or Console()
    for section in SECTIONS:
        section(analysis, console)


def _header(analysis: Analysis, console: Console) -> None:
    meta = analysis.meta
    head = Table.grid(padding=(0, 2))
    head.add_column(style="bold cyan")
    head.add_column()
    for label, value in [
        ("Headline", meta.headline),
        ("Dek", meta.dek),
        ("By", ", ".join(meta.authors)),
        ("Published", meta.published),
        ("Dateline", meta.dateline),
        ("Origin", meta.origin_outlet),
        ("Republished by", " → ".join(meta.republished_by)),
        ("Source", analysis.source.uri),
    ]:
        if value:
            head.add_row(label, value)
    console.print(Panel(head, title="[bold]newstrace[/bold]", expand=False))
    if analysis.removed:
        console.print(f"[dim]Removed {len(analysis.removed)} block(s) of chrome: "
                      + ", ".join(sorted({r.reason for r in analysis.removed})) + "[/dim]")


def _entities(analysis: Analysis, console: Console) -> None:
    if analysis.entities:
        table = Table(title="Who is in it", show_lines=False)
        table.add_column("Name", style="bold")
        table.add_column("Type")
        table.add_column("Aliases")
        table.add_column("Roles")
        table.add_column("Mentions", justify="right")
        for e in sorted(analysis.entities, key=lambda e: -len(e.mentions)):
            table.add_row(e.name, e.type, ", ".join(e.aliases), "; ".join(e.roles),
                          str(len(e.mentions)))
        console.print(table)


# Each part of the analysis adds its own section here, in reading order.
SECTIONS = [_header, _entities]
