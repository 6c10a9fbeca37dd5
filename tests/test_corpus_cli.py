"""`sgpos corpus ...` commands: output, exit codes and seeded samples."""

from __future__ import annotations

import json
from types import SimpleNamespace

import pytest
from sklearn.metrics import cohen_kappa_score

from corpus_fixtures import make_corpus, real_rows
from sgpos.corpus.agreement import agreement, cohen_kappa
from sgpos.corpus.ids import LABELS


@pytest.fixture
def run(monkeypatch, capsys):
    """Run ``sgpos ARGS`` in-process through the real main(), as the console script does."""
    from _score_fixtures import run_cli

    def invoke(*args, cwd=None):
        if cwd is not None:
            monkeypatch.chdir(cwd)
        code, out, err = run_cli(monkeypatch, capsys, *args)
        return SimpleNamespace(returncode=code, stdout=out, stderr=err)

    return invoke


def test_validate_passes_on_the_committed_corpus(run):
    result = run("corpus", "validate")
    assert result.returncode == 0, result.stderr
    assert "corpus is valid" in result.stdout


def test_validate_exits_2_with_file_and_line(run, tmp_path):
    rows = real_rows(limit=30)
    rows[1] = dict(rows[1], target="nato_membershp")
    annotations, data = make_corpus(tmp_path, rows)
    result = run("corpus", "validate", "--annotations", str(annotations), "--data", str(data))
    assert result.returncode == 2
    assert "rows.jsonl, line 2: unknown target 'nato_membershp' (did you mean 'nato_membership'?)" in result.stderr


def test_build_cli_writes_and_then_validates(run, tmp_path):
    annotations, data = make_corpus(tmp_path, real_rows(limit=40))
    assert run("corpus", "build", "--annotations", str(annotations), "--data", str(data)).returncode == 0
    assert (data / "stance" / "train.jsonl").exists() and (data.parent / "README.md").exists()
    assert run("corpus", "validate", "--annotations", str(annotations), "--data", str(data)).returncode == 0


def test_stats_counts_rows_by_target_and_stance(run):
    rows = real_rows()
    result = run("corpus", "stats", "--markdown")
    assert result.returncode == 0
    nato = [r for r in rows if r["target"] == "nato_membership"]
    expected = " | ".join(str(sum(r["stance"] == label for r in nato)) for label in LABELS)
    assert f"| `nato_membership` | {expected} | {len(nato)} |" in result.stdout
    assert f"{len(rows)} statement-target rows" in result.stdout


def test_sample_is_seeded_and_sized(run):
    first = run("corpus", "sample", "--n", "7", "--seed", "3").stdout.splitlines()
    again = run("corpus", "sample", "--n", "7", "--seed", "3").stdout.splitlines()
    other = run("corpus", "sample", "--n", "7", "--seed", "4").stdout.splitlines()
    assert first == again and len(first) == 7 and first != other
    assert all("source_url" in json.loads(line) for line in first)


def test_sample_can_be_restricted_to_annotation_files(run, tmp_path):
    rows = real_rows(limit=40)
    annotations = tmp_path / "annotations"
    annotations.mkdir()
    for name, part in (("old.jsonl", rows[:30]), ("new.jsonl", rows[30:])):
        (annotations / name).write_text("".join(json.dumps(r) + "\n" for r in part), encoding="utf-8")
    result = run("corpus", "sample", "--n", "50", "--seed", "1", "--file", "new.jsonl",
                 "--annotations", str(annotations))
    assert result.returncode == 0, result.stderr
    assert sorted(json.loads(line)["id"] for line in result.stdout.splitlines()) == sorted(r["id"] for r in rows[30:])
    missing = run("corpus", "sample", "--file", "newer.jsonl", "--annotations", str(annotations))
    assert missing.returncode == 2
    assert "no annotation file named newer.jsonl" in missing.stderr and missing.stdout == ""


def test_kappa_matches_scikit_learn():
    import random

    rng = random.Random(0)
    for _ in range(20):
        a = [rng.choice(LABELS) for _ in range(50)]
        b = [x if rng.random() < 0.7 else rng.choice(LABELS) for x in a]
        assert abs(cohen_kappa(a, b) - cohen_kappa_score(a, b, labels=list(LABELS))) < 1e-12


def test_agreement_counts_only_double_annotated_rows():
    rows = [{"target": "t", "stance_first": "favor", "stance_second": "favor", "stance": "favor"},
            {"target": "t", "stance_first": "favor", "stance_second": "against", "stance": "favor"},
            {"target": "t", "stance_first": "neutral", "stance_second": "", "stance": "neutral"}]
    result = agreement(rows)
    assert result.n == 2 and result.observed == 0.5
    assert result.confusion[LABELS.index("favor")][LABELS.index("against")] == 1


def test_help_lists_the_corpus_verbs(run):
    result = run("corpus", "--help")
    for verb in ("validate", "build", "stats", "agreement", "sample"):
        assert verb in result.stdout
