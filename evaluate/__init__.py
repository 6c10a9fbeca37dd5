"""The sgpos harness: scoring, comparison, reports, the leaderboard and the CLI.

``score`` and ``compare`` are the Python faces of ``sgpos score`` and ``sgpos compare``;
they import numpy and friends only when called, so importing the package stays cheap.
"""

from __future__ import annotations


def score(predictions, gold=None, *, config: str = "stance", split: str = "test", seed: int = 0,
          resamples: int = 1000, model: dict | None = None, data_dir=None) -> dict:
    """Score predictions against gold; return the results dict. See :func:`sgpos.evaluate.scoring.score`."""
    from .scoring import score as score_predictions

    return score_predictions(predictions, gold, config=config, split=split, seed=seed, resamples=resamples,
                             model=model, data_dir=data_dir)


def compare(predictions_a, predictions_b, gold=None, *, config: str = "stance", split: str = "test",
            seed: int = 0, resamples: int = 1000, data_dir=None) -> dict:
    """Compare two systems on the same gold; return the comparison dict.

    See :func:`sgpos.evaluate.comparison.compare`.
    """
    from .comparison import compare as compare_systems

    return compare_systems(predictions_a, predictions_b, gold, config=config, split=split, seed=seed,
                           resamples=resamples, data_dir=data_dir)


__all__ = ["compare", "score"]
