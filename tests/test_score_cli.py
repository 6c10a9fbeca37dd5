"""``sgpos score`` end to end: outputs, determinism, atomic writes, and the TweetEval reference score."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from _score_fixtures import make_data_dir, noisy_predictions, read_gold, run_cli, write_jsonl

from sgpos.evaluate import fileio

TWEETEVAL = Path(__file__).resolve().parents[2] / "shared" / "external" / "tweeteval-stance"


@pytest.fixture
def corpus(tmp_path):
    data = make_data_dir(tmp_path / "corpus")
    predictions = write_jsonl(tmp_path / "model.jsonl", noisy_predictions(read_gold(data), 0))
    return data, predictions


def test_score_writes_json_markdown_and_plots(monkeypatch, capsys, tmp_path, corpus):
    data, predictions = corpus
    out = tmp_path / "out"
    code, stdout, stderr = run_cli(monkeypatch, capsys, "score", predictions, "--data-dir", data, "--json",
                                   out / "r.json", "--markdown", out / "r.md", "--plots", out / "plots",
                                   "--resamples", "300", "--seed", "5")
    assert code == 0, stderr
    results = json.loads((out / "r.json").read_text())
    assert results["model"]["name"] == "model" and results["seed"] == 5
    assert results["bootstrap"]["resamples"] == 300
    macro = results["metrics"]["macro_f1"]["value"]
    assert f"{100 * macro:.2f}" in stdout and "macro-F1" in stdout and "Position map" in stdout
    markdown = (out / "r.md").read_text()
    assert markdown.startswith("# sgpos score: model") and f"{100 * macro:.2f}" in markdown
    for name in ("confusion_matrix.png", "position_map.png"):
        assert (out / "plots" / name).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert not [p for p in out.rglob("*.tmp")]


def test_json_output_is_byte_identical_across_runs(monkeypatch, capsys, tmp_path, corpus):
    data, predictions = corpus
    for name in ("a.json", "b.json"):
        code, _, _ = run_cli(monkeypatch, capsys, "score", predictions, "--data-dir", data, "--json",
                             tmp_path / name, "-q")
        assert code == 0
    first = (tmp_path / "a.json").read_bytes()
    assert first == (tmp_path / "b.json").read_bytes()
    assert first.endswith(b"}\n") and first == fileio.dumps_json(json.loads(first)).encode()


def test_score_with_a_gold_file(monkeypatch, capsys, tmp_path):
    gold = write_jsonl(tmp_path / "gold.jsonl", [{"id": f"g{i}", "label": ["against", "favor"][i % 2]}
                                                 for i in range(20)])
    predictions = write_jsonl(tmp_path / "p.jsonl", [{"id": f"g{i}", "label": "favor"} for i in range(20)])
    code, stdout, stderr = run_cli(monkeypatch, capsys, "score", predictions, "--gold", gold, "--json",
                                   tmp_path / "r.json")
    assert code == 0, stderr
    results = json.loads((tmp_path / "r.json").read_text())
    assert results["gold"]["source"] == "file" and results["metrics"]["accuracy"]["value"] == 0.5
    assert "file gold.jsonl" in stdout


def test_atomic_write_keeps_the_old_file_when_the_write_fails(tmp_path, monkeypatch):
    target = tmp_path / "r.json"
    target.write_text("old\n")

    def broken_replace(source, destination):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError):
        fileio.write_json_atomic(target, {"a": 1})
    assert target.read_text() == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.json"]


def test_write_json_atomic_is_sorted_indented_and_ends_with_newline(tmp_path):
    fileio.write_json_atomic(tmp_path / "x.json", {"b": 1, "a": [1, 2]})
    assert (tmp_path / "x.json").read_text() == '{\n  "a": [\n    1,\n    2\n  ],\n  "b": 1\n}\n'


def test_markdown_and_plots_are_not_written_when_json_would_be_a_folder(monkeypatch, capsys, tmp_path, corpus):
    data, predictions = corpus
    (tmp_path / "folder").mkdir()
    code, _, stderr = run_cli(monkeypatch, capsys, "score", predictions, "--data-dir", data, "--json",
                              tmp_path / "folder", "--markdown", tmp_path / "r.md")
    assert code == 2 and "names a folder" in stderr
    assert not (tmp_path / "r.md").exists()


@pytest.mark.skipif(not TWEETEVAL.is_dir(), reason="reference data ../shared/external/tweeteval-stance absent")
def test_f_avg_reproduces_tweeteval_official_pooled_score():
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "tweeteval_fscore", Path(__file__).resolve().parents[1] / "benchmarks" / "tweeteval_fscore.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    scores = module.tweeteval_scores(TWEETEVAL)
    assert scores["n"] == 1249
    assert (scores["f_avg"], scores["against"], scores["favor"]) == (72.44, 76.06, 68.81)
