"""Where the corpus files live, in a checkout or an installed package."""

from __future__ import annotations

from pathlib import Path

#: The folder of ``sgpos.corpus`` (the repository's ``corpus/`` in a checkout).
CORPUS_DIR = Path(__file__).resolve().parent
ANNOTATIONS_DIR = CORPUS_DIR / "annotations"
DATA_DIR = CORPUS_DIR / "data"
CARD_PATH = CORPUS_DIR / "README.md"

#: The splits of every published config, in order.
SPLITS: tuple[str, ...] = ("train", "validation", "test")


def split_path(config: str, split: str, data_dir: Path = DATA_DIR) -> Path:
    """Return the path of a published split file, ``data/<config>/<split>.jsonl``."""
    return Path(data_dir) / config / f"{split}.jsonl"


def is_installed_package(path: Path = CORPUS_DIR) -> bool:
    """Return True when ``path`` lies inside site-packages (not a checkout)."""
    return any(part in ("site-packages", "dist-packages") for part in Path(path).resolve().parts)
