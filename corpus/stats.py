"""Corpus statistics: rows by target x stance, party, year, style and outlet."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from .ids import LABELS, TARGETS


@dataclass
class CorpusStats:
    """Counts over annotation (or published) rows."""

    rows: int
    statements: int
    target_stance: dict[str, Counter] = field(default_factory=dict)
    by_party: Counter = field(default_factory=Counter)
    by_year: Counter = field(default_factory=Counter)
    by_style: Counter = field(default_factory=Counter)
    by_outlet: Counter = field(default_factory=Counter)
    breaks_line: Counter = field(default_factory=Counter)
    attribution_rows: int = 0
    refused_source_rows: int = 0


def breaks_usual_line(rows: list[dict]) -> list[bool]:
    """For each row: does its stance differ from its party's usual line on the target among
    the party's OTHER statements (leave one statement out)? False where the party has no
    other statement on the target."""
    by_cell: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for row in rows:
        by_cell[(row["party"], row["target"])].append(row)
    flags = []
    for row in rows:
        others = Counter(o["stance"] for o in by_cell[(row["party"], row["target"])]
                         if o["statement_id"] != row["statement_id"])
        usual = max(LABELS, key=lambda label: (others[label], -LABELS.index(label)))
        flags.append(bool(others) and usual != row["stance"])
    return flags


def compute_stats(rows: list[dict]) -> CorpusStats:
    """Count rows by target x stance, party, year, style and outlet, and the hard rows."""
    from .sources import refused_rule

    target_stance = {target: Counter() for target in TARGETS}
    for row in rows:
        target_stance[row["target"]][row["stance"]] += 1
    breaks = Counter(row["target"] for row, flag in zip(rows, breaks_usual_line(rows)) if flag)
    return CorpusStats(
        rows=len(rows),
        statements=len({row["statement_id"] for row in rows}),
        target_stance=target_stance,
        by_party=Counter(row["party"] for row in rows),
        by_year=Counter(row["date"][:4] for row in rows),
        by_style=Counter(row["style"] for row in rows),
        by_outlet=Counter(row["source_outlet"] for row in rows),
        breaks_line=breaks,
        attribution_rows=sum(bool(row.get("reported_parties")) for row in rows),
        refused_source_rows=sum(refused_rule(row["source_url"]) is not None for row in rows),
    )


def difficulty_lines(stats: CorpusStats) -> list[str]:
    """Return the hard-row counts as plain lines: breaks of the usual line, neutrals, attribution."""
    neutral = sum(counts["neutral"] for counts in stats.target_stance.values())
    breaks = sum(stats.breaks_line.values())
    return [f"rows breaking their party's usual line (leave one statement out): {breaks} "
            f"({_share(breaks, stats.rows)}); per target: "
            + ", ".join(f"{t} {stats.breaks_line[t]}" for t in TARGETS),
            f"neutral rows: {neutral} ({_share(neutral, stats.rows)})",
            f"rows that also report another party's position: {stats.attribution_rows} "
            f"({_share(stats.attribution_rows, stats.rows)})",
            f"rows citing a refused source: {stats.refused_source_rows} "
            f"({_share(stats.refused_source_rows, stats.rows)})"]


def _share(count: int, total: int) -> str:
    return f"{100 * count / total:.1f}%" if total else "0.0%"


def _counter_table(title: str, counts: Counter, total: int, *, sort_by_count: bool = True) -> list[str]:
    items = counts.most_common() if sort_by_count else sorted(counts.items())
    lines = [f"| {title} | rows | share |", "|---|---:|---:|"]
    lines += [f"| {key} | {count} | {_share(count, total)} |" for key, count in items]
    return lines


def stats_markdown(stats: CorpusStats, *, heading_level: int = 3) -> str:
    """Render the statistics as Markdown tables (the card's statistics section)."""
    h = "#" * heading_level
    lines = [f"{stats.rows} statement-target rows from {stats.statements} statements, "
             f"{len(stats.by_party)} parties, {sum(1 for c in stats.target_stance.values() if c)} targets.", ""]
    lines += [f"- {line}" for line in difficulty_lines(stats)] + [""]
    lines += [f"{h} Rows by target and stance", "",
              "| target | " + " | ".join(LABELS) + " | total |", "|---|" + "---:|" * (len(LABELS) + 1)]
    for target, counts in stats.target_stance.items():
        lines.append(f"| `{target}` | " + " | ".join(str(counts[label]) for label in LABELS)
                     + f" | {sum(counts.values())} |")
    totals = Counter()
    for counts in stats.target_stance.values():
        totals.update(counts)
    lines.append("| **all** | " + " | ".join(str(totals[label]) for label in LABELS) + f" | {stats.rows} |")
    for title, counts, by_count in (("party", stats.by_party, True), ("year", stats.by_year, False),
                                    ("style", stats.by_style, True), ("outlet", stats.by_outlet, True)):
        lines += ["", f"{h} Rows by {title}", ""] + _counter_table(title, counts, stats.rows, sort_by_count=by_count)
    return "\n".join(lines) + "\n"


def stats_text(stats: CorpusStats) -> str:
    """Render the statistics as plain-text tables for the terminal."""
    width = max(len(t) for t in TARGETS) + 2
    lines = [f"rows {stats.rows}   statements {stats.statements}   parties {len(stats.by_party)}",
             *difficulty_lines(stats), "",
             "target".ljust(width) + "".join(label.rjust(9) for label in LABELS) + "total".rjust(8)]
    for target, counts in stats.target_stance.items():
        lines.append(target.ljust(width) + "".join(str(counts[label]).rjust(9) for label in LABELS)
                     + str(sum(counts.values())).rjust(8))
    for title, counts, by_count in (("party", stats.by_party, True), ("year", stats.by_year, False),
                                    ("style", stats.by_style, True), ("outlet", stats.by_outlet, True)):
        items = counts.most_common() if by_count else sorted(counts.items())
        lines += ["", f"by {title}"]
        lines += [f"  {key:<34}{count:>6}  {_share(count, stats.rows):>6}" for key, count in items]
    return "\n".join(lines) + "\n"


def thin_cells_markdown(stats: CorpusStats, *, min_target_rows: int = 60, min_cell_rows: int = 8) -> str:
    """List the targets with fewer than ``min_target_rows`` rows and the target x stance
    cells with fewer than ``min_cell_rows`` rows (the card's exceptions)."""
    lines = [f"| target | rows | stances under {min_cell_rows} rows |", "|---|---:|---|"]
    for target, counts in stats.target_stance.items():
        total = sum(counts.values())
        thin = [f"{label} ({counts[label]})" for label in LABELS if counts[label] < min_cell_rows]
        if total < min_target_rows or thin:
            lines.append(f"| `{target}` | {total}{' (under ' + str(min_target_rows) + ')' if total < min_target_rows else ''} "
                         f"| {', '.join(thin) or '–'} |")
    return "\n".join(lines) + "\n"
