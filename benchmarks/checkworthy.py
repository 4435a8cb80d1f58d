"""Check-worthiness: the shipped model against a TF-IDF + logistic-regression baseline.

    .venv/bin/python benchmarks/checkworthy.py [--debates-out]

Both are trained on ClaimBuster train (the baseline here, the shipped model by
scripts/train_checkworthy.py) and scored (F1 of the check-worthy class, threshold 0.5) on:
- ClaimBuster test (../shared/eval/claimbuster/test.json, same debates as train). Most of it is
  not held out: about three quarters of its sentences (same sentence_id, same text, same label)
  are also in train.json, so its F1 is printed twice, on all of it and on the sentences that are
  not in train (few, and mostly check-worthy only at lower annotator agreement);
- benchmarks/data/checkworthy_crossdomain.tsv: news and speech sentences outside the debates,
  composed and labelled by the newstrace authors;
- the component as the pipeline runs it (model blended with the attributed-claim and
  evidence-cue signals of the analysis) on the cross-domain sentences;
- with --debates-out: leave-debates-out cross-validation (8 contiguous sentence_id blocks, i.e.
  groups of debates), where both models are retrained per fold (slow: parses the train set).
Also prints the model's inference speed in sentences per second.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score, precision_score, recall_score

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "scripts"))

from newstrace import nlp as nlp_module  # noqa: E402
from newstrace.analyze.checkworthy import load_model, sentence_features  # noqa: E402


def eval_dir() -> Path:
    return Path(os.environ.get("NEWSTRACE_EVAL_DIR") or ROOT.parent / "shared" / "eval")


def load_claimbuster(name: str) -> tuple[list[str], np.ndarray, np.ndarray]:
    rows = json.loads((eval_dir() / "claimbuster" / name).read_text(encoding="utf-8"))
    return ([r["text"] for r in rows], np.array([int(r["label"]) for r in rows]),
            np.array([int(r["sentence_id"]) for r in rows]))


def load_crossdomain() -> tuple[list[str], np.ndarray]:
    path = ROOT / "benchmarks" / "data" / "checkworthy_crossdomain.tsv"
    rows = [line.split("\t", 1) for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")][1:]
    return [r[1] for r in rows], np.array([int(r[0]) for r in rows])


def baseline(train_texts, train_y, balanced: bool = False):
    """TF-IDF (word uni+bigrams) + logistic regression, sklearn defaults otherwise
    (`balanced`: class-balanced weights, the stronger variant)."""
    vec = TfidfVectorizer(ngram_range=(1, 2))
    clf = LogisticRegression(max_iter=2000, class_weight="balanced" if balanced else None)
    clf.fit(vec.fit_transform(train_texts), train_y)
    return lambda texts: clf.predict_proba(vec.transform(texts))[:, 1]


def scores(y, p) -> str:
    pred = p >= 0.5
    return (f"F1 {f1_score(y, pred):.3f}  (P {precision_score(y, pred, zero_division=0):.3f} "
            f"R {recall_score(y, pred):.3f})")


def debates_out(texts, y, ids, feats, folds: int = 8) -> None:
    import train_checkworthy as tc

    edges = np.quantile(ids, np.linspace(0, 1, folds + 1)[1:-1])
    groups = np.searchsorted(edges, ids)
    base_f1, bal_f1, ours_f1 = [], [], []
    for g in range(folds):
        trn, tst = np.where(groups != g)[0], np.where(groups == g)[0]
        base = baseline([texts[i] for i in trn], y[trn])
        base_f1.append(f1_score(y[tst], base([texts[i] for i in tst]) >= 0.5))
        bal = baseline([texts[i] for i in trn], y[trn], balanced=True)
        bal_f1.append(f1_score(y[tst], bal([texts[i] for i in tst]) >= 0.5))
        vecs, clf = tc.fit([feats[i] for i in trn], y[trn])
        ours_f1.append(f1_score(y[tst], tc.predict(vecs, clf, [feats[i] for i in tst]) >= 0.5))
        print(f"  fold {g} (ids {ids[tst].min()}–{ids[tst].max()}): baseline "
              f"{base_f1[-1]:.3f}  balanced {bal_f1[-1]:.3f}  newstrace {ours_f1[-1]:.3f}")
    print(f"leave-debates-out mean F1: baseline {np.mean(base_f1):.3f}  balanced "
          f"{np.mean(bal_f1):.3f}  newstrace {np.mean(ours_f1):.3f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--debates-out", action="store_true", help="also run leave-debates-out CV")
    args = ap.parse_args()

    nlp = nlp_module.load()
    model = load_model()
    train_texts, train_y, train_ids = load_claimbuster("train.json")
    test_texts, test_y, _ = load_claimbuster("test.json")
    cross_texts, cross_y = load_crossdomain()
    base = baseline(train_texts, train_y)
    base_bal = baseline(train_texts, train_y, balanced=True)

    def ours(texts: list[str]) -> np.ndarray:
        return model.predict_proba([sentence_features(d, d.text) for d in nlp.pipe(texts)])

    test_ids = load_claimbuster("test.json")[2]
    unseen = ~np.isin(test_ids, train_ids)
    print(f"note: {int((~unseen).sum())} of {len(test_ids)} ClaimBuster test sentences are also in "
          "train.json (same id and text): the full-test F1 is not a held-out figure")
    unseen_texts = [t for t, u in zip(test_texts, unseen) if u]
    for name, texts, y in [("ClaimBuster test", test_texts, test_y),
                           ("ClaimBuster test, sentences not in train", unseen_texts, test_y[unseen]),
                           ("cross-domain (news/speech)", cross_texts, cross_y)]:
        print(f"{name} ({len(texts)} sentences, {int(y.sum())} check-worthy)")
        print(f"  baseline TF-IDF+LR : {scores(y, base(texts))}")
        print(f"  same, class-balanced: {scores(y, base_bal(texts))}")
        print(f"  newstrace          : {scores(y, ours(texts))}")
    # The component as the pipeline runs it: the model blended with what the analysis knows of
    # each sentence (an attributed claim, an evidence cue), each sentence analysed on its own.
    from newstrace import analyze_text

    blended = np.array([max([c.score for c in analyze_text(t, stages="checkworthy").checkworthy] or [0.0])
                        for t in cross_texts])
    print(f"  newstrace component (model + claims/evidence signals): {scores(cross_y, blended)}")

    docs = list(nlp.pipe(test_texts))
    feats = [sentence_features(d, d.text) for d in docs]
    t0 = time.perf_counter()
    for _ in range(3):
        model.predict_proba(feats)
    dt = (time.perf_counter() - t0) / 3
    print(f"inference (features + model, parse excluded): {len(feats) / dt:,.0f} sentences/s")

    if args.debates_out:
        all_feats = [sentence_features(d, d.text) for d in nlp.pipe(train_texts, batch_size=256)]
        debates_out(train_texts, train_y, train_ids, all_feats)


if __name__ == "__main__":
    main()
