"""``sgpos submit``: validate and score a model's predictions, then store them as a
leaderboard entry (``leaderboard/submissions/<slug>/``). Submissions are data: nothing
in them is ever imported or executed, and nothing they store is trusted later."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import tempfile
import unicodedata
from dataclasses import asdict, dataclass
from pathlib import Path
from urllib.parse import urlparse

from sgpos.corpus import CORPUS_VERSION, content_sha256
from sgpos.corpus.features import CONFIGS, label_names

from sgpos.errors import InputError
from sgpos.suggest import suggest

from . import fileio
from .scoring import score

SUBMISSIONS = Path("leaderboard") / "submissions"
SUBMISSION_SCHEMA_VERSION = 2
#: The leaderboard's own scoring settings: every entry is scored with these, never with
#: settings read from the entry.
LEADERBOARD_SEED = 0
LEADERBOARD_RESAMPLES = 1000
#: The only split whose predictions are entries.
LEADERBOARD_SPLIT = "test"
#: Longest text allowed per metadata field (characters).
FIELD_LIMITS: dict[str, int] = {"name": 80, "authors": 200, "description": 600, "training_data": 600,
                                "parameters": 40, "url": 300}
#: Characters refused in shown text besides control characters: zero-width and bidi controls.
INVISIBLE = frozenset("\u200b\u200c\u200d\u200e\u200f\u2060\ufeff\u061c"
                      "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


@dataclass
class SubmissionMetadata:
    """What a submitter tells about the model; every field is shown on the leaderboard."""

    name: str
    authors: str
    description: str
    training_data: str
    test_split_seen: bool
    url: str | None = None
    parameters: str | None = None
    config: str = "stance"
    split: str = LEADERBOARD_SPLIT


def slugify(name: str) -> str:
    """Return the folder name of a submission: lower-case ASCII words joined by hyphens,
    or ``entry-<hash>`` for a name with no ASCII letters or digits.

    >>> slugify("My Model (v2)!"), slugify("Модель")
    ('my-model-v2', 'entry-f3bdf7cce3')
    """
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:64]
    return slug or "entry-" + hashlib.sha256(name.encode("utf-8")).hexdigest()[:10]


def is_http_url(url: str | None) -> bool:
    """Return True for an absolute http(s) URL with a host (the only links shown).

    >>> is_http_url("https://example.org/paper"), is_http_url("javascript:alert(1)")
    (True, False)
    """
    if not isinstance(url, str) or not url or any(ch.isspace() or ord(ch) < 32 for ch in url):
        return False
    parsed = urlparse(url)
    return parsed.scheme in ("http", "https") and bool(parsed.netloc)


def text_problem(value: str, limit: int) -> str | None:
    """Return why ``value`` cannot be shown to other people, or None when it can.

    Any script is fine; control characters (newlines included), zero-width characters,
    bidi overrides and text over ``limit`` characters are not.

    >>> text_problem("Модель", 80) is None, text_problem("a\\nb", 80), text_problem("x\\u202ey", 80)
    (True, 'it contains a control character (U+000A)', 'it contains an invisible character (U+202E)')
    """
    if len(value) > limit:
        return f"it is {len(value)} characters long, over the limit of {limit}"
    for ch in value:
        if ch in INVISIBLE or unicodedata.category(ch) == "Cf":
            return f"it contains an invisible character (U+{ord(ch):04X})"
        if unicodedata.category(ch) in ("Cc", "Zl", "Zp"):
            return f"it contains a control character (U+{ord(ch):04X})"
    return None


def check_metadata(meta: SubmissionMetadata, where: str = "metadata") -> None:
    """Raise InputError naming the first missing or invalid metadata field."""
    for field in ("name", "authors", "description", "training_data"):
        value = getattr(meta, field)
        flag = "--" + field.replace("_", "-")
        if not isinstance(value, str) or not value.strip():
            raise InputError(where, f"missing metadata field '{field}'", f"pass {flag} \"...\"")
    for field, limit in FIELD_LIMITS.items():
        value = getattr(meta, field)
        if value is None and field in ("url", "parameters"):
            continue
        if not isinstance(value, str):
            raise InputError(where, f"metadata field '{field}' must be text, not {type(value).__name__}",
                             f"write '{field}' as a string")
        problem = text_problem(value, limit)
        if problem:
            raise InputError(where, f"metadata field '{field}' cannot be shown: {problem}",
                             f"write '{field}' on one line of at most {limit} visible characters")
    if not isinstance(meta.test_split_seen, bool):
        raise InputError(where, "missing metadata field 'test_split_seen'",
                         "pass --test-split-seen or --test-split-unseen (was this corpus's test split ever seen?)")
    if meta.url is not None and not is_http_url(meta.url):
        raise InputError(where, f"url {meta.url!r} is not an http(s) URL", "pass --url https://... or leave it out")
    if not any(ch.isalnum() for ch in meta.name):
        raise InputError(where, f"model name {meta.name!r} has no letters or digits",
                         "choose a name with letters or digits (any script)")
    if meta.config not in CONFIGS:
        raise InputError(where, f"unknown config {meta.config!r}{suggest(meta.config, CONFIGS)}",
                         f"use one of {', '.join(CONFIGS)}")
    if meta.split != LEADERBOARD_SPLIT:
        raise InputError(where, f"only test-split predictions are leaderboard entries, not {meta.split!r}",
                         f"score other splits with `sgpos score PREDICTIONS --config {meta.config} "
                         f"--split {meta.split}`")


def submit(predictions, meta: SubmissionMetadata, *, root: Path | str = ".") -> Path:
    """Score ``predictions`` against the current gold and store the entry; return its folder.

    Refuses a duplicate slug or predictions already submitted, invalid metadata, a split
    other than test, or predictions that do not match the gold exactly. The entry folder
    appears whole or not at all (written to a temporary folder, then renamed).
    """
    from .leaderboard import existing_prediction_hashes

    check_metadata(meta)
    slug = slugify(meta.name)
    submissions = Path(root) / SUBMISSIONS
    final = submissions / slug
    if final.exists() or final.is_symlink():
        raise InputError(str(final), f"a submission named {slug!r} already exists",
                         "choose another --name (entries are never overwritten)")
    model = {"name": meta.name, "kind": "submission", "url": meta.url}
    results = score(predictions, config=meta.config, split=meta.split, seed=LEADERBOARD_SEED,
                    resamples=LEADERBOARD_RESAMPLES, model=model)
    rows = fileio.read_predictions(predictions, labels=label_names(meta.config))
    digest = fileio.predictions_sha256(rows)
    same = existing_prediction_hashes(root).get((meta.config, digest))
    if same:
        raise InputError(str(predictions), f"these predictions are already on the leaderboard as {same}",
                         "submit predictions of a different system")
    entry = {
        "schema_version": SUBMISSION_SCHEMA_VERSION,
        "slug": slug,
        "metadata": asdict(meta),
        "predictions_sha256": digest,
        "corpus_version": CORPUS_VERSION,
        "content_sha256": content_sha256(),
        "config": meta.config,
        "split": meta.split,
        "results": results,
    }
    submissions.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{slug}.", dir=submissions))
    try:
        fileio.write_predictions_atomic(staging / "predictions.jsonl", rows)
        fileio.write_json_atomic(staging / "submission.json", entry)
        os.rename(staging, final)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return final
