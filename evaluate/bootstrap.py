"""Percentile-bootstrap confidence intervals drawn from confusion counts.

Resampling n rows with replacement and counting the confusion cells of the resample
gives counts that follow a multinomial distribution over the observed cells, with the
observed cell frequencies as probabilities. Drawing those counts directly is the same
row bootstrap in distribution, at a cost that depends on the number of cells (9 for
three labels, 27 for a paired comparison), not on n.
"""

from __future__ import annotations

import numpy as np

#: Two-sided confidence level of every interval.
CI_LEVEL = 0.95


def generator(seed: int) -> np.random.Generator:
    """Return the seeded generator every resampling in a run draws from (PCG64)."""
    return np.random.Generator(np.random.PCG64(seed))


def resample_counts(counts, resamples: int, rng: np.random.Generator) -> np.ndarray:
    """Return ``resamples`` bootstrap copies of a count array (any shape), shape ``(resamples, *counts.shape)``.

    Each copy is a multinomial draw of ``counts.sum()`` rows over the cells, with cell
    probabilities ``counts / counts.sum()``: the counts of a row resample.
    """
    counts = np.asarray(counts, dtype=np.int64)
    total = int(counts.sum())
    if total == 0:
        return np.zeros((resamples, *counts.shape), dtype=np.int64)
    draws = rng.multinomial(total, counts.ravel() / total, size=resamples)
    return draws.reshape(resamples, *counts.shape)


#: How every interval is made (the ``method`` of a results file's ``bootstrap`` block).
METHOD = "percentile; re-centred on the estimate by the bootstrap median's bias where the estimate falls outside"


def percentile_interval(values, level: float = CI_LEVEL, *, estimate: float | None = None
                        ) -> tuple[float | None, float | None]:
    """Return the (low, high) percentile interval of bootstrap ``values``, ignoring NaN.

    With ``estimate``, the interval always contains it: where the estimate falls outside
    the percentile interval (a skewed statistic on few rows, such as a macro-F1 whose
    rare class the resamples keep finding), the interval is shifted by the bootstrap's
    median bias, ``[estimate - (median - low), estimate + (high - median)]``. None, None
    when there are no finite values.

    >>> [round(bound, 4) for bound in percentile_interval([0.3, 0.4, 0.5, 0.6])]
    [0.3075, 0.5925]
    >>> [round(bound, 4) for bound in percentile_interval([0.3, 0.4, 0.5, 0.6], estimate=0.1)]
    [-0.0425, 0.2425]
    """
    values = np.asarray(values, dtype=np.float64)
    values = values[np.isfinite(values)]
    if values.size == 0:
        return None, None
    tail = (1.0 - level) / 2.0
    low, median, high = np.quantile(values, [tail, 0.5, 1.0 - tail])
    if estimate is not None and np.isfinite(estimate) and not low <= estimate <= high:
        low, high = estimate - (median - low), estimate + (high - median)
    return float(low), float(high)


def two_sided_p_value(differences) -> float:
    """Return the bootstrap two-sided p-value of H0: difference = 0.

    Twice the smaller tail share of resampled differences at or beyond zero, with the
    add-one correction so a finite number of resamples never gives 0; at most 1.
    """
    differences = np.asarray(differences, dtype=np.float64)
    resamples = differences.size
    below = (np.count_nonzero(differences <= 0) + 1) / (resamples + 1)
    above = (np.count_nonzero(differences >= 0) + 1) / (resamples + 1)
    return float(min(1.0, 2.0 * min(below, above)))
