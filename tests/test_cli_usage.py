"""The command line never shows a traceback: usage errors, bad files and clashes get one line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import sgpos
from sgpos.cli import main
from sgpos.corpus import read_records


def run(argv, capsys):
    with pytest.raises(SystemExit) as done:
        main(argv)
    out, err = capsys.readouterr()
    return done.value.code, out, err


def _predictions(path: Path) -> Path:
    rows = read_records("stance", "test")
    path.write_text("".join(json.dumps({"id": r["id"], "label": r["stance"]}) + "\n" for r in rows))
    return path


@pytest.mark.parametrize("argv, code, needle", [
    ([], 2, "Usage"), (["-h"], 0, "Usage"), (["--version"], 0, f"sgpos {sgpos.__version__}"),
    (["bogus"], 2, "No such command 'bogus'"), (["score", "--bogus"], 2, "No such option: --bogus"),
    (["score", "--seed"], 2, "requires an argument"), (["corpus", "nope"], 2, "No such command"),
])
def test_usage_errors_exit_2_with_one_line_and_no_traceback(argv, code, needle, capsys):
    status, out, err = run(argv, capsys)
    assert status == code and needle in out + err and "Traceback" not in out + err
    if code == 2 and argv:
        assert len(err.strip().splitlines()) == 1 and "--help" in err


@pytest.mark.parametrize("option", ["--json", "--markdown"])
def test_score_never_overwrites_its_input(tmp_path, capsys, option):
    predictions = _predictions(tmp_path / "p.jsonl")
    before = predictions.read_bytes()
    status, _, err = run(["score", str(predictions), option, str(predictions), "-q"], capsys)
    assert status == 2 and "would overwrite the input" in err and predictions.read_bytes() == before


def test_compare_never_overwrites_its_input(tmp_path, capsys):
    a = _predictions(tmp_path / "a.jsonl")
    before = a.read_bytes()
    status, _, err = run(["compare", str(a), str(a), "--json", str(a)], capsys)
    assert status == 2 and a.read_bytes() == before


def test_outputs_are_written_all_or_nothing(tmp_path, capsys):
    predictions = _predictions(tmp_path / "p.jsonl")
    blocker = tmp_path / "file"
    blocker.write_text("x")
    status, _, err = run(["score", str(predictions), "--json", str(tmp_path / "r.json"),
                          "--markdown", str(blocker / "r.md"), "-q"], capsys)
    assert status == 2 and err.startswith("error:") and not (tmp_path / "r.json").exists()


@pytest.mark.parametrize("content, needle", [
    (b'{"id": "x", "label": "\xff"}\n', "not UTF-8 text"),
    (b"", "file is empty"),
])
def test_bad_prediction_files_name_the_file(tmp_path, capsys, content, needle):
    path = tmp_path / "p.jsonl"
    path.write_bytes(content)
    status, _, err = run(["score", str(path)], capsys)
    assert status == 2 and needle in err and str(path) in err


@pytest.mark.parametrize("argv, needle", [
    (["--seed", "-1"], "seed must be"), (["--resamples", "1000000000"], "resamples must be"),
])
def test_out_of_range_numbers_are_refused(tmp_path, capsys, argv, needle):
    status, _, err = run(["score", str(_predictions(tmp_path / "p.jsonl")), *argv, "-q"], capsys)
    assert status == 2 and needle in err


def test_compare_refuses_too_few_resamples(tmp_path, capsys):
    a = _predictions(tmp_path / "a.jsonl")
    status, _, err = run(["compare", str(a), str(a), "--resamples", "1"], capsys)
    assert status == 2 and "from 100" in err


def test_a_folder_given_as_a_file_says_so(tmp_path, capsys):
    status, _, err = run(["score", str(tmp_path)], capsys)
    assert status == 2 and "is a folder" in err


def test_submit_outside_a_checkout_writes_nothing(tmp_path, capsys, monkeypatch):
    predictions = _predictions(tmp_path / "p.jsonl")
    monkeypatch.chdir(tmp_path)
    status, _, err = run(["submit", str(predictions), "--name", "X", "--authors", "a", "--description", "d",
                          "--training-data", "t", "--test-split-unseen"], capsys)
    assert status == 2 and "run inside a sgpos checkout or pass --root" in err
    assert not (tmp_path / "leaderboard").exists()


def test_classlabel_integers_are_accepted_in_prediction_files(tmp_path, capsys):
    rows = read_records("stance", "test")
    labels = ["against", "neutral", "favor"]
    jsonl = tmp_path / "ints.jsonl"
    jsonl.write_text("".join(json.dumps({"id": r["id"], "label": labels.index(r["stance"])}) + "\n" for r in rows))
    csv = tmp_path / "ints.csv"
    csv.write_text("id,label\n" + "".join(f"{r['id']},{labels.index(r['stance'])}\n" for r in rows))
    for path in (jsonl, csv):
        status, _, _ = run(["score", str(path), "-q", "--json", str(tmp_path / f"{path.suffix[1:]}.json")], capsys)
        assert status == 0
        assert json.loads((tmp_path / f"{path.suffix[1:]}.json").read_text())["metrics"]["accuracy"]["value"] == 1.0


def test_compare_names_the_two_files(tmp_path, capsys):
    a = _predictions(tmp_path / "first.jsonl")
    b = _predictions(tmp_path / "second.jsonl")
    status, out, _ = run(["compare", str(a), str(b)], capsys)
    assert status == 0 and "A = first.jsonl, B = second.jsonl" in out.replace("\n", " ")


def test_ctrl_c_exits_130_with_one_line_and_writes_nothing(tmp_path, capsys, monkeypatch):
    import sgpos.evaluate.scoring

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(sgpos.evaluate.scoring, "score", interrupted)
    out = tmp_path / "results.json"
    status, _, err = run(["score", str(_predictions(tmp_path / "p.jsonl")), "--json", str(out)], capsys)
    assert status == 130 and err.strip() == "interrupted: nothing was written" and not out.exists()


def test_submit_prints_the_entry_score_and_rank(tmp_path, capsys):
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "sgpos"\n')
    status, out, err = run(["submit", str(_predictions(tmp_path / "p.jsonl")), "--name", "Gold copy",
                            "--authors", "Test", "--description", "The gold labels.", "--training-data", "none",
                            "--test-split-seen", "--root", str(tmp_path)], capsys)
    assert status == 0, err
    assert "macro-F1 100.00 on stance/test: rank 1 of 1 current entries" in out
