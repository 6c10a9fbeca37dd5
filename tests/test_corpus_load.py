"""Both loaders give the same typed rows, offline, and never serve stale data."""

from __future__ import annotations

import json
from pathlib import Path
import shutil

import pytest

import sgpos.corpus
from sgpos.corpus.features import CONFIGS, label_column, label_names
from sgpos.corpus.paths import CORPUS_DIR, DATA_DIR


@pytest.fixture(autouse=True)
def offline(monkeypatch, tmp_path):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("HF_DATASETS_OFFLINE", "1")


@pytest.mark.parametrize("config", list(CONFIGS))
def test_load_dataset_by_config_name_equals_sgpos_load(config, monkeypatch):
    from datasets import load_dataset

    monkeypatch.chdir(CORPUS_DIR.parent)
    by_name = load_dataset("corpus", config)
    ours = sgpos.corpus.load(config)
    for split in ("train", "validation", "test"):
        assert by_name[split].features == ours[split].features
        assert by_name[split].to_list() == ours[split].to_list()
        assert len(ours[split]) > 0


def test_label_column_is_a_classlabel_of_ints():
    test = sgpos.corpus.load("stance", "test")
    feature = test.features[label_column("stance")]
    assert feature.names == list(label_names("stance")) == ["against", "neutral", "favor"]
    assert set(test[label_column("stance")]) <= {0, 1, 2}
    records = sgpos.corpus.read_records("stance", "test")
    assert [feature.int2str(v) for v in test["stance"]] == [r["stance"] for r in records]


def test_an_edited_file_is_never_served_stale(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    before = sgpos.corpus.load("stance", "test", data_dir=data)
    path = data / "stance" / "test.jsonl"
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    rows[0]["text"] = "An edited text."
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    after = sgpos.corpus.load("stance", "test", data_dir=data)
    assert before[0]["text"] != "An edited text."
    assert after[0]["text"] == "An edited text."


def test_unknown_config_and_split_suggest_names():
    with pytest.raises(sgpos.corpus.InputError, match="did you mean 'stance_temporal'"):
        sgpos.corpus.load("stance_temporl")
    with pytest.raises(sgpos.corpus.InputError, match="did you mean 'test'"):
        sgpos.corpus.load("stance", "tests")


def test_content_sha256_changes_with_the_files(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    before = sgpos.corpus.content_sha256(data)
    assert before == sgpos.corpus.content_sha256()
    (data / "stance" / "test.jsonl").write_text("{}\n")
    assert sgpos.corpus.content_sha256(data) != before


def test_load_dataset_by_name_sees_a_rebuild_with_a_same_length_relabel(tmp_path):
    """A relabel against <-> neutral keeps every file size; the card's hashes still change."""
    from datasets import load_dataset

    from corpus_fixtures import make_corpus, real_rows
    from sgpos.corpus.pipeline import build

    rows = real_rows(limit=60)
    annotations, data = make_corpus(tmp_path, rows)
    assert build(annotations, data, root=tmp_path)[1] == []
    before = load_dataset(str(data.parent), "stance")
    target = next(r for r in rows if r["stance"] == "against")
    relabelled = [dict(r, stance="neutral", stance_first="neutral", stance_second="neutral") if r is target else r for r in rows]
    make_corpus(tmp_path, relabelled)
    assert build(annotations, data, root=tmp_path)[1] == []
    after = load_dataset(str(data.parent), "stance")
    names = after["train"].features["stance"].names

    def label_of(ds):
        for split in ds.values():
            for row in split:
                if row["id"] == target["id"]:
                    return names[row["stance"]]

    assert label_of(before) == "against" and label_of(after) == "neutral"


def test_the_suite_uses_a_temporary_huggingface_cache():
    import datasets.config
    from conftest import REAL_HF_HOME

    cache = Path(datasets.config.HF_DATASETS_CACHE).resolve()
    assert REAL_HF_HOME.resolve() not in (cache, *cache.parents)
    sgpos.corpus.load("stance", "test")
    assert any(cache.rglob("*.arrow"))  # the load above wrote its cache here, not in the user's home


def test_readme_python_examples_run_from_another_folder(tmp_path, monkeypatch):
    import re

    readme = (CORPUS_DIR.parent / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", readme, re.S)
    assert blocks
    monkeypatch.chdir(tmp_path)
    for block in blocks:
        exec(compile(block, "README.md", "exec"), {})
