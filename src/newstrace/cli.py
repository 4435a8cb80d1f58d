"""The `newstrace` command: a thin typer shell over the Python API."""

from __future__ import annotations

import json
import sys
from enum import Enum
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console

from . import AnalyzeOptions, __version__, analyze_many
from .errors import NewstraceError
from .model import Analysis, Failure

app = typer.Typer(
    name="newstrace",
    help="Read news the way a careful editor does: who said what, which claims stand on what, "
    "what happened, and how the story travels.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
err = Console(stderr=True, highlight=False)


class OutputFormat(str, Enum):
    report = "report"
    json = "json"
    jsonl = "jsonl"


def _version(value: bool) -> None:
    if value:
        typer.echo(f"newstrace {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                 help="Show the version and exit."),
) -> None:
    pass


def fail(message: str, code: int = 1) -> "typer.Exit":
    err.print(f"[red]error:[/red] {message}", markup=True, soft_wrap=True)
    return typer.Exit(code)


@app.command("analyze")
def analyze_cmd(
    paths: list[str] = typer.Argument(..., help="Files, folders, globs, or - for stdin."),
    format: Optional[OutputFormat] = typer.Option(
        None, "--format", "-f",
        help="report (default in a terminal), json (one article), jsonl (one line per article)."),
    stages: str = typer.Option("all", "--stages", help="Stop early: e.g. 'clean' (no spaCy), "
                               "'entities', 'quotes,claims'. Default: all."),
    model: Optional[str] = typer.Option(None, "--model", help="spaCy model (env NEWSTRACE_MODEL)."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write to this file."),
    batch_size: int = typer.Option(16, "--batch-size", min=1, help="Articles per nlp.pipe batch."),
    processes: int = typer.Option(1, "--processes", "-p", min=1, help="spaCy worker processes."),
) -> None:
    """Analyze articles. Python API: newstrace.analyze() / newstrace.analyze_many()."""
    try:
        options = AnalyzeOptions(stages=stages, model=model, batch_size=batch_size,
                                 n_process=processes)
        options.stage_list()
    except ValueError as exc:
        raise fail(str(exc), 2)
    fmt = format or (OutputFormat.report if sys.stdout.isatty() and output is None
                     else OutputFormat.json)
    results: list[Analysis] = []
    failures: list[Failure] = []
    streamed = 0
    out = open(output, "w", encoding="utf-8") if output else sys.stdout
    try:
        for item in analyze_many(paths, options):
            if isinstance(item, Failure):
                failures.append(item)
                err.print(f"[red]failed:[/red] {item.message}", soft_wrap=True, highlight=False)
                continue
            if fmt is OutputFormat.jsonl:
                out.write(item.to_json() + "\n")
                out.flush()
                streamed += 1
            else:
                results.append(item)
    except NewstraceError as exc:
        raise fail(str(exc))
    if fmt is OutputFormat.json:
        if len(results) == 1:
            out.write(results[0].to_json(indent=2) + "\n")
        elif results:
            out.write(json.dumps([r.to_dict() for r in results], ensure_ascii=False, indent=2) + "\n")
    elif fmt is OutputFormat.report:
        from .report import print_report

        console = Console(file=out) if output else Console()
        for result in results:
            print_report(result, console)
    if output:
        out.close()
    total = len(results) + streamed + len(failures)
    if failures:
        if total > 1 or len(paths) > 1:
            err.print(f"{total - len(failures)} of {total} articles analysed; "
                      f"{len(failures)} failed", highlight=False)
        raise typer.Exit(1)


@app.command("eval")
def eval_cmd(
    gold: Path = typer.Option(..., "--gold", help="A gold file or a folder of *.gold.json."),
    format: str = typer.Option("table", "--format", "-f", help="table or json."),
    model: Optional[str] = typer.Option(None, "--model", help="spaCy model."),
    details: bool = typer.Option(False, "--details", help="List every miss and extra per task."),
) -> None:
    """Score the pipeline against gold files. Python API: newstrace.evaluate.evaluate()."""
    from .evaluate import evaluate, print_scores

    try:
        scores = evaluate(gold, options=AnalyzeOptions(model=model))
    except NewstraceError as exc:
        raise fail(str(exc))
    if format == "json":
        typer.echo(json.dumps(scores, indent=2, ensure_ascii=False))
    else:
        print_scores(scores, Console(), details=details)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
