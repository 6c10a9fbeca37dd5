"""The deterministic build: annotation rows -> the published configs and splits.

Splits come from the project's own seeded hash of ``statement_id`` (never a library
RNG), so the same annotations always give byte-identical files.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections import defaultdict

from .features import CONFIGS, PAIR_COLUMNS, STANCE_COLUMNS
from .ids import LABELS, SHIFT_LABELS, UNSEEN_TARGETS
from .paths import SPLITS
from .prior import counter_prior_flags

SPLIT_SEED = "sgpos-v1"
#: Cumulative fractions of the random split: train up to 0.7, validation up to 0.8.
SPLIT_BOUNDS = (0.7, 0.8)
PAIR_MAX_DAYS = 180
PAIRS_PER_STATEMENT = 20


def unit_hash(*parts: str, seed: str = SPLIT_SEED) -> float:
    """Return a number in [0, 1) from the sha256 of the seed and the parts.

    >>> 0 <= unit_hash("2022-09-14-russia-peskov-compact") < 1
    True
    """
    digest = hashlib.sha256("\x1f".join((seed,) + parts).encode()).digest()
    return int.from_bytes(digest[:8], "big") / 2**64


def _split_of_fraction(fraction: float) -> str:
    if fraction < SPLIT_BOUNDS[0]:
        return "train"
    return "validation" if fraction < SPLIT_BOUNDS[1] else "test"


def _statements(rows: list[dict]) -> dict[str, list[dict]]:
    grouped: dict[str, list[dict]] = defaultdict(list)
    for row in rows:
        grouped[row["statement_id"]].append(row)
    return {sid: sorted(group, key=lambda r: r["target"]) for sid, group in sorted(grouped.items())}


def stance_split(rows: list[dict]) -> dict[str, str]:
    """Assign each statement to train/validation/test, ~70/10/20, stratified.

    A statement's stratum is the (target, stance) of its first row by target id.
    Within a stratum, statements are ordered by their hash and taken systematically
    from a hashed random start, so every stratum is split in proportion.
    """
    strata: dict[tuple[str, str], list[str]] = defaultdict(list)
    for sid, group in _statements(rows).items():
        strata[(group[0]["target"], group[0]["stance"])].append(sid)
    assignment = {}
    for key, sids in sorted(strata.items()):
        start = unit_hash("stratum", *key)
        ordered = sorted(sids, key=lambda sid: (unit_hash(sid), sid))
        for index, sid in enumerate(ordered):
            assignment[sid] = _split_of_fraction(((index + start) / len(ordered)) % 1.0)
    return assignment


def temporal_split(rows: list[dict]) -> tuple[dict[str, str], dict[str, str]]:
    """Assign statements by date: the latest ~20% to test, the ~10% before to validation.

    Statements on one date stay together. Returns the assignment and the cut dates
    (``validation_from``, ``test_from``).
    """
    dates = {sid: group[0]["date"] for sid, group in _statements(rows).items()}
    ordered = sorted(dates.values())
    if not ordered:
        return {}, {}
    cuts = {"validation_from": ordered[min(len(ordered) - 1, int(len(ordered) * SPLIT_BOUNDS[0]))],
            "test_from": ordered[min(len(ordered) - 1, int(len(ordered) * SPLIT_BOUNDS[1]))]}
    assignment = {}
    for sid, date in dates.items():
        if date >= cuts["test_from"]:
            assignment[sid] = "test"
        elif date >= cuts["validation_from"]:
            assignment[sid] = "validation"
        else:
            assignment[sid] = "train"
    return assignment, cuts


def unseen_target_split(rows: list[dict], stance_assignment: dict[str, str]) -> dict[str, str]:
    """Move every statement that addresses an unseen target into test; keep the rest."""
    assignment = dict(stance_assignment)
    for sid, group in _statements(rows).items():
        if any(row["target"] in UNSEEN_TARGETS for row in group):
            assignment[sid] = "test"
    return assignment


def published_row(row: dict) -> dict:
    """Return the published columns of an annotation row, in column order
    (``counter_prior`` is left False; :func:`mark_counter_prior` sets it per config)."""
    return {name: row.get(name, False) if name == "counter_prior" else row[name] for name in STANCE_COLUMNS}


def mark_counter_prior(splits: dict[str, list[dict]]) -> dict[str, list[dict]]:
    """Set ``counter_prior`` on every row: its stance differs from its party's usual line
    on the target in this config's train split (:mod:`sgpos.corpus.prior`)."""
    train = splits["train"]
    for rows in splits.values():
        for row, flag in zip(rows, counter_prior_flags(train, rows)):
            row["counter_prior"] = flag
    return splits


def _by_split(rows: list[dict], assignment: dict[str, str]) -> dict[str, list[dict]]:
    splits: dict[str, list[dict]] = {name: [] for name in SPLITS}
    for row in sorted(rows, key=lambda r: r["id"]):
        splits[assignment[row["statement_id"]]].append(published_row(row))
    return splits


def pair_relation(stance_a: str, stance_b: str) -> str:
    """Return the relation of two stances: agree, conflict or open.

    >>> pair_relation("favor", "against"), pair_relation("favor", "favor"), pair_relation("neutral", "favor")
    ('conflict', 'agree', 'open')
    """
    if "neutral" in (stance_a, stance_b):
        return "open"
    return "agree" if stance_a == stance_b else "conflict"


def build_pairs(split_rows: list[dict]) -> list[dict]:
    """Pair rows of one split: different parties, same target, at most 180 days apart.

    Candidates are taken in the order of their hash; a statement joins at most 20 pairs.
    A pair is ``counter_prior`` when either side is.
    """
    by_target: dict[str, list[dict]] = defaultdict(list)
    for row in split_rows:
        by_target[row["target"]].append(row)
    candidates = []
    for target, group in sorted(by_target.items()):
        group = sorted(group, key=lambda r: r["id"])
        days = [dt.date.fromisoformat(r["date"]).toordinal() for r in group]
        for i, a in enumerate(group):
            for j in range(i + 1, len(group)):
                b = group[j]
                if a["party"] != b["party"] and abs(days[i] - days[j]) <= PAIR_MAX_DAYS:
                    candidates.append((unit_hash("pair", a["id"], b["id"]), a, b))
    used: dict[str, int] = defaultdict(int)
    pairs = []
    for _, a, b in sorted(candidates, key=lambda c: (c[0], c[1]["id"], c[2]["id"])):
        if used[a["statement_id"]] >= PAIRS_PER_STATEMENT or used[b["statement_id"]] >= PAIRS_PER_STATEMENT:
            continue
        used[a["statement_id"]] += 1
        used[b["statement_id"]] += 1
        pairs.append({"id": f"{a['id']}|{b['id']}", "id_a": a["id"], "id_b": b["id"],
                      "text_a": a["text"], "text_b": b["text"], "party_a": a["party"], "party_b": b["party"],
                      "date_a": a["date"], "date_b": b["date"], "target": a["target"],
                      "label": pair_relation(a["stance"], b["stance"]),
                      "counter_prior": a["counter_prior"] or b["counter_prior"]})
    assert all(set(p) == set(PAIR_COLUMNS) for p in pairs)
    return sorted(pairs, key=lambda p: p["id"])


#: Fewest days between the two statements of a ``shifts`` pair.
SHIFT_MIN_DAYS = 30
_SPLIT_RANK = {"train": 0, "validation": 1, "test": 2}


def shift_label(stance_a: str, stance_b: str) -> str:
    """Return how a position moved from ``stance_a`` to ``stance_b``.

    >>> shift_label("against", "neutral"), shift_label("favor", "favor"), shift_label("favor", "against")
    ('toward_favor', 'held', 'toward_against')
    """
    step = LABELS.index(stance_b) - LABELS.index(stance_a)
    return SHIFT_LABELS[1 + (step > 0) - (step < 0)]


def build_shifts(rows: list[dict], assignment: dict[str, str]) -> dict[str, list[dict]]:
    """Pair each statement of a party on a target with the party's next statement on that
    target made at least 30 days later; label the pair held, toward_favor or toward_against.

    A pair goes to test when either statement is in the ``stance`` test split, else to
    validation when either is in validation, else to train: no test statement is ever
    seen in training, as in ``stance``.
    """
    chains: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for row in rows:
        chains[(row["party"], row["target"])].append(row)
    splits: dict[str, list[dict]] = {name: [] for name in SPLITS}
    for (party, target), chain in sorted(chains.items()):
        chain = sorted(chain, key=lambda r: (r["date"], r["id"]))
        days = [dt.date.fromisoformat(r["date"]).toordinal() for r in chain]
        for i, a in enumerate(chain):
            later = next((j for j in range(i + 1, len(chain)) if days[j] - days[i] >= SHIFT_MIN_DAYS), None)
            if later is None:
                continue
            b = chain[later]
            split = max(assignment[a["statement_id"]], assignment[b["statement_id"]], key=_SPLIT_RANK.get)
            splits[split].append({"id": f"{a['id']}>{b['id']}", "id_a": a["id"], "id_b": b["id"],
                                  "text_a": a["text"], "text_b": b["text"], "party": party, "target": target,
                                  "date_a": a["date"], "date_b": b["date"],
                                  "label": shift_label(a["stance"], b["stance"])})
    return {name: sorted(pairs, key=lambda p: p["id"]) for name, pairs in splits.items()}


def passages_split(passage_rows: list[dict], stance_train: list[dict]) -> dict[str, list[dict]]:
    """Split passage rows ~70/10/20 by a hash of ``passage_id`` (a passage's rows stay
    together) and mark ``counter_prior`` against the usual lines of ``stance`` train (a
    party's line is learned from the statements, which are many; the passages are few)."""
    splits: dict[str, list[dict]] = {name: [] for name in SPLITS}
    for row in passage_rows:
        splits[_split_of_fraction(unit_hash("passage", row["passage_id"]))].append(dict(row))
    for rows in splits.values():
        for row, flag in zip(rows, counter_prior_flags(stance_train, rows)):
            row["counter_prior"] = flag
    return splits


def build_configs(rows: list[dict], passages: list[dict] | None = None
                  ) -> tuple[dict[str, dict[str, list[dict]]], dict[str, str]]:
    """Build every config's splits from annotation rows (and passages, when there are
    any); also return the temporal cut dates."""
    from .passages import passage_rows

    stance = stance_split(rows)
    temporal, cuts = temporal_split(rows)
    configs = {
        "stance": mark_counter_prior(_by_split(rows, stance)),
        "stance_temporal": mark_counter_prior(_by_split(rows, temporal)),
        "stance_unseen_target": mark_counter_prior(_by_split(rows, unseen_target_split(rows, stance))),
    }
    configs["pairs"] = {name: build_pairs(split_rows) for name, split_rows in configs["stance"].items()}
    configs["shifts"] = build_shifts(rows, stance)
    if passages:
        configs["passages"] = passages_split(passage_rows(passages), configs["stance"]["train"])
    assert set(configs) <= set(CONFIGS)
    return configs, cuts


def jsonl_bytes(rows: list[dict]) -> bytes:
    """Serialise rows as JSONL, deterministically (UTF-8, LF, key order kept)."""
    return "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows).encode("utf-8")


def rendered_files(configs: dict[str, dict[str, list[dict]]]) -> dict[str, bytes]:
    """Return the published files' relative paths and bytes, ``<config>/<split>.jsonl``."""
    return {f"{config}/{split}.jsonl": jsonl_bytes(rows)
            for config, splits in configs.items() for split, rows in splits.items()}
