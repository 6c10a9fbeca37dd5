"""Target-aware linear classifiers over any features, tuned by grouped cross-validation.

Two ways to make a linear model target-aware:

- ``conjoined``: one model over ``[x | x in the row's target block | target one-hot]``,
  i.e. shared features plus a copy conjoined with the target, so a word can mean
  favor for one target and against for another. An unseen target gets the shared part.
- ``per_target``: one model per training target, and a pooled model for unseen ones.

The mode, the regularisation ``C`` and the class weighting that are not fixed are
picked by cross-validation on the training rows plus any validation rows: folds are a
seeded hash of each row's statement (or passage), so a statement's rows never sit on
both sides of a fold, and the score is the metric of the pooled out-of-fold
predictions. Grid order breaks ties (stronger regularisation, unweighted and conjoined
first). The chosen settings are then fitted on all those rows.
"""

from __future__ import annotations

import os

import numpy as np
import scipy.sparse as sp
from sklearn.metrics import f1_score

from .base import StanceBaseline

MODES = ("conjoined", "per_target")
N_CALIBRATION_FOLDS = 5
#: Folds of the tuning cross-validation.
N_TUNING_FOLDS = 3
#: Worker processes that fit tuning candidates side by side (at most the cores there are).
TUNING_JOBS = min(2, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)
#: Record fields that name the group a row belongs to, first present wins.
GROUP_KEYS = ("statement_id", "passage_id", "id")


def grouped_folds(records, n_folds: int = N_TUNING_FOLDS, seed: int = 0) -> np.ndarray:
    """Return each record's fold, ``0 .. n_folds - 1``: a seeded hash of its group.

    The group is the record's statement (``statement_id``), else its passage, else its
    id, else its position, so the rows of one statement always share a fold.

    >>> grouped_folds([{"statement_id": "a"}, {"statement_id": "a"}, {"statement_id": "b"}], 3).tolist()
    [0, 0, 2]
    """
    import hashlib

    folds = []
    for position, row in enumerate(records):
        group = next((str(row[key]) for key in GROUP_KEYS if row.get(key) not in (None, "")), f"#{position}")
        digest = hashlib.sha256(f"{seed}:{group}".encode("utf-8")).digest()
        folds.append(int.from_bytes(digest[:8], "big") % n_folds)
    return np.array(folds, dtype=np.int64)


def conjoin(X, target_index: np.ndarray, n_targets: int):
    """Return ``[X | X in block target_index | one-hot target]`` as CSR.

    Rows whose ``target_index`` is -1 (a target unseen in training) get only ``X``.
    """
    X = sp.coo_matrix(X)
    n_rows, width = X.shape
    row_target = target_index[X.row]
    seen = row_target >= 0
    seen_rows = np.flatnonzero(target_index >= 0)
    rows = np.concatenate([X.row, X.row[seen], seen_rows])
    cols = np.concatenate([X.col, width * (1 + row_target[seen]) + X.col[seen],
                           width * (1 + n_targets) + target_index[seen_rows]])
    data = np.concatenate([X.data, X.data[seen], np.ones(len(seen_rows))])
    out = sp.csr_matrix((data, (rows, cols)), shape=(n_rows, width * (1 + n_targets) + n_targets))
    out.sort_indices()
    return out


def score_predictions(y_true: np.ndarray, y_pred: np.ndarray, metric: str, n_labels: int) -> float:
    """Return the tuning score: ``macro_f1`` over all labels, or ``f_avg`` (mean F1 of
    the first and last label: against and favor)."""
    labels = [0, n_labels - 1] if metric == "f_avg" else list(range(n_labels))
    return float(f1_score(y_true, y_pred, labels=labels, average="macro", zero_division=0))


class _Fitted:
    """One fitted linear model; ``proba`` maps its classes onto all label columns."""

    def __init__(self, kind, X, y, n_labels, C, class_weight, random_state, calibrate=True):
        self.n_labels = n_labels
        self.present = np.unique(y)
        self.model = None
        if len(self.present) == 1:
            return
        if kind == "logreg":
            from sklearn.linear_model import LogisticRegression
            from sklearn.multiclass import OneVsRestClassifier

            # liblinear's dual solver, one-vs-rest: with far more features than rows it is
            # about ten times faster than lbfgs or the primal solver; seeded, so deterministic.
            self.model = OneVsRestClassifier(LogisticRegression(
                C=C, class_weight=class_weight, solver="liblinear", dual=True, max_iter=5000,
                random_state=random_state))
        else:
            from sklearn.calibration import CalibratedClassifierCV
            from sklearn.model_selection import StratifiedKFold
            from sklearn.svm import LinearSVC

            svm = LinearSVC(C=C, class_weight=class_weight, random_state=random_state, max_iter=10000)
            folds = min(N_CALIBRATION_FOLDS, int(np.bincount(y)[self.present].min()))
            # Uncalibrated (tuning), or too few examples of a class to calibrate: a
            # softmax of the margins. Calibrated: one SVM on all rows, sigmoids fitted
            # on cross-validated margins (ensemble=False keeps the SVM's own decisions).
            self.model = svm if folds < 2 or not calibrate else CalibratedClassifierCV(
                svm, method="sigmoid", cv=StratifiedKFold(n_splits=folds), ensemble=False)
        self.model.fit(X, y)

    def proba(self, X) -> np.ndarray:
        out = np.zeros((X.shape[0], self.n_labels))
        if self.model is None:
            out[:, self.present[0]] = 1.0
            return out
        if hasattr(self.model, "predict_proba"):
            columns = self.model.predict_proba(X)
        else:
            margins = self.model.decision_function(X)
            if margins.ndim == 1:
                margins = np.column_stack([-margins, margins])
            margins = margins - margins.max(axis=1, keepdims=True)
            columns = np.exp(margins) / np.exp(margins).sum(axis=1, keepdims=True)
        out[:, self.model.classes_] = columns  # classes_ are label indices, placed by value
        return out


class TargetAwareLinear(StanceBaseline):
    """A target-aware linear classifier over the features of ``_featurize``.

    Parameters left as None (``C``, ``mode``, ``balanced``) are picked by grouped
    cross-validation on the records passed to ``fit`` (training plus validation); the
    model is then fitted on all of them.
    """

    kind = "logreg"
    #: Values of ``C`` tried when ``C_grid`` is None.
    default_C_grid: tuple[float, ...] = (0.1, 0.3, 1.0, 3.0, 10.0)

    def __init__(self, C=None, mode=None, balanced=None, C_grid=None, metric="macro_f1", random_state=0,
                 labels=("against", "neutral", "favor"), label_key="stance"):
        self.C = C
        self.mode = mode
        self.balanced = balanced
        self.C_grid = C_grid
        self.metric = metric
        self.random_state = random_state
        self.labels = labels
        self.label_key = label_key

    def _featurizer_fit(self, records):  # pragma: no cover - abstract
        raise NotImplementedError

    def _featurize(self, records):  # pragma: no cover - abstract
        raise NotImplementedError

    def _candidates(self):
        modes = MODES if self.mode is None else (self.mode,)
        weights = (False, True) if self.balanced is None else (self.balanced,)
        grid = (self.C_grid or self.default_C_grid) if self.C is None else (self.C,)
        return [(mode, weight, C) for mode in modes for weight in weights for C in grid]

    def _fit(self, records, y, val_records, val_y):
        if val_records is not None:
            records, y = list(records) + list(val_records), np.concatenate([y, val_y])
        # The features are fitted once on every row (no label is used): each fold's
        # model is then fitted on its own rows' features.
        self._featurizer_fit(records)
        X = self._featurize(records)
        self.targets_ = sorted({row["target"] for row in records})
        candidates = self._candidates()
        self.cv_scores_ = []
        best = candidates[0]
        if len(candidates) > 1:
            folds = grouped_folds(records, N_TUNING_FOLDS, self.random_state)
            names = [row["target"] for row in records]
            best_score = -np.inf
            for (mode, balanced, C), score in zip(candidates, self._cv_scores(candidates, X, y, names, folds)):
                self.cv_scores_.append(({"mode": mode, "balanced": balanced, "C": C}, score))
                if score > best_score:
                    best, best_score = (mode, balanced, C), score
        self.mode_, self.balanced_, self.C_ = best
        finite = [score for _, score in self.cv_scores_ if np.isfinite(score)]
        self.cv_score_ = max(finite) if finite else None  # None: nothing was tuned, or too few groups
        self.models_ = self._fit_mode(self.mode_, X, y, self._target_index(records), self.C_, self.balanced_)

    def _cv_scores(self, candidates, X, y, names, folds) -> list[float]:
        """Return each candidate's cross-validated score, candidates fitted side by side in
        worker processes (each fit is seeded, and liblinear's random state is per process,
        so the scores are the same as in a sequential loop)."""
        from joblib import Parallel, delayed

        jobs = min(TUNING_JOBS, len(candidates))
        if jobs < 2:
            return [self._cv_score(*candidate, X, y, names, folds) for candidate in candidates]
        return Parallel(n_jobs=jobs, backend="loky")(
            delayed(self._cv_score)(*candidate, X, y, names, folds) for candidate in candidates)

    def _cv_score(self, mode, balanced, C, X, y, names, folds) -> float:
        """Return the tuning metric of one candidate's pooled out-of-fold predictions."""
        predicted = np.zeros(len(y), dtype=np.int64)
        for fold in np.unique(folds):
            train, held_out = np.flatnonzero(folds != fold), np.flatnonzero(folds == fold)
            if len(train) == 0:
                return -np.inf
            fold_targets = sorted({names[i] for i in train})
            index = {target: i for i, target in enumerate(fold_targets)}
            targets = np.array([index.get(name, -1) for name in names], dtype=np.int64)
            # The SVM is tuned on its own margins; only the chosen one is calibrated.
            fitted = self._fit_mode(mode, X[train], y[train], targets[train], C, balanced, calibrate=False,
                                    pooled=bool((targets[held_out] < 0).any()), n_targets=len(fold_targets))
            proba = self._proba_mode(mode, fitted, X[held_out], targets[held_out], n_targets=len(fold_targets))
            predicted[held_out] = np.argmax(proba, axis=1)
        return score_predictions(y, predicted, self.metric, len(self.labels))

    def _target_index(self, records) -> np.ndarray:
        index = {target: i for i, target in enumerate(self.targets_)}
        return np.array([index.get(row["target"], -1) for row in records], dtype=np.int64)

    def _fit_mode(self, mode, X, y, targets, C, balanced, calibrate=True, pooled=True, n_targets=None):
        """Fit one candidate: a conjoined model, per-target models (with the pooled
        model for unseen targets when ``pooled``), or (mode ``"pooled"``) that alone.

        ``targets`` are indices into ``n_targets`` training targets (default: all of ``targets_``).
        """
        n_targets = len(self.targets_) if n_targets is None else n_targets

        def fit(features, labels):
            return _Fitted(self.kind, features, labels, len(self.labels), C,
                           "balanced" if balanced else None, self.random_state, calibrate)

        if mode == "conjoined":
            return fit(conjoin(X, targets, n_targets), y)
        if mode == "pooled":
            return fit(X, y)
        # The pooled model is the slow part of a candidate; tuning skips it when no
        # held-out row needs it.
        models = {"pooled": fit(X, y)} if pooled else {}
        for t in range(n_targets):
            rows = np.flatnonzero(targets == t)
            models[t] = fit(X[rows], y[rows])
        return models

    def _proba_mode(self, mode, fitted, X, targets, n_targets=None) -> np.ndarray:
        if mode == "conjoined":
            return fitted.proba(conjoin(X, targets, len(self.targets_) if n_targets is None else n_targets))
        out = np.zeros((X.shape[0], len(self.labels)))
        for t in np.unique(targets):
            rows = np.flatnonzero(targets == t)
            out[rows] = fitted["pooled" if t < 0 else int(t)].proba(X[rows])
        return out

    def _proba(self, records):
        return self._proba_mode(self.mode_, self.models_, self._featurize(records),
                                self._target_index(records))


class TfidfLinear(TargetAwareLinear):
    """Word 1-2-gram and character 2-5-gram TF-IDF features of the text."""

    def _featurizer_fit(self, records):
        from sklearn.feature_extraction.text import TfidfVectorizer

        texts = [row["text"] for row in records]
        self.word_ = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True).fit(texts)
        self.char_ = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True,
                                     min_df=2).fit(texts)

    def _featurize(self, records):
        texts = [row["text"] for row in records]
        return sp.hstack([self.word_.transform(texts), self.char_.transform(texts)], format="csr")


class TfidfLogReg(TfidfLinear):
    """TF-IDF (word 1-2-grams, char 2-5-grams) + logistic regression, target-aware;
    mode, ``C`` and class weighting picked by grouped cross-validation."""

    kind = "logreg"
    default_C_grid = (1.0, 3.0, 10.0, 30.0, 100.0)


class TfidfSvm(TfidfLinear):
    """TF-IDF (word 1-2-grams, char 2-5-grams) + linear SVM with sigmoid-calibrated
    probabilities, target-aware; mode, ``C`` and class weighting picked by grouped cross-validation."""

    kind = "svm"
    default_C_grid = (0.03, 0.1, 0.3, 1.0, 3.0)


class TfidfPrior(TfidfLogReg):
    """TF-IDF text features plus indicator features of the party and of the party on the
    target, in one target-aware logistic regression: the model learns a party's usual
    line and, from the text, when a statement breaks it."""

    columns = ("text", "target", "party")

    def _featurizer_fit(self, records):
        super()._featurizer_fit(records)
        keys = sorted({key for row in records for key in _prior_keys(row)})
        self.prior_index_ = {key: i for i, key in enumerate(keys)}

    def _featurize(self, records):
        rows, cols = [], []
        for i, row in enumerate(records):
            for key in _prior_keys(row):
                if key in self.prior_index_:
                    rows.append(i)
                    cols.append(self.prior_index_[key])
        indicators = sp.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(records), len(self.prior_index_)))
        return sp.hstack([super()._featurize(records), indicators], format="csr")


def _prior_keys(row) -> tuple[str, str]:
    return f"party={row['party']}", f"party_target={row['party']}|{row['target']}"
