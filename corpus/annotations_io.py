"""Read the human-edited annotation files, keeping file and line for every row."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from sgpos.errors import InputError
from .paths import ANNOTATIONS_DIR


@dataclass(frozen=True)
class SourcedRow:
    """An annotation row with the file and line it came from."""

    row: dict
    path: str
    line: int


def annotation_files(annotations_dir: Path = ANNOTATIONS_DIR) -> list[Path]:
    """Return the annotation files (``*.jsonl``) in name order."""
    return sorted(Path(annotations_dir).glob("*.jsonl"))


def read_annotations(annotations_dir: Path = ANNOTATIONS_DIR) -> tuple[list[SourcedRow], list[InputError]]:
    """Read every annotation row; return the rows and the JSON errors (one per bad line)."""
    rows: list[SourcedRow] = []
    errors: list[InputError] = []
    for path in annotation_files(annotations_dir):
        text = path.read_text(encoding="utf-8-sig")
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as err:
                errors.append(InputError(str(path), f"malformed JSON ({err.msg} at column {err.colno})",
                                         "write one complete JSON object per line", line=number))
                continue
            rows.append(SourcedRow(row, str(path), number))
    return rows, errors


def load_annotation_rows(annotations_dir: Path = ANNOTATIONS_DIR) -> list[dict]:
    """Return every annotation row as a dict; raise the first JSON error if any."""
    rows, errors = read_annotations(annotations_dir)
    if errors:
        raise errors[0]
    return [sourced.row for sourced in rows]
