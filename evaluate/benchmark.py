"""The benchmark: every baseline on every config, scored, written and tabled.

Each baseline is trained on train, tuned on validation and predicts test. On ``pairs``,
``majority`` and ``target_majority`` learn the relation labels; the others are the
``stance`` models (trained on ``stance`` train, which holds exactly the statements of
``pairs`` train) predicting each side's stance, from which the relation is derived.

Outputs, per config and baseline: ``<out>/<config>/<baseline>.predictions.jsonl`` and
``<out>/<config>/<baseline>.json`` (the results schema). Same inputs, same bytes.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from pathlib import Path

from sgpos.corpus.features import CONFIGS, label_names
from sgpos.corpus.paths import DATA_DIR, SPLITS, split_path

from sgpos.errors import InputError
from sgpos.suggest import suggest

from . import fileio

#: Default output folder, relative to the current directory (a checkout).
RESULTS_DIR = Path("results") / "baselines"
#: Reference readers' predictions, beside the baselines' folder.
REFERENCE_DIR = Path("results") / "reference"
REFERENCE_DESCRIPTION = ("a blind third annotation pass by an AI annotator working from the text, the party, "
                         "the target's proposition and the guidelines alone; not a human, not a system")
#: The config whose models ``pairs`` reuses, and whose statements ``pairs`` shares.
PAIRS_STANCE_CONFIG = "stance"
README_START = "<!-- results:start -->"
README_END = "<!-- results:end -->"
#: Headline metrics of the tables: (results key, column title, with its interval). The
#: counter-prior columns score the rows where a party breaks its usual line.
TABLE_METRICS = (("macro_f1", "macro-F1 (95% CI)", True), ("f_avg", "F_avg", False),
                 ("accuracy", "accuracy", False),
                 ("macro_f1_counter_prior", "counter-prior macro-F1 (95% CI)", True),
                 ("accuracy_counter_prior", "counter-prior accuracy", False),
                 ("passage_accuracy", "passage accuracy", False))


def baseline_names() -> tuple[str, ...]:
    """Return every baseline name, in table order."""
    from sgpos.baselines import BASELINES

    return tuple(BASELINES)


def parse_selection(value: str | None, choices, what: str) -> list[str]:
    """Return the comma-separated names of ``value`` (all ``choices`` when None), checked.

    >>> parse_selection("stance,pairs", ["stance", "pairs"], "config")
    ['stance', 'pairs']
    """
    if value is None or not value.strip():
        return list(choices)
    names = [name.strip() for name in value.split(",") if name.strip()]
    for name in names:
        if name not in choices:
            raise InputError(f"--{what}s", f"unknown {what} {name!r}{suggest(name, choices)}",
                             f"use one or more of {', '.join(choices)}, separated by commas")
    return list(dict.fromkeys(names))


def config_available(config: str, data_dir: Path) -> bool:
    """Return True when every split file of ``config`` (and, for pairs and shifts, of ``stance``) exists."""
    from sgpos.baselines import DERIVED_CONFIGS

    needed = [config] + ([PAIRS_STANCE_CONFIG] if config in DERIVED_CONFIGS else [])
    return all(split_path(name, split, data_dir).exists() for name in needed for split in SPLITS)


def prediction_rows(ids, labels, proba, label_order) -> list[dict]:
    """Return ``{"id", "label", "scores"}`` rows; scores rounded to 6 decimals as written,
    so the results describe exactly the file."""
    rows = []
    for row_id, label, scores in zip(ids, labels, proba):
        rows.append({"id": row_id, "label": str(label),
                     "scores": {name: round(float(p), 6) for name, p in zip(label_order, scores)}})
    return rows


def tuned_params(model) -> dict:
    """Return the settings a baseline picked by grouped cross-validation and its
    cross-validated tuning score (``cv_score``); empty for the rules."""
    model = getattr(model, "estimator", model)
    names = {"mode_": "mode", "C_": "C", "balanced_": "balanced", "cv_score_": "cv_score"}
    params = {}
    for attr, label in names.items():
        value = getattr(model, attr, None)
        if value is not None:
            value = value.item() if hasattr(value, "item") else value
            params[label] = round(value, 6) if isinstance(value, float) and label == "cv_score" else value
    return params


class _Data:
    """Records of every split read so far, by (config, split)."""

    def __init__(self, data_dir: Path):
        self.data_dir = data_dir
        self._cache: dict = {}

    def get(self, config: str, split: str) -> list[dict]:
        from sgpos.corpus import read_records

        key = (config, split)
        if key not in self._cache:
            self._cache[key] = read_records(config, split, data_dir=self.data_dir)
        return self._cache[key]


def fit_and_predict(name: str, config: str, data: _Data, stance_models: dict) -> tuple[list[dict], dict]:
    """Train ``name`` for ``config``, predict its test split; return (rows, tuned params).

    ``stance_models`` caches fitted ``stance`` models, which ``pairs`` and ``shifts`` reuse.
    """
    from sgpos.baselines import DERIVED_CONFIGS, DIRECT_PAIR_BASELINES, make_for_config

    labels = label_names(config)
    test = data.get(config, "test")
    if config in DERIVED_CONFIGS and name not in DIRECT_PAIR_BASELINES:
        if name not in stance_models:
            stance_models[name] = make_for_config(name, PAIRS_STANCE_CONFIG).fit(
                data.get(PAIRS_STANCE_CONFIG, "train"), X_val=data.get(PAIRS_STANCE_CONFIG, "validation"))
        model = DERIVED_CONFIGS[config][1].prefit(stance_models[name])
    else:
        model = make_for_config(name, config).fit(data.get(config, "train"), X_val=data.get(config, "validation"))
        if config == PAIRS_STANCE_CONFIG:
            stance_models[name] = model
    rows = prediction_rows([row["id"] for row in test], model.predict(test), model.predict_proba(test), labels)
    return rows, tuned_params(model)


def run_benchmark(baselines=None, configs=None, *, out: Path | str = RESULTS_DIR, data_dir=None,
                  resamples: int = 1000, seed: int = 0, references: Path | None = None,
                  progress: Callable[[str], None] = lambda message: None) -> dict:
    """Run ``baselines`` on ``configs`` (default: all, on the configs whose files exist).

    Writes predictions and results under ``out`` (and, with ``references``, rescores the
    reference readers there) and returns ``{config: {baseline: results}}``. Embedding baselines are skipped, with one progress line, when the
    ``[embed]`` extra is missing and they were not asked for by name.
    """
    from sgpos.baselines import EMBEDDING_BASELINES, embeddings_available

    from . import score

    data_dir = Path(DATA_DIR if data_dir is None else data_dir)
    names = parse_selection(baselines, baseline_names(), "baseline")
    chosen = parse_selection(configs, tuple(CONFIGS), "config")
    if not embeddings_available():
        wanted = [name for name in names if name in EMBEDDING_BASELINES]
        if wanted and baselines:
            raise InputError("--baselines", f"{', '.join(wanted)} need the [embed] extra, which is not installed",
                             "pip install torch==2.13.0 'sgpos[embed]', or leave them out")
        if wanted:
            progress(f"skipping {', '.join(wanted)}: the [embed] extra is not installed "
                     "(pip install torch==2.13.0 'sgpos[embed]')")
        names = [name for name in names if name not in EMBEDDING_BASELINES]
    present = [config for config in chosen if config_available(config, data_dir)]
    for config in chosen:
        if config not in present:
            progress(f"skipping {config}: its split files are not in {data_dir}")
    out = Path(out)
    data, stance_models, results = _Data(data_dir), {}, {}
    # Run ``stance`` first: ``pairs`` reuses its fitted models.
    order = sorted(present, key=lambda config: config != PAIRS_STANCE_CONFIG)
    total, done = len(order) * len(names), 0
    for config in order:
        results[config] = {}
        for name in names:
            done += 1
            start = time.perf_counter()
            rows, params = fit_and_predict(name, config, data, stance_models)
            model = {"name": name, "kind": "baseline", "url": None, "tuned": params}
            result = score(rows, config=config, split="test", seed=seed, resamples=resamples,
                           model=model, data_dir=data_dir)
            fileio.write_predictions_atomic(out / config / f"{name}.predictions.jsonl", rows)
            fileio.write_json_atomic(out / config / f"{name}.json", result)
            results[config][name] = result
            macro = 100 * result["metrics"]["macro_f1"]["value"]
            progress(f"[{done:>2}/{total}] {config:<20} {name:<16} macro-F1 {macro:5.1f}  "
                     f"{time.perf_counter() - start:5.1f} s")
    if references is not None:
        score_references(references, present, data_dir=data_dir, seed=seed, resamples=resamples)
    return {config: results[config] for config in present}


def score_references(folder: Path, configs, *, data_dir, seed: int = 0, resamples: int = 1000) -> list[Path]:
    """Score every reference reader's predictions (``<folder>/<config>/<name>.predictions.jsonl``)
    on the current gold and write ``<name>.json`` beside them; return the files written.

    A reference reader is a blind annotation pass, shown beside the baselines for scale;
    one that no longer covers the test split (the corpus grew) is skipped, with its old
    results removed so nothing stale is shown.
    """
    from . import score

    written = []
    for config in configs:
        for path in sorted((Path(folder) / config).glob("*.predictions.jsonl")):
            name = path.name[: -len(".predictions.jsonl")]
            target = path.with_name(f"{name}.json")
            model = {"name": name, "kind": "reference", "url": None,
                     "description": REFERENCE_DESCRIPTION}
            try:
                result = score(path, config=config, split="test", seed=seed, resamples=resamples, model=model,
                               data_dir=data_dir)
            except InputError:
                target.unlink(missing_ok=True)
                continue
            fileio.write_json_atomic(target, result)
            written.append(target)
    return written


#: What "reproduces" means across machines: labels and every count exactly; stored
#: probabilities and the metrics computed from them (calibration) within this absolute
#: tolerance, since float rounding differs between CPU types and BLAS builds.
REPRODUCTION_TOLERANCE = 1e-4


def check_reproduces(baselines=None, configs=None, *, out: Path | str = RESULTS_DIR, data_dir=None,
                     resamples: int = 1000, progress: Callable[[str], None] = lambda message: None) -> list[str]:
    """Rerun the benchmark into a temporary folder and return the files that do not
    reproduce (missing in ``out``, or differing beyond ``REPRODUCTION_TOLERANCE``), each
    with the first difference; an empty list means the results reproduce."""
    import tempfile

    out = Path(out)
    with tempfile.TemporaryDirectory() as fresh:
        run_benchmark(baselines, configs, out=fresh, data_dir=data_dir, resamples=resamples, progress=progress)
        differ = []
        for path in sorted(Path(fresh).rglob("*")):
            if path.is_file():
                relative = path.relative_to(fresh)
                problem = file_difference(out / relative, path)
                if problem:
                    differ.append(f"{relative.as_posix()}: {problem}")
    return differ


def file_difference(committed: Path, fresh: Path) -> str | None:
    """Return how a committed result or predictions file differs from a fresh one, or None."""
    import json

    from .diffing import first_difference

    if not committed.exists():
        return "missing"
    if committed.read_bytes() == fresh.read_bytes():
        return None
    if committed.name.endswith(".predictions.jsonl"):
        old = [json.loads(line) for line in committed.read_text(encoding="utf-8").splitlines() if line.strip()]
        new = [json.loads(line) for line in fresh.read_text(encoding="utf-8").splitlines() if line.strip()]
        if [(r["id"], r["label"]) for r in old] != [(r["id"], r["label"]) for r in new]:
            return "predicted labels differ"
        return first_difference(old, new, "predictions", tolerance=REPRODUCTION_TOLERANCE)
    try:
        old, new = json.loads(committed.read_text(encoding="utf-8")), json.loads(fresh.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError):
        return "not a readable JSON file"
    exact = first_difference(_without_calibration(old), _without_calibration(new), tolerance=0.0)
    return exact or first_difference(old, new, tolerance=REPRODUCTION_TOLERANCE)


def _without_calibration(results: dict) -> dict:
    """The results without the numbers computed from probabilities."""
    results = dict(results)
    results["calibration"] = None
    results["metrics"] = {k: v for k, v in results.get("metrics", {}).items() if k not in ("ece", "brier", "log_loss")}
    return results


# ---------------------------------------------------------------- tables


def _cell(metric: dict | None, with_ci: bool) -> str:
    if metric is None or metric.get("value") is None:
        return "–"
    value = f"{100 * metric['value']:.1f}"
    if with_ci and metric.get("ci_low") is not None:
        value += f" ({100 * metric['ci_low']:.1f}–{100 * metric['ci_high']:.1f})"
    return value


def _columns(by_baseline: dict) -> list[tuple[str, str, bool]]:
    """The table metrics that some result of this config has."""
    return [column for column in TABLE_METRICS if any(column[0] in r["metrics"] for r in by_baseline.values())]


def _sizes(result: dict) -> str:
    counter = result.get("n_counter_prior")
    return f"n={result['n']}" + (f", counter-prior n={counter}" if counter is not None else "")


def text_table(config: str, by_baseline: dict) -> str:
    """Return a plain-text table of one config's results, for the terminal."""
    first = next(iter(by_baseline.values()))
    columns = _columns(by_baseline)
    widths = [max(len(title), 17) if ci else max(len(title), 8) for _, title, ci in columns]
    lines = [f"{config} (test, {_sizes(first)})",
             f"  {'baseline':<16} " + " ".join(f"{title:>{w}}" for (_, title, _), w in zip(columns, widths))]
    for name, result in by_baseline.items():
        metrics = result["metrics"]
        lines.append(f"  {name:<16} " + " ".join(f"{_cell(metrics.get(key), ci):>{w}}"
                                                 for (key, _, ci), w in zip(columns, widths)))
    return "\n".join(lines)


def read_results(results_dir: Path | str) -> dict:
    """Return ``{config: {baseline: results}}`` from ``results_dir`` in table order."""
    import json

    results_dir = Path(results_dir)
    order = baseline_names()
    found = {}
    for config in CONFIGS:
        files = {path.name[: -len(".json")]: path for path in (results_dir / config).glob("*.json")}
        names = [name for name in order if name in files] + sorted(set(files) - set(order))
        if names:
            found[config] = {}
        for name in names:
            try:
                found[config][name] = json.loads(files[name].read_text(encoding="utf-8"))
            except (json.JSONDecodeError, UnicodeDecodeError) as err:
                raise InputError(str(files[name]), f"not a results JSON file ({err})",
                                 "rerun `sgpos benchmark` to regenerate it") from None
    return found


def render_results_table(results_dir: Path | str = RESULTS_DIR) -> str:
    """Return the markdown results tables (one per config) of the results in ``results_dir``,
    with the reference readers (from the sibling ``reference`` folder) listed last, in italics."""
    found = read_results(results_dir)
    references = read_results(Path(results_dir).parent / REFERENCE_DIR.name)
    if not found:
        return "_No results yet: run `sgpos benchmark`._\n"
    blocks = []
    for config, by_baseline in found.items():
        first = next(iter(by_baseline.values()))
        columns = _columns(by_baseline)
        lines = [f"**{config}** (test, {_sizes(first)})", "",
                 "| baseline | " + " | ".join(title for _, title, _ in columns) + " |",
                 "|---|" + "---:|" * len(columns)]
        for name, result in by_baseline.items():
            cells = [_cell(result["metrics"].get(key), ci) for key, _, ci in columns]
            lines.append(f"| `{name}` | " + " | ".join(cells) + " |")
        for name, result in references.get(config, {}).items():
            cells = [_cell(result["metrics"].get(key), ci) for key, _, ci in columns]
            lines.append(f"| _reference: {name}_ | " + " | ".join(cells) + " |")
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + "\n"


def _marked_block(text: str, readme: Path) -> re.Match:
    pattern = re.compile(re.escape(README_START) + r"\n?(.*?)" + re.escape(README_END), re.DOTALL)
    match = pattern.search(text)
    if match is None:
        raise InputError(str(readme), f"no {README_START} ... {README_END} block",
                         "add the two marker lines where the results table goes")
    return match


def readme_table(readme: Path | str) -> str:
    """Return the text between the results markers of ``readme``."""
    readme = Path(readme)
    return _marked_block(readme.read_text(encoding="utf-8"), readme).group(1)


def update_readme(readme: Path | str, results_dir: Path | str = RESULTS_DIR) -> bool:
    """Rewrite the block between the results markers of ``readme`` from ``results_dir``.

    Returns True when the file changed. The write is atomic.
    """
    readme = Path(readme)
    if not readme.exists():
        raise InputError(str(readme), "file not found", "pass the path of README.md")
    text = readme.read_text(encoding="utf-8")
    match = _marked_block(text, readme)
    new = text[: match.start()] + README_START + "\n" + render_results_table(results_dir) + README_END \
        + text[match.end():]
    if new == text:
        return False
    fileio.write_text_atomic(readme, new)
    return True
