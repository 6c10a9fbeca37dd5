"""Paired comparison of two systems on the same gold.

The differences A - B in macro-F1, f_avg and accuracy get a paired-bootstrap 95%
interval and a two-sided p-value: rows are resampled jointly for both systems, which
is a multinomial draw over the ``k**3`` cells (gold, A's label, B's label). Accuracy
also gets McNemar's exact test on the rows where exactly one system is right.
"""

from __future__ import annotations

from . import fileio
from .scoring import (
    ALPHA,
    MIN_COMPARE_RESAMPLES,
    SCHEMA_VERSION,
    align,
    bootstrap_block,
    check_resamples,
    check_seed,
    counter_prior_mask,
    f_avg_classes,
    load_gold,
    read_system,
    round_floats,
)

COMPARED_METRICS: tuple[str, ...] = ("macro_f1", "f_avg", "accuracy")
#: Compared on the counter-prior rows too, when the gold marks them.
COUNTER_PRIOR_METRICS: tuple[str, ...] = ("macro_f1", "accuracy")


def mcnemar_exact(a_only_correct: int, b_only_correct: int) -> float:
    """Return the two-sided exact McNemar p-value (binomial test of the discordant pairs at 1/2).

    >>> round(mcnemar_exact(10, 2), 4)
    0.0386
    >>> mcnemar_exact(0, 0)
    1.0
    """
    from scipy.stats import binom

    discordant = a_only_correct + b_only_correct
    if discordant == 0:
        return 1.0
    return float(min(1.0, 2.0 * binom.cdf(min(a_only_correct, b_only_correct), discordant, 0.5)))


def compare(predictions_a, predictions_b, gold=None, *, config: str = "stance", split: str = "test",
            seed: int = 0, resamples: int = 1000, data_dir=None) -> dict:
    """Compare two systems' predictions on the same gold; return the comparison dict.

    Arguments are those of :func:`sgpos.evaluate.score`. ``difference`` holds A - B per
    metric with its paired-bootstrap interval, p-value and whether it is significant at
    0.05; ``mcnemar`` the exact test on accuracy; ``verdict`` a plain sentence.
    """
    import numpy as np


    check_resamples(resamples, minimum=MIN_COMPARE_RESAMPLES)
    check_seed(seed)
    gold_data = load_gold(gold, config=config, split=split, data_dir=data_dir)
    system_a = read_system(predictions_a, config, source="predictions_a", gold=gold_data)
    system_b = read_system(predictions_b, config, source="predictions_b", gold=gold_data)
    codes_a, _ = align(gold_data, system_a)
    codes_b, _ = align(gold_data, system_b)
    gold_codes = gold_data.rows.codes
    k = len(gold_data.rows.label_names)
    flat = (gold_codes.astype(np.int64) * k + codes_a) * k + codes_b
    classes = f_avg_classes(config)
    point_a, point_b, difference = _paired_differences(flat, k, classes, COMPARED_METRICS, seed, resamples)
    mask = counter_prior_mask(gold_data)
    if mask is not None and mask.any():
        sub_a, sub_b, sub_difference = _paired_differences(flat[mask], k, classes, COUNTER_PRIOR_METRICS, seed,
                                                           resamples)
        for name in COUNTER_PRIOR_METRICS:
            point_a[f"{name}_counter_prior"] = sub_a[name]
            point_b[f"{name}_counter_prior"] = sub_b[name]
            difference[f"{name}_counter_prior"] = sub_difference[name]
    right_a = codes_a == gold_codes
    right_b = codes_b == gold_codes
    a_only = int(np.count_nonzero(right_a & ~right_b))
    b_only = int(np.count_nonzero(right_b & ~right_a))
    mcnemar_p = mcnemar_exact(a_only, b_only)
    result = {
        "schema_version": SCHEMA_VERSION,
        "kind": "comparison",
        "gold": gold_data.info,
        "n": int(len(gold_codes)),
        "seed": seed,
        "alpha": ALPHA,
        "bootstrap": {**bootstrap_block(resamples), "sampler": "multinomial over (gold, A, B) cells", "paired": True},
        "a": {"name": _name(predictions_a, "A"), "predictions_sha256": fileio.predictions_sha256(system_a),
              **{name: float(point_a[name]) for name in difference}},
        "b": {"name": _name(predictions_b, "B"), "predictions_sha256": fileio.predictions_sha256(system_b),
              **{name: float(point_b[name]) for name in difference}},
        "difference": difference,
        "mcnemar": {"a_only_correct": a_only, "b_only_correct": b_only, "p_value": mcnemar_p,
                    "significant": mcnemar_p < ALPHA},
    }
    result = round_floats(result)
    result["verdict"] = verdict(result)
    return result


def _name(predictions, fallback: str) -> str:
    """The file name of a predictions path, or ``fallback`` for in-memory predictions."""
    from pathlib import Path

    return Path(predictions).name if isinstance(predictions, (str, Path)) else fallback


def _paired_differences(flat, k: int, classes, names, seed: int, resamples: int):
    """Return (A's scores, B's scores, A - B entries) of the rows coded ``flat`` (gold, A, B)."""
    import numpy as np

    from . import bootstrap, metrics

    joint = np.bincount(flat, minlength=k**3).reshape(k, k, k)

    def both(counts):
        return metrics.headline(counts.sum(axis=-1), classes), metrics.headline(counts.sum(axis=-2), classes)

    point_a, point_b = both(joint)
    draws = None
    if resamples:
        draws = bootstrap.resample_counts(joint, resamples, bootstrap.generator(seed))
        sample_a, sample_b = both(draws)
    difference = {}
    for name in names:
        entry = {"value": float(point_a[name] - point_b[name]), "ci_low": None, "ci_high": None,
                 "p_value": None, "significant": None}
        if draws is not None:
            delta = sample_a[name] - sample_b[name]
            entry["ci_low"], entry["ci_high"] = bootstrap.percentile_interval(delta, estimate=entry["value"])
            entry["p_value"] = bootstrap.two_sided_p_value(delta)
            entry["significant"] = entry["p_value"] < ALPHA
        difference[name] = entry
    return point_a, point_b, difference


def verdict(result: dict) -> str:
    """Return a plain-language verdict on macro-F1 and accuracy of a comparison dict."""
    sentences = []
    main = result["difference"]["macro_f1"]
    if main["p_value"] is None:
        sentences.append(f"Macro-F1 differs by {100 * main['value']:+.2f} points (A - B); no bootstrap was run.")
    else:
        higher = "A" if main["value"] > 0 else "B" if main["value"] < 0 else "neither"
        state = "is significant" if main["significant"] else "is not significant"
        sentences.append(
            f"Macro-F1: A - B = {100 * main['value']:+.2f} points (95% CI {100 * main['ci_low']:+.2f} to "
            f"{100 * main['ci_high']:+.2f}); {higher} is higher and the difference {state} at "
            f"{result['alpha']} (paired bootstrap p = {main['p_value']:.4g}).")
    reading = result["difference"].get("macro_f1_counter_prior")
    if reading is not None and reading["p_value"] is not None:
        state = "is significant" if reading["significant"] else "is not significant"
        sentences.append(
            f"On the counter-prior rows (a party breaking its usual line): A - B = {100 * reading['value']:+.2f} "
            f"macro-F1 points, which {state} at {result['alpha']} (p = {reading['p_value']:.4g}).")
    test = result["mcnemar"]
    state = "is significant" if test["significant"] else "is not significant"
    sentences.append(
        f"Accuracy: A - B = {100 * result['difference']['accuracy']['value']:+.2f} points; McNemar's exact test "
        f"({test['a_only_correct']} rows only A gets right, {test['b_only_correct']} only B) gives "
        f"p = {test['p_value']:.4g}, so the difference {state} at {result['alpha']}.")
    return " ".join(sentences)
