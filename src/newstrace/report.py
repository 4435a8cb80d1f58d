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


def _quotes(analysis: Analysis, console: Console) -> None:
    """Who said what: each speaker with their quotes and reported speech; quoted terms apart."""
    from rich.markup import escape  # quotes hold brackets ("[in the US]") rich would eat

    said = [*analysis.quotes, *analysis.reported_speech]
    items = [x for x in said if getattr(x, "kind", None) != "term"]
    if not items:
        return
    groups: dict[str, list] = {}
    for item in sorted(items, key=lambda x: x.span):
        who = item.speaker.name if item.speaker is not None else "(unattributed)"
        groups.setdefault(who, []).append(item)
    table = Table(title="Who said what", show_lines=True)
    table.add_column("Speaker", style="bold")
    table.add_column("Kind")
    table.add_column("Words")
    table.add_column("Cue", style="dim")
    for who, group in sorted(groups.items(), key=lambda kv: (kv[0] == "(unattributed)", -len(kv[1]))):
        for n, item in enumerate(group):
            kind = getattr(item, "kind", "reported")
            words = f"“{item.text}”" if kind != "reported" else item.text
            if len(words) > 300:
                words = words[:297] + "…"
            table.add_row(escape(who) if n == 0 else "", kind, escape(words),
                          escape(item.cue.text) if item.cue else "")
    console.print(table)
    terms = [q.text for q in analysis.quotes if q.kind == "term"]
    if terms:
        console.print("[bold]Quoted terms:[/bold] "
                      + escape(", ".join(f"“{t}”" for t in dict.fromkeys(terms))))


# Each part of the analysis adds its own section here, in reading order.
SECTIONS = [_header, _entities, _quotes]
