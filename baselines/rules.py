"""Rule baselines from label counts: ``majority``, ``target_majority``, ``party_prior``.

Each backs off from a specific cell to a broader one. Probabilities are the cell's
label counts smoothed by one pseudo-count spread as the broader distribution:
``(counts + prior) / (n + 1)``. Counts differ by whole numbers and the prior by less
than one, so the most probable label is always the cell's most frequent one, and the
prior only breaks ties.
"""

from __future__ import annotations

from collections import defaultdict

import numpy as np
from sgpos.corpus.ids import LABELS

from .base import StanceBaseline


def _cell_counts(keys: list, y: np.ndarray, n_labels: int) -> dict:
    counts: dict = defaultdict(lambda: np.zeros(n_labels))
    for key, label in zip(keys, y):
        counts[key][label] += 1
    return dict(counts)


def _smooth(counts: np.ndarray, prior: np.ndarray) -> np.ndarray:
    return (counts + prior) / (counts.sum() + 1.0)


class Majority(StanceBaseline):
    """Predict the most frequent training label for every record; probabilities are
    the training label frequencies.

    >>> Majority().fit([{"text": "a"}, {"text": "b"}, {"text": "c"}],
    ...                ["favor", "favor", "against"]).predict([{"text": "x"}]).tolist()
    ['favor']
    """

    columns = ()

    def __init__(self, labels=LABELS, label_key="stance"):
        self.labels = labels
        self.label_key = label_key

    def _fit(self, records, y, val_records, val_y):
        counts = np.bincount(y, minlength=len(self.labels)).astype(float)
        self.prior_ = counts / counts.sum()

    def _proba(self, records):
        return np.tile(self.prior_, (len(records), 1))


class TargetMajority(StanceBaseline):
    """Predict the most frequent training label of the record's target, backing off to
    the overall majority for a target unseen in training.

    >>> rows = [{"target": "t1"}, {"target": "t1"}, {"target": "t2"}]
    >>> TargetMajority().fit(rows, ["favor", "favor", "against"]).predict(
    ...     [{"target": "t2"}, {"target": "new"}]).tolist()
    ['against', 'favor']
    """

    columns = ("target",)

    def __init__(self, labels=LABELS, label_key="stance"):
        self.labels = labels
        self.label_key = label_key

    def _fit(self, records, y, val_records, val_y):
        n_labels = len(self.labels)
        counts = np.bincount(y, minlength=n_labels).astype(float)
        self.prior_ = counts / counts.sum()
        cells = _cell_counts([row["target"] for row in records], y, n_labels)
        self.target_proba_ = {target: _smooth(c, self.prior_) for target, c in sorted(cells.items())}

    def _proba(self, records):
        return np.array([self.target_proba_.get(row["target"], self.prior_) for row in records])


class PartyPrior(StanceBaseline):
    """Predict the most frequent training stance of the record's party on its target,
    backing off to the target's majority, then the overall majority: a metadata-only
    rule that shows how much a party's usual line predicts.

    >>> rows = [{"party": "a", "target": "t"}, {"party": "a", "target": "t"},
    ...         {"party": "b", "target": "t"}]
    >>> PartyPrior().fit(rows, ["against", "against", "favor"]).predict(
    ...     [{"party": "b", "target": "t"}, {"party": "c", "target": "t"}]).tolist()
    ['favor', 'against']
    """

    columns = ("target", "party")

    def __init__(self, labels=LABELS, label_key="stance"):
        self.labels = labels
        self.label_key = label_key

    def _fit(self, records, y, val_records, val_y):
        n_labels = len(self.labels)
        counts = np.bincount(y, minlength=n_labels).astype(float)
        self.prior_ = counts / counts.sum()
        by_target = _cell_counts([row["target"] for row in records], y, n_labels)
        self.target_proba_ = {t: _smooth(c, self.prior_) for t, c in sorted(by_target.items())}
        by_party = _cell_counts([(row["party"], row["target"]) for row in records], y, n_labels)
        self.party_target_proba_ = {key: _smooth(c, self.target_proba_[key[1]])
                                    for key, c in sorted(by_party.items())}

    def _proba(self, records):
        rows = []
        for row in records:
            target_proba = self.target_proba_.get(row["target"], self.prior_)
            rows.append(self.party_target_proba_.get((row["party"], row["target"]), target_proba))
        return np.array(rows)
