"""The annotation-file schema: fields, types and the checks one row must pass.

Each check returns problems as ``(problem, fix)`` pairs; ``validate`` adds the file
and line, so every message names where and how to mend it.
"""

from __future__ import annotations

import datetime as dt
import re

from sgpos.suggest import suggest

from .ids import LABELS, PARTIES, STYLES, TARGETS
from .sources import refused_rule

#: Annotation fields, in the order the files keep them, with their Python type.
ANNOTATION_FIELDS: dict[str, type] = {
    "id": str,
    "statement_id": str,
    "text": str,
    "target": str,
    "party": str,
    "speaker": str,
    "speaker_role": str,
    "date": str,
    "date_approx": bool,
    "source_url": str,
    "source_outlet": str,
    "style": str,
    "conditional": bool,
    "stance_first": str,
    "stance_second": str,
    "stance": str,
    "adjudication_note": str,
    "rationale": str,
}
#: Optional fields: the other parties whose position the text also reports (attribution rows).
OPTIONAL_FIELDS: dict[str, type] = {"reported_parties": list}
#: Fields that may be empty strings (the blind pass may not have run yet).
OPTIONAL_TEXT_FIELDS = frozenset({"stance_second", "adjudication_note"})

EARLIEST_DATE = dt.date(2021, 12, 1)
STATEMENT_ID_PATTERN = re.compile(r"^(\d{4}-\d{2}-\d{2})-([a-z][a-z0-9_]*?)-([a-z0-9]+(?:-[a-z0-9]+)*)$")


def check_row(row: object, *, today: dt.date | None = None) -> list[tuple[str, str]]:
    """Return the schema problems of one annotation row as ``(problem, fix)`` pairs.

    >>> check_row({"id": "x"})[0][0].startswith("missing field")
    True
    """
    if not isinstance(row, dict):
        return [("the line is not a JSON object", "write one JSON object per line")]
    problems = _check_fields(row)
    if problems:
        return problems
    problems += _check_ids(row)
    problems += _check_values(row, today or dt.date.today())
    return problems


def _check_fields(row: dict) -> list[tuple[str, str]]:
    problems = []
    for name, kind in ANNOTATION_FIELDS.items():
        if name not in row:
            problems.append((f"missing field '{name}'", f"add '{name}' (see corpus/GUIDELINES.md)"))
        elif not isinstance(row[name], kind):
            problems.append((f"field '{name}' must be a {kind.__name__}, not {type(row[name]).__name__}",
                             f"write '{name}' as a JSON {'true/false' if kind is bool else 'string'}"))
        elif kind is str and not row[name].strip() and name not in OPTIONAL_TEXT_FIELDS:
            problems.append((f"field '{name}' is empty", f"fill in '{name}'"))
    reported = row.get("reported_parties", [])
    if not isinstance(reported, list) or not all(isinstance(p, str) and p in PARTIES for p in reported):
        problems.append(("field 'reported_parties' must be a list of party slugs",
                         "list the slugs (corpus/ids.py) of the other parties whose position the text reports"))
    elif row.get("party") in reported:
        problems.append(("'reported_parties' lists the row's own party", "list only the other parties"))
    for name in row:
        if name not in ANNOTATION_FIELDS and name not in OPTIONAL_FIELDS:
            problems.append((f"unknown field '{name}'{suggest(name, [*ANNOTATION_FIELDS, *OPTIONAL_FIELDS])}",
                             "remove it or rename it to a known field"))
    return problems


def _check_ids(row: dict) -> list[tuple[str, str]]:
    sid = row["statement_id"]
    match = STATEMENT_ID_PATTERN.match(sid)
    if not match:
        return [(f"statement_id {sid!r} does not follow <YYYY-MM-DD>-<party>-<slug>",
                 "use e.g. 2022-09-14-russia-peskov-compact (lower case, hyphens)")]
    problems = []
    if not sid.startswith(f"{row['date']}-{row['party']}-"):
        problems.append((f"statement_id {sid!r} does not start with the row's date and party "
                         f"({row['date']}-{row['party']}-)", "make the statement_id, date and party agree"))
    expected = f"{sid}:{row['target']}"
    if row["id"] != expected:
        problems.append((f"id {row['id']!r} is not <statement_id>:<target>", f"set id to {expected!r}"))
    return problems


def _check_values(row: dict, today: dt.date) -> list[tuple[str, str]]:
    problems = []
    if row["target"] not in TARGETS:
        problems.append((f"unknown target {row['target']!r}{suggest(row['target'], TARGETS)}",
                         "use a target id from corpus/ids.py"))
    if row["party"] not in PARTIES:
        problems.append((f"unknown party {row['party']!r}{suggest(row['party'], PARTIES)}",
                         "use a party slug from corpus/ids.py, or add the new party there"))
    if row["style"] not in STYLES:
        problems.append((f"unknown style {row['style']!r}{suggest(row['style'], STYLES)}",
                         f"use one of {', '.join(STYLES)}"))
    for name in ("stance_first", "stance_second", "stance"):
        value = row[name]
        if name == "stance_second" and value == "":
            continue
        if value not in LABELS:
            problems.append((f"unknown label {value!r} in '{name}'{suggest(value, LABELS)}",
                             f"use one of {', '.join(LABELS)}"))
    passes = [row["stance_first"]] + ([row["stance_second"]] if row["stance_second"] else [])
    if any(label != row["stance"] for label in passes) and not row["adjudication_note"].strip():
        problems.append(("'stance' differs from an annotation pass but 'adjudication_note' is empty",
                         "say in 'adjudication_note' why the adjudicated stance was chosen"))
    problems += _check_date(row["date"], today)
    url = row["source_url"]
    if not re.match(r"^https?://[^\s/]+\.[^\s]+$", url):
        problems.append((f"source_url {url!r} is not an http(s) URL", "cite the page's full http:// or https:// address"))
    else:
        rule = refused_rule(url)
        if rule is not None:
            problems.append((f"source_url cites a refused source ({rule.kind} {rule.pattern!r}: {rule.reason})",
                             "cite the original outlet or an official page (corpus/refused_sources.tsv)"))
    return problems


def _check_date(value: str, today: dt.date) -> list[tuple[str, str]]:
    try:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            raise ValueError
        date = dt.date.fromisoformat(value)
    except ValueError:
        return [(f"date {value!r} is not an ISO date", "write the statement's own date as YYYY-MM-DD")]
    if not EARLIEST_DATE <= date <= today:
        return [(f"date {value} is outside {EARLIEST_DATE} .. {today}",
                 "use the statement's own date (the event, not the page)")]
    return []
