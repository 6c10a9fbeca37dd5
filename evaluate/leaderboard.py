"""``sgpos leaderboard``: rescore every entry from its predictions, rank, and report.

Entries are the submissions in ``leaderboard/submissions/*/`` and the baselines in
``results/baselines/<config>/``. No stored number is trusted: each entry's predictions
are re-hashed and rescored, and the build fails, naming the entry, when a stored score
or hash disagrees or a file is malformed.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from sgpos.corpus import content_sha256
from sgpos.errors import InputError
from sgpos.corpus.features import CONFIGS

from . import io
from .comparison import compare
from .scoring import corpus_gold_items, score
from .submission import SUBMISSIONS, is_http_url

BASELINES = Path("results") / "baselines"
#: Point estimates must agree with the stored ones to this many decimals.
SCORE_TOLERANCE = 1e-6
HEADLINE = ("macro_f1", "f_avg", "accuracy")


@dataclass
class Entry:
    """One system on one config: where its files are, what it claims, and what rescoring found."""

    name: str
    kind: str  # "submission" or "baseline"
    config: str
    split: str
    predictions_path: Path
    stored: dict
    metadata: dict = field(default_factory=dict)
    results: dict | None = None
    status: str = "ranked"  # ranked, stale or partial
    note: str = ""
    rank: int | None = None
    top_group: bool = False
    p_vs_best: float | None = None


def _read_json(path: Path) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8-sig"))
    except FileNotFoundError:
        raise InputError(str(path), "the file is missing", "restore it from the entry's pull request") from None
    except json.JSONDecodeError as err:
        raise InputError(str(path), f"malformed JSON ({err.msg})", "restore the file as written by sgpos",
                         line=err.lineno) from None


def _require(data: dict, keys: tuple[str, ...], path: Path) -> None:
    for key in keys:
        if key not in data:
            raise InputError(str(path), f"missing key '{key}'", "restore the file as written by sgpos")


def collect_entries(root: Path | str = ".") -> list[Entry]:
    """Read every submission and baseline entry under ``root`` (no scoring yet)."""
    root = Path(root)
    entries = []
    for folder in sorted(p for p in (root / SUBMISSIONS).glob("*") if p.is_dir() and not p.name.startswith(".")):
        path = folder / "submission.json"
        data = _read_json(path)
        _require(data, ("metadata", "predictions_sha256", "content_sha256", "config", "split", "results"), path)
        entries.append(Entry(name=data["metadata"].get("name", folder.name), kind="submission",
                             config=data["config"], split=data["split"], predictions_path=folder / "predictions.jsonl",
                             stored=data, metadata=data["metadata"]))
    for path in sorted((root / BASELINES).glob("*/*.json")):
        data = _read_json(path)
        _require(data, ("predictions_sha256", "gold", "metrics", "model"), path)
        entries.append(Entry(name=data["model"]["name"], kind="baseline", config=data["gold"]["config"],
                             split=data["gold"]["split"],
                             predictions_path=path.with_name(path.name[:-len(".json")] + ".predictions.jsonl"),
                             stored={"results": data, "predictions_sha256": data["predictions_sha256"],
                                     "content_sha256": data["gold"]["content_sha256"]},
                             metadata={"name": data["model"]["name"], "url": data["model"].get("url")}))
    return entries


def rescore(entry: Entry, *, current_sha256: str) -> Entry:
    """Re-hash and rescore one entry; raise InputError naming it on any disagreement."""
    label = f"entry {entry.name!r} ({entry.predictions_path.parent})"
    if entry.config not in CONFIGS:
        raise InputError(label, f"unknown config {entry.config!r}", "fix the entry's config")
    try:
        rows = io.read_predictions(entry.predictions_path, labels=CONFIGS[entry.config][2])
    except InputError as err:
        raise InputError(f"{label}: {err.path}", err.problem, err.fix, line=err.line) from None
    digest = io.predictions_sha256(rows)
    if digest != entry.stored["predictions_sha256"]:
        raise InputError(label, f"predictions sha256 {digest[:12]}... does not match the stored "
                         f"{entry.stored['predictions_sha256'][:12]}...", "restore the original predictions.jsonl")
    stored_results = entry.stored["results"]
    seed, resamples = stored_results.get("seed", 0), stored_results.get("bootstrap", {}).get("resamples", 1000)
    model = stored_results.get("model")
    if entry.stored["content_sha256"] == current_sha256:
        entry.results = score(entry.predictions_path, config=entry.config, split=entry.split, seed=seed,
                              resamples=resamples, model=model)
        for metric in HEADLINE:
            claimed = stored_results["metrics"][metric]["value"]
            actual = entry.results["metrics"][metric]["value"]
            if abs(claimed - actual) > SCORE_TOLERANCE:
                raise InputError(label, f"stored {metric} {claimed} disagrees with the rescored {actual}",
                                 "resubmit; stored scores are never edited by hand")
        if stored_results["confusion"] != entry.results["confusion"]:
            raise InputError(label, "stored confusion matrix disagrees with the rescored one", "resubmit")
        return entry
    gold = corpus_gold_items(entry.config, entry.split)
    known = {g["id"] for g in gold}
    ids = {r["id"] for r in rows}
    if not ids <= known:
        entry.status, entry.note = "stale", f"{len(ids - known)} of its ids are not in the current corpus"
        return entry
    subset = [g for g in gold if g["id"] in ids]
    entry.results = score(rows, gold=subset, seed=seed, resamples=resamples, model=model)
    if len(subset) < len(gold):
        entry.status, entry.note = "partial", f"rescored on {len(subset)} of {len(gold)} current rows (older corpus)"
    else:
        entry.note = "made for an older corpus version; rescored on the current one"
    return entry


def rank(entries: list[Entry], *, alpha: float = 0.05, seed: int = 0, resamples: int = 1000) -> list[Entry]:
    """Rank the entries of one config by macro-F1; mark those not significantly below the best.

    A paired bootstrap test of each ranked entry against the best decides the top group
    (shared rank 1); the others take their position in the ordering.
    """
    ranked = sorted((e for e in entries if e.status == "ranked"),
                    key=lambda e: (-e.results["metrics"]["macro_f1"]["value"], e.name))
    if not ranked:
        return entries
    best = ranked[0]
    best.rank, best.top_group = 1, True
    for position, entry in enumerate(ranked[1:], start=2):
        result = compare(best.predictions_path, entry.predictions_path, config=entry.config, split=entry.split,
                         seed=seed, resamples=resamples)
        entry.p_vs_best = result["difference"]["macro_f1"]["p_value"]
        entry.top_group = entry.p_vs_best >= alpha
        entry.rank = 1 if entry.top_group else position
    return entries


def build_leaderboard(root: Path | str = ".") -> dict[str, list[Entry]]:
    """Collect, rescore and rank every entry; return the entries per config, best first."""
    current = content_sha256()
    board: dict[str, list[Entry]] = {}
    for entry in collect_entries(root):
        board.setdefault(entry.config, []).append(rescore(entry, current_sha256=current))
    for config, entries in board.items():
        rank(entries)
        entries.sort(key=lambda e: (e.rank is None, e.rank or 0,
                                    -(e.results["metrics"]["macro_f1"]["value"] if e.results else 0), e.name))
    return {config: board[config] for config in CONFIGS if config in board}


def _pct(value: float) -> str:
    return f"{100 * value:.2f}"


def entry_row(entry: Entry) -> dict:
    """Return the display fields of an entry (numbers as fractions; links only if http(s))."""
    metrics = entry.results["metrics"] if entry.results else {}
    per_target = (entry.results or {}).get("breakdowns", {}).get("target", {})
    url = entry.metadata.get("url")
    return {
        "rank": entry.rank, "top_group": entry.top_group, "name": entry.name, "kind": entry.kind,
        "status": entry.status, "note": entry.note, "url": url if is_http_url(url) else None,
        "authors": entry.metadata.get("authors", ""), "description": entry.metadata.get("description", ""),
        "training_data": entry.metadata.get("training_data", ""),
        "test_split_seen": entry.metadata.get("test_split_seen"),
        "n": (entry.results or {}).get("n"),
        "p_vs_best": entry.p_vs_best,
        "metrics": {m: metrics[m] for m in HEADLINE if m in metrics},
        "per_target": {t: v.get("macro_f1") for t, v in sorted(per_target.items())},
    }


def leaderboard_markdown(board: dict[str, list[Entry]]) -> str:
    """Render LEADERBOARD.md: one table per config, best first, with 95% CIs and rank groups."""
    lines = ["# sgpos leaderboard", "",
             "Built by `sgpos leaderboard`, which rescores every entry from its predictions. Rank 1 is shared by",
             "every system whose macro-F1 is not significantly below the best (paired bootstrap, p >= 0.05).",
             "Scores are on the test split, ×100, with 95% bootstrap confidence intervals. "
             "See [README.md](README.md#submit-your-model) to submit.", ""]
    for config, entries in board.items():
        lines += [f"## `{config}`", "", "| rank | system | kind | macro-F1 (95% CI) | F_avg | accuracy | n | test seen | status |",
                  "|---:|---|---|---|---:|---:|---:|---|---|"]
        for entry in entries:
            row = entry_row(entry)
            name = row["name"].replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;")
            if row["url"]:
                name = f"[{name}]({row['url']})"
            if row["metrics"]:
                m = row["metrics"]["macro_f1"]
                main = f"{_pct(m['value'])} ({_pct(m['ci_low'])}–{_pct(m['ci_high'])})"
                f_avg, acc = _pct(row["metrics"]["f_avg"]["value"]), _pct(row["metrics"]["accuracy"]["value"])
            else:
                main = f_avg = acc = "–"
            seen = {True: "yes", False: "no"}.get(row["test_split_seen"], "–")
            status = row["status"] + (f": {row['note']}" if row["note"] and row["status"] != "ranked" else "")
            lines.append(f"| {row['rank'] or '–'} | {name} | {row['kind']} | {main} | {f_avg} | {acc} | "
                         f"{row['n'] or '–'} | {seen} | {status} |")
        lines.append("")
    return "\n".join(lines)
