"""``sgpos compare`` and ``sgpos.evaluate.compare``: paired bootstrap, McNemar, plain verdicts."""

from __future__ import annotations

import json

import numpy as np
import pytest
from _score_fixtures import LABELS, make_data_dir, noisy_predictions, read_gold, run_cli, write_jsonl

from sgpos.errors import InputError
from sgpos.evaluate import compare, score


@pytest.fixture
def data(tmp_path):
    return make_data_dir(tmp_path / "corpus")


def big_gold(n=600, seed=0):
    rng = np.random.default_rng(seed)
    return [{"id": f"r{i:04d}", "label": LABELS[int(code)]} for i, code in enumerate(rng.integers(0, 3, n))]


def noisy(gold, accuracy, seed):
    rng = np.random.default_rng(seed)
    return [{"id": row["id"], "label": row["label"] if rng.random() < accuracy else LABELS[int(rng.integers(0, 3))]}
            for row in gold]


def test_identical_systems_show_no_difference(data):
    predictions = noisy_predictions(read_gold(data), 0)
    result = compare(predictions, predictions, data_dir=data, resamples=200)
    for entry in result["difference"].values():
        assert entry["value"] == 0 and entry["ci_low"] == entry["ci_high"] == 0
        assert entry["p_value"] == 1.0 and entry["significant"] is False
    assert result["mcnemar"] == {"a_only_correct": 0, "b_only_correct": 0, "p_value": 1.0, "significant": False}
    assert "not significant" in result["verdict"]


def test_a_clearly_better_system_is_significant():
    gold = big_gold()
    strong, weak = noisy(gold, 0.9, 1), noisy(gold, 0.5, 2)
    result = compare(strong, weak, gold, resamples=1000)
    main = result["difference"]["macro_f1"]
    assert main["value"] > 0 and main["ci_low"] > 0 and main["significant"] is True
    assert result["mcnemar"]["significant"] is True and result["mcnemar"]["a_only_correct"] > \
        result["mcnemar"]["b_only_correct"]
    assert "A is higher and the difference is significant at 0.05" in result["verdict"]
    flipped = compare(weak, strong, gold, resamples=1000)
    assert flipped["difference"]["macro_f1"]["value"] == pytest.approx(-main["value"])


def test_differences_match_separate_scores_and_close_systems_are_not_significant():
    gold = big_gold(300, 3)
    a, b = noisy(gold, 0.70, 4), noisy(gold, 0.70, 5)
    result = compare(a, b, gold, resamples=1000, seed=1)
    score_a, score_b = score(a, gold, resamples=0), score(b, gold, resamples=0)
    for name in ("macro_f1", "accuracy", "f_avg"):
        expected = score_a["metrics"][name]["value"] - score_b["metrics"][name]["value"]
        assert result["difference"][name]["value"] == pytest.approx(expected, abs=1e-5)
    main = result["difference"]["macro_f1"]
    assert main["ci_low"] < main["value"] < main["ci_high"]
    right_a = [p["label"] == g["label"] for p, g in zip(a, gold)]
    right_b = [p["label"] == g["label"] for p, g in zip(b, gold)]
    assert result["mcnemar"]["a_only_correct"] == sum(x and not y for x, y in zip(right_a, right_b))
    assert result["mcnemar"]["b_only_correct"] == sum(y and not x for x, y in zip(right_a, right_b))


def test_paired_interval_is_narrower_than_unpaired():
    gold = big_gold(500, 6)
    a = noisy(gold, 0.8, 7)
    b = [dict(row) for row in a]
    for row in b[:25]:
        row["label"] = LABELS[(LABELS.index(row["label"]) + 1) % 3]
    paired = compare(a, b, gold, resamples=1000)["difference"]["macro_f1"]
    single = score(a, gold, resamples=1000)["metrics"]["macro_f1"]
    # an unpaired difference would be about sqrt(2) times wider than one system's interval
    assert paired["ci_high"] - paired["ci_low"] < (single["ci_high"] - single["ci_low"]) * 0.8


def test_both_systems_are_checked_against_the_gold(data):
    gold = read_gold(data)
    good = noisy_predictions(gold, 0)
    with pytest.raises(InputError, match="predictions_b"):
        compare(good, good[1:], data_dir=data)


def test_compare_cli(monkeypatch, capsys, tmp_path):
    gold = big_gold(400, 8)
    gold_path = write_jsonl(tmp_path / "gold.jsonl", gold)
    a = write_jsonl(tmp_path / "a.jsonl", noisy(gold, 0.9, 9))
    b = write_jsonl(tmp_path / "b.jsonl", noisy(gold, 0.4, 10))
    code, stdout, stderr = run_cli(monkeypatch, capsys, "compare", a, b, "--gold", gold_path, "--json",
                                   tmp_path / "c.json", "--markdown", tmp_path / "c.md")
    assert code == 0, stderr
    result = json.loads((tmp_path / "c.json").read_text())
    assert result["kind"] == "comparison" and result["difference"]["macro_f1"]["significant"] is True
    assert "significant at 0.05" in " ".join(stdout.split())
    assert "McNemar" in (tmp_path / "c.md").read_text()


def test_compare_cli_rejects_bad_input_without_output(monkeypatch, capsys, tmp_path):
    gold = big_gold(50, 11)
    gold_path = write_jsonl(tmp_path / "gold.jsonl", gold)
    a = write_jsonl(tmp_path / "a.jsonl", noisy(gold, 0.9, 12))
    b = write_jsonl(tmp_path / "b.jsonl", noisy(gold, 0.9, 13)[:-3])
    code, _, stderr = run_cli(monkeypatch, capsys, "compare", a, b, "--gold", gold_path, "--json", tmp_path / "c.json")
    assert code == 2 and "b.jsonl" in stderr and "3 of 50 gold ids have no prediction" in stderr
    assert not (tmp_path / "c.json").exists()
