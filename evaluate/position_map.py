"""The party-by-target position map: where each party stands, gold beside predicted.

A cell is (party, target, period) with at least ``MIN_ROWS`` gold rows; its position
is the mean of the rows' positions (against -1, neutral 0, favor +1), once with the
gold labels and once with the predicted labels of the same rows. Over the cells the
map reports Spearman's correlation and the mean absolute error of the positions, and
scores conflict detection: within a target and period, two parties conflict when
their positions have opposite signs and both have |position| >= ``CONFLICT_THRESHOLD``.
The predicted conflicts are scored against the gold ones (precision, recall, F1).

Spearman's rho gets a 95% percentile-bootstrap interval from its own row resampling
(a multinomial over (cell, gold, predicted) counts, so its cost grows with the number
of cells, not rows), with at most ``MAX_RESAMPLES`` resamples. The MAE has none: a
resampled cell mean is noisier than the observed one and |x| is convex, so resampled
MAEs sit above the observed MAE and a percentile interval can miss it entirely. The
conflict scores are point estimates.
"""

from __future__ import annotations

import numpy as np
from sgpos.corpus.ids import PERIODS

#: Fewest gold rows a cell needs.
MIN_ROWS = 2
#: Smallest |position| a party needs to count in a conflict.
CONFLICT_THRESHOLD = 0.5
#: Most bootstrap resamples of the map's Spearman (each needs its own ranking).
MAX_RESAMPLES = 1000
#: Resamples drawn at once (bounds memory: batch x cells x 9 counts).
BATCH = 200


def empty_map() -> dict:
    """Return the position map of a gold without party, target or date columns."""
    return {"available": False, "cells": [], "n_cells": 0, "spearman": None, "mae": None,
            "periods": list(PERIODS), "min_rows": MIN_ROWS, "conflicts": {},
            "bootstrap": {"resamples": 0, "spearman_ci": [None, None]}}


def period_codes(years) -> np.ndarray:
    """Return the index into ``PERIODS`` of each year, -1 outside every period."""
    years = np.asarray(years)
    codes = np.full(years.shape, -1, dtype=np.int64)
    for index, (first, last) in enumerate(PERIODS.values()):
        codes[(years >= first) & (years <= last)] = index
    return codes


def encode(values) -> tuple[list[str], "np.ndarray"]:
    """Return (sorted distinct names, int64 code per value with -1 for None) of a string sequence."""
    names = sorted({value for value in values if value is not None})
    index = {name: code for code, name in enumerate(names)}
    return names, np.array([-1 if value is None else index[value] for value in values], dtype=np.int64)


def position_map(gold_codes, pred_codes, party_codes, target_codes, years, *, parties, targets,
                 resamples: int = 0, seed: int = 0) -> dict:
    """Return the position map of aligned stance labels (codes 0/1/2 = against/neutral/favor).

    ``party_codes`` and ``target_codes`` index ``parties`` and ``targets`` (-1 for a
    missing value; :func:`encode` makes them from strings); ``years`` are integers
    (-1 unknown). Rows without a party, target or period are left out. With
    ``resamples``, Spearman's rho gets a bootstrap interval (``min(resamples, MAX_RESAMPLES)``
    row resamples seeded by ``seed``).
    """
    party_codes = np.asarray(party_codes, dtype=np.int64)
    target_codes = np.asarray(target_codes, dtype=np.int64)
    periods = period_codes(years)
    keep = (periods >= 0) & (party_codes >= 0) & (target_codes >= 0)
    result = empty_map()
    result["available"] = True
    if not keep.any():
        return result
    n_periods = len(PERIODS)
    key = (target_codes[keep] * len(parties) + party_codes[keep]) * n_periods + periods[keep]
    cell_keys, cell_of_row = np.unique(key, return_inverse=True)
    counts = np.bincount(cell_of_row)
    gold_sum = np.bincount(cell_of_row, weights=np.asarray(gold_codes)[keep].astype(np.float64) - 1.0)
    pred_sum = np.bincount(cell_of_row, weights=np.asarray(pred_codes)[keep].astype(np.float64) - 1.0)
    chosen = counts >= MIN_ROWS
    period_names = list(PERIODS)
    cells = []
    for cell_key, n, gold, pred in zip(cell_keys[chosen].tolist(), counts[chosen].tolist(),
                                       gold_sum[chosen].tolist(), pred_sum[chosen].tolist()):
        target_party, period = divmod(cell_key, n_periods)
        target, party = divmod(target_party, len(parties))
        cells.append({"party": parties[party], "target": targets[target], "period": period_names[period],
                      "n": n, "gold": gold / n, "predicted": pred / n})
    cells.sort(key=lambda cell: (cell["party"], cell["target"], cell["period"]))
    gold_positions = np.array([cell["gold"] for cell in cells])
    pred_positions = np.array([cell["predicted"] for cell in cells])
    rows_total = len(party_codes)
    triples = np.bincount(cell_of_row * 9 + np.asarray(gold_codes)[keep].astype(np.int64) * 3
                          + np.asarray(pred_codes)[keep].astype(np.int64), minlength=len(cell_keys) * 9)
    rho = spearman(gold_positions, pred_positions)
    result.update({
        "bootstrap": _bootstrap(triples.reshape(-1, 3, 3), rows_total, min(resamples, MAX_RESAMPLES), seed, rho),
        "cells": cells,
        "n_cells": len(cells),
        "spearman": rho,
        "mae": float(np.abs(gold_positions - pred_positions).mean()) if cells else None,
        "conflicts": conflicts(cells),
    })
    return result


def _bootstrap(triples, rows_total: int, resamples: int, seed: int, estimate: float | None = None) -> dict:
    """Percentile interval of Spearman's rho over row resamples of (cell, gold, predicted) counts."""
    from .bootstrap import generator, percentile_interval

    block = {"resamples": resamples, "spearman_ci": [None, None]}
    if resamples == 0:
        return block
    rng = generator(seed)
    positions = np.array([-1.0, 0.0, 1.0])
    flat = np.r_[triples.ravel(), rows_total - triples.sum()]
    rhos = []
    for start in range(0, resamples, BATCH):
        size = min(BATCH, resamples - start)
        draws = rng.multinomial(rows_total, flat / rows_total, size=size)[:, :-1].reshape(size, *triples.shape)
        counts = draws.sum(axis=(2, 3))
        gold_sum = (draws.sum(axis=3) * positions).sum(axis=2)
        pred_sum = (draws.sum(axis=2) * positions).sum(axis=2)
        full = (counts >= MIN_ROWS).all(axis=1)  # every cell kept: rank the whole batch at once
        if full.any():
            rho = spearman_rows(gold_sum[full] / counts[full], pred_sum[full] / counts[full])
            rhos.extend(rho[np.isfinite(rho)].tolist())
        for n, gold, pred in zip(counts[~full], gold_sum[~full], pred_sum[~full]):
            chosen = n >= MIN_ROWS
            rho = spearman(gold[chosen] / n[chosen], pred[chosen] / n[chosen])
            if rho is not None:
                rhos.append(rho)
    block["spearman_ci"] = list(percentile_interval(rhos, estimate=estimate))
    return block


def spearman_rows(gold, pred) -> np.ndarray:
    """Spearman's rho of each row pair of two 2-D arrays (Pearson correlation of average
    ranks, scipy's ``rankdata``); NaN where undefined (fewer than 3 cells, a constant row)."""
    from scipy.stats import rankdata

    gold_ranks = rankdata(np.asarray(gold, dtype=np.float64), axis=1)
    pred_ranks = rankdata(np.asarray(pred, dtype=np.float64), axis=1)
    gold_ranks -= gold_ranks.mean(axis=1, keepdims=True)
    pred_ranks -= pred_ranks.mean(axis=1, keepdims=True)
    denominator = np.sqrt((gold_ranks**2).sum(axis=1) * (pred_ranks**2).sum(axis=1))
    numerator = (gold_ranks * pred_ranks).sum(axis=1)
    out = np.full(len(numerator), np.nan)
    if gold_ranks.shape[1] >= 3:
        np.divide(numerator, denominator, out=out, where=denominator > 0)
    return out


def spearman(gold, pred) -> float | None:
    """Spearman's rho of two sequences; None when undefined (fewer than 3 cells, or a constant side)."""
    if len(gold) < 3:
        return None
    rho = spearman_rows(np.asarray(gold, dtype=np.float64)[None], np.asarray(pred, dtype=np.float64)[None])[0]
    return float(rho) if np.isfinite(rho) else None


def conflict_pairs(cells, side: str) -> set[tuple[str, str, str, str]]:
    """Return the (target, period, party_a, party_b) conflicts among ``cells`` by their ``side`` position."""
    by_group: dict[tuple[str, str], list[dict]] = {}
    for cell in cells:
        by_group.setdefault((cell["target"], cell["period"]), []).append(cell)
    pairs = set()
    for (target, period), group in by_group.items():
        favor = [cell["party"] for cell in group if cell[side] >= CONFLICT_THRESHOLD]
        against = [cell["party"] for cell in group if cell[side] <= -CONFLICT_THRESHOLD]
        for first in favor:
            for second in against:
                party_a, party_b = sorted((first, second))
                pairs.add((target, period, party_a, party_b))
    return pairs


def conflicts(cells) -> dict:
    """Score predicted conflicts against gold conflicts: counts, precision, recall, F1 and the pairs."""
    gold = conflict_pairs(cells, "gold")
    predicted = conflict_pairs(cells, "predicted")
    hits = len(gold & predicted)
    precision = hits / len(predicted) if predicted else None
    recall = hits / len(gold) if gold else None
    f1 = 2 * hits / (len(gold) + len(predicted)) if gold or predicted else None
    pairs = [{"target": t, "period": p, "party_a": a, "party_b": b,
              "gold": (t, p, a, b) in gold, "predicted": (t, p, a, b) in predicted}
             for t, p, a, b in sorted(gold | predicted)]
    return {"threshold": CONFLICT_THRESHOLD, "gold": len(gold), "predicted": len(predicted),
            "true_positive": hits, "precision": precision, "recall": recall, "f1": f1, "pairs": pairs}
