"""The leaderboard trusts nothing an entry stores: each defect found by a hostile submitter."""

from __future__ import annotations

import json
import shutil

import pytest

from leaderboard_fixtures import metadata, write_predictions
from sgpos.corpus import read_records
from sgpos.errors import InputError
from sgpos.evaluate.fileio import predictions_sha256
from sgpos.evaluate.leaderboard import build_leaderboard, leaderboard_markdown
from sgpos.evaluate.submission import submit


@pytest.fixture
def one_entry(tmp_path):
    folder = submit(write_predictions(tmp_path / "p.jsonl", 20), metadata("Strong"), root=tmp_path)
    return tmp_path, folder


def _edit(folder, change):
    path = folder / "submission.json"
    data = json.loads(path.read_text())
    change(data)
    path.write_text(json.dumps(data))


@pytest.mark.parametrize("change, field", [
    (lambda d: d["results"]["bootstrap"].update(resamples=3), r"results\.bootstrap\.resamples"),
    (lambda d: d["results"].update(seed=7), r"results\.seed"),
    (lambda d: d["results"]["bootstrap"].update(resamples=0), r"results\.bootstrap\.resamples"),
    (lambda d: d["results"]["metrics"]["accuracy"].update(ci_low=0.0), r"results\.metrics\.accuracy\.ci_low"),
    (lambda d: d["results"]["breakdowns"]["target"].clear(), r"results\.breakdowns\.target"),
])
def test_any_edited_stored_field_is_rejected_naming_it(one_entry, change, field):
    root, folder = one_entry
    _edit(folder, change)
    with pytest.raises(InputError, match=r"entry 'Strong'.*" + field):
        build_leaderboard(root)


def test_a_non_finite_stored_number_is_rejected(one_entry):
    root, folder = one_entry
    path = folder / "submission.json"
    path.write_text(path.read_text().replace('"value": 0.', '"value": NaN, "x": 0.', 1))
    with pytest.raises(InputError, match="non-finite number NaN"):
        build_leaderboard(root)


def test_predictions_of_only_the_right_rows_are_never_ranked(one_entry):
    root, folder = one_entry
    gold = {r["id"]: r["stance"] for r in read_records("stance", "test")}
    predictions = folder / "predictions.jsonl"
    rows = [json.loads(line) for line in predictions.read_text().splitlines()]
    right = [r for r in rows if r["label"] == gold[r["id"]]]
    predictions.write_text("".join(json.dumps(r) + "\n" for r in right))
    _edit(folder, lambda d: d.update(predictions_sha256=predictions_sha256(right), content_sha256="e" * 64))
    entry = build_leaderboard(root)["stance"][0]
    assert entry.status == "not ranked" and entry.rank is None and entry.results is None
    assert f"predicts {len(right)} of the {len(gold)} current test rows" in entry.note
    assert "100.00" not in leaderboard_markdown(build_leaderboard(root))


def test_symlinked_entries_and_files_are_refused(one_entry, tmp_path_factory):
    root, folder = one_entry
    outside = tmp_path_factory.mktemp("outside") / "evil"
    shutil.move(str(folder), outside)
    folder.symlink_to(outside, target_is_directory=True)
    with pytest.raises(InputError, match="regular folder, not a link"):
        build_leaderboard(root)
    folder.unlink()
    shutil.move(str(outside), folder)
    real = tmp_path_factory.mktemp("elsewhere") / "predictions.jsonl"
    shutil.move(str(folder / "predictions.jsonl"), real)
    (folder / "predictions.jsonl").symlink_to(real)
    with pytest.raises(InputError, match="not a regular file"):
        build_leaderboard(root)


def test_a_copied_entry_is_refused(one_entry):
    root, folder = one_entry
    shutil.copytree(folder, folder.with_name("copy"))
    with pytest.raises(InputError, match="its predictions are the same as those of entry 'Strong'"):
        build_leaderboard(root)


def test_the_same_predictions_cannot_be_submitted_twice(one_entry):
    root, _ = one_entry
    with pytest.raises(InputError, match="already on the leaderboard"):
        submit(write_predictions(root / "again.jsonl", 20), metadata("Another name"), root=root)


def test_only_test_split_predictions_are_entries(tmp_path):
    rows = read_records("stance", "validation")
    path = tmp_path / "val.jsonl"
    path.write_text("".join(json.dumps({"id": r["id"], "label": r["stance"]}) + "\n" for r in rows))
    with pytest.raises(InputError, match=r"only test-split.*sgpos score .* --split validation"):
        submit(path, metadata("Val", split="validation"), root=tmp_path)
    assert not (tmp_path / "leaderboard").exists()


def test_pairs_can_be_submitted_and_ranked(tmp_path):
    rows = read_records("pairs", "test")
    path = tmp_path / "pairs.jsonl"
    path.write_text("".join(json.dumps({"id": r["id"], "label": r["label"]}) + "\n" for r in rows))
    submit(path, metadata("Pair oracle", config="pairs"), root=tmp_path)
    entry = build_leaderboard(tmp_path)["pairs"][0]
    assert entry.rank == 1 and entry.results["metrics"]["accuracy"]["value"] == 1.0


@pytest.mark.parametrize("name, accepted", [
    ("Модель", True), ("模型 2", True), ("two\nlines", False), ("right\u202eto-left", False),
    ("zero\u200bwidth", False), ("bell\x07", False), ("x" * 81, False), ("!!!", False),
])
def test_names_in_any_script_but_no_invisible_or_control_characters(tmp_path, name, accepted):
    predictions = write_predictions(tmp_path / "p.jsonl", 9)
    if accepted:
        folder = submit(predictions, metadata(name), root=tmp_path)
        assert json.loads((folder / "submission.json").read_text())["metadata"]["name"] == name
        assert build_leaderboard(tmp_path)["stance"][0].name == name
    else:
        with pytest.raises(InputError, match="metadata field 'name'|no letters or digits"):
            submit(predictions, metadata(name), root=tmp_path)


def test_markdown_in_metadata_is_shown_as_text(tmp_path):
    submit(write_predictions(tmp_path / "p.jsonl", 9), metadata("[SOTA](https://evil.example) *x* | y", url=None),
           root=tmp_path)
    text = leaderboard_markdown(build_leaderboard(tmp_path))
    assert "[SOTA](https" not in text and r"\[SOTA\]\(https://evil\.example\) \*x\* \| y" in text


def test_two_project_baselines_may_coincide_but_a_submission_may_not_copy_them(tmp_path):
    # On `shifts` both rules predict "held" for every pair: two honest entries, one file content.
    from sgpos.evaluate.benchmark import run_benchmark

    run_benchmark("majority,party_prior", "shifts", out=tmp_path / "results" / "baselines")
    board = build_leaderboard(tmp_path)
    assert {entry.name for entry in board["shifts"]} == {"majority", "party_prior"}
    copied = tmp_path / "copy.jsonl"
    shutil.copy(tmp_path / "results" / "baselines" / "shifts" / "majority.predictions.jsonl", copied)
    with pytest.raises(InputError, match="already on the leaderboard"):
        submit(copied, metadata("Copycat", config="shifts"), root=tmp_path)
