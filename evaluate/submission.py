"""``sgpos submit``: validate and score a model's predictions, then store them as a
leaderboard entry (``leaderboard/submissions/<slug>/``). Submissions are data: nothing
in them is ever imported or executed."""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path
from urllib.parse import urlparse

from sgpos.corpus import CORPUS_VERSION, content_sha256
from sgpos.errors import InputError

from . import io
from .scoring import score

SUBMISSIONS = Path("leaderboard") / "submissions"
SUBMISSION_SCHEMA_VERSION = 1


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
    split: str = "test"


def slugify(name: str) -> str:
    """Return the folder name of a submission: lower-case ASCII words joined by hyphens.

    >>> slugify("My Model (v2)!")
    'my-model-v2'
    """
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:64]


def is_http_url(url: str | None) -> bool:
    """Return True for an absolute http(s) URL with a host (the only links shown).

    >>> is_http_url("https://example.org/paper"), is_http_url("javascript:alert(1)")
    (True, False)
    """
    if not url or any(ch.isspace() or ord(ch) < 32 for ch in url):
        return False
    parsed = urlparse(url)
    return parsed.scheme in ("http", "https") and bool(parsed.netloc)


def check_metadata(meta: SubmissionMetadata, where: str = "metadata") -> None:
    """Raise InputError naming the first missing or invalid metadata field."""
    for field in ("name", "authors", "description", "training_data"):
        value = getattr(meta, field)
        if not isinstance(value, str) or not value.strip():
            flag = "--" + field.replace("_", "-")
            raise InputError(where, f"missing metadata field '{field}'", f"pass {flag} \"...\"")
    if not isinstance(meta.test_split_seen, bool):
        raise InputError(where, "missing metadata field 'test_split_seen'",
                         "pass --test-split-seen or --test-split-unseen (was this corpus's test split ever seen?)")
    if meta.url is not None and not is_http_url(meta.url):
        raise InputError(where, f"url {meta.url!r} is not an http(s) URL", "pass --url https://... or leave it out")
    if not slugify(meta.name):
        raise InputError(where, f"model name {meta.name!r} has no letters or digits", "choose a name with letters or digits")


def submit(predictions, meta: SubmissionMetadata, *, root: Path | str = ".", seed: int = 0,
           resamples: int = 1000) -> Path:
    """Score ``predictions`` against the current gold and store the entry; return its folder.

    Refuses a duplicate slug, missing metadata, or predictions that do not match the
    gold exactly. The entry folder appears whole or not at all (written to a temporary
    folder, then renamed).
    """
    check_metadata(meta)
    slug = slugify(meta.name)
    submissions = Path(root) / SUBMISSIONS
    final = submissions / slug
    if final.exists():
        raise InputError(str(final), f"a submission named {slug!r} already exists",
                         "choose another --name (entries are never overwritten)")
    model = {"name": meta.name, "kind": "submission", "url": meta.url}
    results = score(predictions, config=meta.config, split=meta.split, seed=seed, resamples=resamples, model=model)
    rows = io.read_predictions(predictions)
    entry = {
        "schema_version": SUBMISSION_SCHEMA_VERSION,
        "slug": slug,
        "metadata": asdict(meta),
        "predictions_sha256": io.predictions_sha256(rows),
        "corpus_version": CORPUS_VERSION,
        "content_sha256": content_sha256(),
        "config": meta.config,
        "split": meta.split,
        "results": results,
    }
    submissions.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{slug}.", dir=submissions))
    try:
        io.write_predictions_atomic(staging / "predictions.jsonl", rows)
        io.write_json_atomic(staging / "submission.json", entry)
        os.rename(staging, final)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return final
