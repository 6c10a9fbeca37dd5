"""Inter-annotator agreement between the first and the blind second pass."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from .ids import LABELS


@dataclass
class Agreement:
    """Cohen's kappa, raw agreement and the pass-by-pass confusion over some rows."""

    n: int
    kappa: float | None
    observed: float | None
    confusion: list[list[int]]


def cohen_kappa(first: list[str], second: list[str], labels=LABELS) -> float | None:
    """Return Cohen's kappa of two label lists (None when undefined).

    >>> cohen_kappa(["favor", "against"], ["favor", "against"])
    1.0
    """
    n = len(first)
    if n == 0:
        return None
    observed = sum(a == b for a, b in zip(first, second)) / n
    count_a, count_b = Counter(first), Counter(second)
    expected = sum(count_a[label] * count_b[label] for label in labels) / (n * n)
    if expected == 1.0:
        return 1.0 if observed == 1.0 else None
    return (observed - expected) / (1 - expected)


def agreement(rows: list[dict]) -> Agreement:
    """Compute agreement over the rows that have both passes."""
    pairs = [(r["stance_first"], r["stance_second"]) for r in rows if r.get("stance_second")]
    first = [a for a, _ in pairs]
    second = [b for _, b in pairs]
    confusion = [[sum(1 for a, b in pairs if a == la and b == lb) for lb in LABELS] for la in LABELS]
    observed = sum(a == b for a, b in pairs) / len(pairs) if pairs else None
    return Agreement(len(pairs), cohen_kappa(first, second), observed, confusion)


def agreement_by_target(rows: list[dict]) -> dict[str, Agreement]:
    """Compute agreement per target, for targets with at least one double-annotated row."""
    targets = sorted({r["target"] for r in rows if r.get("stance_second")})
    return {t: agreement([r for r in rows if r["target"] == t]) for t in targets}


def _fmt(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"


def agreement_markdown(rows: list[dict]) -> str:
    """Render overall and per-target kappa and the confusion of the passes as Markdown."""
    total = agreement(rows)
    changed = sum(1 for r in rows if r.get("stance_second") and r["stance"] != r["stance_first"])
    lines = [f"Double-annotated rows: {total.n} of {len(rows)}. Cohen's kappa {_fmt(total.kappa)}, "
             f"raw agreement {_fmt(total.observed)}. Adjudication changed the first-pass label on {changed} rows.",
             "", "| target | rows | kappa | raw agreement |", "|---|---:|---:|---:|"]
    for target, result in agreement_by_target(rows).items():
        lines.append(f"| `{target}` | {result.n} | {_fmt(result.kappa)} | {_fmt(result.observed)} |")
    lines += ["", "Confusion of the passes (rows: first pass; columns: blind second pass):", "",
              "| first \\ second | " + " | ".join(LABELS) + " |", "|---|" + "---:|" * len(LABELS)]
    for label, counts in zip(LABELS, total.confusion):
        lines.append(f"| {label} | " + " | ".join(str(c) for c in counts) + " |")
    return "\n".join(lines) + "\n"


def passages_markdown(passages: list[dict], splits: dict | None) -> str:
    """Render the passages' sizes, their mixed-stance and line-breaking shares, and the
    agreement of their two passes."""
    if not passages:
        return "_No passages yet._\n"
    rows = [row for passage in passages for row in passage["rows"]]
    mixed = 0
    for passage in passages:
        by_target: dict[str, set] = {}
        for row in passage["rows"]:
            by_target.setdefault(row["target"], set()).add(row["stance"])
        mixed += any(len(stances) > 1 for stances in by_target.values())
    flagged = {r["passage_id"] for split in (splits or {}).values() for r in split if r["counter_prior"]}
    total = agreement(rows)
    targets = Counter(row["target"] for row in rows)
    return "\n".join([
        f"- {len(passages)} passages, {len(rows)} rows (party x target), "
        f"{len({row['party'] for row in rows})} parties, {len(targets)} targets.",
        f"- Passages where two parties take different stances on one target: {mixed} "
        f"({100 * mixed / len(passages):.1f}%).",
        f"- Passages holding a party that breaks its usual line (counter-prior against `stance` train): "
        f"{len(flagged)} ({100 * len(flagged) / len(passages):.1f}%).",
        f"- Blind second pass: {total.n} of {len(rows)} rows; Cohen's kappa {_fmt(total.kappa)}, "
        f"raw agreement {_fmt(total.observed)}.",
        "- Rows per target: " + ", ".join(f"`{t}` {n}" for t, n in sorted(targets.items())) + ".",
    ]) + "\n"
