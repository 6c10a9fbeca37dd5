"""The position map: cells, positions, Spearman, MAE and conflict detection, against hand-computed cases."""

from __future__ import annotations

import pytest

from sgpos.evaluate import position_map, score

A, N, F = 0, 1, 2  # against, neutral, favor


def run(rows):
    """rows: (party, target, year, gold code, predicted code)."""
    parties, party_codes = position_map.encode([row[0] for row in rows])
    targets, target_codes = position_map.encode([row[1] for row in rows])
    return position_map.position_map([row[3] for row in rows], [row[4] for row in rows], party_codes, target_codes,
                                     [row[2] for row in rows], parties=parties, targets=targets)


ROWS = [
    # russia on guarantees, 2022: gold -1, -1 -> -1; predicted -1, 0 -> -0.5
    ("russia", "guarantees", 2022, A, A), ("russia", "guarantees", 2021, A, N),
    # ukraine on guarantees, 2022: gold +1, +1 -> 1; predicted +1, +1
    ("ukraine", "guarantees", 2022, F, F), ("ukraine", "guarantees", 2022, F, F),
    # france on guarantees, 2022: gold 0.5 (favor, neutral); predicted -0.5
    ("france", "guarantees", 2021, F, N), ("france", "guarantees", 2022, N, A),
    # one row only: no cell
    ("germany", "guarantees", 2022, A, A),
    # outside every period: left out
    ("russia", "guarantees", 2019, F, F), ("russia", "guarantees", 2019, F, F),
    # missing party: left out
    (None, "guarantees", 2022, F, F), (None, "guarantees", 2022, F, F),
    # another period and target
    ("russia", "neutrality", 2025, F, F), ("russia", "neutrality", 2026, F, N),
]


def test_cells_need_two_rows_in_a_period():
    result = run(ROWS)
    cells = {(c["party"], c["target"], c["period"]): c for c in result["cells"]}
    assert set(cells) == {("russia", "guarantees", "2021-22"), ("ukraine", "guarantees", "2021-22"),
                          ("france", "guarantees", "2021-22"), ("russia", "neutrality", "2025-26")}
    assert result["n_cells"] == 4
    assert cells[("russia", "guarantees", "2021-22")]["gold"] == -1.0
    assert cells[("russia", "guarantees", "2021-22")]["predicted"] == -0.5
    assert cells[("france", "guarantees", "2021-22")]["gold"] == 0.5
    assert cells[("france", "guarantees", "2021-22")]["predicted"] == -0.5
    assert cells[("russia", "neutrality", "2025-26")]["n"] == 2


def test_mae_and_spearman_over_cells():
    result = run(ROWS)
    # gold (-1, 1, 0.5, 1) vs predicted (-0.5, 1, -0.5, 0.5) in the cells' order
    assert result["mae"] == pytest.approx((0.5 + 0 + 1.0 + 0.5) / 4)
    from scipy.stats import spearmanr

    gold = [c["gold"] for c in result["cells"]]
    pred = [c["predicted"] for c in result["cells"]]
    assert result["spearman"] == pytest.approx(spearmanr(gold, pred).statistic)


def test_conflicts_are_scored_against_gold():
    conflicts = run(ROWS)["conflicts"]
    # gold: russia (-1) vs ukraine (1) and russia vs france (0.5); predicted: russia (-0.5) vs ukraine (1)
    # and france (-0.5) vs ukraine (1)
    assert conflicts["gold"] == 2 and conflicts["predicted"] == 2 and conflicts["true_positive"] == 1
    assert conflicts["precision"] == 0.5 and conflicts["recall"] == 0.5 and conflicts["f1"] == 0.5
    pairs = {(p["party_a"], p["party_b"]): (p["gold"], p["predicted"]) for p in conflicts["pairs"]}
    assert pairs == {("russia", "ukraine"): (True, True), ("france", "russia"): (True, False),
                     ("france", "ukraine"): (False, True)}


def test_no_conflicts_leave_the_scores_undefined():
    rows = [("a", "t", 2022, F, F), ("a", "t", 2022, F, F), ("b", "t", 2022, N, N), ("b", "t", 2022, N, N)]
    conflicts = run(rows)["conflicts"]
    assert conflicts["gold"] == conflicts["predicted"] == 0
    assert conflicts["precision"] is None and conflicts["recall"] is None and conflicts["f1"] is None


def test_weak_positions_are_not_conflicts():
    # b's gold position is -0.4 (below the 0.5 threshold)
    rows = [("a", "t", 2024, F, F), ("a", "t", 2024, F, F)] + [("b", "t", 2024, A, A)] * 2 + \
           [("b", "t", 2024, N, N)] * 3
    conflicts = run(rows)["conflicts"]
    assert conflicts["gold"] == 0


def test_score_builds_the_map_from_a_gold_file(tmp_path):
    gold = [{"id": f"r{i}", "label": ["against", "neutral", "favor"][row[3]], "party": row[0], "target": row[1],
             "date": f"{row[2]}-03-04"} for i, row in enumerate(ROWS)]
    predictions = [{"id": f"r{i}", "label": ["against", "neutral", "favor"][row[4]]} for i, row in enumerate(ROWS)]
    results = score(predictions, gold, resamples=0)
    assert results["position_map"]["n_cells"] == 4
    assert results["position_map"]["conflicts"]["f1"] == 0.5
    assert results["breakdowns"]["party"]["(none)"]["n"] == 2


def test_spearman_interval_contains_the_estimate_and_is_seeded():
    import numpy as np

    rng = np.random.default_rng(0)
    rows = []
    for party in ("a", "b", "c", "d", "e", "f"):
        for target in ("t1", "t2", "t3"):
            lean = rng.integers(0, 3)
            for _ in range(6):
                gold = int(lean) if rng.random() < 0.7 else int(rng.integers(0, 3))
                pred = gold if rng.random() < 0.7 else int(rng.integers(0, 3))
                rows.append((party, target, 2023, gold, pred))
    parties, party_codes = position_map.encode([row[0] for row in rows])
    targets, target_codes = position_map.encode([row[1] for row in rows])
    args = ([row[3] for row in rows], [row[4] for row in rows], party_codes, target_codes, [row[2] for row in rows])
    result = position_map.position_map(*args, parties=parties, targets=targets, resamples=300, seed=1)
    low, high = result["bootstrap"]["spearman_ci"]
    assert low <= result["spearman"] <= high and high - low > 0.05
    assert result["bootstrap"]["resamples"] == 300
    again = position_map.position_map(*args, parties=parties, targets=targets, resamples=300, seed=1)
    assert again["bootstrap"] == result["bootstrap"]
    capped = position_map.position_map(*args, parties=parties, targets=targets, resamples=5000, seed=1)
    assert capped["bootstrap"]["resamples"] == position_map.MAX_RESAMPLES
