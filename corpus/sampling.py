"""Seeded random samples of rows, for source re-checks."""

from __future__ import annotations

from .build import unit_hash


def sample_rows(rows: list[dict], *, n: int, seed: int, since: str = "") -> list[dict]:
    """Return ``n`` rows chosen by the seeded hash of their id (sorted by id).

    The same rows, seed and n always give the same sample; no library RNG is used.
    """
    eligible = [row for row in rows if row["date"] >= since]
    ranked = sorted(eligible, key=lambda row: (unit_hash("sample", str(seed), row["id"]), row["id"]))
    return sorted(ranked[:n], key=lambda row: row["id"])
