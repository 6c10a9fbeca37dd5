"""The estimator contract every baseline follows.

``fit(X, y=None, *, X_val=None, y_val=None)`` takes records (and labels, or reads them
from the records' ``label_key`` column); ``predict_proba`` returns columns in the order
of ``labels`` (``("against", "neutral", "favor")`` by default), which is also
``classes_``: never scikit-learn's alphabetical order. The tuned baselines add the
validation records ``X_val`` to their training rows, pick their settings by grouped
cross-validation on all of them and are refitted on all of them; the rules, which have
nothing to tune, are fitted on ``X`` alone (so ``party_prior`` stays the usual line of
the training split that defines the ``counter_prior`` rows).
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
        """Fit on records ``X`` (labels ``y`` or each record's ``label_key``) and, for the tuned
        baselines, on the validation records ``X_val`` too (see the module docstring)."""
        labels = tuple(self.labels)
        records = as_records(X, where="training records")
        if not records:
            raise InputError("training records", "no rows to train on", "pass at least one record")
        check_columns(records, self.columns, where="training records")
        given = [row.get(self.label_key) for row in records] if y is None else list(y)
        # Predictions come back in the label type the model was fitted on: ClassLabel
        # indices (as ``datasets`` loads the corpus) or strings.
        self.label_indices_ = bool(given) and all(isinstance(v, (int, np.integer)) and not isinstance(v, bool)
                                                  for v in given)
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
        """Return the most probable label of each record: label strings, or ClassLabel
        indices when the model was fitted on indices."""
        proba = self.predict_proba(X)
        if getattr(self, "label_indices_", False):
            return np.argmax(proba, axis=1) if len(proba) else np.array([], dtype=np.int64)
        return self.classes_[np.argmax(proba, axis=1)] if len(proba) else np.array([], dtype=str)

    def score(self, X, y=None, sample_weight=None) -> float:
        """Return the accuracy on ``X`` (labels ``y`` or each record's ``label_key``),
        comparing label strings whatever type ``y`` and the predictions come in."""
        records = as_records(X, where="records")
        gold = label_strings(records, y, tuple(self.labels), self.label_key, where="labels")
        predicted = [self.labels[p] if isinstance(p, (int, np.integer)) else p for p in self.predict(records)]
        weights = np.ones(len(gold)) if sample_weight is None else np.asarray(sample_weight, dtype=float)
        return float(np.average([a == b for a, b in zip(gold, predicted)], weights=weights)) if gold else 0.0

    def _indices(self, strings: list[str]) -> np.ndarray:
        position = {label: index for index, label in enumerate(self.labels)}
        return np.array([position[value] for value in strings], dtype=np.int64)

    def _fit(self, records, y, val_records, val_y) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    def _proba(self, records) -> np.ndarray:  # pragma: no cover - abstract
        raise NotImplementedError

