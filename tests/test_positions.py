"""Positions over time (``sgpos.corpus.positions``) and ``sgpos positions``: cells, periods,
filters, party comparisons, and one line with exit code 2 for bad input."""

from __future__ import annotations

import json

import pytest

from sgpos.cli import main
from sgpos.corpus.positions import (Cell, compare_parties, party_moves, period_label, period_range,
                                    position_table, read_position_rows, relation)
from sgpos.errors import InputError


def _row(row_id, party, target, date, stance):
    return {"id": row_id, "statement_id": row_id, "party": party, "target": target, "date": date,
            "stance": stance, "text": f"text of {row_id}", "speaker": "someone",
            "source_url": f"https://example.org/{row_id}"}


ROWS = [
    _row("r1", "russia", "guarantees", "2025-01-10", "against"),
    _row("r2", "russia", "guarantees", "2025-03-31", "favor"),
    _row("r3", "russia", "guarantees", "2025-04-01", "against"),
    _row("r4", "russia", "guarantees", "2025-07-01", "favor"),
    _row("r5", "russia", "neutrality", "2024-11-01", "favor"),
    _row("u1", "ukraine", "guarantees", "2025-02-01", "favor"),
    _row("u2", "ukraine", "guarantees", "2025-08-01", "favor"),
    _row("u3", "ukraine", "neutrality", "2024-12-31", "neutral"),
    _row("u4", "ukraine", "arms_supply", "2025-05-05", "favor"),
]

SHIFTS = [
    {"id": "s1", "id_a": "r3", "id_b": "r4", "party": "russia", "target": "guarantees", "date_a": "2025-04-01",
     "date_b": "2025-07-01", "text_a": "text of r3", "text_b": "text of r4", "label": "toward_favor"},
    {"id": "s2", "id_a": "r1", "id_b": "r4", "party": "russia", "target": "guarantees", "date_a": "2025-01-10",
     "date_b": "2025-07-01", "text_a": "text of r1", "text_b": "text of r4", "label": "toward_favor"},
    {"id": "s3", "id_a": "u1", "id_b": "u2", "party": "ukraine", "target": "guarantees", "date_a": "2025-02-01",
     "date_b": "2025-08-01", "text_a": "text of u1", "text_b": "text of u2", "label": "held"},
    {"id": "s4", "id_a": "h1", "id_b": "h2", "party": "hungary", "target": "guarantees", "date_a": "2025-02-01",
     "date_b": "2025-08-01", "text_a": "a", "text_b": "b", "label": "toward_against"},
]


def _cells(rows=ROWS, **options) -> dict[tuple[str, str, str], Cell]:
    return {(cell.party, cell.target, cell.period): cell for cell in position_table(rows, **options)}


def test_cells_have_mean_counts_and_their_row_ids():
    cells = _cells()
    first = cells[("russia", "guarantees", "2025-H1")]
    assert (first.n, first.against, first.neutral, first.favor) == (3, 2, 0, 1)
    assert first.mean == pytest.approx(-1 / 3)
    assert first.ids == ("r1", "r2", "r3")
    assert cells[("russia", "guarantees", "2025-H2")].mean == 1.0
    assert cells[("ukraine", "neutrality", "2024-H2")].mean == 0.0
    assert sum(cell.n for cell in cells.values()) == len(ROWS)
    assert list(cells) == sorted(cells)


@pytest.mark.parametrize("period, expected", [
    ("quarter", {"2025-Q1": (2, 0.0), "2025-Q2": (1, -1.0), "2025-Q3": (1, 1.0)}),
    ("half", {"2025-H1": (3, -1 / 3), "2025-H2": (1, 1.0)}),
    ("year", {"2025": (4, 0.0)}),
])
def test_periods_bucket_the_rows(period, expected):
    cells = position_table(ROWS, period, parties=["russia"], targets=["guarantees"])
    assert {cell.period: (cell.n, pytest.approx(cell.mean)) for cell in cells} == expected


def test_period_labels_and_ranges_at_the_edges():
    assert [period_label(date, "quarter") for date in ("2025-03-31", "2025-04-01", "2025-12-31")] == \
        ["2025-Q1", "2025-Q2", "2025-Q4"]
    assert [period_label(date, "half") for date in ("2025-06-30", "2025-07-01")] == ["2025-H1", "2025-H2"]
    assert period_range("2024-Q4", "2025-Q2", "quarter") == ["2024-Q4", "2025-Q1", "2025-Q2"]
    assert period_range("2023", "2025", "year") == ["2023", "2024", "2025"]


def test_filters_select_parties_targets_and_dates_inclusive():
    cells = _cells(parties=["ukraine"], targets=["guarantees", "neutrality"], since="2024-12-31", until="2025-08-01")
    assert set(cells) == {("ukraine", "guarantees", "2025-H1"), ("ukraine", "guarantees", "2025-H2"),
                          ("ukraine", "neutrality", "2024-H2")}
    assert _cells(since="2025-07-02") == {("ukraine", "guarantees", "2025-H2"): _cells()[("ukraine", "guarantees", "2025-H2")]}
    assert _cells(parties=["hungary"]) == {}


def test_compare_labels_agree_conflict_and_open():
    comparison = compare_parties(ROWS, "russia", "ukraine", SHIFTS)
    labels = {(item.target, item.period): item.relation for item in comparison.relations}
    assert labels == {("guarantees", "2025-H1"): "conflict", ("guarantees", "2025-H2"): "agree",
                      ("neutrality", "2024-H2"): "open", ("arms_supply", "2025-H1"): "open"}
    silent = next(item for item in comparison.relations if item.target == "arms_supply")
    assert silent.a is None and silent.b.n == 1


def test_relation_of_a_balanced_or_missing_cell_is_open():
    def cell(mean):
        return Cell("x", "guarantees", "2025", 2, mean, 0, 0, 0)

    assert relation(cell(0.5), cell(0.1)) == "agree"
    assert relation(cell(-0.5), cell(0.5)) == "conflict"
    assert relation(cell(0.0), cell(-1.0)) == relation(None, cell(1.0)) == "open"


def test_moves_are_the_later_statements_of_shifts_toward_a_side():
    comparison = compare_parties(ROWS, "russia", "ukraine", SHIFTS)
    assert [(move.id, move.direction, move.previous_ids, move.source_url) for move in comparison.moves] == \
        [("r4", "toward_favor", ("r1", "r3"), "https://example.org/r4")]
    assert comparison.moves[0].period == "2025-H2"
    assert party_moves(SHIFTS, ["russia"], until="2025-06-30") == []
    assert [move.party for move in party_moves(SHIFTS, ["hungary"])] == ["hungary"]


@pytest.mark.parametrize("call, option, needle", [
    (lambda: position_table(ROWS, parties=["rusia"]), "--parties", "did you mean 'russia'"),
    (lambda: position_table(ROWS, targets=["guarantee"]), "--targets", "did you mean 'guarantees'"),
    (lambda: position_table(ROWS, "month"), "--period", "unknown period 'month'"),
    (lambda: position_table(ROWS, "quater"), "--period", "did you mean 'quarter'"),
    (lambda: position_table(ROWS, since="2025-02-30"), "--since", "is not a date"),
    (lambda: position_table(ROWS, since="2025-05-01", until="2025-01-01"), "--since", "after --until"),
    (lambda: compare_parties(ROWS, "russia", "russia"), "--compare", "both parties"),
    (lambda: compare_parties(ROWS, "russia", "ukrain"), "--compare", "did you mean 'ukraine'"),
    (lambda: read_position_rows("pairs"), "--config", "no stance of one party"),
    (lambda: read_position_rows("stance", "dev"), "--split", "unknown split"),
])
def test_bad_input_raises_input_error_naming_the_option(call, option, needle):
    with pytest.raises(InputError) as caught:
        call()
    assert caught.value.path == option and needle in str(caught.value)


def _run(argv, capsys):
    with pytest.raises(SystemExit) as done:
        main(argv)
    out, err = capsys.readouterr()
    return done.value.code, out, err


@pytest.mark.parametrize("argv", [
    ["positions", "--parties", "rusia"],
    ["positions", "--period", "month"],
    ["positions", "--since", "2025-02-30"],
    ["positions", "--config", "pairs"],
    ["positions", "--compare", "russia", "russia"],
    ["positions", "--compare", "russia", "ukraine", "--parties", "hungary"],
    ["positions", "--parties", "russia", "--since", "2040-01-01"],
])
def test_cli_bad_input_exits_2_with_one_line_and_writes_nothing(argv, capsys, tmp_path):
    output = tmp_path / "positions.json"
    code, out, err = _run([*argv, "--json", str(output)], capsys)
    assert code == 2 and len(err.strip().splitlines()) == 1 and err.startswith("error: ")
    assert "Traceback" not in out + err and not output.exists()


def test_cli_writes_the_library_numbers_and_a_png(capsys, tmp_path, monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")
    numbers, png = tmp_path / "positions.json", tmp_path / "positions.png"
    code, out, err = _run(["positions", "--parties", "russia,ukraine", "--targets", "guarantees,neutrality",
                           "--period", "year", "--json", str(numbers), "--png", str(png)], capsys)
    assert code == 0, err
    written = json.loads(numbers.read_text(encoding="utf-8"))
    expected = position_table(read_position_rows(), "year", parties=["russia", "ukraine"],
                              targets=["guarantees", "neutrality"])
    assert [(c["party"], c["target"], c["period"], c["n"], c["ids"]) for c in written["cells"]] == \
        [(c.party, c.target, c.period, c.n, list(c.ids)) for c in expected]
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert "russia / guarantees" in out and f"{expected[0].n})" in out


def test_cli_compare_writes_relations_and_moves(capsys, tmp_path):
    numbers = tmp_path / "compare.json"
    code, _, err = _run(["positions", "--compare", "russia", "ukraine", "--targets", "guarantees",
                         "--json", str(numbers)], capsys)
    assert code == 0, err
    written = json.loads(numbers.read_text(encoding="utf-8"))
    assert written["party_a"] == "russia" and written["relations"]
    assert {item["relation"] for item in written["relations"]} <= {"agree", "conflict", "open"}
    assert all(move["party"] in ("russia", "ukraine") and move["direction"].startswith("toward_")
               for move in written["moves"])
