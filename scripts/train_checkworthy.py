"""Train the check-worthiness model shipped in `src/newstrace/resources/checkworthy/model.json`.

Data: ClaimBuster (Arslan, Hassan, Li and Tremayne, ICWSM 2020), CC BY 4.0, read from
`../shared/eval/claimbuster/train.json` relative to the repository root (override the folder
with NEWSTRACE_EVAL_DIR). Reproducible: a fixed seed, deterministic solver, sorted vocabularies.

    .venv/bin/python scripts/train_checkworthy.py [--out PATH] [--max-features N]

Steps: parse every sentence with the default spaCy pipeline, build the three feature strings
(`newstrace.analyze.checkworthy.sentence_features`), fit TF-IDF blocks + a class-balanced
logistic regression, keep the `--max-features` strongest weights, refit on that vocabulary and
save vocabulary, idf and weights as JSON (no pickle).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

import numpy as np
from scipy.sparse import hstack
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from newstrace import nlp as nlp_module  # noqa: E402
from newstrace.analyze.checkworthy import BLOCKS, sentence_features  # noqa: E402

SEED = 13
C = 4.0
BLOCK_PARAMS = {
    "words": {"ngram_range": [1, 3], "sublinear_tf": True, "token_pattern": r"\S+", "lowercase": False},
    "tags": {"ngram_range": [1, 3], "sublinear_tf": True, "token_pattern": r"\S+", "lowercase": False},
    "chars": {"analyzer": "char_wb", "ngram_range": [2, 5], "sublinear_tf": True, "lowercase": True},
}
MIN_DF = {"words": 2, "tags": 3, "chars": 3}


def eval_dir() -> Path:
    return Path(os.environ.get("NEWSTRACE_EVAL_DIR") or ROOT.parent / "shared" / "eval")


def load(name: str) -> tuple[list[str], np.ndarray]:
    rows = json.loads((eval_dir() / "claimbuster" / name).read_text(encoding="utf-8"))
    return [r["text"] for r in rows], np.array([int(r["label"]) for r in rows])


def featurize(texts: list[str]) -> list[tuple[str, str, str]]:
    nlp = nlp_module.load()
    return [sentence_features(doc, doc.text) for doc in nlp.pipe(texts, batch_size=256)]


def _params(block: str) -> dict:
    p = dict(BLOCK_PARAMS[block])
    p["ngram_range"] = tuple(p["ngram_range"])
    return p


def fit(feats, y, vocabularies=None):
    vecs = []
    for i, block in enumerate(BLOCKS):
        if vocabularies is None:
            vec = TfidfVectorizer(min_df=MIN_DF[block], **_params(block))
        else:
            vec = TfidfVectorizer(vocabulary=vocabularies[block], **_params(block))
        vec.fit([f[i] for f in feats])
        vecs.append(vec)
    X = hstack([v.transform([f[i] for f in feats]) for i, v in enumerate(vecs)]).tocsr()
    clf = LogisticRegression(C=C, class_weight="balanced", max_iter=5000, random_state=SEED)
    clf.fit(X, y)
    return vecs, clf


def predict(vecs, clf, feats) -> np.ndarray:
    X = hstack([v.transform([f[i] for f in feats]) for i, v in enumerate(vecs)]).tocsr()
    return clf.predict_proba(X)[:, 1]


def prune(vecs, clf, max_features: int) -> dict[str, list[str]]:
    """The vocabulary of each block restricted to the `max_features` largest |weights|."""
    weights = np.abs(clf.coef_[0])
    keep = set(np.argsort(-weights, kind="stable")[:max_features].tolist())
    out, offset = {}, 0
    for block, vec in zip(BLOCKS, vecs):
        names = vec.get_feature_names_out()
        out[block] = sorted(str(n) for j, n in enumerate(names) if offset + j in keep)
        offset += len(names)
    return out


def save(vecs, clf, out: Path, n_train: int, test_f1: float) -> None:
    coef = clf.coef_[0]
    blocks = {}
    for block, vec in zip(BLOCKS, vecs):
        params = {k: (list(v) if isinstance(v, tuple) else v) for k, v in BLOCK_PARAMS[block].items()}
        blocks[block] = {
            "params": params,
            "vocabulary": [str(n) for n in vec.get_feature_names_out()],
            "idf": [round(float(x), 5) for x in vec.idf_],
        }
    payload = {
        "format": "newstrace-checkworthy/1",
        "trained_on": "ClaimBuster 2.5xNCS train (CC BY 4.0), Arslan et al. ICWSM 2020",
        "n_train": n_train,
        "test_f1_at_training": round(test_f1, 4),
        "seed": SEED,
        "C": C,
        "blocks": blocks,
        "coef": [round(float(x), 5) for x in coef],
        "intercept": round(float(clf.intercept_[0]), 6),
    }
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(payload, separators=(",", ":"), ensure_ascii=False), encoding="utf-8")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path,
                    default=ROOT / "src" / "newstrace" / "resources" / "checkworthy" / "model.json")
    ap.add_argument("--max-features", type=int, default=40000)
    args = ap.parse_args()
    np.random.seed(SEED)

    t0 = time.perf_counter()
    texts, y = load("train.json")
    test_texts, test_y = load("test.json")
    feats, test_feats = featurize(texts), featurize(test_texts)
    print(f"parsed {len(texts)} + {len(test_texts)} sentences in {time.perf_counter() - t0:.1f}s")

    vecs, clf = fit(feats, y)
    full_f1 = f1_score(test_y, predict(vecs, clf, test_feats) >= 0.5)
    vocab = prune(vecs, clf, args.max_features)
    vecs, clf = fit(feats, y, vocab)
    f1 = f1_score(test_y, predict(vecs, clf, test_feats) >= 0.5)
    print(f"test F1 (class 1): full vocabulary {full_f1:.4f}, pruned to "
          f"{sum(len(v) for v in vocab.values())} features {f1:.4f}")
    save(vecs, clf, args.out, len(texts), f1)
    print(f"wrote {args.out} ({args.out.stat().st_size / 1e6:.2f} MB)")


if __name__ == "__main__":
    main()
