"""A party's usual line: its most frequent stance on a target in a set of rows.

This is the metadata-only rule of the ``party_prior`` baseline, and the definition of
``counter_prior``: a row breaks its party's usual line when its stance differs from the
usual line fitted on its config's train split.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from .ids import LABELS


@dataclass
class UsualLine:
    """Stance counts per (party, target), per target and overall."""

    by_party_target: dict = field(default_factory=lambda: defaultdict(Counter))
    by_target: dict = field(default_factory=lambda: defaultdict(Counter))
    overall: Counter = field(default_factory=Counter)

    def stance(self, party: str, target: str) -> str:
        """Return the party's most frequent stance on the target, backing off to the
        target's, then the overall most frequent stance; ties go to the broader counts,
        then to label order (against, neutral, favor), as ``party_prior`` breaks them.

        >>> line = fit_usual_line([{"party": "a", "target": "t", "stance": "favor"},
        ...                        {"party": "b", "target": "t", "stance": "against"},
        ...                        {"party": "b", "target": "t", "stance": "against"}])
        >>> line.stance("a", "t"), line.stance("c", "t"), line.stance("c", "other")
        ('favor', 'against', 'against')
        """
        cell = self.by_party_target.get((party, target), Counter())
        broader = self.by_target.get(target, Counter())
        return max(LABELS, key=lambda label: (cell[label], broader[label], self.overall[label],
                                              -LABELS.index(label)))


def fit_usual_line(rows) -> UsualLine:
    """Count the stances of ``rows`` (dicts with ``party``, ``target`` and a string ``stance``)."""
    line = UsualLine()
    for row in rows:
        line.by_party_target[(row["party"], row["target"])][row["stance"]] += 1
        line.by_target[row["target"]][row["stance"]] += 1
        line.overall[row["stance"]] += 1
    return line


def counter_prior_flags(train, rows) -> list[bool]:
    """Return, for each of ``rows``, whether its stance breaks the usual line fitted on ``train``."""
    line = fit_usual_line(train)
    return [line.stance(row["party"], row["target"]) != row["stance"] for row in rows]
