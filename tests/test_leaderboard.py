"""Submissions and the leaderboard: strict metadata, rescoring, tamper detection, escaping."""

from __future__ import annotations

import json
import re

import pytest
import yaml

from leaderboard_fixtures import XSS_NAME, make_board, metadata, write_predictions
from sgpos.errors import InputError
from sgpos.evaluate.leaderboard import build_leaderboard, leaderboard_markdown
from sgpos.evaluate.model_index import model_index_yaml
from sgpos.evaluate.page import content_security_policy, embedded_json, render_page
from sgpos.evaluate.publish import write_leaderboard
from sgpos.evaluate.submission import submit


@pytest.fixture
def board_root(tmp_path):
    make_board(tmp_path)
    return tmp_path


def test_submit_writes_entry_with_hash_and_results(tmp_path):
    folder = submit(write_predictions(tmp_path / "p.jsonl", 5), metadata("My Model"), root=tmp_path)
    entry = json.loads((folder / "submission.json").read_text())
    assert folder.name == "my-model"
    assert entry["metadata"]["test_split_seen"] is False
    assert entry["results"]["metrics"]["macro_f1"]["value"] > 0
    assert len(entry["predictions_sha256"]) == 64 and len(entry["content_sha256"]) == 64
    assert (folder / "predictions.jsonl").exists()


@pytest.mark.parametrize("changes, message", [
    ({"authors": " "}, "missing metadata field 'authors'"),
    ({"training_data": ""}, "missing metadata field 'training_data'"),
    ({"url": "javascript:alert(1)"}, "is not an http(s) URL"),
    ({"url": "ftp://example.org/x"}, "is not an http(s) URL"),
    ({"test_split_seen": None}, "missing metadata field 'test_split_seen'"),
])
def test_submit_refuses_bad_metadata_and_writes_nothing(tmp_path, changes, message):
    with pytest.raises(InputError, match=re.escape(message)):
        submit(write_predictions(tmp_path / "p.jsonl", 5), metadata("M", **changes), root=tmp_path)
    assert not (tmp_path / "leaderboard").exists()


def test_submit_refuses_a_duplicate_slug(tmp_path):
    predictions = write_predictions(tmp_path / "p.jsonl", 5)
    submit(predictions, metadata("Same Name"), root=tmp_path)
    with pytest.raises(InputError, match="already exists"):
        submit(predictions, metadata("same  name!"), root=tmp_path)


def test_submit_refuses_predictions_that_do_not_match_the_gold(tmp_path):
    path = write_predictions(tmp_path / "p.jsonl", 5)
    lines = path.read_text().splitlines()
    path.write_text("\n".join(lines[:-3]) + "\n")
    with pytest.raises(InputError, match="3 of .* gold ids have no prediction"):
        submit(path, metadata("Short"), root=tmp_path)
    assert not list((tmp_path / "leaderboard" / "submissions").glob("short*"))


def test_leaderboard_ranks_by_score_and_marks_ties_with_the_best(board_root):
    board = build_leaderboard(board_root)
    entries = board["stance"]
    assert [e.name for e in entries][0] == "Strong"
    assert entries[0].rank == 1 and entries[0].tied_with_best
    weak = next(e for e in entries if e.name == XSS_NAME)
    assert weak.rank == 3 and not weak.tied_with_best and weak.p_vs_best < 0.05
    close = next(e for e in entries if e.name == "Close second")
    assert close.rank == 2 and close.tied_with_best == (close.p_vs_best >= 0.05)


def test_tampered_score_is_rejected_naming_the_entry(board_root):
    path = board_root / "leaderboard" / "submissions" / "strong" / "submission.json"
    data = json.loads(path.read_text())
    data["results"]["metrics"]["macro_f1"]["value"] += 0.01
    path.write_text(json.dumps(data))
    with pytest.raises(InputError, match=r"entry 'Strong'.*disagree.*results\.metrics\.macro_f1\.value"):
        build_leaderboard(board_root)


def test_tampered_predictions_are_rejected_by_hash(board_root):
    path = board_root / "leaderboard" / "submissions" / "strong" / "predictions.jsonl"
    rows = [json.loads(line) for line in path.read_text().splitlines()]
    rows[0]["label"] = "neutral" if rows[0]["label"] != "neutral" else "favor"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    with pytest.raises(InputError, match=r"entry 'Strong'.*predictions sha256 .* does not match"):
        build_leaderboard(board_root)


def test_tampered_hash_is_rejected(board_root):
    path = board_root / "leaderboard" / "submissions" / "strong" / "submission.json"
    data = json.loads(path.read_text())
    data["predictions_sha256"] = "0" * 64
    path.write_text(json.dumps(data))
    with pytest.raises(InputError, match="does not match the stored"):
        build_leaderboard(board_root)


def test_malformed_entry_file_is_named(board_root):
    path = board_root / "leaderboard" / "submissions" / "strong" / "submission.json"
    path.write_text('{"metadata": ')
    with pytest.raises(InputError, match=r"strong/submission.json.*malformed JSON"):
        build_leaderboard(board_root)


def test_entry_for_an_older_corpus_is_rescored_but_not_ranked(board_root):
    path = board_root / "leaderboard" / "submissions" / "strong" / "submission.json"
    data = json.loads(path.read_text())
    data["content_sha256"] = "f" * 64
    data["results"]["metrics"]["macro_f1"]["value"] = 0.99
    path.write_text(json.dumps(data))
    strong = next(e for e in build_leaderboard(board_root)["stance"] if e.name == "Strong")
    assert strong.status == "stale" and strong.rank is None
    assert strong.results["metrics"]["macro_f1"]["value"] < 0.99  # the recomputed score, never the stored one
    predictions = board_root / "leaderboard" / "submissions" / "strong" / "predictions.jsonl"
    rows = [json.loads(line) for line in predictions.read_text().splitlines()]
    rows[0]["id"] = "2099-01-01-russia-gone:guarantees"
    predictions.write_text("".join(json.dumps(r) + "\n" for r in rows))
    from sgpos.evaluate.fileio import predictions_sha256

    data["predictions_sha256"] = predictions_sha256(rows)
    path.write_text(json.dumps(data))
    strong = next(e for e in build_leaderboard(board_root)["stance"] if e.name == "Strong")
    assert strong.status == "not ranked" and strong.rank is None and strong.results is None
    assert "1 of its ids are not in the current corpus" in strong.note


def test_page_escapes_every_user_field_and_embeds_safe_json(board_root):
    board = build_leaderboard(board_root)
    page = render_page(board)
    assert XSS_NAME not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert 'onerror="window' not in page
    assert page.count("<script") == 2  # the JSON data block and the page's own sorting script
    assert "<" not in embedded_json({"x": "</script><!--<script>"})
    assert "Content-Security-Policy" in page and "default-src 'none'" in content_security_policy()
    assert not re.search(r"<(link|script) [^>]*src=", page)


def test_links_are_only_http(board_root):
    folder = board_root / "leaderboard" / "submissions" / "strong" / "submission.json"
    data = json.loads(folder.read_text())
    data["metadata"]["url"] = "javascript:alert(1)"
    folder.write_text(json.dumps(data))
    with pytest.raises(InputError, match=r"strong/submission.json: url 'javascript:alert\(1\)' is not an http"):
        build_leaderboard(board_root)


def test_markdown_and_page_are_written(board_root):
    board = build_leaderboard(board_root)
    paths = write_leaderboard(board, board_root)
    assert {p.name for p in paths} == {"LEADERBOARD.md", "index.html"}
    text = (board_root / "LEADERBOARD.md").read_text()
    assert "| 1 | [Strong](<https://example.org/strong>) |" in text
    assert "&lt;script&gt;" in text and "<script>" not in text
    assert leaderboard_markdown(board) == text


def test_model_index_round_trips_through_huggingface_hub(board_root):
    from huggingface_hub.repocard_data import model_index_to_eval_results

    entry = build_leaderboard(board_root)["stance"][0]
    parsed = yaml.safe_load(model_index_yaml(entry))
    name, results = model_index_to_eval_results(parsed["model-index"])
    assert name == "Strong"
    by_type = {r.metric_type: r for r in results}
    assert by_type["f1"].metric_value == entry.results["metrics"]["macro_f1"]["value"]
    assert by_type["accuracy"].dataset_revision == entry.results["gold"]["content_sha256"]
    assert {r.dataset_config for r in results} == {"stance"} and {r.dataset_split for r in results} == {"test"}
