"""Find the sgpos checkout a command works on (the folder with the project's pyproject.toml)."""

from __future__ import annotations

from pathlib import Path

from sgpos.errors import InputError

MARKER = 'name = "sgpos"'


def is_checkout(folder: Path) -> bool:
    """Return True when ``folder`` holds sgpos's own ``pyproject.toml``."""
    project = Path(folder) / "pyproject.toml"
    try:
        return project.is_file() and MARKER in project.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False


def find_checkout(root: Path | str | None = None, *, start: Path | str | None = None) -> Path:
    """Return ``root`` if given (it must be a checkout), else the nearest checkout at or above
    ``start`` (default: the current folder). Raise InputError when there is none."""
    if root is not None:
        root = Path(root)
        if not is_checkout(root):
            raise InputError(str(root), "--root is not an sgpos checkout (no sgpos pyproject.toml there)",
                             "pass the folder of your sgpos clone")
        return root
    here = Path(start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if is_checkout(folder):
            return folder
    raise InputError(str(here), "not inside an sgpos checkout", "run inside a sgpos checkout or pass --root")
