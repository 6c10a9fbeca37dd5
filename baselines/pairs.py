"""Labels of two-statement rows from a stance classifier: predict each side, derive the label.

A ``pairs`` row is two statements by different parties on the same target; its relation
is ``agree`` (the same non-neutral stance), ``conflict`` (favor vs against) or ``open``
(at least one neutral). A ``shifts`` row is two statements of one party on one target,
the second at least 30 days later; its label says how the position moved.
"""

from __future__ import annotations

import numpy as np
from sgpos.corpus.ids import PAIR_LABELS, SHIFT_LABELS
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.utils.validation import check_is_fitted

from .records import as_records, check_columns


def side_records(pairs: list[dict], side: str) -> list[dict]:
    """Return one side (``"a"`` or ``"b"``) of each pair as a stance record."""
    return [{"text": row[f"text_{side}"], "target": row["target"], "party": row.get(f"party_{side}", row.get("party"))}
            for row in pairs]


class PairsFromStance(ClassifierMixin, BaseEstimator):
    """Wrap a stance baseline to label pairs: ``fit`` takes *stance* records,
    ``predict`` takes *pair* records (``text_a``, ``text_b``, ``party_a``, ``party_b``,
    ``target``).

    ``predict_proba`` columns follow ``PAIR_LABELS`` (conflict, open, agree) and treat
    the sides as independent: P(agree) = P(a=favor)P(b=favor) + P(a=against)P(b=against),
    P(conflict) likewise, P(open) the rest. The label is the most probable relation: on
    validation it scored as well as or better than relating the two argmax stances, and
    it keeps labels and scores consistent.
    """

    def __init__(self, estimator):
        self.estimator = estimator

    def fit(self, X, y=None, *, X_val=None, y_val=None):
        """Fit the wrapped stance estimator on stance records (tuned on ``X_val``)."""
        self.estimator.fit(X, y, X_val=X_val, y_val=y_val)
        self.classes_ = np.array(PAIR_LABELS)
        return self

    @classmethod
    def prefit(cls, estimator) -> PairsFromStance:
        """Wrap an already fitted stance estimator (no refit), e.g. one reused from ``stance``."""
        check_is_fitted(estimator, "classes_")
        wrapper = cls(estimator)
        wrapper.classes_ = np.array(PAIR_LABELS)
        return wrapper

    def _sides(self, X):
        check_is_fitted(self, "classes_")
        pairs = as_records(X, where="pair records")
        check_columns(pairs, ("text_a", "text_b", "target"), where="pair records")
        sides = side_records(pairs, "a") + side_records(pairs, "b")
        proba = self.estimator.predict_proba(sides) if pairs else np.zeros((0, 3))
        return proba[:len(pairs)], proba[len(pairs):]

    def predict_proba(self, X) -> np.ndarray:
        """Return ``(n, 3)`` relation probabilities in ``PAIR_LABELS`` order."""
        a, b = self._sides(X)
        against, favor = 0, 2  # stance columns; neutral (1) makes a pair open
        agree = a[:, favor] * b[:, favor] + a[:, against] * b[:, against]
        conflict = a[:, favor] * b[:, against] + a[:, against] * b[:, favor]
        return np.column_stack([conflict, np.clip(1.0 - agree - conflict, 0.0, 1.0), agree])

    def predict(self, X) -> np.ndarray:
        """Return the most probable relation of each pair (argmax of ``predict_proba``)."""
        return self.classes_[np.argmax(self.predict_proba(X), axis=1)]


class ShiftsFromStance(PairsFromStance):
    """Wrap a stance baseline to label shifts: predict the stance of both statements and
    derive the move. ``predict_proba`` columns follow ``SHIFT_LABELS`` (toward_against,
    held, toward_favor), treating the sides as independent: P(toward_favor) is the
    probability that the later stance lies above the earlier one on against < neutral < favor.
    """

    labels_ = SHIFT_LABELS

    def fit(self, X, y=None, *, X_val=None, y_val=None):
        """Fit the wrapped stance estimator on stance records (tuned on ``X_val``)."""
        super().fit(X, y, X_val=X_val, y_val=y_val)
        self.classes_ = np.array(SHIFT_LABELS)
        return self

    @classmethod
    def prefit(cls, estimator) -> ShiftsFromStance:
        """Wrap an already fitted stance estimator (no refit)."""
        wrapper = super().prefit(estimator)
        wrapper.classes_ = np.array(SHIFT_LABELS)
        return wrapper

    def predict_proba(self, X) -> np.ndarray:
        """Return ``(n, 3)`` move probabilities in ``SHIFT_LABELS`` order."""
        a, b = self._sides(X)
        joint = a[:, :, None] * b[:, None, :]  # [row, stance a, stance b]
        up = np.triu(np.ones((3, 3)), k=1).astype(bool)
        toward_favor = joint[:, up].sum(axis=1)
        toward_against = joint[:, up.T].sum(axis=1)
        return np.column_stack([toward_against, np.clip(1.0 - toward_favor - toward_against, 0.0, 1.0), toward_favor])
