"""Score predictions against gold: the results dict (schema version ``SCHEMA_VERSION``).

``score()`` is the Python face of ``sgpos score``: it reads the gold (a corpus split or
any file), reads and checks the predictions, aligns them by id and computes every
metric, the bootstrap intervals, the breakdowns, calibration and the position map.
Same inputs and seed give the same dict, and ``fileio.dumps_json`` the same bytes.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sgpos.corpus.features import CONFIGS, label_column, label_names
from sgpos.corpus.ids import LABELS
from sgpos.corpus.loading import check_config
from sgpos.corpus.paths import DATA_DIR, SPLITS

from sgpos.errors import InputError

from . import fileio

SCHEMA_VERSION = 2
#: Classes averaged by ``f_avg``: the two sides that take a position.
F_AVG_CLASSES: dict[str, tuple[str, str]] = {"stance": ("favor", "against"), "pairs": ("agree", "conflict"),
                                              "shifts": ("toward_favor", "toward_against")}
#: Significance level of every "significant" verdict.
ALPHA = 0.05
#: Significant digits kept for every float in a results dict (stable across platforms, readable).
DIGITS = 6


@dataclass
class Gold:
    """Gold rows and where they came from (the ``gold`` block of a results file)."""

    rows: fileio.Rows
    info: dict
    config: str
    split: str | None
    data_dir: Path | None


def f_avg_classes(config: str) -> tuple[int, int]:
    """Return the label indices that ``f_avg`` averages for ``config``."""
    names = label_names(config)
    pair = F_AVG_CLASSES.get(config, F_AVG_CLASSES["stance"])
    return names.index(pair[0]), names.index(pair[1])


def corpus_gold_items(config: str, split: str, data_dir=None) -> list[dict]:
    """Return a published split as gold dicts: ``id``, ``label`` (from the config's label
    column), ``target``, ``party``, ``date`` and ``counter_prior``."""
    from sgpos.corpus import read_records

    root = Path(data_dir) if data_dir is not None else DATA_DIR
    column = label_column(config)
    return [{"id": r.get("id"), "label": r.get(column), "target": r.get("target"), "party": r.get("party"),
             "date": r.get("date"), "counter_prior": r.get("counter_prior")}
            for r in read_records(config, split, data_dir=root)]


def load_gold(gold=None, *, config: str = "stance", split: str = "test", data_dir=None) -> Gold:
    """Return the gold: the corpus's ``config``/``split`` when ``gold`` is None, else a file or list of dicts.

    From the corpus the label column (``stance``, or ``label`` for pairs) becomes ``label``.
    """
    from sgpos.corpus import CORPUS_VERSION, content_sha256

    check_config(config, split)
    names = label_names(config)
    if gold is None:
        root = Path(data_dir) if data_dir is not None else DATA_DIR
        items = corpus_gold_items(config, split, data_dir=root)
        rows = fileio.rows_from_dicts(items, names, source=f"corpus {config}/{split}", kind="gold")
        info = {"source": "corpus", "corpus_version": CORPUS_VERSION, "content_sha256": content_sha256(root),
                "config": config, "split": split}
        return Gold(rows, info, config, split, root)
    if isinstance(gold, (str, Path)):
        rows = fileio.read_rows(gold, names, kind="gold")
        name = Path(gold).name
    else:
        rows = fileio.rows_from_dicts(gold, names, source="gold", kind="gold")
        name = None
    info = {"source": "file", "path": name, "sha256": fileio.predictions_sha256(rows), "config": config, "split": None}
    return Gold(rows, info, config, None, None)


def read_system(predictions, config: str, *, source: str = "predictions", gold: Gold | None = None) -> fileio.Rows:
    """Read predictions with ``config``'s labels from: a JSONL/CSV path; a list of
    ``{"id", "label"[, "scores"]}`` dicts; a ``datasets.Dataset`` or dict of columns with
    ``id`` and a ``prediction`` (or ``label``) column; or, given ``gold``, a sequence or
    array of labels (strings, or ClassLabel indices) in the gold's row order."""
    names = label_names(config)
    if isinstance(predictions, (str, Path)):
        return fileio.read_rows(predictions, names)
    columns = getattr(predictions, "column_names", None)
    if columns is None and isinstance(predictions, dict):
        columns = list(predictions)
    if columns is not None:
        column = next((name for name in ("prediction", "predictions", "label") if name in columns), None)
        if "id" not in columns or column is None:
            raise InputError(source, f"the table has no 'id' and 'prediction' columns (found {', '.join(columns)})",
                             "add the row ids as 'id' and the predicted labels as 'prediction'")
        predictions = [{"id": i, "label": label} for i, label in zip(predictions["id"], predictions[column])]
    items = list(predictions) if not isinstance(predictions, list) else predictions
    if items and not isinstance(items[0], dict):
        if gold is None:
            raise InputError(source, "bare labels need the gold's row order",
                             "pass dicts with ids, or score through sgpos.evaluate.score")
        ids = gold.rows.ids.to_pylist()
        if len(items) != len(ids):
            raise InputError(source, f"{len(items)} labels for the {len(ids)} rows of {_gold_name(gold)}",
                             "give one label per gold row, in the gold's order")
        items = [{"id": i, "label": label} for i, label in zip(ids, items)]
    return fileio.rows_from_dicts([_label_as_text(item, names) for item in items], names, source=source)


def _label_as_text(item, names) -> dict:
    """Map a ClassLabel index to its name (``numpy`` integers included); leave others as they are."""
    import numbers

    if not isinstance(item, dict):
        return item
    label = item.get("label")
    if isinstance(label, numbers.Integral) and not isinstance(label, bool):
        if not 0 <= int(label) < len(names):
            raise InputError("predictions", f"label index {label} is out of range",
                             f"use 0..{len(names) - 1} for {', '.join(names)}")
        return {**item, "label": names[int(label)]}
    if hasattr(label, "item") and not isinstance(label, str):
        return {**item, "label": label.item()}
    return item


def align(gold: Gold, predictions: fileio.Rows):
    """Return (predicted codes, scores) in gold row order; raise InputError unless the ids match exactly."""
    import numpy as np
    import pyarrow.compute as pc

    gold_order, gold_ids = fileio.sorted_ids(gold.rows)
    pred_order, pred_ids = fileio.sorted_ids(predictions)
    if len(gold_ids) == len(pred_ids) and pc.all(pc.equal(gold_ids, pred_ids)).as_py():
        gold_order = gold_order.to_numpy()
        pred_order = pred_order.to_numpy()
        codes = np.empty(len(gold_order), dtype=np.int8)
        codes[gold_order] = predictions.codes[pred_order]
        scores = None
        if predictions.scores is not None:
            scores = np.empty_like(predictions.scores)
            scores[gold_order] = predictions.scores[pred_order]
        return codes, scores
    raise _mismatch_error(gold, predictions)


def _gold_name(gold: Gold) -> str:
    return f"{gold.config}/{gold.split}" if gold.split else f"the gold {gold.rows.source}"


def _mismatch_error(gold: Gold, predictions: fileio.Rows) -> InputError:
    gold_ids = set(gold.rows.ids.to_pylist())
    pred_ids = predictions.ids.to_pylist()
    unknown = [index for index, row_id in enumerate(pred_ids) if row_id not in gold_ids]
    # Another split explains unknown ids when it holds them all; it explains missing
    # ids only when the predictions cover exactly that split (a subset proves nothing).
    elsewhere = _other_splits(gold, set(pred_ids), exact=not unknown) if gold.split else []
    hint = ""
    if elsewhere:
        config, split = elsewhere[0]
        hint = (f"; they are the ids of {config}/{split}: gold and predictions come from different "
                f"configs or splits")
    if unknown:
        source, line = predictions.where(unknown[0])
        fix = (f"score with --config {elsewhere[0][0]} --split {elsewhere[0][1]}" if elsewhere else
               f"predict exactly the ids of {_gold_name(gold)}; check --gold, --config and --split")
        return InputError(source, f"id {pred_ids[unknown[0]]!r} is not in {_gold_name(gold)} "
                          f"({len(unknown)} of {len(pred_ids)} prediction ids are unknown){hint}", fix, line=line)
    missing = sorted(gold_ids - set(pred_ids))
    first = ", ".join(repr(row_id) for row_id in missing[:3]) + (", ..." if len(missing) > 3 else "")
    fix = (f"score with --config {elsewhere[0][0]} --split {elsewhere[0][1]}" if elsewhere else
           f"predict every row of {_gold_name(gold)}")
    return InputError(predictions.source, f"{len(missing)} of {len(gold_ids)} gold ids have no prediction "
                      f"(first: {first}){hint}", fix)


def _other_splits(gold: Gold, pred_ids: set, *, exact: bool = False) -> list[tuple[str, str]]:
    """Return the other published (config, split) pairs whose ids include every prediction id
    (or, with ``exact``, equal them), best first."""
    from sgpos.corpus import read_records
    from sgpos.corpus.paths import split_path

    found = []
    for config in CONFIGS:
        for split in SPLITS:
            if (config, split) == (gold.config, gold.split):
                continue
            if not split_path(config, split, gold.data_dir).exists():
                continue
            ids = {row.get("id") for row in read_records(config, split, data_dir=gold.data_dir)}
            if pred_ids == ids if exact else pred_ids <= ids:
                found.append((len(ids) - len(pred_ids), config != gold.config, config, split))
    return [(config, split) for _, _, config, split in sorted(found)]


def score(predictions, gold=None, *, config: str = "stance", split: str = "test", seed: int = 0,
          resamples: int = 1000, model: dict | None = None, data_dir=None) -> dict:
    """Score ``predictions`` against ``gold`` and return the results dict.

    ``predictions``: a JSONL/CSV path or a list of ``{"id", "label"[, "scores"]}`` dicts.
    ``gold``: None for the corpus's ``config``/``split``, a JSONL/CSV path (``id``,
    ``label``, optional ``target``, ``party``, ``date``) or a list of dicts. Intervals
    are 95% percentile-bootstrap intervals over ``resamples`` row resamples seeded by
    ``seed`` (``resamples=0`` skips them). Raises InputError for bad input.
    """
    check_resamples(resamples)
    check_seed(seed)
    gold_data = load_gold(gold, config=config, split=split, data_dir=data_dir)
    system = read_system(predictions, config, gold=gold_data)
    codes, scores = align(gold_data, system)
    return results_dict(gold_data, codes, scores, predictions_sha256=fileio.predictions_sha256(system),
                        seed=seed, resamples=resamples, model=model)


#: Bootstrap resamples accepted: 0 skips the intervals; more than this is refused (memory).
MAX_RESAMPLES = 100_000
#: Fewest resamples a score's intervals use; a comparison needs more for a meaningful p-value.
MIN_RESAMPLES = 10
MIN_COMPARE_RESAMPLES = 100


def check_resamples(resamples: int, *, minimum: int = MIN_RESAMPLES) -> None:
    """Raise InputError unless ``resamples`` is 0 or a whole number from ``minimum`` to ``MAX_RESAMPLES``."""
    if (isinstance(resamples, bool) or not isinstance(resamples, int)
            or not (resamples == 0 or minimum <= resamples <= MAX_RESAMPLES)):
        raise InputError("--resamples", f"resamples must be 0 or a whole number from {minimum} to "
                         f"{MAX_RESAMPLES:,}, got {resamples!r}",
                         "pass e.g. --resamples 1000 (0 skips the intervals)")


def check_seed(seed: int) -> None:
    """Raise InputError unless ``seed`` is a whole number from 0 to 2**63 - 1."""
    if isinstance(seed, bool) or not isinstance(seed, int) or not 0 <= seed < 2**63:
        raise InputError("--seed", f"seed must be a whole number from 0 to 2**63 - 1, got {seed!r}",
                         "pass e.g. --seed 0")


def bootstrap_block(resamples: int) -> dict:
    """Return the ``bootstrap`` block of a results dict."""
    from .bootstrap import METHOD

    return {"resamples": resamples, "unit": "row", "ci": 0.95, "method": METHOD,
            "sampler": "multinomial over confusion cells"}


def results_dict(gold: Gold, pred_codes, scores, *, predictions_sha256: str, seed: int, resamples: int,
                 model: dict | None) -> dict:
    """Compute every metric of aligned predictions and assemble the results dict."""
    import sgpos

    from . import bootstrap, metrics

    names = gold.rows.label_names
    k = len(names)
    gold_codes = gold.rows.codes
    confusion = metrics.confusion_counts(gold_codes, pred_codes, k)
    favor_against = f_avg_classes(gold.config)
    point = metrics.headline(confusion, favor_against)
    classes = metrics.per_class(confusion)
    intervals = {name: (None, None) for name in point}
    class_intervals = [(None, None)] * k
    if resamples:
        draws = bootstrap.resample_counts(confusion, resamples, bootstrap.generator(seed))
        resampled = metrics.headline(draws, favor_against)
        intervals = {name: bootstrap.percentile_interval(values, estimate=float(point[name]))
                     for name, values in resampled.items()}
        class_f1 = metrics.f1_per_class(draws)
        class_intervals = [bootstrap.percentile_interval(class_f1[:, index], estimate=float(classes["f1"][index]))
                           for index in range(k)]
    metric_block = {}
    for name, value in point.items():
        low, high = intervals[name]
        metric_block[name] = {"value": _finite(value), "ci_low": low, "ci_high": high, "higher_is_better": True}
    metric_block.update(counter_prior_metrics(gold, pred_codes, seed=seed, resamples=resamples))
    if gold.config == "passages":
        metric_block["passage_accuracy"] = passage_accuracy(gold, pred_codes, seed=seed, resamples=resamples)
    calibration = None
    if scores is not None:
        calibration = metrics.calibration(scores, gold_codes)
        for name in ("ece", "brier", "log_loss"):
            metric_block[name] = {"value": calibration[name], "ci_low": None, "ci_high": None,
                                  "higher_is_better": False}
    per_class = {}
    for index, label in enumerate(names):
        per_class[label] = {
            "precision": float(classes["precision"][index]), "recall": float(classes["recall"][index]),
            "f1": float(classes["f1"][index]), "f1_ci_low": class_intervals[index][0],
            "f1_ci_high": class_intervals[index][1], "support": int(classes["support"][index]),
            "predicted": int(confusion[:, index].sum()),
        }
    results = {
        "schema_version": SCHEMA_VERSION,
        "sgpos_version": sgpos.__version__,
        "gold": gold.info,
        "predictions_sha256": predictions_sha256,
        "model": {"name": None, "kind": None, "url": None, **(model or {})},
        "n": int(len(gold_codes)),
        "n_counter_prior": counter_prior_count(gold),
        "seed": seed,
        "bootstrap": bootstrap_block(resamples),
        "labels": list(names),
        "f_avg_classes": [names[index] for index in favor_against],
        "metrics": metric_block,
        "per_class": per_class,
        "confusion": {"labels": list(names), "rows": "gold", "columns": "predicted", "matrix": confusion.tolist()},
        "breakdowns": breakdowns(gold, gold_codes, pred_codes, favor_against),
        "calibration": calibration,
        "position_map": _position_map(gold, gold_codes, pred_codes, resamples=resamples, seed=seed),
    }
    return round_floats(results)


def counter_prior_mask(gold: Gold):
    """Return a boolean array marking the gold rows that break their party's usual line,
    or None when the gold has no ``counter_prior`` column."""
    import pyarrow.compute as pc

    column = gold.rows.extra.get("counter_prior")
    if column is None:
        return None
    return pc.equal(column, "true").fill_null(False).to_numpy(zero_copy_only=False)


def counter_prior_count(gold: Gold) -> int | None:
    """Return how many gold rows are counter-prior (None without the column)."""
    mask = counter_prior_mask(gold)
    return None if mask is None else int(mask.sum())


def counter_prior_metrics(gold: Gold, pred_codes, *, seed: int, resamples: int) -> dict:
    """Return ``macro_f1_counter_prior`` and ``accuracy_counter_prior`` with their bootstrap
    intervals: the scores on the rows whose gold stance breaks the party's usual line (the
    rows a model must read). Empty when the gold has no ``counter_prior`` column."""
    from . import bootstrap, metrics

    mask = counter_prior_mask(gold)
    if mask is None:
        return {}
    k = len(gold.rows.label_names)
    confusion = metrics.confusion_counts(gold.rows.codes[mask], pred_codes[mask], k)
    block = {}
    values = {"macro_f1": metrics.macro_f1(confusion), "accuracy": metrics.accuracy(confusion)}
    draws = bootstrap.resample_counts(confusion, resamples, bootstrap.generator(seed)) if resamples else None
    for name, value in values.items():
        low = high = None
        if draws is not None and confusion.sum():
            resampled = metrics.macro_f1(draws) if name == "macro_f1" else metrics.accuracy(draws)
            low, high = bootstrap.percentile_interval(resampled, estimate=float(value))
        block[f"{name}_counter_prior"] = {"value": _finite(value) if confusion.sum() else None,
                                          "ci_low": low, "ci_high": high, "higher_is_better": True}
    return block


def passage_accuracy(gold: Gold, pred_codes, *, seed: int, resamples: int) -> dict:
    """Return the share of passages whose rows are all right, with a bootstrap interval
    that resamples passages (a row id is ``<passage_id>:<party>:<target>``)."""
    import numpy as np

    from . import bootstrap

    passage = np.array([row_id.rsplit(":", 2)[0] for row_id in gold.rows.ids.to_pylist()])
    names, index = np.unique(passage, return_inverse=True)
    wrong = np.bincount(index, weights=(gold.rows.codes != pred_codes), minlength=len(names))
    right = (wrong == 0).astype(np.int64)
    value = float(right.mean()) if len(right) else None
    low = high = None
    if resamples and len(right):
        counts = np.array([len(right) - right.sum(), right.sum()])
        draws = bootstrap.resample_counts(counts, resamples, bootstrap.generator(seed))
        low, high = bootstrap.percentile_interval(draws[:, 1] / len(right), estimate=value)
    return {"value": value, "ci_low": low, "ci_high": high, "higher_is_better": True}


def _finite(value):
    value = float(value)
    return value if value == value else None  # NaN (undefined kappa) -> null


def years_of(rows: fileio.Rows):
    """Return the year of each gold row as int64, -1 where the date is missing."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    dates = rows.extra.get("date")
    if dates is None:
        return None
    years = pc.cast(pc.utf8_slice_codeunits(dates, 0, 4), pa.int64())
    return years.fill_null(-1).to_numpy(zero_copy_only=False).astype(np.int64)


def category_codes(column):
    """Return (sorted names, int64 code per row with -1 for null) of a pyarrow string column."""
    import numpy as np

    encoded = column.dictionary_encode()
    names = encoded.dictionary.to_pylist()
    order = sorted(range(len(names)), key=names.__getitem__)
    rank = np.empty(len(names) + 1, dtype=np.int64)
    rank[order] = np.arange(len(names))
    rank[len(names)] = -1  # nulls
    indices = encoded.indices.fill_null(len(names)).to_numpy(zero_copy_only=False).astype(np.int64)
    return [names[index] for index in order], rank[indices]


def breakdowns(gold: Gold, gold_codes, pred_codes, favor_against) -> dict:
    """Return per-target, per-party and per-year counts and scores (rows without the field under "(none)")."""
    import numpy as np

    from . import metrics

    k = len(gold.rows.label_names)
    groups = {}
    for name in ("target", "party"):
        column = gold.rows.extra.get(name)
        if column is not None:
            groups[name] = category_codes(column)
    years = years_of(gold.rows)
    if years is not None:
        known = years >= 0
        values = np.unique(years[known])
        groups["year"] = ([str(year) for year in values.tolist()],
                          np.where(known, np.searchsorted(values, years), -1).astype(np.int64))
    out = {"target": {}, "party": {}, "year": {}}
    for name, (keys, index) in groups.items():
        keys = list(keys) + ["(none)"]
        index = np.where(index < 0, len(keys) - 1, index)
        flat = (index * k + gold_codes) * k + pred_codes
        confusions = np.bincount(flat, minlength=len(keys) * k * k).reshape(len(keys), k, k)
        scores = metrics.headline(confusions, favor_against)
        for position, key in enumerate(keys):
            n = int(confusions[position].sum())
            if n == 0:
                continue
            out[name][key] = {
                "n": n,
                "macro_f1": float(scores["macro_f1"][position]),
                "f_avg": float(scores["f_avg"][position]),
                "accuracy": float(scores["accuracy"][position]),
                "support": {label: int(count) for label, count in
                            zip(gold.rows.label_names, confusions[position].sum(axis=1))},
            }
    return out


def _position_map(gold: Gold, gold_codes, pred_codes, *, resamples: int = 0, seed: int = 0) -> dict:
    from . import position_map

    extra = gold.rows.extra
    if tuple(gold.rows.label_names) != LABELS or not {"party", "target", "date"} <= set(extra):
        return position_map.empty_map()
    parties, party_codes = category_codes(extra["party"])
    targets, target_codes = category_codes(extra["target"])
    return position_map.position_map(gold_codes, pred_codes, party_codes, target_codes, years_of(gold.rows),
                                     parties=parties, targets=targets, resamples=resamples, seed=seed)


def round_floats(value, digits: int = DIGITS):
    """Return ``value`` with every float rounded to ``digits`` significant digits (recursively)."""
    if isinstance(value, float):
        return float(f"{value:.{digits}g}")
    if isinstance(value, dict):
        return {key: round_floats(item, digits) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [round_floats(item, digits) for item in value]
    return value
