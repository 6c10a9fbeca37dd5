"""Check the baselines against published TweetEval stance numbers.

Trains on TweetEval stance train (the five targets pooled, target-aware), tunes on
validation, predicts test and prints the official pooled score F_avg (mean F1 of
against and favor over the concatenated test sets) and macro-F1 over the three labels.
Published: SVM 67.3, majority per target 65.22.

    python benchmarks/tweeteval.py [--data DIR] [--baselines tfidf_svm,majority]

Reference data only: nothing in the project requires the folder.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

DEFAULT_DATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "external" / "tweeteval-stance"
#: Targets in the official pooling order, and their propositions (for zero-shot).
TARGETS = {
    "abortion": "Abortion should be legal.",
    "atheism": "There is no God; religion should be rejected.",
    "climate": "Climate change is a real concern.",
    "feminist": "The feminist movement is right.",
    "hillary": "Hillary Clinton should be president.",
}
LABEL_IDS = {"0": "neutral", "1": "against", "2": "favor"}  # mapping.txt: 0 none, 1 against, 2 favor
SPLIT_FILES = {"train": "train", "validation": "val", "test": "test"}


def read_split(data: Path, split: str) -> list[dict]:
    """Return one TweetEval stance split as records (text, target, stance), pooled in order."""
    rows = []
    for target in TARGETS:
        stem = SPLIT_FILES[split]
        texts = (data / target / f"{stem}_text.txt").read_text(encoding="utf-8").splitlines()
        labels = (data / target / f"{stem}_labels.txt").read_text(encoding="utf-8").split()
        if len(texts) != len(labels):
            sys.exit(f"{data / target}: {len(texts)} texts but {len(labels)} labels in {stem}")
        rows += [{"text": text, "target": target, "stance": LABEL_IDS[label]}
                 for text, label in zip(texts, labels)]
    return rows


def scores(gold: list[str], predicted: list[str]) -> tuple[float, float]:
    """Return (F_avg, macro-F1) in percent."""
    from sklearn.metrics import f1_score

    f_avg = f1_score(gold, predicted, labels=["against", "favor"], average="macro", zero_division=0)
    macro = f1_score(gold, predicted, labels=["against", "neutral", "favor"], average="macro",
                     zero_division=0)
    return 100 * f_avg, 100 * macro


def main() -> None:
    """Print F_avg and macro-F1 on TweetEval stance test for the chosen baselines."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--baselines", default="majority,target_majority,tfidf_logreg,tfidf_svm,embed_logreg,embed_zero_shot")
    parser.add_argument("--metric", default="f_avg", choices=["f_avg", "macro_f1"],
                        help="the validation score that tuning maximises")
    args = parser.parse_args()
    if not args.data.exists():
        sys.exit(f"{args.data}: not found; pass --data DIR (TweetEval stance folder)")

    from sgpos.baselines import make

    train, validation, test = (read_split(args.data, split) for split in SPLIT_FILES)
    gold = [row["stance"] for row in test]
    print(f"TweetEval stance: train {len(train)}, validation {len(validation)}, test {len(test)}")
    print(f"{'baseline':<16} {'F_avg':>6} {'macro-F1':>8} {'seconds':>7}  tuned")
    for name in args.baselines.split(","):
        if name == "party_prior":
            print(f"{name:<16} n/a: TweetEval has no party column")
            continue
        params = {}
        if name in ("tfidf_logreg", "tfidf_svm", "embed_logreg"):
            params["metric"] = args.metric
        if name in ("embed_logreg", "embed_zero_shot"):
            params["propositions"] = TARGETS
        start = time.perf_counter()
        model = make(name, **params).fit(train, X_val=validation)
        predicted = model.predict(test).tolist()
        seconds = time.perf_counter() - start
        f_avg, macro = scores(gold, predicted)
        tuned = {key: getattr(model, key) for key in ("mode_", "C_", "balanced_") if hasattr(model, key)}
        print(f"{name:<16} {f_avg:6.2f} {macro:8.2f} {seconds:7.1f}  {tuned or ''}")


if __name__ == "__main__":
    main()
