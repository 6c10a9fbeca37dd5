"""Build a small leaderboard checkout in a temporary folder for the tests."""

from __future__ import annotations

import json
from pathlib import Path

from sgpos.corpus import read_records
from sgpos.evaluate.submission import SubmissionMetadata, submit

XSS_NAME = "<script>alert(1)</script>"
XSS_URL = 'https://example.org/x"onerror="window.__xss=1'


def write_predictions(path: Path, flip_every: int) -> Path:
    """Write test-split predictions that copy the gold label except every n-th row, which is wrong."""
    rows = read_records("stance", "test")

    def wrong(label: str) -> str:
        return "neutral" if label != "neutral" else "favor"

    lines = [json.dumps({"id": r["id"], "label": wrong(r["stance"]) if i % flip_every == 0 else r["stance"]})
             for i, r in enumerate(rows)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def metadata(name: str, **changes) -> SubmissionMetadata:
    """Return complete metadata for a test submission."""
    values = dict(name=name, authors="Test Authors", description="A test system.", training_data="sgpos train",
                  test_split_seen=False, url="https://example.org/paper")
    values.update(changes)
    return SubmissionMetadata(**values)


def make_board(root: Path) -> dict[str, Path]:
    """Submit three systems, one of them with script payloads in its name and URL."""
    folders = {}
    for name, flip, url in (("Strong", 20, "https://example.org/strong"), (XSS_NAME, 3, XSS_URL),
                            ("Close second", 16, None)):
        predictions = write_predictions(root / f"{len(folders)}.jsonl", flip)
        folders[name] = submit(predictions, metadata(name, url=url), root=root)
    return folders
