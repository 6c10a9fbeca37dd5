"""sgpos: Security-Guarantee POSitions, a stance benchmark.

The distribution has three parts: ``sgpos.corpus`` (the data), ``sgpos.baselines``
(baseline classifiers) and ``sgpos.evaluate`` (scoring, leaderboard and the CLI).
"""

__version__ = "0.1.0"
