"""Reproduce TweetEval's official stance score with the sgpos harness.

Run from the checkout: ``python benchmarks/tweeteval_fscore.py [FOLDER]`` (default
``../shared/external/tweeteval-stance``). The folder holds TweetEval's stance test
labels and the repository's sample predictions (see its PROVENANCE.md). The official
score pools the five targets' rows (abortion, atheism, climate, feminist, hillary) and
averages F1(against) and F1(favor): 72.44 for the sample predictions. TweetEval's
label ids map onto sgpos's labels as 0 none -> neutral, 1 against, 2 favor.
"""

from __future__ import annotations

import sys
from pathlib import Path

TARGETS = ("abortion", "atheism", "climate", "feminist", "hillary")
LABEL_OF_ID = {"0": "neutral", "1": "against", "2": "favor"}
OFFICIAL = {"f_avg": 72.44, "against": 76.06, "favor": 68.81}
DEFAULT_FOLDER = Path(__file__).resolve().parents[2] / "shared" / "external" / "tweeteval-stance"


def read_rows(folder: Path) -> tuple[list[dict], list[dict]]:
    """Return (gold, predictions) as lists of {"id", "label", "target"} dicts, pooled over targets."""
    gold, predictions = [], []
    for target in TARGETS:
        labels = (folder / target / "test_labels.txt").read_text().split()
        predicted = (folder / "example_predictions" / f"{target}.txt").read_text().split()
        if len(labels) != len(predicted):
            raise SystemExit(f"{target}: {len(labels)} gold labels but {len(predicted)} predictions")
        for index, (gold_id, pred_id) in enumerate(zip(labels, predicted)):
            row_id = f"{target}-{index:04d}"
            gold.append({"id": row_id, "label": LABEL_OF_ID[gold_id], "target": target})
            predictions.append({"id": row_id, "label": LABEL_OF_ID[pred_id]})
    return gold, predictions


def tweeteval_scores(folder: Path) -> dict[str, float]:
    """Return the pooled F_avg and the F1 of against and favor, x100 and rounded to 2 decimals."""
    from sgpos.evaluate import score

    gold, predictions = read_rows(folder)
    results = score(predictions, gold, resamples=0)
    return {"f_avg": round(100 * results["metrics"]["f_avg"]["value"], 2),
            "against": round(100 * results["per_class"]["against"]["f1"], 2),
            "favor": round(100 * results["per_class"]["favor"]["f1"], 2),
            "n": results["n"]}


def main() -> None:
    """Score the sample predictions and compare with the official figures."""
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_FOLDER
    if not folder.is_dir():
        raise SystemExit(f"{folder} not found: pass the tweeteval-stance folder")
    scores = tweeteval_scores(folder)
    print(f"TweetEval stance test, {scores['n']} rows pooled over {len(TARGETS)} targets")
    for name, official in OFFICIAL.items():
        status = "ok" if scores[name] == official else "MISMATCH"
        print(f"  {name:8s} sgpos {scores[name]:6.2f}   official {official:6.2f}   {status}")
    if any(scores[name] != official for name, official in OFFICIAL.items()):
        raise SystemExit(1)


if __name__ == "__main__":
    main()
