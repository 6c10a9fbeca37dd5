"""Classification metrics computed from confusion counts, vectorised over resamples.

Every headline metric is a function of the confusion matrix ``C[gold, predicted]``, so
each function here takes an array of shape ``(..., k, k)`` and returns one value per
leading index: the same code scores the observed matrix and 10,000 bootstrap
matrices at once. Conventions follow scikit-learn (``zero_division=0``): a precision,
recall or F1 whose denominator is zero is 0; macro averages run over *all* labels,
including labels absent from both gold and predictions.

>>> import numpy as np
>>> C = np.array([[3, 1, 0], [0, 2, 0], [1, 0, 3]])
>>> round(float(accuracy(C)), 4)
0.8
>>> round(float(macro_f1(C)), 4)
0.8024
"""

from __future__ import annotations

import numpy as np

#: Equal-width bins of the expected calibration error.
ECE_BINS = 15
#: Probabilities are clipped to [eps, 1] before the log in log loss.
LOG_LOSS_EPS = float(np.finfo(np.float64).eps)


def confusion_counts(gold_codes, pred_codes, k: int) -> np.ndarray:
    """Return the ``k x k`` confusion matrix ``C[gold, predicted]`` of two label-code arrays.

    >>> confusion_counts(np.array([0, 1, 2, 2]), np.array([0, 2, 2, 1]), 3).tolist()
    [[1, 0, 0], [0, 0, 1], [0, 1, 1]]
    """
    flat = np.asarray(gold_codes, dtype=np.int64) * k + np.asarray(pred_codes, dtype=np.int64)
    return np.bincount(flat, minlength=k * k).reshape(k, k)


def _safe_divide(numerator, denominator):
    numerator = np.asarray(numerator, dtype=np.float64)
    denominator = np.asarray(denominator, dtype=np.float64)
    out = np.zeros(np.broadcast(numerator, denominator).shape)
    np.divide(numerator, denominator, out=out, where=denominator != 0)
    return out


def per_class(confusion) -> dict[str, np.ndarray]:
    """Return per-class ``precision``, ``recall``, ``f1`` (shape ``(..., k)``) and ``support``."""
    confusion = np.asarray(confusion)
    true_positive = np.diagonal(confusion, axis1=-2, axis2=-1)
    predicted = confusion.sum(axis=-2)
    support = confusion.sum(axis=-1)
    return {
        "precision": _safe_divide(true_positive, predicted),
        "recall": _safe_divide(true_positive, support),
        "f1": _safe_divide(2 * true_positive, predicted + support),
        "support": support,
    }


def f1_per_class(confusion) -> np.ndarray:
    """Return the F1 of each class, shape ``(..., k)``."""
    return per_class(confusion)["f1"]


def macro_f1(confusion) -> np.ndarray:
    """Return the unweighted mean of the per-class F1 over all ``k`` labels."""
    return f1_per_class(confusion).mean(axis=-1)


def f_avg(confusion, classes) -> np.ndarray:
    """Return the mean F1 of ``classes`` (indices) over all rows pooled.

    For stance this is the SemEval-2016 / TweetEval score, mean of F1(favor) and
    F1(against); for pairs, mean of F1(agree) and F1(conflict).
    """
    return f1_per_class(confusion)[..., list(classes)].mean(axis=-1)


def accuracy(confusion) -> np.ndarray:
    """Return the fraction of rows whose predicted label is the gold one."""
    confusion = np.asarray(confusion)
    return _safe_divide(np.trace(confusion, axis1=-2, axis2=-1), confusion.sum(axis=(-2, -1)))


def matthews_corrcoef(confusion) -> np.ndarray:
    """Return the multiclass Matthews correlation (Gorodkin's R_K), 0 when undefined."""
    confusion = np.asarray(confusion, dtype=np.float64)
    true_count = confusion.sum(axis=-1)
    pred_count = confusion.sum(axis=-2)
    correct = np.trace(confusion, axis1=-2, axis2=-1)
    total = confusion.sum(axis=(-2, -1))
    cov_true_pred = correct * total - (true_count * pred_count).sum(axis=-1)
    cov_pred = total**2 - (pred_count**2).sum(axis=-1)
    cov_true = total**2 - (true_count**2).sum(axis=-1)
    return _safe_divide(cov_true_pred, np.sqrt(cov_true * cov_pred))


def cohen_kappa(confusion) -> np.ndarray:
    """Return Cohen's kappa between gold and predictions; NaN when chance agreement is 1."""
    confusion = np.asarray(confusion, dtype=np.float64)
    total = confusion.sum(axis=(-2, -1))
    observed = _safe_divide(np.trace(confusion, axis1=-2, axis2=-1), total)
    expected = _safe_divide((confusion.sum(axis=-1) * confusion.sum(axis=-2)).sum(axis=-1), total**2)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(expected < 1.0, (observed - expected) / np.where(expected < 1.0, 1.0 - expected, 1.0), np.nan)


def headline(confusion, favor_against) -> dict[str, np.ndarray]:
    """Return the headline metrics of ``confusion`` (any leading batch shape) as a dict."""
    return {
        "macro_f1": macro_f1(confusion),
        "f_avg": f_avg(confusion, favor_against),
        "accuracy": accuracy(confusion),
        "mcc": matthews_corrcoef(confusion),
        "kappa": cohen_kappa(confusion),
    }


# ---------------------------------------------------------------- calibration


def expected_calibration_error(scores, gold_codes, bins: int = ECE_BINS) -> float:
    """Return the ECE of the top-class confidence over ``bins`` equal-width bins of [0, 1].

    Confidence is a row's highest score and the row counts as correct when that class
    (the first, in label order, on ties) is the gold one; ECE is the row-weighted mean
    over non-empty bins of |accuracy - mean confidence|. Bins are right-closed, the
    first also holds 0.
    """
    scores = np.asarray(scores, dtype=np.float64)
    confidence = scores.max(axis=1)
    correct = (scores.argmax(axis=1) == np.asarray(gold_codes)).astype(np.float64)
    return float(_ece_from_bins(*calibration_bins(confidence, correct, bins)))


def calibration_bins(confidence, correct, bins: int = ECE_BINS):
    """Return per-bin (count, summed confidence, summed correctness) arrays."""
    index = np.clip(np.ceil(confidence * bins).astype(np.int64) - 1, 0, bins - 1)
    count = np.bincount(index, minlength=bins).astype(np.float64)
    conf_sum = np.bincount(index, weights=confidence, minlength=bins)
    correct_sum = np.bincount(index, weights=correct, minlength=bins)
    return count, conf_sum, correct_sum


def _ece_from_bins(count, conf_sum, correct_sum):
    return np.abs(correct_sum - conf_sum).sum() / count.sum()


def brier_score(scores, gold_codes) -> float:
    """Return the multiclass Brier score: mean over rows of sum_k (p_k - [gold = k])^2."""
    scores = np.asarray(scores, dtype=np.float64)
    onehot = np.zeros_like(scores)
    onehot[np.arange(len(scores)), np.asarray(gold_codes)] = 1.0
    return float(((scores - onehot) ** 2).sum(axis=1).mean())


def log_loss(scores, gold_codes) -> float:
    """Return the mean negative log of the gold class's probability (clipped at machine eps).

    Scores are renormalised to sum to 1 per row first, as scikit-learn does.
    """
    scores = np.asarray(scores, dtype=np.float64)
    scores = scores / scores.sum(axis=1, keepdims=True)
    gold_probability = scores[np.arange(len(scores)), np.asarray(gold_codes)]
    return float(-np.log(np.clip(gold_probability, LOG_LOSS_EPS, 1.0)).mean())


def calibration(scores, gold_codes, bins: int = ECE_BINS) -> dict:
    """Return ECE, Brier score, log loss and the reliability bins of ``scores``."""
    scores = np.asarray(scores, dtype=np.float64)
    confidence = scores.max(axis=1)
    correct = (scores.argmax(axis=1) == np.asarray(gold_codes)).astype(np.float64)
    count, conf_sum, correct_sum = calibration_bins(confidence, correct, bins)
    table = []
    for i in range(bins):
        table.append({
            "low": i / bins, "high": (i + 1) / bins, "n": int(count[i]),
            "confidence": float(conf_sum[i] / count[i]) if count[i] else None,
            "accuracy": float(correct_sum[i] / count[i]) if count[i] else None,
        })
    return {
        "ece": float(_ece_from_bins(count, conf_sum, correct_sum)),
        "brier": brier_score(scores, gold_codes),
        "log_loss": log_loss(scores, gold_codes),
        "bins": table,
    }
