"""\"Did you mean\" hints for unknown names, shared by every layer."""

from __future__ import annotations

import difflib


def suggest(value: str, choices) -> str:
    """Return a " (did you mean 'x'?)" hint for an unknown id, or an empty string.

    >>> suggest("nato_member", ["nato_membership", "neutrality"])
    " (did you mean 'nato_membership'?)"
    """
    close = difflib.get_close_matches(str(value), list(choices), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""
