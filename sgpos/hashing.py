"""Content hashes that identify the exact gold a result was scored against."""

from __future__ import annotations

import hashlib


def content_hash(files: dict[str, bytes]) -> str:
    """Return the sha256 over files' relative paths and bytes, in sorted path order."""
    digest = hashlib.sha256()
    for relative in sorted(files):
        digest.update(relative.encode() + b"\0")
        digest.update(files[relative])
    return digest.hexdigest()
