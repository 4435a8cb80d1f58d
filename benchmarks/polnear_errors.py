"""List the errors behind the PolNeAR figures, per article (the judged one-to-one matching).

    .venv/bin/python benchmarks/polnear_errors.py                 # every dev article
    .venv/bin/python benchmarks/polnear_errors.py --only nyt --kinds miss,extra
    .venv/bin/python benchmarks/polnear_errors.py --summary       # counts by kind and by cue

Kinds, for the pairing `polnear_attribution.Tally` makes (token F1 >= 0.5, greedy, one-to-one):
- `miss`: a gold Content no prediction matched. `near` when some prediction overlaps it in the
  text (a span boundary problem: the best token F1 is shown), else `none` (nothing found);
- `extra`: a prediction matched to no gold Content (with the best-overlapping gold, if any);
- `source`: a matched pair whose speaker mention does not overlap the gold Source.
Each line shows the gold Cue, so misses can be grouped by cue before any rule is changed. It
prints, it never changes anything; texts are the eval set's and stay out of the project.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

import polnear_attribution as pa  # noqa: E402


def gold_cues(path: Path, text: str) -> dict[tuple, str]:
    """Content fragments -> the text of their Cue (brat E lines)."""
    spans, out = {}, {}
    lines = path.read_text(encoding="utf-8").splitlines()
    for line in lines:
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2:
            label, _, ranges = parts[1].partition(" ")
            spans[parts[0]] = (label, tuple(tuple(int(x) for x in r.split()) for r in ranges.split(";")))
    for line in lines:
        if line.startswith("E"):
            args = dict(a.split(":", 1) for a in line.split("\t")[1].split() if ":" in a)
            c, q = args.get("Content"), args.get("Cue")
            if c in spans and q in spans:
                out[spans[c][1]] = " … ".join(text[s:e] for s, e in spans[q][1])
    return out


def pairs(golds, text, preds, threshold=0.5):
    targets = []
    for g in golds:
        ts = [pa.tokens(g.text)] + ([pa.tokens(text[s:e]) for s, e in g.fragments]
                                    if len(g.fragments) > 1 else [])
        targets.append(ts)
    ptoks = [pa.tokens(p.text) for p in preds]
    cand = []
    for gi, ts in enumerate(targets):
        for pi, pt in enumerate(ptoks):
            f1 = max(pa.token_f1(pt, t) for t in ts)
            if f1 >= threshold:
                cand.append((f1, gi, pi))
    match: dict[int, int] = {}
    used = set()
    for _, gi, pi in sorted(cand, key=lambda x: (-x[0], x[1], x[2])):
        if gi in match or pi in used:
            continue
        match[gi] = pi
        used.add(pi)
    return targets, ptoks, match


def short(s: str, n: int = 160) -> str:
    s = " ".join(s.split())
    return s if len(s) <= n else s[: n - 40] + " … " + s[-36:]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--only", default="", help="substring of article names")
    ap.add_argument("--kinds", default="miss,extra,source")
    ap.add_argument("--limit", type=int)
    ap.add_argument("--summary", action="store_true", help="only the counts")
    args = ap.parse_args(argv)
    kinds = set(args.kinds.split(","))

    from newstrace import nlp as nlp_module
    from newstrace.model import Article, Source
    from newstrace.pipeline import AnalyzeOptions, Runner

    runner = Runner(AnalyzeOptions(stages="speech"))
    nlp = nlp_module.load()
    counts, miss_cues, extra_cues = Counter(), Counter(), Counter()
    for path, ann in pa.articles(pa.eval_dir() / "polnear-dev", args.limit):
        if args.only not in path.name:
            continue
        text = path.read_text(encoding="utf-8")
        golds = pa.parse_ann(ann, text)
        cues = gold_cues(ann, text)
        analysis = runner.analyze_doc(Article(source=Source(uri=str(path)), text=text), nlp(text))
        preds = pa.newstrace_predictions(analysis)
        cue_of = {}
        for r in analysis.reported_speech:
            cue_of[r.span] = r.cue.text if r.cue else "?"
        for q in analysis.quotes:
            cue_of.setdefault(q.span, ("Q:" + q.cue.text) if getattr(q, "cue", None) else "Q")
        targets, ptoks, match = pairs(golds, text, preds)
        lines = []
        for gi, g in enumerate(golds):
            cue = cues.get(tuple(g.fragments), "?")
            src = " | ".join(text[s:e] for s, e in g.sources) or "-"
            if gi not in match:
                best = max((max(pa.token_f1(pt, t) for t in targets[gi]), pi)
                           for pi, pt in enumerate(ptoks)) if preds else (0.0, -1)
                near = any(pa.overlaps(p.span, f) for p in preds for f in g.fragments)
                kind = "near" if near else "none"
                counts["miss_" + kind] += 1
                miss_cues[cue.lower()] += 1
                if "miss" in kinds:
                    lines.append((g.fragments[0][0], f"  MISS/{kind} cue={cue!r} src={src!r} "
                                  f"best={best[0]:.2f}\n      G: {short(g.text)}"
                                  + (f"\n      P: {short(preds[best[1]].text)}" if near and best[1] >= 0 else "")))
            else:
                p = preds[match[gi]]
                counts["match"] += 1
                if g.sources:
                    ok = p.speaker is not None and any(pa.overlaps(p.speaker, s) for s in g.sources)
                    counts["src_ok" if ok else "src_bad"] += 1
                    if not ok and "source" in kinds:
                        who = text[p.speaker[0]:p.speaker[1]] if p.speaker else None
                        lines.append((g.fragments[0][0], f"  SOURCE cue={cue!r} gold={src!r} ours={who!r}"
                                      f"\n      G: {short(g.text, 100)}"))
        used = set(match.values())
        for pi, p in enumerate(preds):
            if pi in used:
                continue
            counts["extra"] += 1
            cue = cue_of.get(p.span, "Q" if p.quote else "?")
            extra_cues[cue.lower()] += 1
            if "extra" in kinds:
                over = [g for g in golds if any(pa.overlaps(p.span, f) for f in g.fragments)]
                best = max((pa.token_f1(ptoks[pi], t) for t in targets[golds.index(over[0])]),
                           default=0) if over else 0
                who = text[p.speaker[0]:p.speaker[1]] if p.speaker else None
                lines.append((p.span[0], f"  EXTRA cue={cue!r} who={who!r} quote={p.quote} "
                              f"f1={best:.2f}\n      P: {short(p.text)}"
                              + (f"\n      G: {short(over[0].text)}" if over else "")))
        if lines and not args.summary:
            print(f"== {path.name}")
            for _, line in sorted(lines, key=lambda x: x[0]):
                print(line)
    print("counts:", dict(counts))
    print("miss cues:", miss_cues.most_common(40))
    print("extra cues:", extra_cues.most_common(25))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
