"""The counter-prior score: rows where a party breaks its usual line, marked at build and scored apart."""

from __future__ import annotations

import json

import pytest

from sgpos.baselines import make
from sgpos.corpus import read_records
from sgpos.corpus.prior import counter_prior_flags, fit_usual_line
from sgpos.evaluate import compare, score


@pytest.mark.parametrize("config", ["stance", "stance_temporal", "stance_unseen_target"])
def test_flag_is_the_party_prior_baseline_disagreeing_with_gold(config):
    train, test = read_records(config, "train"), read_records(config, "test")
    predicted = make("party_prior").fit(train).predict(test)
    assert [row["counter_prior"] for row in test] == [p != row["stance"] for p, row in zip(predicted, test)]
    assert any(row["counter_prior"] for row in test) and not all(row["counter_prior"] for row in test)


def test_a_pair_is_counter_prior_when_either_side_is():
    stance = {r["id"]: r["counter_prior"] for split in ("train", "validation", "test")
              for r in read_records("stance", split)}
    for pair in read_records("pairs", "test"):
        assert pair["counter_prior"] == (stance[pair["id_a"]] or stance[pair["id_b"]])


def test_usual_line_backs_off_to_the_target_then_overall():
    rows = [{"party": "a", "target": "t", "stance": "favor"}, {"party": "b", "target": "t", "stance": "against"},
            {"party": "b", "target": "t", "stance": "against"}, {"party": "c", "target": "u", "stance": "neutral"}]
    line = fit_usual_line(rows)
    assert (line.stance("a", "t"), line.stance("z", "t"), line.stance("z", "new")) == ("favor", "against", "against")
    assert counter_prior_flags(rows, [{"party": "a", "target": "t", "stance": "against"}]) == [True]


def _predictions(rows, labels):
    return [{"id": r["id"], "label": label} for r, label in zip(rows, labels)]


def test_prior_rule_scores_zero_on_counter_prior_rows_and_an_oracle_full():
    test = read_records("stance", "test")
    prior = _predictions(test, make("party_prior").fit(read_records("stance", "train")).predict(test))
    oracle = _predictions(test, [r["stance"] for r in test])
    results = score(prior, resamples=100)
    assert results["n_counter_prior"] == sum(r["counter_prior"] for r in test)
    assert results["metrics"]["accuracy_counter_prior"]["value"] == 0.0
    perfect = score(oracle, resamples=100)["metrics"]
    assert perfect["macro_f1_counter_prior"]["value"] == 1.0 and perfect["accuracy_counter_prior"]["value"] == 1.0
    verdict = compare(oracle, prior, resamples=200)
    assert verdict["difference"]["macro_f1_counter_prior"]["significant"]
    assert "counter-prior rows" in verdict["verdict"]


def test_a_gold_file_with_the_column_gets_the_subset_and_one_without_does_not(tmp_path):
    rows = [{"id": f"r{i}", "label": "favor" if i % 2 else "against", "counter_prior": i < 4} for i in range(10)]
    with_column = tmp_path / "gold.jsonl"
    with_column.write_text("".join(json.dumps(r) + "\n" for r in rows))
    csv_gold = tmp_path / "gold.csv"
    csv_gold.write_text("id,label,counter_prior\n" + "".join(f"{r['id']},{r['label']},{str(r['counter_prior']).lower()}\n"
                                                           for r in rows))
    predictions = [{"id": r["id"], "label": "favor"} for r in rows]
    for gold in (with_column, csv_gold):
        results = score(predictions, gold, resamples=0)
        assert results["n_counter_prior"] == 4 and results["metrics"]["accuracy_counter_prior"]["value"] == 0.5
    plain = tmp_path / "plain.jsonl"
    plain.write_text("".join(json.dumps({"id": r["id"], "label": r["label"]}) + "\n" for r in rows))
    results = score(predictions, plain, resamples=0)
    assert results["n_counter_prior"] is None and "macro_f1_counter_prior" not in results["metrics"]
