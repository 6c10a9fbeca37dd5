"""Atomic file writes: a reader sees the old file or the whole new one, never half of it."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_bytes_atomic(path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically: a temp file in the same folder, then ``os.replace``.

    A reader sees the old file or the whole new one, never a half-written file.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as temp:
            temp.write(data)
            temp.flush()
            os.fsync(temp.fileno())
        os.chmod(temp_name, 0o666 & ~_umask())  # mkstemp makes 0600; outputs are ordinary files
        os.replace(temp_name, path)
    except BaseException:
        if os.path.exists(temp_name):
            os.unlink(temp_name)
        raise


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def write_files_atomic(files: dict) -> None:
    """Write several files all or nothing: every file is staged beside its target first,
    and only when all are staged are they moved into place. A failure while staging
    (an unwritable folder, a full disk, Ctrl-C) leaves every target untouched."""
    staged: list[tuple[str, Path]] = []
    try:
        for path, data in files.items():
            path = Path(path)
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
            staged.append((temp_name, path))
            with os.fdopen(handle, "wb") as temp:
                temp.write(data)
                temp.flush()
                os.fsync(temp.fileno())
            os.chmod(temp_name, 0o666 & ~_umask())
        for temp_name, path in staged:
            os.replace(temp_name, path)
    except BaseException:
        for temp_name, _ in staged:
            if os.path.exists(temp_name):
                os.unlink(temp_name)
        raise
