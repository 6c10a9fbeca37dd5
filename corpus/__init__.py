"""The sgpos corpus: ids, schema, features, loading, validation, build, statistics.

This layer knows nothing of models or metrics.
"""

from sgpos.errors import InputError

from .features import CONFIGS, DEFAULT_CONFIG, features, label_column, label_names
from .ids import LABELS, PAIR_LABELS, PARTIES, STYLES, TARGETS
from .loading import load, read_records
from .version import CORPUS_VERSION

__all__ = [
    "CONFIGS", "CORPUS_VERSION", "DEFAULT_CONFIG", "InputError", "LABELS", "PAIR_LABELS",
    "PARTIES", "STYLES", "TARGETS", "content_sha256", "features", "label_column",
    "label_names", "load", "read_records",
]


def content_sha256(data_dir=None) -> str:
    """Return the sha256 of the published files (every ``data/<config>/<split>.jsonl``).

    The hash covers each file's relative path and bytes, in sorted order, so it
    identifies the exact gold a result was scored against.
    """
    from sgpos.hashing import content_hash

    from .paths import DATA_DIR

    root = DATA_DIR if data_dir is None else data_dir
    return content_hash({p.relative_to(root).as_posix(): p.read_bytes() for p in root.glob("*/*.jsonl")})
