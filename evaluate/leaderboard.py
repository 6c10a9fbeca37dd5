"""``sgpos leaderboard``: rescore every entry from its predictions, rank, and report.

Entries are the submissions in ``leaderboard/submissions/*/``, the baselines in
``results/baselines/<config>/`` and the reference readers in ``results/reference/<config>/``
(shown, never ranked). Nothing an entry stores is trusted: every published number is
recomputed from its predictions file and the current gold with the leaderboard's own
settings; for an entry made on the current corpus, the stored results must equal the
recomputation field by field, or the build fails naming the entry and the field.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from sgpos.corpus import content_sha256
from sgpos.corpus.features import CONFIGS, label_names

from sgpos.errors import InputError

from . import fileio
from .benchmark import RESULTS_DIR as BASELINES
from .diffing import first_difference
from .scoring import SCHEMA_VERSION, corpus_gold_items, score
from .submission import (
    LEADERBOARD_RESAMPLES,
    LEADERBOARD_SEED,
    LEADERBOARD_SPLIT,
    SUBMISSIONS,
    SubmissionMetadata,
    check_metadata,
    is_http_url,
)

REFERENCE = Path("results") / "reference"
#: Metrics shown per entry; the counter-prior pair scores the rows where a party breaks its line.
HEADLINE = ("macro_f1", "f_avg", "accuracy", "macro_f1_counter_prior", "accuracy_counter_prior")
ALPHA = 0.05
#: Fields of a results dict that describe the software, not the scores.
UNCOMPARED = ("sgpos_version",)
HEX64 = re.compile(r"^[0-9a-f]{64}$")


@dataclass
class Entry:
    """One system on one config: where its files are, what it claims, and what rescoring found."""

    name: str
    kind: str  # "submission", "baseline" or "reference"
    config: str
    predictions_path: Path
    stored_results: dict
    stored_predictions_sha256: str
    stored_content_sha256: str
    metadata: dict = field(default_factory=dict)
    results: dict | None = None
    status: str = "ranked"  # ranked, stale, not ranked or reference
    note: str = ""
    rank: int | None = None
    tied_with_best: bool = False
    p_vs_best: float | None = None

    @property
    def label(self) -> str:
        """The entry as named in error messages."""
        return f"entry {self.name!r} ({self.predictions_path.parent})"


def _refuse_constant(name: str):
    raise ValueError(f"non-finite number {name}")


def _read_json(path: Path) -> dict:
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"), parse_constant=_refuse_constant)
    except FileNotFoundError:
        raise InputError(str(path), "the file is missing", "restore it from the entry's pull request") from None
    except UnicodeDecodeError as err:
        raise InputError(str(path), f"not UTF-8 text (byte {err.start})", "restore the file as written by sgpos") \
            from None
    except json.JSONDecodeError as err:
        raise InputError(str(path), f"malformed JSON ({err.msg})", "restore the file as written by sgpos",
                         line=err.lineno) from None
    except ValueError as err:
        raise InputError(str(path), str(err), "restore the file as written by sgpos") from None
    if not isinstance(data, dict):
        raise InputError(str(path), "not a JSON object", "restore the file as written by sgpos")
    return data


def _field(data: dict, key: str, kind: type, path: Path):
    if key not in data:
        raise InputError(str(path), f"missing key '{key}'", "restore the file as written by sgpos")
    value = data[key]
    if not isinstance(value, kind) or isinstance(value, bool) and kind is not bool:
        raise InputError(str(path), f"key '{key}' must be a {kind.__name__}, not {type(value).__name__}",
                         "restore the file as written by sgpos")
    return value


def _regular_files(folder: Path, names: tuple[str, ...], inside: Path) -> None:
    """Raise unless ``folder`` is a real directory inside ``inside`` holding exactly ``names``
    as regular files (no symlinks anywhere)."""
    if folder.is_symlink() or not folder.is_dir():
        raise InputError(str(folder), "an entry must be a regular folder, not a link or a file",
                         "replace it with a real folder written by `sgpos submit`")
    if inside.resolve() not in folder.resolve().parents:
        raise InputError(str(folder), "the entry lies outside leaderboard/submissions/", "move it back inside")
    present = sorted(p.name for p in folder.iterdir())
    if present != sorted(names):
        raise InputError(str(folder), f"an entry holds exactly {', '.join(names)} (found {', '.join(present)})",
                         "remove the other files")
    for name in names:
        path = folder / name
        if path.is_symlink() or not path.is_file():
            raise InputError(str(path), "not a regular file (a link or a folder)", "replace it with the file itself")


def _check_regular_file(path: Path) -> None:
    if path.is_symlink() or not path.is_file():
        raise InputError(str(path), "not a regular file (a link, a folder or missing)",
                         "restore the file written by `sgpos benchmark` or `sgpos score --json`")


def _submission_entry(folder: Path, submissions: Path) -> Entry:
    _regular_files(folder, ("predictions.jsonl", "submission.json"), submissions)
    path = folder / "submission.json"
    data = _read_json(path)
    raw = _field(data, "metadata", dict, path)
    known = set(SubmissionMetadata.__dataclass_fields__)
    if not set(raw) <= known:
        raise InputError(str(path), f"unknown metadata field '{sorted(set(raw) - known)[0]}'",
                         "restore the file as written by sgpos")
    try:
        meta = SubmissionMetadata(**raw)
    except TypeError:
        raise InputError(str(path), "metadata lacks a required field", "restore the file as written by sgpos") \
            from None
    check_metadata(meta, where=str(path))
    config, split = _field(data, "config", str, path), _field(data, "split", str, path)
    if (config, split) != (meta.config, meta.split):
        raise InputError(str(path), "config or split disagrees with the metadata", "restore the file")
    return Entry(name=meta.name, kind="submission", config=config, predictions_path=folder / "predictions.jsonl",
                 stored_results=_field(data, "results", dict, path),
                 stored_predictions_sha256=_hash_field(data, "predictions_sha256", path),
                 stored_content_sha256=_hash_field(data, "content_sha256", path),
                 metadata=raw)


def _hash_field(data: dict, key: str, path: Path) -> str:
    value = _field(data, key, str, path)
    if not HEX64.match(value):
        raise InputError(str(path), f"'{key}' is not a sha256 hex digest", "restore the file as written by sgpos")
    return value


def _results_entry(path: Path, kind: str) -> Entry:
    """An entry from a results file beside its predictions (``<name>.json`` and ``<name>.predictions.jsonl``)."""
    _check_regular_file(path)
    name = path.name[:-len(".json")]
    predictions = path.with_name(f"{name}.predictions.jsonl")
    _check_regular_file(predictions)
    data = _read_json(path)
    gold = _field(data, "gold", dict, path)
    model = _field(data, "model", dict, path)
    if model.get("name") != name or gold.get("config") != path.parent.name:
        raise InputError(str(path), "the model name or config disagrees with the file's place",
                         f"restore the file written for {path.parent.name}/{name}")
    return Entry(name=name, kind=kind, config=path.parent.name, predictions_path=predictions, stored_results=data,
                 stored_predictions_sha256=_hash_field(data, "predictions_sha256", path),
                 stored_content_sha256=_hash_field(gold, "content_sha256", path),
                 metadata={"name": name, "url": model.get("url") if is_http_url(model.get("url")) else None,
                           "description": model.get("description", "") if kind == "reference" else ""},
                 status="reference" if kind == "reference" else "ranked")


def collect_entries(root: Path | str = ".") -> list[Entry]:
    """Read every submission, baseline and reference entry under ``root`` (no scoring yet)."""
    root = Path(root)
    entries = []
    submissions = root / SUBMISSIONS
    if submissions.is_dir():
        for folder in sorted(p for p in submissions.iterdir() if not p.name.startswith(".")):
            entries.append(_submission_entry(folder, submissions))
    for folder, kind in ((BASELINES, "baseline"), (REFERENCE, "reference")):
        for config in CONFIGS:
            for path in sorted((root / folder / config).glob("*.json")):
                entries.append(_results_entry(path, kind))
    # A submission may not copy another entry's predictions; the project's own rules may
    # coincide (on `shifts`, majority and party_prior both predict "held" everywhere).
    seen: dict[tuple[str, str], Entry] = {}
    for entry in entries:
        key = (entry.config, entry.stored_predictions_sha256)
        if key in seen and "submission" in (entry.kind, seen[key].kind):
            raise InputError(entry.label, f"its predictions are the same as those of {seen[key].label}",
                             "keep one of the two entries")
        seen.setdefault(key, entry)
    return entries


def existing_prediction_hashes(root: Path | str = ".") -> dict[tuple[str, str], str]:
    """Return ``{(config, predictions sha256): entry label}`` of the entries stored under ``root``."""
    return {(e.config, e.stored_predictions_sha256): e.label for e in collect_entries(root)}


def _current_ids(config: str, cache: dict) -> set:
    if config not in cache:
        cache[config] = {row["id"] for row in corpus_gold_items(config, LEADERBOARD_SPLIT)}
    return cache[config]


def rescore(entry: Entry, *, current_sha256: str, gold_ids: dict | None = None) -> Entry:
    """Re-hash and rescore one entry with the leaderboard's settings; raise InputError
    naming the entry on any disagreement with what it stores."""
    gold_ids = {} if gold_ids is None else gold_ids
    try:
        rows = fileio.read_predictions(entry.predictions_path, labels=label_names(entry.config))
    except InputError as err:
        raise InputError(f"{entry.label}: {err.path}", err.problem, err.fix, line=err.line) from None
    digest = fileio.predictions_sha256(rows)
    if digest != entry.stored_predictions_sha256:
        raise InputError(entry.label, f"predictions sha256 {digest[:12]}... does not match the stored "
                         f"{entry.stored_predictions_sha256[:12]}...", "restore the original predictions.jsonl")
    current = _current_ids(entry.config, gold_ids)
    ids = {row["id"] for row in rows}
    if ids != current:
        unknown = len(ids - current)
        entry.status = "reference" if entry.kind == "reference" else "not ranked"
        entry.note = (f"predicts {len(ids & current)} of the {len(current)} current test rows"
                      + (f"; {unknown} of its ids are not in the current corpus" if unknown else ""))
        return entry
    model = entry.stored_results.get("model")
    entry.results = score(entry.predictions_path, config=entry.config, split=LEADERBOARD_SPLIT,
                          seed=LEADERBOARD_SEED, resamples=LEADERBOARD_RESAMPLES,
                          model=model if isinstance(model, dict) else None)
    stored_schema = entry.stored_results.get("schema_version")
    if entry.stored_content_sha256 != current_sha256 or stored_schema != SCHEMA_VERSION:
        if entry.kind != "reference":
            entry.status = "stale"
        entry.note = "made for an earlier corpus or sgpos version; rescored on the current test split, not ranked"
        return entry
    difference = first_difference(entry.stored_results, entry.results, skip=UNCOMPARED)
    if difference:
        raise InputError(entry.label, f"stored results disagree with the recomputation at {difference}",
                         "resubmit; stored results are never edited by hand")
    return entry


def rank(entries: list[Entry], *, alpha: float = ALPHA) -> list[Entry]:
    """Rank the ranked entries of one config by macro-F1 (equal scores share a rank) and
    mark those not significantly below the best (paired bootstrap, p >= ``alpha``)."""
    from .comparison import compare

    ranked = sorted((e for e in entries if e.status == "ranked"),
                    key=lambda e: (-e.results["metrics"]["macro_f1"]["value"], e.name))
    previous = None
    for position, entry in enumerate(ranked, start=1):
        value = entry.results["metrics"]["macro_f1"]["value"]
        entry.rank = previous.rank if previous and value == previous.results["metrics"]["macro_f1"]["value"] \
            else position
        previous = entry
    if ranked:
        best = ranked[0]
        best.tied_with_best = True
        for entry in ranked[1:]:
            result = compare(best.predictions_path, entry.predictions_path, config=entry.config,
                             split=LEADERBOARD_SPLIT, seed=LEADERBOARD_SEED, resamples=LEADERBOARD_RESAMPLES)
            entry.p_vs_best = result["difference"]["macro_f1"]["p_value"]
            entry.tied_with_best = entry.p_vs_best >= alpha
    return entries


def build_leaderboard(root: Path | str = ".") -> dict[str, list[Entry]]:
    """Collect, rescore and rank every entry; return the entries per config: ranked ones
    by rank, then the references, then the unranked."""
    current = content_sha256()
    board: dict[str, list[Entry]] = {}
    gold_ids: dict = {}
    for entry in collect_entries(root):
        board.setdefault(entry.config, []).append(rescore(entry, current_sha256=current, gold_ids=gold_ids))
    order = {"ranked": 0, "reference": 1, "stale": 2, "not ranked": 3}
    for entries in board.values():
        rank(entries)
        entries.sort(key=lambda e: (order[e.status], e.rank or 0,
                                    -(e.results["metrics"]["macro_f1"]["value"] if e.results else 0), e.name))
    return {config: board[config] for config in CONFIGS if config in board}


def rank_of(folder: Path | str, root: Path | str = ".") -> tuple[int, int, float]:
    """Return (position by macro-F1, number of current entries, macro-F1) of the submission
    in ``folder`` among the current entries of its config (point scores; no significance test)."""
    current = content_sha256()
    entries = [e for e in collect_entries(root) if e.kind != "reference"]
    mine = next(e for e in entries if e.predictions_path.parent.resolve() == Path(folder).resolve())
    scores = []
    for entry in entries:
        if entry.config != mine.config:
            continue
        rows = fileio.read_predictions(entry.predictions_path, labels=label_names(entry.config))
        if {r["id"] for r in rows} != _current_ids(entry.config, {}) or entry.stored_content_sha256 != current:
            continue
        value = score(rows, config=entry.config, split=LEADERBOARD_SPLIT, resamples=0)["metrics"]["macro_f1"]["value"]
        scores.append((value, entry is mine))
    macro = next(value for value, is_mine in scores if is_mine)
    return 1 + sum(value > macro for value, _ in scores), len(scores), macro


def entry_row(entry: Entry) -> dict:
    """Return the display fields of an entry (numbers as fractions; links only if http(s))."""
    metrics = entry.results["metrics"] if entry.results else {}
    per_target = (entry.results or {}).get("breakdowns", {}).get("target", {})
    url = entry.metadata.get("url")
    return {
        "rank": entry.rank, "tied_with_best": entry.tied_with_best, "name": entry.name, "kind": entry.kind,
        "status": entry.status, "note": entry.note, "url": url if is_http_url(url) else None,
        "authors": entry.metadata.get("authors", ""), "description": entry.metadata.get("description", ""),
        "training_data": entry.metadata.get("training_data", ""),
        "test_split_seen": entry.metadata.get("test_split_seen"),
        "n": (entry.results or {}).get("n"),
        "n_counter_prior": (entry.results or {}).get("n_counter_prior"),
        "p_vs_best": entry.p_vs_best,
        "metrics": {m: metrics[m] for m in HEADLINE if m in metrics},
        "per_target": {t: v.get("macro_f1") for t, v in sorted(per_target.items())},
    }


MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~])")


def markdown_text(value) -> str:
    """Return ``value`` as inert Markdown text: specials backslash-escaped, ``<`` and ``&`` as entities.

    >>> markdown_text("[SOTA](https://x.org) <b>|")
    '\\\\[SOTA\\\\]\\\\(https://x\\\\.org\\\\) &lt;b&gt;\\\\|'
    """
    text = str(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return MARKDOWN_SPECIAL.sub(r"\\\1", text)


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{100 * value:.2f}"


def _with_ci(metric: dict | None) -> str:
    if not metric or metric.get("value") is None:
        return "–"
    if metric.get("ci_low") is None:
        return _pct(metric["value"])
    return f"{_pct(metric['value'])} ({_pct(metric['ci_low'])}–{_pct(metric['ci_high'])})"


def leaderboard_markdown(board: dict[str, list[Entry]]) -> str:
    """Render LEADERBOARD.md: one table per config, ranked by macro-F1, with 95% CIs."""
    lines = ["# sgpos leaderboard", "",
             "Built by `sgpos leaderboard`, which recomputes every number from each entry's predictions with its own",
             f"settings ({LEADERBOARD_RESAMPLES} bootstrap resamples, seed {LEADERBOARD_SEED}). Scores are on the "
             "test split, ×100, with 95% bootstrap confidence intervals.",
             "Systems are ranked by macro-F1; **tied** marks those whose macro-F1 is not significantly below the "
             "best's (paired bootstrap, p ≥ 0.05). The counter-prior columns score only the rows where a party "
             "breaks its usual line (its gold stance differs from its most frequent stance on the target in train): "
             "the rows a model must read. Reference readers are shown for scale and never ranked. "
             "See [README.md](README.md#submit-your-model) to submit.", ""]
    for config, entries in board.items():
        first = next((e.results for e in entries if e.results), None) or {}
        sizes = f"n = {first.get('n', '–')}" + (f", counter-prior n = {first['n_counter_prior']}"
                                                 if first.get("n_counter_prior") is not None else "")
        lines += [f"## `{config}` ({sizes})", "",
                  "| rank | system | kind | macro-F1 (95% CI) | tied | counter-prior macro-F1 (95% CI) | F_avg "
                  "| accuracy | test seen | status |",
                  "|---:|---|---|---|---|---|---:|---:|---|---|"]
        for entry in entries:
            row = entry_row(entry)
            name = markdown_text(row["name"])
            if row["url"]:
                name = f"[{name}](<{row['url'].replace('>', '%3E').replace('<', '%3C')}>)"
            m = row["metrics"]
            seen = {True: "yes", False: "no"}.get(row["test_split_seen"], "–")
            status = row["status"] + (f": {row['note']}" if row["note"] else "")
            tied = "tied" if row["tied_with_best"] else ""
            lines.append(f"| {row['rank'] or '–'} | {name} | {row['kind']} | {_with_ci(m.get('macro_f1'))} | {tied} "
                         f"| {_with_ci(m.get('macro_f1_counter_prior'))} "
                         f"| {_pct((m.get('f_avg') or {}).get('value'))} | {_pct((m.get('accuracy') or {}).get('value'))} "
                         f"| {seen} | {markdown_text(status)} |")
        lines.append("")
    return "\n".join(lines)
