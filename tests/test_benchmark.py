"""``sgpos benchmark``: outputs, byte-identical reruns, selection, tables and the README check."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from _baselines_fixtures import synthetic_corpus
from _score_fixtures import run_cli
from sgpos.errors import InputError
from sgpos.evaluate import benchmark

ROOT = Path(__file__).resolve().parents[1]
FAST = "majority,target_majority,party_prior,tfidf_svm"




@pytest.fixture(scope="module")
def data_dir(tmp_path_factory):
    return synthetic_corpus(tmp_path_factory.mktemp("corpus"))


def files_of(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


def test_two_runs_write_byte_identical_files(data_dir, tmp_path):
    for out in ("one", "two"):
        benchmark.run_benchmark(FAST, "stance,pairs", out=tmp_path / out, data_dir=data_dir, resamples=50)
    first, second = files_of(tmp_path / "one"), files_of(tmp_path / "two")
    assert first == second
    expected = {f"{config}/{name}.{kind}" for config in ("stance", "pairs") for name in FAST.split(",")
                for kind in ("json", "predictions.jsonl")}
    assert set(first) == expected


def test_results_follow_the_schema_and_match_the_predictions(data_dir, tmp_path):
    from sgpos.evaluate import score

    results = benchmark.run_benchmark("party_prior,tfidf_svm", "stance,pairs", out=tmp_path, data_dir=data_dir,
                                      resamples=50)
    for config, labels in (("stance", ["against", "neutral", "favor"]), ("pairs", ["conflict", "open", "agree"])):
        written = json.loads((tmp_path / config / "tfidf_svm.json").read_text())
        assert written == results[config]["tfidf_svm"]
        assert written["model"]["name"] == "tfidf_svm" and written["model"]["kind"] == "baseline"
        assert written["gold"]["config"] == config and written["gold"]["split"] == "test"
        assert set(written["metrics"]) >= {"macro_f1", "f_avg", "accuracy"}
        rows = [json.loads(line) for line in (tmp_path / config / "tfidf_svm.predictions.jsonl").open()]
        assert all(list(row["scores"]) == labels for row in rows)
        rescored = score(tmp_path / config / "tfidf_svm.predictions.jsonl", config=config, data_dir=data_dir,
                         resamples=50, model=written["model"])
        assert rescored["metrics"] == written["metrics"]
    # The synthetic verbs carry the stance: a text model must beat chance by far.
    assert results["stance"]["tfidf_svm"]["metrics"]["accuracy"]["value"] > 0.9


def test_cli_prints_tables_and_progress(monkeypatch, capsys, data_dir, tmp_path):
    code, out, err = run_cli(monkeypatch, capsys, "benchmark", "--data-dir", data_dir, "--out", tmp_path,
                             "--baselines", "majority,party_prior", "--resamples", "20")
    assert code == 0, err
    assert "stance (test, n=30)" in out and "pairs (test" in out and "macro-F1 (95% CI)" in out
    assert "[1/4]" in err.replace(" ", "") and "skipping stance_temporal" in err
    assert (tmp_path / "pairs" / "party_prior.json").exists()


def test_unknown_names_exit_2_with_a_suggestion(monkeypatch, capsys, data_dir, tmp_path):
    code, _, err = run_cli(monkeypatch, capsys, "benchmark", "--data-dir", data_dir, "--out", tmp_path,
                           "--baselines", "tfidf_svn")
    assert code == 2 and "did you mean 'tfidf_svm'" in err
    code, _, err = run_cli(monkeypatch, capsys, "benchmark", "--data-dir", data_dir, "--out", tmp_path,
                           "--configs", "stanse")
    assert code == 2 and "did you mean 'stance'" in err
    assert not list(tmp_path.iterdir())


def test_without_embed_extra_the_embedding_baselines_are_skipped_in_one_line(monkeypatch, data_dir, tmp_path):
    import sgpos.baselines

    monkeypatch.setattr(sgpos.baselines, "embeddings_available", lambda: False)
    messages = []
    results = benchmark.run_benchmark(None, "stance", out=tmp_path, data_dir=data_dir, resamples=0,
                                      progress=messages.append)
    assert "embed_logreg" not in results["stance"] and "tfidf_svm" in results["stance"]
    assert sum("skipping embed_logreg, embed_zero_shot" in message for message in messages) == 1
    with pytest.raises(InputError, match=r"\[embed\] extra"):
        benchmark.run_benchmark("embed_logreg", "stance", out=tmp_path, data_dir=data_dir, resamples=0)


def test_readme_block_is_rewritten_from_results(data_dir, tmp_path):
    benchmark.run_benchmark("majority,tfidf_svm", "stance", out=tmp_path / "results", data_dir=data_dir,
                            resamples=20)
    readme = tmp_path / "README.md"
    readme.write_text("# Title\n\n<!-- results:start -->\nold table\n<!-- results:end -->\n\nAfter.\n")
    assert benchmark.update_readme(readme, tmp_path / "results") is True
    text = readme.read_text()
    assert "old table" not in text and text.startswith("# Title") and text.endswith("After.\n")
    assert "| `tfidf_svm` |" in text and "**stance** (test, n=30)" in text
    assert benchmark.readme_table(readme) == benchmark.render_results_table(tmp_path / "results")
    assert benchmark.update_readme(readme, tmp_path / "results") is False
    readme.write_text("# No markers\n")
    with pytest.raises(InputError, match="results:start"):
        benchmark.update_readme(readme, tmp_path / "results")


def test_committed_readme_table_matches_committed_results():
    readme = ROOT / "README.md"
    if benchmark.README_START not in readme.read_text(encoding="utf-8"):
        pytest.skip("README.md has no results markers yet")
    assert benchmark.readme_table(readme) == benchmark.render_results_table(ROOT / "results" / "baselines"), \
        "README's results table is stale: run `sgpos benchmark --readme-table README.md`"


def test_pairs_alone_equals_pairs_after_stance(data_dir, tmp_path):
    # ``pairs`` reuses the models fitted for ``stance``; a fresh fit must give the same bytes.
    benchmark.run_benchmark("party_prior,tfidf_logreg", "pairs", out=tmp_path / "alone", data_dir=data_dir,
                            resamples=20)
    benchmark.run_benchmark("party_prior,tfidf_logreg", "stance,pairs", out=tmp_path / "both", data_dir=data_dir,
                            resamples=20)
    assert files_of(tmp_path / "alone" / "pairs") == files_of(tmp_path / "both" / "pairs")


def test_check_reports_files_that_do_not_reproduce(monkeypatch, capsys, data_dir, tmp_path):
    args = ("benchmark", "--data-dir", data_dir, "--out", tmp_path, "--baselines", "party_prior",
            "--configs", "stance", "--resamples", "20")
    assert run_cli(monkeypatch, capsys, *args)[0] == 0
    code, out, _ = run_cli(monkeypatch, capsys, *args, "--check")
    assert code == 0 and "results reproduce" in out
    edited = tmp_path / "stance" / "party_prior.predictions.jsonl"
    edited.write_text(edited.read_text().replace('"favor"', '"against"', 1))
    code, out, _ = run_cli(monkeypatch, capsys, *args, "--check")
    assert code == 1 and "differs:" in out and "party_prior.predictions.jsonl" in out


def test_a_corrupt_results_file_is_named(tmp_path):
    (tmp_path / "stance").mkdir()
    (tmp_path / "stance" / "majority.json").write_text("{not json")
    with pytest.raises(InputError, match=r"majority\.json: not a results JSON file"):
        benchmark.render_results_table(tmp_path)
    assert benchmark.render_results_table(tmp_path / "empty").startswith("_No results yet")
