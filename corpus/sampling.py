"""Seeded random samples of rows, for source re-checks."""

from __future__ import annotations

from .build import unit_hash


def sample_rows(rows: list[dict], *, n: int, seed: int, since: str = "",
                only_ids: set[str] | None = None) -> list[dict]:
    """Return ``n`` rows chosen by the seeded hash of their id (sorted by id).

    ``since`` keeps rows dated on or after it; ``only_ids``, when given, keeps the rows
    with those ids (e.g. the rows of the annotation files added since the last
    re-check). The same rows, seed and filters always give the same sample; no
    library RNG is used.
    """
    eligible = [row for row in rows if row["date"] >= since and (only_ids is None or row["id"] in only_ids)]
    ranked = sorted(eligible, key=lambda row: (unit_hash("sample", str(seed), row["id"]), row["id"]))
    return sorted(ranked[:n], key=lambda row: row["id"])
