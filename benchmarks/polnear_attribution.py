"""Quote attribution on PolNeAR (dev split): newstrace against textacy's `direct_quotations`.

    .venv/bin/python benchmarks/polnear_attribution.py [--limit N] [--json] [--details FILE]

Reads `../shared/eval/polnear-dev` (override the eval folder with NEWSTRACE_EVAL_DIR). Each
article's raw text is turned into an `Article` as it stands, so every offset is the file's own;
it is parsed once with spaCy and the same Doc is given to both systems.

Gold: the brat `Content` spans of each article, with the `Source` spans tied to them by `E`
lines. An article annotated by several people is scored against ONE annotator: the first
`.ann` file in sorted order (the same choice every run).

Predictions: newstrace's reported speech plus its quotes of kind direct or partial (a quote that
lies inside a predicted reported-speech content is the same attribution and is not counted
twice; `term` quotes have no speaker and are left out); textacy's direct-quotation triples.

Matching: a prediction matches a gold Content when the token F1 of their texts (lower-cased
word tokens, punctuation and quote marks ignored) is >= 0.5. A Content that PolNeAR splits
around its cue ("“A,” said X. “B.”") is also matched by a prediction of one of its parts.
A quote interrupted by its attribution, which newstrace gives as two quotes with one
speaker, is scored as one prediction (PolNeAR's single Content; see `join_interrupted`).
The judged figure is one-to-one: pairs are taken greedily by token F1 (best first), each
prediction and each gold Content used once. The many-to-one rows beside it let one prediction
match several gold Contents: precision = predictions matching some gold Content / predictions;
recall = gold Contents matched by some prediction. Source accuracy: over matched gold Contents that have a Source,
the share whose best-matching prediction's speaker mention overlaps a gold Source span.
The "quoted" rows restrict recall to gold Contents that start with a quote mark and precision
to predictions that are quotes (newstrace direct/partial quotes, all of textacy's).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

QUOTE_START = "\"“‘'«„"
WORD = re.compile(r"\w+")


def eval_dir() -> Path:
    env = os.environ.get("NEWSTRACE_EVAL_DIR")
    return Path(env) if env else Path(__file__).resolve().parents[1].parent / "shared" / "eval"


@dataclass
class Gold:
    fragments: list[tuple[int, int]]
    text: str
    sources: list[tuple[int, int]] = field(default_factory=list)

    @property
    def quoted(self) -> bool:
        return self.text.lstrip()[:1] in QUOTE_START


@dataclass
class Pred:
    text: str
    span: tuple[int, int]
    speaker: tuple[int, int] | None
    quote: bool
    who: str | None = None  # the speaker's entity (or name): joins the parts of one quote
    cue: tuple[int, int] | None = None


def parse_ann(path: Path, text: str) -> list[Gold]:
    spans: dict[str, tuple[str, list[tuple[int, int]]]] = {}
    links: list[dict[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2:
            label, _, ranges = parts[1].partition(" ")
            frags = []
            for rng in ranges.split(";"):
                s, e = rng.split()
                frags.append((int(s), int(e)))
            spans[parts[0]] = (label, frags)
        elif line.startswith("E") and len(parts) >= 2:
            links.append(dict(arg.split(":", 1) for arg in parts[1].split() if ":" in arg))
    golds: dict[str, Gold] = {}
    for tid, (label, frags) in spans.items():
        if label == "Content":
            golds[tid] = Gold(frags, " ".join(text[s:e] for s, e in frags))
    for link in links:
        content, source = link.get("Content"), link.get("Source")
        if content in golds and source in spans:
            golds[content].sources.extend(spans[source][1])
    return list(golds.values())


def tokens(text: str) -> Counter:
    return Counter(w.casefold() for w in WORD.findall(text))


def token_f1(a: Counter, b: Counter) -> float:
    common = sum((a & b).values())
    if not common:
        return 0.0
    p, r = common / sum(a.values()), common / sum(b.values())
    return 2 * p * r / (p + r)


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


class Tally:
    def __init__(self) -> None:
        self.c = Counter()

    def add(self, golds: list[Gold], text: str, preds: list[Pred], threshold: float = 0.5) -> None:
        targets = []
        for g in golds:
            ts = [tokens(g.text)]
            if len(g.fragments) > 1:
                ts += [tokens(text[s:e]) for s, e in g.fragments]
            targets.append(ts)
        pred_toks = [tokens(p.text) for p in preds]
        # precision
        for p, pt in zip(preds, pred_toks):
            hit = any(token_f1(pt, t) >= threshold for ts in targets for t in ts)
            self.c["pred"] += 1
            self.c["pred_hit"] += hit
            if p.quote:
                self.c["qpred"] += 1
                self.c["qpred_hit"] += hit
        # recall and sources
        for g, ts in zip(golds, targets):
            best, best_f1 = None, 0.0
            for p, pt in zip(preds, pred_toks):
                f1 = max(token_f1(pt, t) for t in ts)
                if f1 > best_f1:
                    best, best_f1 = p, f1
            matched = best_f1 >= threshold
            self.c["gold"] += 1
            self.c["gold_hit"] += matched
            if g.quoted:
                self.c["qgold"] += 1
                self.c["qgold_hit"] += matched
            if matched and g.sources:
                ok = best.speaker is not None and any(overlaps(best.speaker, s) for s in g.sources)
                self.c["src"] += 1
                self.c["src_ok"] += ok
                if g.quoted:
                    self.c["qsrc"] += 1
                    self.c["qsrc_ok"] += ok
        self._one_to_one(golds, targets, preds, pred_toks, threshold)

    def _one_to_one(self, golds: list[Gold], targets: list[list[Counter]], preds: list[Pred],
                    pred_toks: list[Counter], threshold: float) -> None:
        """Each prediction matches at most one gold Content and each Content at most one
        prediction: pairs are taken greedily by token F1, best first (the judged figure)."""
        pairs = []
        for gi, ts in enumerate(targets):
            for pi, pt in enumerate(pred_toks):
                f1 = max(token_f1(pt, t) for t in ts)
                if f1 >= threshold:
                    pairs.append((f1, gi, pi))
        used_g: set[int] = set()
        used_p: set[int] = set()
        for _, gi, pi in sorted(pairs, key=lambda x: (-x[0], x[1], x[2])):
            if gi in used_g or pi in used_p:
                continue
            used_g.add(gi)
            used_p.add(pi)
            self.c["o2o_hit"] += 1
            g, p = golds[gi], preds[pi]
            if g.sources:
                self.c["o2o_src"] += 1
                self.c["o2o_src_ok"] += (p.speaker is not None
                                         and any(overlaps(p.speaker, s) for s in g.sources))

    def scores(self) -> dict[str, float]:
        c = self.c

        def div(a: str, b: str) -> float:
            return c[a] / c[b] if c[b] else 0.0

        def f1(p: float, r: float) -> float:
            return 2 * p * r / (p + r) if p + r else 0.0

        p, r = div("pred_hit", "pred"), div("gold_hit", "gold")
        qp, qr = div("qpred_hit", "qpred"), div("qgold_hit", "qgold")
        op, orr = div("o2o_hit", "pred"), div("o2o_hit", "gold")
        return {
            "one_to_one_precision": op, "one_to_one_recall": orr, "one_to_one_f1": f1(op, orr),
            "one_to_one_source_accuracy": div("o2o_src_ok", "o2o_src"),
            "precision": p, "recall": r, "f1": f1(p, r),
            "quoted_precision": qp, "quoted_recall": qr, "quoted_f1": f1(qp, qr),
            "source_accuracy": div("src_ok", "src"), "quoted_source_accuracy": div("qsrc_ok", "qsrc"),
            "predictions": c["pred"], "gold": c["gold"], "quoted_gold": c["qgold"],
        }


def _who(agent) -> str | None:
    return (agent.entity or agent.name) if agent is not None else None


def newstrace_predictions(analysis) -> list[Pred]:
    """Reported speech, then the direct and partial quotes that are not part of a reported
    speech already: a quote is the same attribution as a reported speech when at least half of
    the quote lies inside that content (newstrace trims the closing period and mark of a
    content, "knows that “A.”" gives the content `A` and the quote `A.`)."""
    rs = [r.span for r in analysis.reported_speech]
    preds = [Pred(r.text, r.span, r.speaker.span if r.speaker else None, False, _who(r.speaker),
                  r.cue.span if r.cue else None)
             for r in analysis.reported_speech]
    for q in analysis.quotes:
        if q.kind == "term":
            continue
        size = max(1, q.span[1] - q.span[0])
        if any(min(e, q.span[1]) - max(s, q.span[0]) >= 0.5 * size for s, e in rs):
            continue
        preds.append(Pred(q.text, q.span, q.speaker.span if q.speaker else None, True,
                          _who(q.speaker), q.cue.span if q.cue else None))
    return join_interrupted(preds, analysis.text)


def join_interrupted(preds: list[Pred], text: str) -> list[Pred]:
    """PolNeAR annotates a quote interrupted by its attribution ("“A,” X said, “B.”", also
    "“A?” X asked. “B.”") as ONE Content with two fragments; newstrace gives two quotes with
    one speaker (the news-dev guide's convention). Map ours to theirs: two quotes in one
    paragraph with the same speaker (or the second without one), the attribution between them
    (the gap, no other quote in it, holds the cue of one of them), become one prediction."""
    out: list[Pred] = []
    for p in sorted(preds, key=lambda p: p.span):
        prev = out[-1] if out else None
        if prev is not None and prev.quote and p.quote and _one_quote(prev, p, text):
            out[-1] = Pred(prev.text + " " + p.text, (prev.span[0], p.span[1]), prev.speaker, True,
                           prev.who, prev.cue)
            continue
        out.append(p)
    return out


def _one_quote(prev: Pred, p: Pred, text: str) -> bool:
    gap = (prev.span[1], p.span[0])
    between = text[gap[0]:gap[1]]
    if (not 0 <= gap[1] - gap[0] <= 300 or "\n" in between or prev.speaker is None
            or any(m in between.strip(QUOTE_START + "”’ ,.?!") for m in ('"', "“", "”", "''", "«", "„"))):
        return False
    if not (p.who is None or p.who == prev.who or p.speaker == prev.speaker):
        return False
    if prev.text.rstrip().endswith(","):
        return True
    cue = prev.cue or p.cue
    return cue is not None and gap[0] <= cue[0] < gap[1]


def textacy_predictions(doc) -> list[Pred]:
    from textacy.extract.triples import direct_quotations

    preds = []
    try:
        for triple in direct_quotations(doc):
            content = triple.content
            speaker = None
            if triple.speaker:
                speaker = (min(t.idx for t in triple.speaker),
                           max(t.idx + len(t.text) for t in triple.speaker))
            preds.append(Pred(content.text, (content.start_char, content.end_char), speaker, True))
    except ValueError:
        pass  # textacy gives up on an article with an odd number of quote marks
    return preds


def articles(root: Path, limit: int | None):
    ann_dir = root / "attributions"
    for path in sorted((root / "text").glob("*.txt"))[:limit]:
        anns = sorted(ann_dir.glob(path.stem + "_*.ann"))
        if anns:
            yield path, anns[0]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--limit", type=int, default=None, help="only the first N articles")
    ap.add_argument("--json", action="store_true", help="print the scores as JSON")
    ap.add_argument("--details", type=Path, help="write per-article misses to this JSONL file")
    args = ap.parse_args(argv)

    root = eval_dir() / "polnear-dev"
    if not root.is_dir():
        print(f"polnear-dev not found at {root}; set NEWSTRACE_EVAL_DIR", file=sys.stderr)
        return 2

    from newstrace import nlp as nlp_module
    from newstrace.model import Article, Source
    from newstrace.pipeline import AnalyzeOptions, Runner

    runner = Runner(AnalyzeOptions(stages="speech"))
    nlp = nlp_module.load()
    ours, theirs = Tally(), Tally()
    timing = Counter()
    details = args.details.open("w", encoding="utf-8") if args.details else None
    n = 0
    for path, ann in articles(root, args.limit):
        text = path.read_text(encoding="utf-8")
        golds = parse_ann(ann, text)
        t0 = time.perf_counter()
        doc = nlp(text)
        t1 = time.perf_counter()
        analysis = runner.analyze_doc(Article(source=Source(uri=str(path)), text=text), doc)
        t2 = time.perf_counter()
        tx = textacy_predictions(doc)
        t3 = time.perf_counter()
        timing["parse"] += t1 - t0
        timing["newstrace"] += t2 - t1
        timing["textacy"] += t3 - t2
        mine = newstrace_predictions(analysis)
        ours.add(golds, text, mine)
        theirs.add(golds, text, tx)
        n += 1
        if details is not None:
            details.write(json.dumps({
                "article": path.name,
                "gold": [{"text": g.text, "sources": [text[s:e] for s, e in g.sources]} for g in golds],
                "newstrace": [{"text": p.text, "speaker": text[p.speaker[0]:p.speaker[1]] if p.speaker else None,
                               "quote": p.quote} for p in mine],
            }, ensure_ascii=False) + "\n")
    if details is not None:
        details.close()

    results = {"articles": n, "newstrace": ours.scores(), "textacy": theirs.scores(),
               "seconds": {k: round(v, 2) for k, v in timing.items()}}
    if args.json:
        print(json.dumps(results, indent=2))
        return 0
    print(f"PolNeAR dev: {n} articles, {results['newstrace']['gold']} gold contents "
          f"({results['newstrace']['quoted_gold']} start with a quote mark); "
          "match = token F1 >= 0.5; one annotator per article (first .ann file)")
    rows = [("one-to-one precision", "one_to_one_precision"),
            ("one-to-one recall", "one_to_one_recall"), ("one-to-one F1 (judged)", "one_to_one_f1"),
            ("one-to-one source acc.", "one_to_one_source_accuracy"),
            ("content precision", "precision"), ("content recall", "recall"), ("content F1", "f1"),
            ("quoted precision", "quoted_precision"), ("quoted recall", "quoted_recall"),
            ("quoted F1", "quoted_f1"), ("source accuracy", "source_accuracy"),
            ("quoted source accuracy", "quoted_source_accuracy"), ("predictions", "predictions")]
    print(f"{'':26}{'newstrace':>12}{'textacy':>12}")
    for label, key in rows:
        a, b = results["newstrace"][key], results["textacy"][key]
        fmt = (lambda v: f"{v:12d}") if isinstance(a, int) else (lambda v: f"{v:12.3f}")
        print(f"{label:26}{fmt(a)}{fmt(b)}")
    s = results["seconds"]
    print(f"time: spaCy parse {s['parse']}s, newstrace entities+quotes+speech {s['newstrace']}s, "
          f"textacy {s['textacy']}s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
