"""Time ``sgpos score`` on 1,000,000 synthetic predictions against the naive bootstrap.

Run from the checkout: ``python benchmarks/bench_score.py [--rows N] [--resamples R]``.

It writes a synthetic gold file (id, label, target, party, date) and predictions
(about 70% correct) to a temporary folder, then measures in one run:

1. ``sgpos score PRED --gold GOLD --resamples R --json OUT`` end to end (a subprocess:
   start-up, reading both files, every metric, the confusion-count bootstrap,
   breakdowns, the position map, the JSON file and the terminal tables);
2. the same with a ``scores`` column (adds calibration: ECE, Brier, log loss);
3. the naive bootstrap: resample rows and call scikit-learn (macro-F1, per-class F1,
   accuracy) on each resample; 50 resamples timed, extrapolated to R;
4. ``sgpos --help``;
5. the parts in-process: reading, bootstrap, breakdowns, position map, calibration.

Goals: the command under 3 s and at least 100x faster than the naive way; ``--help``
under 0.5 s. Machines are shared: compare the ratio, not absolute times.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

LABELS = ("against", "neutral", "favor")
TARGETS = ("guarantees", "nato_membership", "neutrality", "legally_binding", "article5_like", "foreign_troops",
           "us_backstop", "arms_supply", "sanctions_relief", "ceasefire_first", "territorial_concessions",
           "eu_membership")
PARTIES = ("russia", "ukraine", "united_states", "united_kingdom", "france", "germany", "poland", "hungary",
           "china", "turkey", "nato", "european_union", "g7", "coalition_of_the_willing")


def write_synthetic(folder: Path, rows: int, seed: int = 0) -> dict[str, Path]:
    """Write gold.jsonl, pred.jsonl and pred_scores.jsonl with ``rows`` rows; return their paths."""
    rng = np.random.default_rng(seed)
    gold = rng.integers(0, 3, rows)
    wrong = rng.random(rows) > 0.7
    pred = np.where(wrong, rng.integers(0, 3, rows), gold)
    targets = rng.integers(0, len(TARGETS), rows)
    parties = rng.integers(0, len(PARTIES), rows)
    years = rng.integers(2021, 2027, rows)
    ids = [f"row-{index:07d}" for index in range(rows)]
    paths = {"gold": folder / "gold.jsonl", "pred": folder / "pred.jsonl", "pred_scores": folder / "pred_scores.jsonl"}
    with paths["gold"].open("w") as handle:
        handle.writelines(
            f'{{"id": "{row_id}", "label": "{LABELS[g]}", "target": "{TARGETS[t]}", "party": "{PARTIES[p]}", '
            f'"date": "{y}-06-01"}}\n' for row_id, g, t, p, y in zip(ids, gold.tolist(), targets.tolist(),
                                                                    parties.tolist(), years.tolist()))
    with paths["pred"].open("w") as handle:
        handle.writelines(f'{{"id": "{row_id}", "label": "{LABELS[p]}"}}\n' for row_id, p in zip(ids, pred.tolist()))
    top = rng.uniform(0.34, 1.0, rows)
    with paths["pred_scores"].open("w") as handle:
        for row_id, p, q in zip(ids, pred.tolist(), top.tolist()):
            rest = round((1.0 - q) / 2, 6)
            scores = {label: (round(1.0 - 2 * rest, 6) if index == p else rest) for index, label in enumerate(LABELS)}
            handle.write(json.dumps({"id": row_id, "label": LABELS[p], "scores": scores}) + "\n")
    return paths


def time_command(args: list[str]) -> float:
    """Run a command, fail loudly on a non-zero exit, return its wall time in seconds."""
    start = time.perf_counter()
    completed = subprocess.run(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    elapsed = time.perf_counter() - start
    if completed.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed:\n{completed.stderr}")
    return elapsed


def naive_bootstrap_seconds(gold_path: Path, pred_path: Path, timed: int, seed: int = 0) -> float:
    """Time ``timed`` row resamples scored with scikit-learn; return seconds per resample."""
    from sklearn.metrics import accuracy_score, f1_score

    gold = np.array([LABELS.index(json.loads(line)["label"]) for line in gold_path.open()])
    pred = np.array([LABELS.index(json.loads(line)["label"]) for line in pred_path.open()])
    rng = np.random.default_rng(seed)
    start = time.perf_counter()
    for _ in range(timed):
        index = rng.integers(0, len(gold), len(gold))
        f1_score(gold[index], pred[index], labels=[0, 1, 2], average="macro", zero_division=0)
        f1_score(gold[index], pred[index], labels=[0, 1, 2], average=None, zero_division=0)
        accuracy_score(gold[index], pred[index])
    return (time.perf_counter() - start) / timed


def component_seconds(paths: dict[str, Path], resamples: int) -> dict[str, float]:
    """Time the parts of scoring in-process: reading, bootstrap, breakdowns, position map, calibration."""
    from sgpos.evaluate import bootstrap, metrics, scoring

    timings = {}
    start = time.perf_counter()
    gold = scoring.load_gold(paths["gold"])
    system = scoring.read_system(paths["pred_scores"], "stance")
    codes, scores = scoring.align(gold, system)
    timings["read and align (with scores)"] = time.perf_counter() - start
    confusion = metrics.confusion_counts(gold.rows.codes, codes, 3)
    start = time.perf_counter()
    draws = bootstrap.resample_counts(confusion, resamples, bootstrap.generator(0))
    for values in metrics.headline(draws, (2, 0)).values():
        bootstrap.percentile_interval(values)
    timings[f"bootstrap ({resamples:,} resamples, all intervals)"] = time.perf_counter() - start
    start = time.perf_counter()
    scoring.breakdowns(gold, gold.rows.codes, codes, (2, 0))
    timings["breakdowns (target, party, year)"] = time.perf_counter() - start
    start = time.perf_counter()
    mapping = scoring._position_map(gold, gold.rows.codes, codes, resamples=resamples)
    timings[f"position map (Spearman CI from {mapping['bootstrap']['resamples']:,} resamples)"] = \
        time.perf_counter() - start
    start = time.perf_counter()
    metrics.calibration(scores, gold.rows.codes)
    timings["calibration (ECE, Brier, log loss; no resampling)"] = time.perf_counter() - start
    return timings


def main() -> None:
    """Write the data, time everything, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--resamples", type=int, default=10_000)
    parser.add_argument("--naive-resamples", type=int, default=50)
    options = parser.parse_args()
    sgpos = [sys.executable, "-c", "from sgpos.cli import main; main()"]
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        start = time.perf_counter()
        paths = write_synthetic(folder, options.rows)
        print(f"wrote {options.rows:,} synthetic rows in {time.perf_counter() - start:.1f} s")
        help_seconds = min(time_command(sgpos + ["--help"]) for _ in range(3))
        common = ["--gold", str(paths["gold"]), "--resamples", str(options.resamples)]
        labels_seconds = min(time_command(sgpos + ["score", str(paths["pred"]), *common, "--json",
                                                   str(folder / "out.json")]) for _ in range(2))
        scores_seconds = time_command(sgpos + ["score", str(paths["pred_scores"]), *common, "--json",
                                               str(folder / "out_scores.json")])
        components = component_seconds(paths, options.resamples)
        per_resample = naive_bootstrap_seconds(paths["gold"], paths["pred"], options.naive_resamples)
        results = json.loads((folder / "out.json").read_text())
    naive_seconds = per_resample * options.resamples
    print(f"sgpos score, {options.rows:,} rows, --resamples {options.resamples:,}: {labels_seconds:.2f} s "
          f"(goal < 3 s)")
    print(f"  with scores (adds calibration): {scores_seconds:.2f} s")
    print(f"  parts, in-process (position map: {results['position_map']['n_cells']} cells):")
    for name, seconds in components.items():
        print(f"    {name}: {seconds:.3f} s")
    print(f"naive bootstrap (row resampling + scikit-learn): {per_resample:.3f} s per resample, "
          f"{options.naive_resamples} timed, {naive_seconds:.0f} s extrapolated to {options.resamples:,}")
    print(f"ratio naive / sgpos score: {naive_seconds / labels_seconds:.0f}x (goal >= 100x)")
    print(f"sgpos --help: {help_seconds:.3f} s (goal < 0.5 s)")


if __name__ == "__main__":
    main()
