"""Field-by-field comparison of two JSON-like values, with a tolerance for floats."""

from __future__ import annotations

import math

#: Default float tolerance (relative): the last of the 6 significant digits results keep.
RELATIVE_TOLERANCE = 2e-6


def first_difference(stored, actual, where: str = "results", *, tolerance: float = RELATIVE_TOLERANCE,
                     skip: tuple[str, ...] = ()) -> str | None:
    """Return the first field where ``stored`` differs from ``actual`` (floats within
    ``tolerance``, relative to max(1, |value|)), as ``"results.x.y: stored A, recomputed B"``,
    or None. Top-level keys in ``skip`` are not compared.

    >>> first_difference({"a": {"b": 1.0}}, {"a": {"b": 1.5}})
    'results.a.b: stored 1.0, recomputed 1.5'
    """
    if isinstance(actual, dict):
        if not isinstance(stored, dict):
            return f"{where}: stored {type(stored).__name__}, recomputed an object"
        for key in sorted(set(stored) | set(actual)):
            if where == "results" and key in skip:
                continue
            if key not in stored or key not in actual:
                return f"{where}.{key}: {'missing in the entry' if key not in stored else 'not a recomputed field'}"
            found = first_difference(stored[key], actual[key], f"{where}.{key}", tolerance=tolerance)
            if found:
                return found
        return None
    if isinstance(actual, list):
        if not isinstance(stored, list) or len(stored) != len(actual):
            return f"{where}: stored {stored!r:.60}, recomputed {actual!r:.60}"
        for index, (a, b) in enumerate(zip(stored, actual)):
            found = first_difference(a, b, f"{where}[{index}]", tolerance=tolerance)
            if found:
                return found
        return None
    if isinstance(actual, float) and isinstance(stored, (int, float)) and not isinstance(stored, bool):
        if math.isfinite(stored) and abs(stored - actual) <= tolerance * max(1.0, abs(actual)):
            return None
    elif type(stored) is type(actual) and stored == actual:
        return None
    return f"{where}: stored {stored!r}, recomputed {actual!r}"
