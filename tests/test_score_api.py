"""``sgpos.evaluate.score``: corpus and file gold, the results schema, determinism, pairs, formats."""

from __future__ import annotations

import json

import numpy as np
import pytest
from _score_fixtures import make_data_dir, noisy_predictions, read_gold, write_jsonl, write_text
from sklearn import metrics as skm

from sgpos.corpus.ids import LABELS
from sgpos.evaluate import fileio, score
from sgpos.evaluate.bootstrap import METHOD


@pytest.fixture
def data(tmp_path):
    return make_data_dir(tmp_path / "corpus")


def test_scores_the_corpus_split_with_the_results_schema(data):
    gold = read_gold(data)
    predictions = noisy_predictions(gold, 1)
    results = score(predictions, data_dir=data, resamples=200,
                    model={"name": "m", "kind": "baseline", "url": None})
    assert results["schema_version"] == 2
    assert results["gold"]["source"] == "corpus" and results["gold"]["config"] == "stance"
    assert results["gold"]["split"] == "test" and len(results["gold"]["content_sha256"]) == 64
    assert results["model"] == {"name": "m", "kind": "baseline", "url": None}
    assert results["n"] == len(gold) and results["seed"] == 0
    assert results["bootstrap"]["resamples"] == 200 and results["bootstrap"]["method"] == METHOD
    y_true = [LABELS.index(row["stance"]) for row in gold]
    y_pred = [LABELS.index(row["label"]) for row in predictions]
    expected = skm.f1_score(y_true, y_pred, labels=[0, 1, 2], average="macro", zero_division=0)
    macro = results["metrics"]["macro_f1"]
    assert macro["value"] == pytest.approx(expected, abs=1e-6)
    assert macro["ci_low"] <= macro["value"] <= macro["ci_high"] and macro["higher_is_better"] is True
    for name in ("f_avg", "accuracy", "mcc", "kappa"):
        assert results["metrics"][name]["ci_low"] is not None
    assert results["confusion"]["matrix"] == skm.confusion_matrix(y_true, y_pred, labels=[0, 1, 2]).tolist()
    assert set(results["per_class"]) == set(LABELS)
    assert sum(entry["n"] for entry in results["breakdowns"]["target"].values()) == len(gold)
    assert sum(entry["n"] for entry in results["breakdowns"]["party"].values()) == len(gold)
    assert set(results["breakdowns"]["year"]) <= {"2021", "2022", "2023", "2024", "2025"}
    assert results["position_map"]["available"] is True
    assert results["predictions_sha256"] == fileio.predictions_sha256(predictions)


def test_same_inputs_and_seed_give_identical_bytes_and_another_seed_changes_the_interval(data):
    predictions = noisy_predictions(read_gold(data), 2)
    first = fileio.dumps_json(score(predictions, data_dir=data, seed=3))
    again = fileio.dumps_json(score(list(reversed(predictions)), data_dir=data, seed=3))
    other = score(predictions, data_dir=data, seed=4)
    assert first == again
    assert json.loads(first)["metrics"]["macro_f1"]["value"] == other["metrics"]["macro_f1"]["value"]
    assert json.loads(first)["metrics"]["macro_f1"]["ci_low"] != other["metrics"]["macro_f1"]["ci_low"]


def test_gold_file_in_jsonl_and_csv_gives_the_same_scores(tmp_path):
    rows = [{"id": f"x{i}", "label": LABELS[i % 3], "target": "t", "party": "p", "date": "2024-05-01"}
            for i in range(30)]
    jsonl = write_jsonl(tmp_path / "gold.jsonl", rows)
    csv_text = "id,label,target,party,date\r\n" + "".join(
        f"{r['id']},{r['label']},{r['target']},{r['party']},{r['date']}\r\n" for r in rows)
    csv_path = write_text(tmp_path / "gold.csv", csv_text)
    predictions = [{"id": r["id"], "label": LABELS[(i * 7) % 3]} for i, r in enumerate(rows)]
    from_jsonl = score(predictions, jsonl, resamples=50)
    from_csv = score(predictions, csv_path, resamples=50)
    from_list = score(predictions, rows, resamples=50)
    assert from_jsonl["metrics"] == from_csv["metrics"] == from_list["metrics"]
    assert from_jsonl["gold"]["source"] == "file" and from_jsonl["gold"]["path"] == "gold.jsonl"
    assert from_jsonl["gold"]["sha256"] == from_csv["gold"]["sha256"]


def test_gold_file_with_only_id_and_label_has_no_position_map(tmp_path):
    gold = write_text(tmp_path / "g.csv", "id,label\na,favor\nb,against\nc,neutral\n")
    results = score([{"id": "a", "label": "favor"}, {"id": "b", "label": "favor"}, {"id": "c", "label": "neutral"}],
                    gold, resamples=0)
    assert results["position_map"]["available"] is False
    assert results["breakdowns"] == {"target": {}, "party": {}, "year": {}}
    assert results["metrics"]["accuracy"]["value"] == pytest.approx(2 / 3, abs=1e-6)
    assert results["metrics"]["accuracy"]["ci_low"] is None


def test_crlf_bom_and_missing_final_newline_change_nothing(data, tmp_path):
    predictions = noisy_predictions(read_gold(data), 3)
    plain = score(write_jsonl(tmp_path / "a.jsonl", predictions), data_dir=data)
    odd = score(write_jsonl(tmp_path / "b.jsonl", predictions, newline="\r\n", bom=True, final=False), data_dir=data)
    csv_path = write_text(tmp_path / "c.csv", "\ufeffid,label\r\n" + "\r\n".join(
        f"{row['id']},{row['label']}" for row in predictions))
    as_csv = score(csv_path, data_dir=data)
    assert fileio.dumps_json(plain) == fileio.dumps_json(odd) == fileio.dumps_json(as_csv)


def test_calibration_metrics_appear_with_scores(data):
    gold = read_gold(data)
    predictions = noisy_predictions(gold, 4)
    for row in predictions:
        row["scores"] = {label: (0.8 if label == row["label"] else 0.1) for label in LABELS}
    results = score(predictions, data_dir=data, resamples=20)
    y_true = np.array([LABELS.index(row["stance"]) for row in gold])
    proba = np.array([[row["scores"][label] for label in LABELS] for row in predictions])
    assert results["metrics"]["log_loss"]["value"] == pytest.approx(skm.log_loss(y_true, proba, labels=[0, 1, 2]),
                                                                     rel=1e-5)
    assert results["metrics"]["ece"]["higher_is_better"] is False
    accuracy = results["metrics"]["accuracy"]["value"]
    assert results["metrics"]["ece"]["value"] == pytest.approx(abs(0.8 - accuracy), abs=1e-5)
    assert len(results["calibration"]["bins"]) == 15


def test_pairs_config_uses_pair_labels_and_f_avg_of_agree_and_conflict(data):
    gold = read_gold(data, config="pairs")
    predictions = noisy_predictions(gold, 5, label_key="label", labels=("conflict", "open", "agree"))
    results = score(predictions, config="pairs", data_dir=data, resamples=20)
    assert results["labels"] == ["conflict", "open", "agree"]
    assert results["f_avg_classes"] == ["agree", "conflict"]
    per_class = results["per_class"]
    assert results["metrics"]["f_avg"]["value"] == pytest.approx(
        (per_class["agree"]["f1"] + per_class["conflict"]["f1"]) / 2, abs=2e-6)
    assert results["position_map"]["available"] is False
    assert results["breakdowns"]["target"]


def test_resamples_zero_skips_the_intervals(data):
    results = score(noisy_predictions(read_gold(data), 6), data_dir=data, resamples=0)
    assert all(entry["ci_low"] is None for entry in results["metrics"].values())
    assert results["per_class"]["favor"]["f1_ci_low"] is None


def test_write_and_read_predictions_round_trip(tmp_path):
    rows = [{"id": "b", "label": "favor", "scores": {"against": 0.1234567, "neutral": 0.2, "favor": 0.6765433}},
            {"id": "a", "label": "neutral", "scores": {"against": 0.3, "neutral": 0.4, "favor": 0.3}}]
    path = tmp_path / "p.jsonl"
    fileio.write_predictions_atomic(path, rows)
    lines = path.read_text().splitlines()
    assert [json.loads(line)["id"] for line in lines] == ["a", "b"]
    assert json.loads(lines[1])["scores"]["against"] == 0.123457
    back = fileio.read_predictions(path)
    assert [row["id"] for row in back] == ["a", "b"] and back[1]["label"] == "favor"
    assert fileio.predictions_sha256(back) == fileio.predictions_sha256(rows)
