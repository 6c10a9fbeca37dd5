"""``sgpos score`` and ``sgpos compare``."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    """Attach the scoring commands to ``app``."""
