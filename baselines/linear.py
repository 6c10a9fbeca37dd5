"""Target-aware linear classifiers over any features, tuned on validation.

Two ways to make a linear model target-aware, picked by validation score:

- ``conjoined``: one model over ``[x | x in the row's target block | target one-hot]``,
  i.e. shared features plus a copy conjoined with the target, so a word can mean
  favor for one target and against for another. An unseen target gets the shared part.
- ``per_target``: one model per training target, and a pooled model for unseen ones.

The regularisation ``C`` and the class weighting are tuned on validation too; grid
order breaks ties (stronger regularisation, unweighted and conjoined first).
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp
from sklearn.metrics import f1_score

from .base import StanceBaseline

MODES = ("conjoined", "per_target")
N_CALIBRATION_FOLDS = 5


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

    Parameters left as None (``C``, ``mode``, ``balanced``) are tuned on the validation
    records passed to ``fit``; without validation records they take the first grid value.
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
        self._featurizer_fit(records)
        X = self._featurize(records)
        self.targets_ = sorted({row["target"] for row in records})
        train_targets = self._target_index(records)
        candidates = self._candidates()
        best, best_score, self.validation_scores_ = candidates[0], -np.inf, []
        if val_records is not None:
            X_val, val_targets = self._featurize(val_records), self._target_index(val_records)
            for mode, balanced, C in candidates:
                # The SVM is tuned on its own margins; only the chosen one is calibrated.
                fitted = self._fit_mode(mode, X, y, train_targets, C, balanced, calibrate=False,
                                        pooled=bool((val_targets < 0).any()))
                proba = self._proba_mode(mode, fitted, X_val, val_targets)
                score = score_predictions(val_y, np.argmax(proba, axis=1), self.metric, len(self.labels))
                self.validation_scores_.append(({"mode": mode, "balanced": balanced, "C": C}, score))
                if score > best_score:
                    best, best_score = (mode, balanced, C), score
                    if self.kind != "svm":
                        self.models_ = fitted
        self.mode_, self.balanced_, self.C_ = best
        if val_records is None or self.kind == "svm":
            self.models_ = self._fit_mode(self.mode_, X, y, train_targets, self.C_, self.balanced_)
        elif self.mode_ == "per_target" and "pooled" not in self.models_:
            self.models_["pooled"] = self._fit_mode("pooled", X, y, train_targets, self.C_, self.balanced_)

    def _target_index(self, records) -> np.ndarray:
        index = {target: i for i, target in enumerate(self.targets_)}
        return np.array([index.get(row["target"], -1) for row in records], dtype=np.int64)

    def _fit_mode(self, mode, X, y, targets, C, balanced, calibrate=True, pooled=True):
        """Fit one candidate: a conjoined model, per-target models (with the pooled
        model for unseen targets when ``pooled``), or (mode ``"pooled"``) that alone."""
        def fit(features, labels):
            return _Fitted(self.kind, features, labels, len(self.labels), C,
                           "balanced" if balanced else None, self.random_state, calibrate)

        if mode == "conjoined":
            return fit(conjoin(X, targets, len(self.targets_)), y)
        if mode == "pooled":
            return fit(X, y)
        # The pooled model is the slow part of a candidate; tuning skips it when no
        # validation row needs it.
        models = {"pooled": fit(X, y)} if pooled else {}
        for t in range(len(self.targets_)):
            rows = np.flatnonzero(targets == t)
            models[t] = fit(X[rows], y[rows])
        return models

    def _proba_mode(self, mode, fitted, X, targets) -> np.ndarray:
        if mode == "conjoined":
            return fitted.proba(conjoin(X, targets, len(self.targets_)))
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
    mode, ``C`` and class weighting tuned on validation."""

    kind = "logreg"
    default_C_grid = (1.0, 3.0, 10.0, 30.0, 100.0)


class TfidfSvm(TfidfLinear):
    """TF-IDF (word 1-2-grams, char 2-5-grams) + linear SVM with sigmoid-calibrated
    probabilities, target-aware; mode, ``C`` and class weighting tuned on validation."""

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
