"""The refused sources: hosts and URL patterns a corpus row may not cite.

The list lives in ``corpus/refused_sources.tsv`` (kind, pattern, reason); ``sgpos
corpus validate`` refuses a row whose ``source_url`` matches, naming the rule.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

from .paths import CORPUS_DIR

REFUSED_SOURCES = CORPUS_DIR / "refused_sources.tsv"


@dataclass(frozen=True)
class SourceRule:
    """One refused host (``host``: it or any subdomain) or URL pattern (``url``: a regex)."""

    kind: str
    pattern: str
    reason: str

    def matches(self, url: str) -> bool:
        """Return True when ``url`` falls under this rule."""
        if self.kind == "host":
            host = (urlsplit(url).hostname or "").lower()
            return host == self.pattern or host.endswith("." + self.pattern)
        return re.search(self.pattern, url) is not None


@lru_cache(maxsize=4)
def refused_rules(path: Path = REFUSED_SOURCES) -> tuple[SourceRule, ...]:
    """Read the rules (comment and blank lines skipped)."""
    rules = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        kind, pattern, reason = line.split("\t")
        if kind not in ("host", "url"):
            raise ValueError(f"{path}: unknown rule kind {kind!r}")
        rules.append(SourceRule(kind, pattern, reason))
    return tuple(rules)


def refused_rule(url: str, path: Path = REFUSED_SOURCES) -> SourceRule | None:
    """Return the first rule that refuses ``url``, or None.

    >>> refused_rule("https://www.menafn.com/123/x").reason
    'content farm republishing wire and press-release copy'
    >>> refused_rule("https://www.reuters.com/world/x") is None
    True
    """
    return next((rule for rule in refused_rules(path) if rule.matches(url)), None)
