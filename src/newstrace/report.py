"""The rich terminal report of one Analysis."""

from __future__ import annotations

from rich.console import Console
from rich.panel import Panel
from rich.table import Table

from .model import Analysis
from .terminal import escape  # article text holds brackets ("[in the US]") and worse


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
            head.add_row(label, escape(value))
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
            table.add_row(escape(e.name), e.type, escape(", ".join(e.aliases)),
                          escape("; ".join(e.roles)),
                          str(len(e.mentions)))
        console.print(table)


def _quotes(analysis: Analysis, console: Console) -> None:
    """Who said what: each speaker with their quotes and reported speech; quoted terms apart."""

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


def _when_key(value: str | None) -> tuple[int, int, int]:
    """A sortable (year, month, day) for an ISO value of any precision ("2025-W36", "199X")."""
    import re
    from datetime import date

    if not value:
        return (9999, 99, 99)
    value = value.split("/")[0]
    if m := re.fullmatch(r"(\d{4})-W(\d{2})", value):
        d = date.fromisocalendar(int(m[1]), int(m[2]), 1)
        return (d.year, d.month, d.day)
    if m := re.fullmatch(r"(\d{4})-(SP|SU|FA|WI)", value):
        return (int(m[1]), {"SP": 3, "SU": 6, "FA": 9, "WI": 12}[m[2]], 0)
    if m := re.fullmatch(r"(\d{3})X", value):
        return (int(m[1]) * 10, 0, 0)
    parts = [int(p) for p in re.findall(r"\d+", value)[:3]]
    return tuple(parts + [0] * (3 - len(parts)))  # type: ignore[return-value]


def _timeline(analysis: Analysis, console: Console) -> None:
    """What happened: the article's events in date order (undated ones last, in text order)."""

    if not analysis.events:
        return
    table = Table(title="Timeline of events", show_lines=False)
    table.add_column("When", style="cyan", no_wrap=True)
    table.add_column("Event", style="bold")
    table.add_column("Status")
    table.add_column("Actor")
    table.add_column("Target")
    table.add_column("Trigger", style="dim")
    table.add_column("Figures")
    for ev in sorted(analysis.events, key=lambda e: (_when_key(e.when), e.trigger.span)):
        kind = ev.type + (f" ({ev.mode})" if ev.mode else "")
        status = ev.status if ev.status == "asserted" else f"[yellow]{ev.status}[/yellow]"
        figures = ", ".join(f"{k} {v:,}" for k, v in ev.quantities.items())
        table.add_row(ev.when or "—", kind, status,
                      escape(ev.actor.name) if ev.actor else "", escape(ev.target.name) if ev.target else "",
                      escape(ev.trigger.text), figures)
    console.print(table)


_BADGES = {"unsupported": "red", "contested": "magenta", "supported": "green",
           "reported": "cyan", "unqualified": "dim"}


def _claims(analysis: Analysis, console: Console) -> None:
    """Claims grouped by claimant, each with its evidence badges, hedges and sources."""

    if not analysis.claims:
        return
    groups: dict[str, list] = {}
    for claim in analysis.claims:
        who = claim.claimant.name if claim.claimant is not None else "(unattributed)"
        groups.setdefault(who, []).append(claim)
    table = Table(title="Claims and their evidence", show_lines=True)
    table.add_column("Claimant", style="bold")
    table.add_column("Claim")
    table.add_column("Evidence")
    table.add_column("Hedges / sources", style="dim")
    for who, group in sorted(groups.items(), key=lambda kv: (kv[0] == "(unattributed)", kv[1][0].span)):
        for n, claim in enumerate(group):
            text = claim.text if len(claim.text) <= 300 else claim.text[:297] + "…"
            badges = []
            for label in claim.evidence:
                cue = next((c.text for c in claim.evidence_cues if c.label == label), None)
                badge = f"[{_BADGES[label]}]■ {label}[/{_BADGES[label]}]"
                badges.append(badge + (f" [dim]({escape(cue)})[/dim]" if cue else ""))
            extras = [f"~ {h.text}" for h in claim.hedges] + [f"↳ {s.name}" for s in claim.sources]
            table.add_row(escape(who) if n == 0 else "", escape(text), "\n".join(badges),
                          escape("\n".join(extras)))
    console.print(table)


# Each part of the analysis adds its own section here, in reading order.
SECTIONS = [_header, _entities, _quotes, _claims, _timeline]
