"""``sgpos benchmark``: every baseline on every config."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    """Attach the benchmark command to ``app``."""
