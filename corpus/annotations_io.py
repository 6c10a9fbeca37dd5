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


def read_jsonl_lines(path: Path) -> tuple[list[tuple[int, object]], list[InputError]]:
    """Return ``[(line number, parsed value)]`` of a human-edited JSONL file and one error per
    bad line (or one for a file that is not UTF-8)."""
    data = Path(path).read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        return [], [InputError(str(path), f"not UTF-8 text (byte {err.start})", "save the file as UTF-8",
                               line=data[: err.start].count(b"\n") + 1)]
    values, errors = [], []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            values.append((number, json.loads(line)))
        except json.JSONDecodeError as err:
            errors.append(InputError(str(path), f"malformed JSON ({err.msg} at column {err.colno})",
                                     "write one complete JSON object per line", line=number))
    return values, errors


def read_annotations(annotations_dir: Path = ANNOTATIONS_DIR) -> tuple[list[SourcedRow], list[InputError]]:
    """Read every annotation row; return the rows and the JSON errors (one per bad line)."""
    rows: list[SourcedRow] = []
    errors: list[InputError] = []
    for path in annotation_files(annotations_dir):
        values, problems = read_jsonl_lines(path)
        errors += problems
        rows += [SourcedRow(row, str(path), number) for number, row in values]
    return rows, errors


def load_annotation_rows(annotations_dir: Path = ANNOTATIONS_DIR) -> list[dict]:
    """Return every annotation row as a dict; raise the first JSON error if any."""
    rows, errors = read_annotations(annotations_dir)
    if errors:
        raise errors[0]
    return [sourced.row for sourced in rows]
