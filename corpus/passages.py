"""Multi-party passages: one paragraph reporting two or three parties' positions, one row
per (passage, party, target), labelled with that party's own stance.

Annotation files are ``corpus/passages/*.jsonl``, one passage per line with its rows;
the ``passages`` config is built from them (split by a hash of ``passage_id``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from sgpos.errors import InputError

from .annotations_io import read_jsonl_lines
from .ids import LABELS, PARTIES, TARGETS
from .paths import CORPUS_DIR

PASSAGES_DIR = CORPUS_DIR / "passages"
PASSAGE_ID = re.compile(r"^(\d{4}-\d{2}-\d{2})-([a-z0-9]+(?:-[a-z0-9]+)*)$")
MIN_WORDS, MAX_WORDS = 60, 160
#: Passage fields and their types.
PASSAGE_FIELDS: dict[str, type] = {"passage_id": str, "text": str, "date": str, "date_approx": bool,
                                   "source_url": str, "source_outlet": str, "rows": list}
#: Fields of each row of a passage.
ROW_FIELDS: dict[str, type] = {"party": str, "target": str, "speaker": str, "conditional": bool,
                               "stance_first": str, "stance_second": str, "stance": str,
                               "adjudication_note": str, "rationale": str}


@dataclass(frozen=True)
class SourcedPassage:
    """A passage with the file and line it came from."""

    passage: dict
    path: str
    line: int


def passages_dir_for(annotations_dir: Path) -> Path:
    """Return the passages folder beside an annotations folder."""
    return Path(annotations_dir).parent / "passages"


def read_passages(folder: Path = PASSAGES_DIR) -> tuple[list[SourcedPassage], list[InputError]]:
    """Read every passage file; return the passages that pass the checks and every problem."""
    good, problems = [], []
    seen: dict[str, str] = {}
    for path in sorted(Path(folder).glob("*.jsonl")):
        values, errors = read_jsonl_lines(path)
        problems += errors
        for number, passage in values:
            found = check_passage(passage)
            if not found and passage["passage_id"] in seen:
                found = [(f"duplicate passage_id {passage['passage_id']!r} (also in {seen[passage['passage_id']]})",
                          "give the passage another slug")]
            problems += [InputError(str(path), problem, fix, line=number) for problem, fix in found]
            if not found:
                seen[passage["passage_id"]] = f"{path.name}, line {number}"
                good.append(SourcedPassage(passage, str(path), number))
    return good, problems


def check_passage(passage: object) -> list[tuple[str, str]]:
    """Return the problems of one passage as ``(problem, fix)`` pairs."""
    from .schema import _check_date  # the statements' date rule
    from .sources import refused_rule

    if not isinstance(passage, dict):
        return [("the line is not a JSON object", "write one passage object per line")]
    problems = _check_types(passage, PASSAGE_FIELDS, "passage")
    if problems:
        return problems
    match = PASSAGE_ID.match(passage["passage_id"])
    if not match or match.group(1) != passage["date"]:
        problems.append((f"passage_id {passage['passage_id']!r} is not <date>-<slug> with the passage's date",
                         "use e.g. 2022-09-14-compact-and-kremlin"))
    import datetime as dt

    problems += _check_date(passage["date"], dt.date.today())
    words = len(passage["text"].split())
    if not MIN_WORDS <= words <= MAX_WORDS:
        problems.append((f"text has {words} words", f"write {MIN_WORDS}-{MAX_WORDS} words"))
    url = passage["source_url"]
    if not re.match(r"^https?://[^\s/]+\.[^\s]+$", url):
        problems.append((f"source_url {url!r} is not an http(s) URL", "cite the page's full address"))
    elif refused_rule(url):
        rule = refused_rule(url)
        problems.append((f"source_url cites a refused source ({rule.kind} {rule.pattern!r}: {rule.reason})",
                         "cite the original outlet or an official page (corpus/refused_sources.tsv)"))
    rows = passage["rows"]
    keys = set()
    for index, row in enumerate(rows):
        where = f"row {index + 1}"
        if not isinstance(row, dict):
            problems.append((f"{where} is not an object", "give each row as an object"))
            continue
        row_problems = _check_types(row, ROW_FIELDS, where, optional_empty=("stance_second", "adjudication_note"))
        if row_problems:
            problems += row_problems
            continue
        if row["party"] not in PARTIES:
            problems.append((f"{where}: unknown party {row['party']!r}", "use a slug from corpus/ids.py"))
        if row["target"] not in TARGETS:
            problems.append((f"{where}: unknown target {row['target']!r}", "use a target id from corpus/ids.py"))
        for name in ("stance_first", "stance_second", "stance"):
            if not (name == "stance_second" and row[name] == "") and row[name] not in LABELS:
                problems.append((f"{where}: unknown label {row[name]!r} in '{name}'", f"use one of {', '.join(LABELS)}"))
        passes = [row["stance_first"]] + ([row["stance_second"]] if row["stance_second"] else [])
        if any(label != row["stance"] for label in passes) and not row["adjudication_note"].strip():
            problems.append((f"{where}: 'stance' differs from a pass but 'adjudication_note' is empty",
                             "say why the adjudicated stance was chosen"))
        if (row["party"], row["target"]) in keys:
            problems.append((f"{where}: party {row['party']!r} on {row['target']!r} twice", "keep one row"))
        keys.add((row["party"], row["target"]))
    parties = {party for party, _ in keys}
    if not 2 <= len(parties) <= 3:
        problems.append((f"the passage labels {len(parties)} parties", "label 2 or 3 parties per passage"))
    return problems


def _check_types(item: dict, fields: dict[str, type], where: str, optional_empty=()) -> list[tuple[str, str]]:
    problems = []
    for name, kind in fields.items():
        if name not in item:
            problems.append((f"{where}: missing field '{name}'", f"add '{name}'"))
        elif not isinstance(item[name], kind):
            problems.append((f"{where}: field '{name}' must be a {kind.__name__}", f"fix '{name}'"))
        elif kind is str and not item[name].strip() and name not in optional_empty:
            problems.append((f"{where}: field '{name}' is empty", f"fill in '{name}'"))
    unknown = sorted(set(item) - set(fields))
    if unknown:
        problems.append((f"{where}: unknown field '{unknown[0]}'", "remove it"))
    return problems


def passage_rows(passages: list[dict]) -> list[dict]:
    """Return the published rows of the passages: one per (passage, party, target)."""
    out = []
    for passage in passages:
        for row in passage["rows"]:
            out.append({"id": f"{passage['passage_id']}:{row['party']}:{row['target']}",
                        "passage_id": passage["passage_id"], "text": passage["text"], "party": row["party"],
                        "target": row["target"], "speaker": row["speaker"], "date": passage["date"],
                        "date_approx": passage["date_approx"], "source_url": passage["source_url"],
                        "source_outlet": passage["source_outlet"], "conditional": row["conditional"],
                        "stance": row["stance"], "counter_prior": False})
    return sorted(out, key=lambda r: r["id"])
