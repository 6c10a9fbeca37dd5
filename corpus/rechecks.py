"""Summarise the source re-check logs in ``corpus/audits/`` for the card.

A log (``recheck-*.jsonl``) has one line per re-checked row with the re-checker's
findings (``found``, ``date_ok``, ``party_speaker_ok``, ``stance_ok``, ``copied``;
from re-check 4 also ``clauses_on_page``, ``copied_max_words`` and ``url_quality``)
and the ``fix_applied`` afterwards ("none" when nothing was changed). A check that a
log does not record is shown as "–".
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from .paths import CORPUS_DIR

AUDITS_DIR = CORPUS_DIR / "audits"
CHECKS: tuple[tuple[str, str], ...] = (
    ("found", "page found"),
    ("date_ok", "date faithful"),
    ("party_speaker_ok", "party and speaker faithful"),
    ("stance_ok", "stance faithful"),
    ("clauses_on_page", "every clause on the page"),
    ("url_quality", "original outlet or official page"),
)
#: The value of each check that counts as a pass ("yes" unless named here).
PASS_VALUE = {"url_quality": "original"}


@dataclass(frozen=True)
class RecheckSummary:
    """Counts of one re-check log."""

    name: str
    rows: int
    yes: dict[str, int | None]
    copied: int  # lines quoting an overlap ("unclear" means the page was not read)
    fixed: int
    relabelled: int


def summarise_log(path: Path) -> RecheckSummary:
    """Count the findings and fixes of one re-check log."""
    lines = [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()]
    fixes = [str(line.get("fix_applied", "none")) for line in lines]
    return RecheckSummary(
        name=Path(path).stem,
        rows=len(lines),
        yes={key: _passes(lines, key) for key, _ in CHECKS},
        copied=sum(str(line.get("copied", "no")).strip().lower() not in ("", "no", "unclear") for line in lines),
        fixed=sum(not fix.startswith("none") and not fix.startswith("kept") for fix in fixes),
        relabelled=sum("relabel" in fix for fix in fixes),
    )


def _passes(lines: list[dict], key: str) -> int | None:
    if not any(key in line for line in lines):
        return None
    wanted = PASS_VALUE.get(key, "yes")
    return sum(str(line.get(key, "")).strip().lower() == wanted for line in lines)


def recheck_markdown(audits_dir: Path = AUDITS_DIR) -> str:
    """Return a Markdown table with one row per re-check log (empty note if there is none)."""
    logs = sorted(Path(audits_dir).glob("recheck-*.jsonl"))
    if not logs:
        return "No source re-check has been logged yet.\n"
    header = "| re-check | rows | " + " | ".join(label for _, label in CHECKS) + " | sentence copied | rows fixed | relabelled |"
    lines = [header, "|---|" + "---:|" * (len(CHECKS) + 4)]
    for summary in map(summarise_log, logs):
        counts = " | ".join("–" if summary.yes[key] is None else str(summary.yes[key]) for key, _ in CHECKS)
        lines.append(f"| `{summary.name}` | {summary.rows} | {counts} | {summary.copied} | "
                     f"{summary.fixed} | {summary.relabelled} |")
    return "\n".join(lines) + "\n"
