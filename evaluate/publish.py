"""Write the leaderboard's two outputs, LEADERBOARD.md and leaderboard/index.html, atomically."""

from __future__ import annotations

from pathlib import Path

from . import fileio
from .leaderboard import Entry, leaderboard_markdown
from .page import render_page


def best_position_map(board: dict[str, list[Entry]]) -> tuple[bytes | None, str]:
    """Return the PNG position map of the best system on the first config that has one."""
    from .plots import position_map_png

    for config, entries in board.items():
        for entry in entries:
            if entry.rank == 1 and entry.kind != "reference" and entry.results and entry.results["position_map"].get("cells"):
                return position_map_png(entry.results), f"{entry.name} on {config} (test): gold beside predicted"
    return None, ""


def write_leaderboard(board: dict[str, list[Entry]], root: Path | str = ".") -> list[Path]:
    """Render both outputs first, then write them; return their paths."""
    root = Path(root)
    png, caption = best_position_map(board)
    outputs = {root / "LEADERBOARD.md": leaderboard_markdown(board),
               root / "leaderboard" / "index.html": render_page(board, position_map_png=png,
                                                                position_map_caption=caption)}
    for path, text in outputs.items():
        fileio.write_text_atomic(path, text)
    return list(outputs)
