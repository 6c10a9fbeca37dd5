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

from sgpos.errors import InputError
from sgpos.corpus.features import CONFIGS, label_column, label_names
from sgpos.suggest import suggest
from sgpos.corpus.paths import DATA_DIR, SPLITS, split_path

from . import io

#: Default output folder, relative to the current directory (a checkout).
RESULTS_DIR = Path("results") / "baselines"
#: The config whose models ``pairs`` reuses, and whose statements ``pairs`` shares.
PAIRS_STANCE_CONFIG = "stance"
README_START = "<!-- results:start -->"
README_END = "<!-- results:end -->"
#: Headline metrics of the tables: (results key, column title).
TABLE_METRICS = (("macro_f1", "macro-F1 (95% CI)"), ("f_avg", "F_avg"), ("accuracy", "accuracy"))


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
    """Return True when every split file of ``config`` (and, for pairs, of ``stance``) exists."""
    needed = [config] + ([PAIRS_STANCE_CONFIG] if config == "pairs" else [])
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
    """Return the hyperparameters a baseline chose on validation (empty for rules)."""
    model = getattr(model, "estimator", model)
    names = {"mode_": "mode", "C_": "C", "balanced_": "balanced"}
    return {label: (getattr(model, attr).item() if hasattr(getattr(model, attr), "item") else getattr(model, attr))
            for attr, label in names.items() if hasattr(model, attr)}


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

    ``stance_models`` caches fitted ``stance`` models, which ``pairs`` reuses.
    """
    from sgpos.baselines import DIRECT_PAIR_BASELINES, PairsFromStance, make

    labels = label_names(config)
    test = data.get(config, "test")
    if config == "pairs" and name not in DIRECT_PAIR_BASELINES:
        if name not in stance_models:
            stance_models[name] = make(name).fit(data.get(PAIRS_STANCE_CONFIG, "train"),
                                                 X_val=data.get(PAIRS_STANCE_CONFIG, "validation"))
        model = PairsFromStance.prefit(stance_models[name])
    else:
        column = label_column(config)
        model = make(name, labels=labels, label_key=column).fit(
            data.get(config, "train"), X_val=data.get(config, "validation"))
        if config == PAIRS_STANCE_CONFIG:
            stance_models[name] = model
    rows = prediction_rows([row["id"] for row in test], model.predict(test), model.predict_proba(test), labels)
    return rows, tuned_params(model)


def run_benchmark(baselines=None, configs=None, *, out: Path | str = RESULTS_DIR, data_dir=None,
                  resamples: int = 1000, seed: int = 0,
                  progress: Callable[[str], None] = lambda message: None) -> dict:
    """Run ``baselines`` on ``configs`` (default: all, on the configs whose files exist).

    Writes predictions and results under ``out`` and returns ``{config: {baseline:
    results}}``. Embedding baselines are skipped, with one progress line, when the
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
            io.write_predictions_atomic(out / config / f"{name}.predictions.jsonl", rows)
            io.write_json_atomic(out / config / f"{name}.json", result)
            results[config][name] = result
            macro = 100 * result["metrics"]["macro_f1"]["value"]
            progress(f"[{done:>2}/{total}] {config:<20} {name:<16} macro-F1 {macro:5.1f}  "
                     f"{time.perf_counter() - start:5.1f} s")
    return {config: results[config] for config in present}


def check_reproduces(baselines=None, configs=None, *, out: Path | str = RESULTS_DIR, data_dir=None,
                     resamples: int = 1000, progress: Callable[[str], None] = lambda message: None) -> list[str]:
    """Rerun the benchmark into a temporary folder and return the files that differ
    from (or are missing in) ``out``; an empty list means the results reproduce exactly."""
    import tempfile

    out = Path(out)
    with tempfile.TemporaryDirectory() as fresh:
        run_benchmark(baselines, configs, out=fresh, data_dir=data_dir, resamples=resamples, progress=progress)
        differ = []
        for path in sorted(Path(fresh).rglob("*")):
            if path.is_file():
                relative = path.relative_to(fresh)
                committed = out / relative
                if not committed.exists() or committed.read_bytes() != path.read_bytes():
                    differ.append(relative.as_posix())
    return differ


# ---------------------------------------------------------------- tables


def _cell(metric: dict, with_ci: bool) -> str:
    value = f"{100 * metric['value']:.1f}"
    if with_ci and metric.get("ci_low") is not None:
        value += f" ({100 * metric['ci_low']:.1f}–{100 * metric['ci_high']:.1f})"
    return value


def text_table(config: str, by_baseline: dict) -> str:
    """Return a plain-text table of one config's results, for the terminal."""
    first = next(iter(by_baseline.values()))
    lines = [f"{config} (test, n={first['n']})",
             f"  {'baseline':<16} {'macro-F1 (95% CI)':<20} {'F_avg':>6} {'accuracy':>8}"]
    for name, result in by_baseline.items():
        metrics = result["metrics"]
        lines.append(f"  {name:<16} {_cell(metrics['macro_f1'], True):<20} "
                     f"{_cell(metrics['f_avg'], False):>6} {_cell(metrics['accuracy'], False):>8}")
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
    """Return the markdown results tables (one per config) of the results in ``results_dir``."""
    found = read_results(results_dir)
    if not found:
        return "_No results yet: run `sgpos benchmark`._\n"
    blocks = []
    for config, by_baseline in found.items():
        first = next(iter(by_baseline.values()))
        lines = [f"**{config}** (test, n={first['n']})", "",
                 "| baseline | " + " | ".join(title for _, title in TABLE_METRICS) + " |",
                 "|---|" + "---:|" * len(TABLE_METRICS)]
        for name, result in by_baseline.items():
            cells = [_cell(result["metrics"][key], key == "macro_f1") for key, _ in TABLE_METRICS]
            lines.append(f"| `{name}` | " + " | ".join(cells) + " |")
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
    io.write_text_atomic(readme, new)
    return True
