"""Positions over time: the mean stance of each party on each target, per period.

A cell is (party, target, period) with at least one statement row; its mean is the
mean of the rows' positions (against -1, neutral 0, favor +1) and it keeps the ids
of its rows, so every number can be traced to its statements and their sources.
Periods are calendar quarters (``2025-Q3``), half-years (``2025-H2``) or years
(``2025``); their labels sort in time order.

Two parties are compared per target and period: they **agree** when their means
have the same sign and neither is zero, **conflict** when the signs are opposite,
and the pair is **open** otherwise (a neutral or balanced mean, or a party silent).
The statements that moved a party are the later statements of the ``shifts``
config's pairs labelled ``toward_favor`` or ``toward_against``.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from pathlib import Path

from sgpos.errors import InputError
from sgpos.suggest import suggest

from .features import CONFIGS, label_column
from .ids import LABELS, PARTIES, TARGETS, position
from .loading import check_config, read_records
from .paths import DATA_DIR, SPLITS

#: Period kinds, and the default.
PERIOD_KINDS: tuple[str, ...] = ("quarter", "half", "year")
DEFAULT_PERIOD = "half"
#: Configs whose rows carry one party's stance on one target.
POSITION_CONFIGS: tuple[str, ...] = tuple(name for name in CONFIGS if label_column(name) == "stance")
#: Shift labels that mean a party moved.
MOVE_LABELS: tuple[str, ...] = ("toward_against", "toward_favor")


@dataclass(frozen=True)
class Cell:
    """One party's mean stance on one target in one period, and the rows behind it."""

    party: str
    target: str
    period: str
    n: int
    mean: float
    against: int
    neutral: int
    favor: int
    ids: tuple[str, ...] = field(default=())


@dataclass(frozen=True)
class Relation:
    """Two parties on one target in one period: ``agree``, ``conflict`` or ``open``."""

    target: str
    period: str
    relation: str
    a: Cell | None
    b: Cell | None


@dataclass(frozen=True)
class Move:
    """A statement that moved a party on a target (the later statement of a shift pair)."""

    party: str
    target: str
    period: str
    date: str
    direction: str
    id: str
    previous_ids: tuple[str, ...]
    text: str
    source_url: str | None = None


@dataclass(frozen=True)
class Comparison:
    """Two parties compared per target and period, with the statements that moved either."""

    party_a: str
    party_b: str
    period: str
    relations: list[Relation]
    moves: list[Move]


def check_period(period: str) -> None:
    """Raise InputError unless ``period`` is quarter, half or year."""
    if period not in PERIOD_KINDS:
        raise InputError("--period", f"unknown period {period!r}{suggest(period, PERIOD_KINDS)}",
                         f"use one of {', '.join(PERIOD_KINDS)}")


def check_names(names, choices, option: str, kind: str) -> list[str]:
    """Return ``names`` as a list, raising InputError (with a did-you-mean) for an unknown one.

    ``kind`` names what they are in the message ("party", "target").
    """
    names = list(names)
    for name in names:
        if name not in choices:
            raise InputError(option, f"unknown {kind} {name!r}{suggest(name, choices)}",
                             f"use ids such as {', '.join(list(choices)[:4])}")
    return names


def parse_date(value: str | None, option: str) -> str | None:
    """Return an ISO date (``YYYY-MM-DD``) unchanged, None for None; InputError otherwise.

    >>> parse_date("2025-03-01", "--since")
    '2025-03-01'
    """
    if value is None:
        return None
    try:
        return datetime.date.fromisoformat(str(value)).isoformat()
    except ValueError:
        raise InputError(option, f"{value!r} is not a date", "give an ISO date such as 2025-01-31") from None


def period_label(date: str, period: str = DEFAULT_PERIOD) -> str:
    """Return the label of the quarter, half-year or year that contains an ISO date.

    >>> [period_label("2025-08-14", kind) for kind in PERIOD_KINDS]
    ['2025-Q3', '2025-H2', '2025']
    """
    year, month = int(date[:4]), int(date[5:7])
    if period == "quarter":
        return f"{year}-Q{(month - 1) // 3 + 1}"
    if period == "half":
        return f"{year}-H{1 if month <= 6 else 2}"
    return str(year)


def period_range(first: str, last: str, period: str = DEFAULT_PERIOD) -> list[str]:
    """Return every period label from ``first`` to ``last``, inclusive, including empty ones.

    >>> period_range("2024-H2", "2025-H2", "half")
    ['2024-H2', '2025-H1', '2025-H2']
    """
    per_year = {"quarter": 4, "half": 2, "year": 1}[period]

    def index(label: str) -> int:
        return int(label[:4]) * per_year + (int(label[6:]) - 1 if per_year > 1 else 0)

    labels = []
    for number in range(index(first), index(last) + 1):
        year, part = divmod(number, per_year)
        labels.append(str(year) if per_year == 1 else f"{year}-{'Q' if per_year == 4 else 'H'}{part + 1}")
    return labels


def read_position_rows(config: str | None = None, split: str | None = None, *,
                       data_dir: Path | str = DATA_DIR) -> list[dict]:
    """Return the rows positions are computed from: one split or all three of a config.

    The default, every row of the ``stance`` config's three splits, is every annotation row.
    """
    config = config or "stance"
    check_config(config, split)
    if config not in POSITION_CONFIGS:
        raise InputError("--config", f"config {config!r} has no stance of one party",
                         f"use one of {', '.join(POSITION_CONFIGS)}")
    splits = [split] if split else list(SPLITS)
    return [row for name in splits for row in read_records(config, name, data_dir=data_dir)]


def read_move_rows(split: str | None = None, *, data_dir: Path | str = DATA_DIR) -> list[dict]:
    """Return the rows of the ``shifts`` config: one split or all three."""
    check_config("shifts", split)
    splits = [split] if split else list(SPLITS)
    return [row for name in splits for row in read_records("shifts", name, data_dir=data_dir)]


def select_rows(rows, *, parties=None, targets=None, since: str | None = None, until: str | None = None) -> list[dict]:
    """Return the rows of the given parties and targets dated from ``since`` to ``until`` (inclusive).

    Unknown parties or targets and bad dates raise InputError.
    """
    parties = None if parties is None else set(check_names(parties, PARTIES, "--parties", "party"))
    targets = None if targets is None else set(check_names(targets, TARGETS, "--targets", "target"))
    since, until = parse_date(since, "--since"), parse_date(until, "--until")
    if since and until and since > until:
        raise InputError("--since", f"--since {since} is after --until {until}", "swap the two dates")
    return [row for row in rows
            if (parties is None or row["party"] in parties) and (targets is None or row["target"] in targets)
            and (since is None or row["date"] >= since) and (until is None or row["date"] <= until)]


def position_table(rows, period: str = DEFAULT_PERIOD, parties=None, targets=None,
                   since: str | None = None, until: str | None = None) -> list[Cell]:
    """Return the cells (party, target, period) of the selected rows, sorted by party, target, period.

    >>> rows = [{"id": "a", "party": "russia", "target": "neutrality", "date": "2025-02-01", "stance": "favor"},
    ...         {"id": "b", "party": "russia", "target": "neutrality", "date": "2025-05-01", "stance": "neutral"}]
    >>> [(c.period, c.mean, c.n) for c in position_table(rows)]
    [('2025-H1', 0.5, 2)]
    """
    check_period(period)
    groups: dict[tuple[str, str, str], list[dict]] = {}
    for row in select_rows(rows, parties=parties, targets=targets, since=since, until=until):
        groups.setdefault((row["party"], row["target"], period_label(row["date"], period)), []).append(row)
    cells = []
    for (party, target, label), members in sorted(groups.items()):
        members.sort(key=lambda row: (row["date"], row["id"]))
        stances = [row["stance"] for row in members]
        cells.append(Cell(party=party, target=target, period=label, n=len(members),
                          mean=sum(position(stance) for stance in stances) / len(members),
                          against=stances.count(LABELS[0]), neutral=stances.count(LABELS[1]),
                          favor=stances.count(LABELS[2]), ids=tuple(row["id"] for row in members)))
    return cells


def relation(a: Cell | None, b: Cell | None) -> str:
    """Return ``agree``, ``conflict`` or ``open`` for two parties' cells (None: no statements).

    >>> cell = lambda mean: Cell("x", "t", "2025", 1, mean, 0, 0, 0)
    >>> relation(cell(0.5), cell(1.0)), relation(cell(-0.5), cell(1.0)), relation(cell(0.0), cell(1.0))
    ('agree', 'conflict', 'open')
    """
    if a is None or b is None or a.mean == 0 or b.mean == 0:
        return "open"
    return "agree" if (a.mean > 0) == (b.mean > 0) else "conflict"


def party_moves(shift_rows, parties, rows=(), *, period: str = DEFAULT_PERIOD, targets=None,
                since: str | None = None, until: str | None = None) -> list[Move]:
    """Return the statements that moved any of ``parties``, by date: shift pairs labelled toward a side.

    A move is the later statement of such pairs, once per direction, with the earlier
    statements it moved from; its date decides the period and the ``since``/``until``
    filter; its source URL is looked up among ``rows`` when they hold it.
    """
    sources = {row["id"]: row.get("source_url") for row in rows}
    parties = set(parties)
    targets = None if targets is None else set(targets)
    chosen: dict[tuple[str, str], list[dict]] = {}
    for row in shift_rows:
        if (row["label"] in MOVE_LABELS and row["party"] in parties and (targets is None or row["target"] in targets)
                and (since is None or row["date_b"] >= since) and (until is None or row["date_b"] <= until)):
            chosen.setdefault((row["id_b"], row["label"]), []).append(row)
    moves = []
    for (statement, direction), pairs in chosen.items():
        row = pairs[0]
        moves.append(Move(party=row["party"], target=row["target"], period=period_label(row["date_b"], period),
                          date=row["date_b"], direction=direction, id=statement,
                          previous_ids=tuple(sorted(pair["id_a"] for pair in pairs)), text=row["text_b"],
                          source_url=sources.get(statement)))
    return sorted(moves, key=lambda move: (move.date, move.party, move.target, move.id, move.direction))


def compare_parties(rows, party_a: str, party_b: str, shift_rows=(), *, period: str = DEFAULT_PERIOD,
                    targets=None, since: str | None = None, until: str | None = None) -> Comparison:
    """Compare two parties per target and period (where either has statements), with their moves."""
    check_names([party_a, party_b], PARTIES, "--compare", "party")
    if party_a == party_b:
        raise InputError("--compare", f"both parties are {party_a!r}", "compare two different parties")
    cells = position_table(rows, period, parties=[party_a, party_b], targets=targets, since=since, until=until)
    by_key = {(cell.party, cell.target, cell.period): cell for cell in cells}
    keys = sorted({(cell.target, cell.period) for cell in cells})
    relations = []
    for target, label in keys:
        a, b = by_key.get((party_a, target, label)), by_key.get((party_b, target, label))
        relations.append(Relation(target=target, period=label, relation=relation(a, b), a=a, b=b))
    moves = party_moves(shift_rows, [party_a, party_b], rows, period=period, targets=targets,
                        since=parse_date(since, "--since"), until=parse_date(until, "--until"))
    return Comparison(party_a=party_a, party_b=party_b, period=period, relations=relations, moves=moves)
