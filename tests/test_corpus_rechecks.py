"""The card's re-check table is computed from the audit logs."""

import json

from sgpos.corpus.rechecks import recheck_markdown, summarise_log


def write_log(path, lines):
    path.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")


def test_summary_counts_findings_and_fixes(tmp_path):
    log = tmp_path / "recheck-9-demo.jsonl"
    write_log(log, [
        {"id": "a", "found": "yes", "date_ok": "yes", "party_speaker_ok": "yes", "stance_ok": "yes",
         "copied": "no", "fix_applied": "none"},
        {"id": "b", "found": "no", "date_ok": "unclear", "party_speaker_ok": "yes", "stance_ok": "unclear",
         "copied": "unclear", "fix_applied": "relabelled neutral -> against"},
        {"id": "c", "found": "yes", "date_ok": "no", "party_speaker_ok": "no", "stance_ok": "yes",
         "copied": "seven words of the page here", "fix_applied": "kept: the guideline settles it"},
    ])
    summary = summarise_log(log)
    assert summary.rows == 3
    assert summary.yes == {"found": 2, "date_ok": 1, "party_speaker_ok": 2, "stance_ok": 2,
                           "clauses_on_page": None, "url_quality": None}
    assert summary.copied == 1
    assert summary.fixed == 1
    assert summary.relabelled == 1


def test_markdown_has_one_row_per_log_in_order(tmp_path):
    base = {"found": "yes", "date_ok": "yes", "party_speaker_ok": "yes", "stance_ok": "yes", "copied": "no"}
    write_log(tmp_path / "recheck-2-b.jsonl", [base | {"id": "x", "fix_applied": "none"}] * 2)
    write_log(tmp_path / "recheck-1-a.jsonl", [base | {"id": "y", "fix_applied": "date -> 2024-01-02"}])
    table = recheck_markdown(tmp_path).splitlines()
    assert table[2] == "| `recheck-1-a` | 1 | 1 | 1 | 1 | 1 | – | – | 0 | 1 | 0 |"
    assert table[3] == "| `recheck-2-b` | 2 | 2 | 2 | 2 | 2 | – | – | 0 | 0 | 0 |"


def test_faithfulness_url_quality_and_an_empty_copied_field_are_counted(tmp_path):
    base = {"found": "yes", "date_ok": "yes", "party_speaker_ok": "yes", "stance_ok": "yes", "fix_applied": "none"}
    write_log(tmp_path / "recheck-4-new.jsonl", [
        base | {"id": "a", "clauses_on_page": "yes", "url_quality": "original", "copied": ""},
        base | {"id": "b", "clauses_on_page": "partly: the second clause", "url_quality": "weak: a mirror",
                "copied": "six words shared with the page"},
    ])
    summary = summarise_log(tmp_path / "recheck-4-new.jsonl")
    assert summary.yes["clauses_on_page"] == 1 and summary.yes["url_quality"] == 1
    assert summary.copied == 1


def test_no_logs_says_so(tmp_path):
    assert "No source re-check" in recheck_markdown(tmp_path)
