"""Helpers that copy a slice of the real corpus into a temporary folder for tests."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from sgpos.corpus.annotations_io import load_annotation_rows
from sgpos.corpus.paths import ANNOTATIONS_DIR


def real_rows(limit: int | None = None) -> list[dict]:
    """Return the real annotation rows, whole statements only, up to about ``limit`` rows."""
    rows = load_annotation_rows(ANNOTATIONS_DIR)
    if limit is None:
        return rows
    keep, statements = [], set()
    for row in rows:
        if len(keep) >= limit and row["statement_id"] not in statements:
            continue
        statements.add(row["statement_id"])
        keep.append(row)
    return keep


def write_jsonl(path: Path, rows: list[dict]) -> Path:
    """Write rows as JSONL (creating folders) and return the path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


def make_corpus(tmp_path: Path, rows: list[dict]) -> tuple[Path, Path]:
    """Create ``tmp/corpus/annotations/rows.jsonl`` and return (annotations_dir, data_dir)."""
    annotations = tmp_path / "corpus" / "annotations"
    write_jsonl(annotations / "rows.jsonl", rows)
    return annotations, tmp_path / "corpus" / "data"


def copy_tree(src: Path, dst: Path) -> Path:
    """Copy a folder and return the copy's path."""
    shutil.copytree(src, dst)
    return dst
