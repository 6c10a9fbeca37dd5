"""sgpos: Security-Guarantee POSitions, a stance benchmark.

Three libraries, layered one way: ``sgpos.corpus`` (the data) <- ``sgpos.baselines``
(baseline classifiers) <- ``sgpos.evaluate`` (scoring, comparison, leaderboard).
This package holds what every layer shares (``errors``, ``atomic``, ``hashing``,
``suggest``) and the command line (``sgpos.cli``), a thin shell over the libraries.
"""

from sgpos.errors import InputError

__version__ = "0.2.0"

__all__ = ["InputError", "__version__"]
