"""Bad input to ``sgpos score``: one clear message (file, line, fix), exit code 2, nothing written."""

from __future__ import annotations

import json

import pytest
from _score_fixtures import make_data_dir, noisy_predictions, read_gold, run_cli, write_jsonl, write_text

from sgpos.errors import InputError
from sgpos.evaluate import fileio, score


@pytest.fixture
def setup(tmp_path):
    data = make_data_dir(tmp_path / "corpus")
    gold = read_gold(data)
    return tmp_path, data, gold


def score_cli(monkeypatch, capsys, tmp_path, data, predictions, *extra):
    outputs = tmp_path / "out"
    code, out, err = run_cli(monkeypatch, capsys, "score", predictions, "--data-dir", data,
                             "--json", outputs / "r.json", "--markdown", outputs / "r.md",
                             "--plots", outputs / "plots", *extra)
    return code, err, outputs


def assert_rejected(monkeypatch, capsys, setup, predictions, *expected, extra=()):
    tmp_path, data, _ = setup
    code, err, outputs = score_cli(monkeypatch, capsys, tmp_path, data, predictions, *extra)
    assert code == 2, err
    assert err.startswith("error: ") and err.count("\n") == 1, err
    for text in expected:
        assert text in err, err
    assert not outputs.exists(), "an output was written for bad input"
    return err


def test_empty_file(monkeypatch, capsys, setup):
    path = write_text(setup[0] / "p.jsonl", "")
    assert_rejected(monkeypatch, capsys, setup, path, "p.jsonl", "file is empty")


def test_whitespace_only_file(monkeypatch, capsys, setup):
    path = write_text(setup[0] / "p.jsonl", "\n  \r\n")
    assert_rejected(monkeypatch, capsys, setup, path, "file is empty")


def test_missing_file(monkeypatch, capsys, setup):
    assert_rejected(monkeypatch, capsys, setup, setup[0] / "nope.jsonl", "nope.jsonl", "not found")


def test_malformed_json_names_the_line(monkeypatch, capsys, setup):
    tmp_path, _, gold = setup
    lines = [json.dumps({"id": row["id"], "label": row["stance"]}) for row in gold]
    lines[2] = lines[2][:-1]
    path = write_text(tmp_path / "p.jsonl", "\n".join(lines[:2]) + "\n\n" + "\n".join(lines[2:]) + "\n")
    assert_rejected(monkeypatch, capsys, setup, path, "p.jsonl, line 4: malformed JSON", "one JSON object per line")


def test_json_array_line_is_rejected(monkeypatch, capsys, setup):
    path = write_text(setup[0] / "p.jsonl", '{"id": "a", "label": "favor"}\n["b", "favor"]\n')
    assert_rejected(monkeypatch, capsys, setup, path, "line 2", "expected a JSON object")


def test_malformed_csv_names_the_line(monkeypatch, capsys, setup):
    tmp_path, _, gold = setup
    rows = ["id,label"] + [f"{row['id']},{row['stance']}" for row in gold]
    rows[5] += ",extra"
    path = write_text(tmp_path / "p.csv", "\n".join(rows) + "\n")
    assert_rejected(monkeypatch, capsys, setup, path, "p.csv, line 6: malformed CSV", "3 fields")


def test_csv_without_label_column(monkeypatch, capsys, setup):
    path = write_text(setup[0] / "p.csv", "id,stance\na,favor\n")
    assert_rejected(monkeypatch, capsys, setup, path, "line 1", "no 'label' column", "id,label")


def test_row_without_id(monkeypatch, capsys, setup):
    path = write_jsonl(setup[0] / "p.jsonl", [{"id": "x", "label": "favor"}, {"label": "favor"}])
    assert_rejected(monkeypatch, capsys, setup, path, "line 2", "no id")


def test_numeric_id(monkeypatch, capsys, setup):
    path = write_jsonl(setup[0] / "p.jsonl", [{"id": 7, "label": "favor"}])
    assert_rejected(monkeypatch, capsys, setup, path, "line 1", "not a string")


def test_missing_ids_counted_with_the_first_few(monkeypatch, capsys, setup):
    tmp_path, _, gold = setup
    predictions = noisy_predictions(gold, 0)
    dropped = sorted(row["id"] for row in predictions)[:5]
    kept = [row for row in predictions if row["id"] not in dropped]
    path = write_jsonl(tmp_path / "p.jsonl", kept)
    err = assert_rejected(monkeypatch, capsys, setup, path, f"5 of {len(gold)} gold ids have no prediction",
                          repr(dropped[0]), "predict every row")
    assert repr(dropped[4]) not in err  # only the first few


def test_duplicate_ids(monkeypatch, capsys, setup):
    tmp_path, _, gold = setup
    predictions = noisy_predictions(gold, 0)
    predictions.insert(3, dict(predictions[1]))
    path = write_jsonl(tmp_path / "p.jsonl", predictions)
    assert_rejected(monkeypatch, capsys, setup, path, "line 4", f"duplicate id {predictions[1]['id']!r}",
                    "first on line 2")


def test_ids_not_in_gold(monkeypatch, capsys, setup):
    tmp_path, _, gold = setup
    predictions = noisy_predictions(gold, 0)
    predictions[6]["id"] = "2022-01-01-nowhere:guarantees"
    path = write_jsonl(tmp_path / "p.jsonl", predictions)
    assert_rejected(monkeypatch, capsys, setup, path, "p.jsonl, line 7", "'2022-01-01-nowhere:guarantees' is not in "
                    "stance/test", "1 of 40")


def test_unknown_id_line_counts_blank_lines(monkeypatch, capsys, setup):
    tmp_path, _, gold = setup
    lines = [json.dumps(row) for row in noisy_predictions(gold, 0)]
    lines[9] = json.dumps({"id": "2022-01-01-nowhere:guarantees", "label": "favor"})
    path = write_text(tmp_path / "p.jsonl", "\n".join(lines[:5]) + "\n\n\n" + "\n".join(lines[5:]) + "\n")
    assert_rejected(monkeypatch, capsys, setup, path, "p.jsonl, line 12", "is not in stance/test")


def test_unknown_label_with_suggestion(monkeypatch, capsys, setup):
    tmp_path, _, gold = setup
    predictions = noisy_predictions(gold, 0)
    predictions[2]["label"] = "favour"
    path = write_jsonl(tmp_path / "p.jsonl", predictions)
    assert_rejected(monkeypatch, capsys, setup, path, "line 3", "unknown label 'favour'", "did you mean 'favor'")


def test_tweeteval_none_label_suggests_neutral(monkeypatch, capsys, setup):
    path = write_jsonl(setup[0] / "p.jsonl", [{"id": "a", "label": "none"}])
    assert_rejected(monkeypatch, capsys, setup, path, "did you mean 'neutral'")


def test_pair_label_under_stance_config_points_at_config(monkeypatch, capsys, setup):
    path = write_jsonl(setup[0] / "p.jsonl", [{"id": "a", "label": "agree"}])
    assert_rejected(monkeypatch, capsys, setup, path, "label of pairs", "--config")


def test_labels_are_case_folded_and_trimmed(setup):
    tmp_path, data, gold = setup
    predictions = noisy_predictions(gold, 0)
    shouted = [{"id": row["id"], "label": f" {row['label'].upper()} "} for row in predictions]
    plain = score(predictions, data_dir=data, resamples=10)
    folded = score(write_jsonl(tmp_path / "p.jsonl", shouted), data_dir=data, resamples=10)
    assert folded["metrics"] == plain["metrics"]
    assert folded["predictions_sha256"] == plain["predictions_sha256"]


BAD_SCORES = [
    ({"against": 0.2, "neutral": 0.3}, "scores miss label 'favor'"),
    ({"against": 0.2, "neutral": 0.3, "favor": 0.5, "none": 0.0}, "unknown label 'none'"),
    ({"against": 0.2, "neutral": 0.3, "favour": 0.5}, "did you mean 'favor'"),
    ({"against": 0.5, "neutral": 0.3, "favor": 0.5}, "sum to 1.3"),
    ({"against": -0.2, "neutral": 0.7, "favor": 0.5}, "outside [0, 1]"),
    ({"against": "0.2", "neutral": 0.3, "favor": 0.5}, "not a number"),
    ([0.2, 0.3, 0.5], "must be an object"),
]


@pytest.mark.parametrize("bad,message", BAD_SCORES)
def test_scores_must_be_probabilities_over_exactly_the_labels(monkeypatch, capsys, setup, bad, message):
    tmp_path, _, gold = setup
    predictions = noisy_predictions(gold, 0)
    for row in predictions:
        row["scores"] = {"against": 0.2, "neutral": 0.3, "favor": 0.5}
    predictions[4]["scores"] = bad
    path = write_jsonl(tmp_path / "p.jsonl", predictions)
    assert_rejected(monkeypatch, capsys, setup, path, "line 5", message, "summing to 1")


def test_scores_on_some_rows_only(monkeypatch, capsys, setup):
    tmp_path, _, gold = setup
    predictions = noisy_predictions(gold, 0)
    for row in predictions[:3]:
        row["scores"] = {"against": 0.2, "neutral": 0.3, "favor": 0.5}
    path = write_jsonl(tmp_path / "p.jsonl", predictions)
    assert_rejected(monkeypatch, capsys, setup, path, "line 4", "no scores", "every row or on none")


def test_predictions_from_another_split_are_named(monkeypatch, capsys, setup):
    tmp_path, data, _ = setup
    validation = read_gold(data, split="validation")
    path = write_jsonl(tmp_path / "p.jsonl", noisy_predictions(validation, 0))
    assert_rejected(monkeypatch, capsys, setup, path, "ids of stance/validation", "different configs or splits",
                    "--config stance --split validation")


def test_predictions_from_another_config_are_named(monkeypatch, capsys, setup):
    tmp_path, data, _ = setup
    pairs = read_gold(data, config="pairs")
    path = write_jsonl(tmp_path / "p.jsonl", noisy_predictions(pairs, 0, label_key="label",
                                                              labels=("conflict", "open", "agree")))
    assert_rejected(monkeypatch, capsys, setup, path, "label of pairs", extra=())
    path = write_jsonl(tmp_path / "q.jsonl", [{"id": row["id"], "label": "favor"} for row in pairs])
    assert_rejected(monkeypatch, capsys, setup, path, "ids of pairs/test", "--config pairs --split test")


def test_unknown_config_and_split(monkeypatch, capsys, setup):
    tmp_path, _, gold = setup
    path = write_jsonl(tmp_path / "p.jsonl", noisy_predictions(gold, 0))
    assert_rejected(monkeypatch, capsys, setup, path, "unknown config 'stanse'", "did you mean 'stance'",
                    extra=("--config", "stanse"))
    assert_rejected(monkeypatch, capsys, setup, path, "unknown split 'tset'", extra=("--split", "tset"))


def test_bad_gold_file_is_named(monkeypatch, capsys, setup):
    tmp_path, _, gold = setup
    predictions = write_jsonl(tmp_path / "p.jsonl", noisy_predictions(gold, 0))
    bad_gold = write_text(tmp_path / "g.csv", "id,label,date\na,favor,soon\n")
    assert_rejected(monkeypatch, capsys, setup, predictions, "g.csv, line 2", "date 'soon'", "YYYY-MM-DD",
                    extra=("--gold", bad_gold))


def test_negative_resamples(monkeypatch, capsys, setup):
    tmp_path, _, gold = setup
    path = write_jsonl(tmp_path / "p.jsonl", noisy_predictions(gold, 0))
    assert_rejected(monkeypatch, capsys, setup, path, "resamples", extra=("--resamples", "-5"))


def test_failed_run_leaves_an_existing_output_untouched(monkeypatch, capsys, setup):
    tmp_path, data, gold = setup
    out = tmp_path / "out"
    out.mkdir()
    (out / "r.json").write_text("previous results\n")
    path = write_jsonl(tmp_path / "p.jsonl", [{"id": "x", "label": "favour"}])
    code, _, _ = run_cli(monkeypatch, capsys, "score", path, "--data-dir", data, "--json", out / "r.json")
    assert code == 2
    assert (out / "r.json").read_text() == "previous results\n"
    assert sorted(item.name for item in out.iterdir()) == ["r.json"]


def test_api_raises_input_error(setup):
    _, data, _ = setup
    with pytest.raises(InputError, match="duplicate id"):
        score([{"id": "a", "label": "favor"}, {"id": "a", "label": "favor"}], data_dir=data)
    with pytest.raises(InputError, match=r"predictions\[1\]"):
        score([{"id": "a", "label": "favor"}, {"id": "b", "label": "nope"}], data_dir=data)


def test_strict_reader_and_fast_reader_agree(tmp_path):
    rows = [{"id": f"r{i}", "label": "favor" if i % 3 else "Against", "scores":
             {"against": 0.25, "neutral": 0.25, "favor": 0.5}} for i in range(50)]
    fast = fileio.read_rows(write_jsonl(tmp_path / "fast.jsonl", rows))
    extra_keys = [{**row, "text": "extra keys send the file through the other parser"} for row in rows]
    slow = fileio.read_rows(write_jsonl(tmp_path / "slow.jsonl", extra_keys, newline="\r\n", bom=True, final=False))
    assert fileio.rows_to_dicts(fast) == fileio.rows_to_dicts(slow)
    records = fileio._parse_strict(tmp_path / "fast.jsonl", (tmp_path / "fast.jsonl").read_bytes(), "predictions")
    strict = fileio.rows_from_records(records, fileio.LABELS, source="x", path=tmp_path / "fast.jsonl", kind="predictions")
    assert fileio.rows_to_dicts(strict) == fileio.rows_to_dicts(fast)
    assert fileio.predictions_sha256(strict) == fileio.predictions_sha256(fast) == fileio.predictions_sha256(fileio.rows_to_dicts(fast))
