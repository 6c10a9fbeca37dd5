"""Load the published corpus as typed ``datasets`` objects, offline."""

from __future__ import annotations

from pathlib import Path

from sgpos.errors import InputError
from sgpos.suggest import suggest

from .features import CONFIGS, DEFAULT_CONFIG, features
from .paths import DATA_DIR, SPLITS, split_path


def check_config(config: str, split: str | None = None) -> None:
    """Raise InputError for an unknown config or split, with a suggestion."""
    if config not in CONFIGS:
        raise InputError("--config", f"unknown config {config!r}{suggest(config, CONFIGS)}",
                         f"use one of {', '.join(CONFIGS)}")
    if split is not None and split not in SPLITS:
        raise InputError("--split", f"unknown split {split!r}{suggest(split, SPLITS)}",
                         f"use one of {', '.join(SPLITS)}")


def load(config: str = DEFAULT_CONFIG, split: str | None = None, *, data_dir: Path | str = DATA_DIR):
    """Load a config of the corpus: a ``DatasetDict`` of all splits, or one ``Dataset``.

    The label column is a ``ClassLabel`` (ints; ``names`` gives the strings). Data are
    read from the package's files with ``load_dataset("json", ...)``; the cache key
    covers the files' modification times, so an edited file is never served stale.
    """
    import datasets

    check_config(config, split)
    files = {name: str(split_path(config, name, Path(data_dir))) for name in SPLITS}
    missing = [path for path in files.values() if not Path(path).exists()]
    if missing:
        raise InputError(missing[0], "published split file is missing",
                         "run `sgpos corpus build` in a checkout")
    wanted = {split: files[split]} if split else files
    loaded = datasets.load_dataset("json", data_files=wanted, features=features(config))
    return loaded[split] if split else loaded


def read_records(config: str = DEFAULT_CONFIG, split: str = "test", *, data_dir: Path | str = DATA_DIR) -> list[dict]:
    """Return a published split as plain dicts (labels as strings), without ``datasets``.

    Fast path for the harness and the baselines, which need only the rows.
    """
    import json

    path = split_path(config, split, Path(data_dir))
    if not path.exists():
        raise InputError(str(path), "published split file is missing", "run `sgpos corpus build` in a checkout")
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]
