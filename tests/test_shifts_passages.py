"""The derived configs: ``shifts`` (one party over time) and ``passages`` (several parties in one text)."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from sgpos.baselines import ShiftsFromStance, make
from sgpos.corpus import read_records
from sgpos.corpus.build import shift_label
from sgpos.corpus.passages import check_passage, passage_rows


@pytest.fixture(scope="module")
def stance_rows():
    return {r["id"]: (split, r) for split in ("train", "validation", "test") for r in read_records("stance", split)}


def test_shift_pairs_are_one_party_on_one_target_a_month_or_more_apart(stance_rows):
    for split in ("train", "validation", "test"):
        for pair in read_records("shifts", split):
            a, b = stance_rows[pair["id_a"]][1], stance_rows[pair["id_b"]][1]
            assert a["party"] == b["party"] == pair["party"] and a["target"] == b["target"] == pair["target"]
            gap = dt.date.fromisoformat(b["date"]) - dt.date.fromisoformat(a["date"])
            assert gap.days >= 30
            assert pair["label"] == shift_label(a["stance"], b["stance"])


def test_no_test_statement_is_seen_in_a_training_shift(stance_rows):
    for pair in read_records("shifts", "train"):
        assert stance_rows[pair["id_a"]][0] == stance_rows[pair["id_b"]][0] == "train"
    for pair in read_records("shifts", "test"):
        assert "test" in (stance_rows[pair["id_a"]][0], stance_rows[pair["id_b"]][0])


def test_a_prior_rule_predicts_every_shift_as_held():
    model = ShiftsFromStance(make("party_prior")).fit(read_records("stance", "train"))
    assert set(model.predict(read_records("shifts", "test"))) == {"held"}
    proba = model.predict_proba(read_records("shifts", "test")[:5])
    assert proba.shape == (5, 3) and abs(proba.sum(axis=1) - 1).max() < 1e-9


def _passage(**changes):
    text = " ".join(["word"] * 70)
    passage = {"passage_id": "2022-09-14-compact-and-kremlin", "text": text, "date": "2022-09-14",
               "date_approx": False, "source_url": "https://www.reuters.com/world/x", "source_outlet": "Reuters",
               "rows": [dict(party="ukraine", target="guarantees", speaker="Andriy Yermak", conditional=False,
                             stance_first="favor", stance_second="favor", stance="favor", adjudication_note="",
                             rationale="r"),
                        dict(party="russia", target="guarantees", speaker="Dmitry Peskov", conditional=False,
                             stance_first="against", stance_second="against", stance="against",
                             adjudication_note="", rationale="r")]}
    passage.update(changes)
    return passage


@pytest.mark.parametrize("changes, problem", [
    ({}, None),
    ({"text": "too short"}, "text has 2 words"),
    ({"passage_id": "2022-09-15-x"}, "passage_id"),
    ({"source_url": "https://www.menafn.com/1/x"}, "refused source"),
    ({"rows": _passage()["rows"][:1]}, "labels 1 parties"),
    ({"extra": 1}, "unknown field 'extra'"),
])
def test_passage_checks(changes, problem):
    found = check_passage(_passage(**changes))
    if problem is None:
        assert found == []
    else:
        assert any(problem in message for message, _ in found)


def test_passage_rows_are_one_per_party_and_target():
    rows = passage_rows([_passage()])
    assert [r["id"] for r in rows] == ["2022-09-14-compact-and-kremlin:russia:guarantees",
                                       "2022-09-14-compact-and-kremlin:ukraine:guarantees"]
    assert {r["stance"] for r in rows} == {"favor", "against"} and json.dumps(rows)
