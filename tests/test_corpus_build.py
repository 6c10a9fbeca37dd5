"""The build is deterministic and its splits have the promised shape."""

from __future__ import annotations

from collections import Counter

import pytest

from corpus_fixtures import make_corpus, real_rows
from sgpos.corpus.build import build_configs, build_pairs, pair_relation, stance_split, temporal_split
from sgpos.corpus.ids import UNSEEN_TARGETS
from sgpos.corpus.pipeline import build


@pytest.fixture(scope="module")
def rows():
    return real_rows()




def test_two_builds_are_byte_identical(tmp_path, rows):
    first = {}
    for name in ("one", "two"):
        annotations, data = make_corpus(tmp_path / name, rows)
        outputs, problems = build(annotations, data, root=tmp_path / name)
        assert problems == []
        first[name] = {p.replace(str(tmp_path / name), ""): c for p, c in outputs.items()}
    assert first["one"] == first["two"]


def test_build_does_not_depend_on_row_order(rows):
    forward, _ = build_configs(rows)
    backward, _ = build_configs(list(reversed(rows)))
    assert forward == backward


def test_stance_split_is_grouped_and_near_70_10_20(rows):
    assignment = stance_split(rows)
    counts = Counter(assignment[r["statement_id"]] for r in rows)
    total = sum(counts.values())
    assert 0.62 < counts["train"] / total < 0.78
    assert 0.05 < counts["validation"] / total < 0.15
    assert 0.14 < counts["test"] / total < 0.27


def test_every_frequent_target_appears_in_test(rows):
    configs, _ = build_configs(rows)
    per_target = Counter(r["target"] for r in rows)
    test_targets = {r["target"] for r in configs["stance"]["test"]}
    assert {t for t, n in per_target.items() if n >= 25} <= test_targets


def test_temporal_test_is_latest(rows):
    configs, cuts = build_configs(rows)
    split = configs["stance_temporal"]
    assert max(r["date"] for r in split["train"]) < cuts["validation_from"] <= min(r["date"] for r in split["validation"])
    assert min(r["date"] for r in split["test"]) == cuts["test_from"]
    assert max(r["date"] for r in split["validation"]) < cuts["test_from"]


def test_unseen_targets_only_in_test(rows):
    configs, _ = build_configs(rows)
    split = configs["stance_unseen_target"]
    for name in ("train", "validation"):
        assert not {r["target"] for r in split[name]} & set(UNSEEN_TARGETS)
    assert {r["target"] for r in split["test"]} & set(UNSEEN_TARGETS)


def test_pairs_follow_the_definition(rows):
    configs, _ = build_configs(rows)
    import datetime as dt

    per_statement = Counter()
    for pair in configs["pairs"]["train"]:
        assert pair["party_a"] != pair["party_b"]
        assert pair["id"] == f"{pair['id_a']}|{pair['id_b']}"
        days = abs((dt.date.fromisoformat(pair["date_a"]) - dt.date.fromisoformat(pair["date_b"])).days)
        assert days <= 180
        for side in ("id_a", "id_b"):
            per_statement[pair[side].split(":")[0]] += 1
    assert max(per_statement.values()) <= 20


def test_pair_relation_labels():
    assert pair_relation("against", "favor") == "conflict"
    assert pair_relation("against", "against") == "agree"
    assert pair_relation("neutral", "neutral") == "open"


def test_pairs_never_mix_splits(rows):
    configs, _ = build_configs(rows)
    for split in ("train", "validation", "test"):
        ids = {r["id"] for r in configs["stance"][split]}
        for pair in configs["pairs"][split]:
            assert pair["id_a"] in ids and pair["id_b"] in ids


def test_build_refuses_to_write_into_an_installed_package(tmp_path, rows):
    annotations, _ = make_corpus(tmp_path, rows[:10])
    target = tmp_path / "lib" / "site-packages" / "sgpos" / "corpus" / "data"
    outputs, problems = build(annotations, target, root=tmp_path)
    assert outputs == {} and "installed package" in str(problems[0])
    assert not target.exists()


def test_build_writes_nothing_when_a_row_is_bad(tmp_path, rows):
    bad = [dict(r) for r in rows[:20]]
    bad[3]["stance"] = "maybe"
    annotations, data = make_corpus(tmp_path, bad)
    outputs, problems = build(annotations, data, root=tmp_path)
    assert outputs == {} and problems
    assert not data.exists()


def test_temporal_split_handles_empty_input():
    assert temporal_split([]) == ({}, {})
    assert build_pairs([]) == []
