"""``sgpos positions`` and ``sgpos explorer``: the corpus's positions over time.

Outputs are computed and rendered in memory first and then written, each file
atomically, so bad input (exit code 2) leaves no output file behind.
"""

from __future__ import annotations

from pathlib import Path
from typing import Optional, Tuple

import typer

from sgpos.errors import InputError

DATA_DIR_HELP = "Folder of published split files."


def register(app: typer.Typer) -> None:
    """Attach the position commands to ``app``."""
    app.command("positions")(positions_command)
    app.command("explorer")(explorer_command)


def _names(text: Optional[str]) -> Optional[list[str]]:
    """Split a comma-separated option into names (None when not given)."""
    if text is None:
        return None
    return [name.strip() for name in text.split(",") if name.strip()]


def _check_outputs(**paths) -> None:
    given = {option: Path(path) for option, path in paths.items() if path is not None}
    for option, path in given.items():
        if path.is_dir():
            raise InputError(str(path), f"--{option} names a folder", f"give --{option} a file name")
    if len({path.resolve() for path in given.values()}) < len(given):
        raise InputError(str(next(iter(given.values()))), "two outputs name the same file",
                         "give each output its own file name")


def positions_command(
    period: str = typer.Option("half", "--period", help="Period of a cell: quarter, half or year."),
    parties: Optional[str] = typer.Option(None, "--parties", help="Comma-separated party ids (default: all)."),
    targets: Optional[str] = typer.Option(None, "--targets", help="Comma-separated target ids (default: all)."),
    since: Optional[str] = typer.Option(None, "--since", help="First date (ISO, inclusive)."),
    until: Optional[str] = typer.Option(None, "--until", help="Last date (ISO, inclusive)."),
    config: Optional[str] = typer.Option(None, "--config", help="Read this config's rows: stance, stance_temporal, "
                                         "stance_unseen_target or passages (default: stance, i.e. every row)."),
    split: Optional[str] = typer.Option(None, "--split", help="Read only this split (default: all three)."),
    compare: Optional[Tuple[str, str]] = typer.Option(None, "--compare", metavar="A B",
                                                      help="Compare two parties: agree / conflict / open per "
                                                      "target and period, and the statements that moved them."),
    png: Optional[Path] = typer.Option(None, "--png", help="Write a heatmap PNG here."),
    json_path: Optional[Path] = typer.Option(None, "--json", help="Write the numbers (JSON) here."),
    data_dir: Optional[Path] = typer.Option(None, "--data-dir", hidden=True, help=DATA_DIR_HELP),
) -> None:
    """Mean stance of each party on each target per period (-1 against … +1 favor), with statement counts."""
    from dataclasses import asdict

    from sgpos.atomic import write_files_atomic
    from sgpos.corpus import positions
    from sgpos.corpus.paths import DATA_DIR
    from sgpos.evaluate import explorer, fileio

    _check_outputs(png=png, json=json_path)
    data_dir = data_dir or DATA_DIR
    party_list, target_list = _names(parties), _names(targets)
    if compare and party_list is not None:
        raise InputError("--parties", "--compare already names the two parties", "drop --parties")
    rows = positions.read_position_rows(config, split, data_dir=data_dir)
    filters = {"period": period, "targets": target_list, "since": since, "until": until}
    comparison = None
    if compare:
        shift_rows = positions.read_move_rows(split, data_dir=data_dir)
        comparison = positions.compare_parties(rows, *compare, shift_rows, **filters)
        party_list = list(compare)
    cells = positions.position_table(rows, parties=party_list, **filters)
    if not cells:
        raise InputError("sgpos positions", "no statements match these filters",
                         "widen --since/--until or choose other --parties/--targets")
    files = {}
    if json_path:
        numbers = asdict(comparison) if comparison else {
            "config": config or "stance", "split": split, "parties": party_list, **filters,
            "cells": [asdict(cell) for cell in cells]}
        files[Path(json_path)] = fileio.dumps_json(numbers).encode("utf-8")
    if png:
        files[Path(png)] = explorer.positions_png(cells, period, party_order=party_list)
    write_files_atomic(files)
    if comparison:
        explorer.print_tables(explorer.comparison_tables(comparison))
    else:
        explorer.print_tables(explorer.position_tables(cells, period, party_order=party_list))
    for path in files:
        typer.echo(f"wrote {path}")


def explorer_command(
    out: Optional[Path] = typer.Option(None, "--out", help="Write the page here "
                                       "(default: explorer/index.html in the checkout)."),
    data_dir: Optional[Path] = typer.Option(None, "--data-dir", hidden=True, help=DATA_DIR_HELP),
) -> None:
    """Write the position explorer: one self-contained HTML page built from the corpus."""
    from sgpos.checkout import find_checkout
    from sgpos.corpus.paths import DATA_DIR
    from sgpos.corpus.positions import read_position_rows
    from sgpos.corpus.version import CORPUS_VERSION
    from sgpos.evaluate import fileio
    from sgpos.evaluate.explorer import explorer_page

    out = Path(out) if out is not None else find_checkout() / "explorer" / "index.html"
    _check_outputs(out=out)
    rows = read_position_rows(data_dir=data_dir or DATA_DIR)
    page = explorer_page(rows, corpus_version=CORPUS_VERSION if data_dir is None else "")
    fileio.write_text_atomic(out, page)
    typer.echo(f"wrote {out} ({len(page.encode('utf-8'))} bytes)")
