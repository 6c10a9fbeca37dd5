"""The estimator contract every baseline follows.

``fit(X, y=None, *, X_val=None, y_val=None)`` takes records (and labels, or reads them
from the records' ``label_key`` column); ``predict_proba`` returns columns in the order
of ``labels`` (``("against", "neutral", "favor")`` by default), which is also
``classes_``: never scikit-learn's alphabetical order.
"""

from __future__ import annotations

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.utils.validation import check_is_fitted

from sgpos.errors import InputError

from .records import as_records, check_columns, label_strings


class StanceBaseline(ClassifierMixin, BaseEstimator):
    """Base of the baselines: input checks, label order, ``predict`` from ``predict_proba``.

    Subclasses set ``columns`` (the record fields they read) and implement
    ``_fit(records, y, val_records, val_y)`` (``y`` as label indices) and
    ``_proba(records)`` (an ``(n, len(labels))`` array).
    """

    columns: tuple[str, ...] = ("text", "target")

    def fit(self, X, y=None, *, X_val=None, y_val=None):
        """Fit on records ``X`` (labels ``y`` or each record's ``label_key``); tune on ``X_val``."""
        labels = tuple(self.labels)
        records = as_records(X, where="training records")
        if not records:
            raise InputError("training records", "no rows to train on", "pass at least one record")
        check_columns(records, self.columns, where="training records")
        y_idx = self._indices(label_strings(records, y, labels, self.label_key, where="training labels"))
        val_records, val_idx = None, None
        if X_val is not None:
            val_records = as_records(X_val, where="validation records")
            check_columns(val_records, self.columns, where="validation records")
            val_idx = self._indices(label_strings(val_records, y_val, labels, self.label_key,
                                                  where="validation labels"))
            if not val_records:
                val_records, val_idx = None, None
        self.classes_ = np.array(labels)
        self._fit(records, y_idx, val_records, val_idx)
        return self

    def predict_proba(self, X) -> np.ndarray:
        """Return an ``(n, len(labels))`` array of probabilities, columns in ``labels`` order."""
        check_is_fitted(self, "classes_")
        records = as_records(X, where="records")
        check_columns(records, self.columns, where="records")
        if not records:
            return np.zeros((0, len(self.classes_)))
        return self._proba(records)

    def predict(self, X) -> np.ndarray:
        """Return the most probable label of each record (label strings)."""
        proba = self.predict_proba(X)
        return self.classes_[np.argmax(proba, axis=1)] if len(proba) else np.array([], dtype=str)

    def _indices(self, strings: list[str]) -> np.ndarray:
        position = {label: index for index, label in enumerate(self.labels)}
        return np.array([position[value] for value in strings], dtype=np.int64)

    def _fit(self, records, y, val_records, val_y) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    def _proba(self, records) -> np.ndarray:  # pragma: no cover - abstract
        raise NotImplementedError

