"""Small gold and prediction files for the harness tests, written into tmp folders."""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

LABELS = ("against", "neutral", "favor")
TARGETS = ("guarantees", "nato_membership", "neutrality")
PARTIES = ("russia", "ukraine", "france", "germany")


def write_jsonl(path: Path, rows: list[dict], *, newline: str = "\n", bom: bool = False, final: bool = True) -> Path:
    """Write rows as JSONL with a chosen line end, optional BOM and optional final newline."""
    path.parent.mkdir(parents=True, exist_ok=True)
    text = newline.join(json.dumps(row) for row in rows) + (newline if final else "")
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8"))
    return path


def write_text(path: Path, text: str) -> Path:
    """Write text (UTF-8) and return the path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def stance_rows(n: int, seed: int, prefix: str) -> list[dict]:
    """Return ``n`` published-style stance rows with ids ``<prefix>-NNN:<target>``."""
    rng = random.Random(seed)
    rows = []
    for index in range(n):
        target = TARGETS[index % len(TARGETS)]
        year = rng.choice([2021, 2022, 2023, 2024, 2025])
        rows.append({"id": f"{year}-01-01-{prefix}-{index:03d}:{target}", "statement_id": f"{prefix}-{index:03d}",
                     "text": "A paraphrased statement.", "target": target, "party": rng.choice(PARTIES),
                     "date": f"{year}-01-01", "stance": rng.choice(LABELS)})
    return rows


def make_data_dir(root: Path) -> Path:
    """Write a tiny published corpus (stance and pairs, three splits each) and return its data dir."""
    data = root / "data"
    for split, n, seed in (("train", 60, 1), ("validation", 20, 2), ("test", 40, 3)):
        rows = stance_rows(n, seed, split)
        write_jsonl(data / "stance" / f"{split}.jsonl", rows)
        pairs = []
        for index in range(0, len(rows) - 1, 2):
            first, second = rows[index], rows[index + 1]
            label = random.Random(index + seed).choice(("conflict", "open", "agree"))
            pairs.append({"id": f"{first['id']}|{second['id']}", "id_a": first["id"], "id_b": second["id"],
                          "target": first["target"], "party_a": first["party"], "party_b": second["party"],
                          "label": label})
        write_jsonl(data / "pairs" / f"{split}.jsonl", pairs)
    return data


def noisy_predictions(gold: list[dict], seed: int, accuracy: float = 0.7, label_key: str = "stance",
                      labels=LABELS) -> list[dict]:
    """Return predictions that copy the gold label with probability ``accuracy``."""
    rng = random.Random(seed)
    return [{"id": row["id"], "label": row[label_key] if rng.random() < accuracy else rng.choice(labels)}
            for row in gold]


def read_gold(data_dir: Path, config: str = "stance", split: str = "test") -> list[dict]:
    """Return the rows of a published fixture split."""
    return [json.loads(line) for line in (data_dir / config / f"{split}.jsonl").read_text().splitlines()]


def run_cli(monkeypatch, capsys, *args) -> tuple[int, str, str]:
    """Run ``sgpos ARGS`` in-process through the real main(); return (exit code, stdout, stderr)."""
    from sgpos.cli import main

    monkeypatch.setattr(sys, "argv", ["sgpos", *map(str, args)])
    monkeypatch.setenv("COLUMNS", "200")
    code = 0
    try:
        main()
    except SystemExit as exit_:
        code = exit_.code or 0
    captured = capsys.readouterr()
    return code, captured.out, captured.err
