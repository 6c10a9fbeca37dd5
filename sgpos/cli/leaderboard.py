"""``sgpos submit``, ``sgpos leaderboard`` and ``sgpos export-model-index``."""

from __future__ import annotations

from pathlib import Path

import typer

from sgpos.errors import InputError


def register(app: typer.Typer) -> None:
    """Attach the leaderboard commands to ``app``."""
    app.command("submit")(submit_command)
    app.command("leaderboard")(leaderboard_command)
    app.command("export-model-index")(export_model_index_command)


def submit_command(
    predictions: Path = typer.Argument(..., help="Predictions file (JSONL or CSV) for the chosen config and split."),
    name: str = typer.Option(..., "--name", help="Model name (its slug names the entry folder)."),
    authors: str = typer.Option(..., "--authors", help="Who made the model."),
    description: str = typer.Option(..., "--description", help="One or two sentences on the model."),
    training_data: str = typer.Option(..., "--training-data", help="Data and splits used to train and tune it."),
    test_split_seen: bool = typer.Option(None, "--test-split-seen/--test-split-unseen",
                                         help="Was this corpus's test split ever seen (training, tuning, prompts)?"),
    url: str = typer.Option(None, "--url", help="Paper or code URL (http or https)."),
    parameters: str = typer.Option(None, "--parameters", help="Parameter count, if known."),
    config: str = typer.Option("stance", "--config", help="Corpus config: stance, stance_temporal, "
                               "stance_unseen_target, pairs, shifts or passages."),
    split: str = typer.Option("test", "--split", help="Only test-split predictions are entries."),
    root: Path = typer.Option(None, "--root", help="Checkout to write leaderboard/submissions/ in "
                              "(default: the checkout around the current folder)."),
) -> None:
    """Validate and score test-split predictions, then store them as a leaderboard entry."""
    from sgpos.checkout import find_checkout
    from sgpos.evaluate.leaderboard import rank_of
    from sgpos.evaluate.submission import SubmissionMetadata, submit

    if test_split_seen is None:
        raise InputError("metadata", "missing metadata field 'test_split_seen'",
                         "pass --test-split-seen or --test-split-unseen")
    meta = SubmissionMetadata(name=name, authors=authors, description=description, training_data=training_data,
                              test_split_seen=test_split_seen, url=url, parameters=parameters, config=config,
                              split=split)
    root = find_checkout(root)
    folder = submit(predictions, meta, root=root)
    position, total, macro = rank_of(folder, root)
    typer.echo(f"wrote {folder}/submission.json and predictions.jsonl")
    typer.echo(f"macro-F1 {100 * macro:.2f} on {config}/test: rank {position} of {total} current entries; "
               "run `sgpos leaderboard` to rebuild the board, then open a pull request adding the folder")


def leaderboard_command(
    root: Path = typer.Option(None, "--root", help="Checkout with leaderboard/ and results/ "
                              "(default: the checkout around the current folder)."),
    check: bool = typer.Option(False, "--check", help="Rescore and verify only; write nothing."),
) -> None:
    """Rescore every entry from its predictions and write LEADERBOARD.md and leaderboard/index.html."""
    from sgpos.checkout import find_checkout
    from sgpos.evaluate.leaderboard import build_leaderboard, leaderboard_markdown
    from sgpos.evaluate.publish import write_leaderboard

    root = find_checkout(root)
    board = build_leaderboard(root)
    if not board:
        raise InputError(str(root), "no entries found", "run `sgpos benchmark` or `sgpos submit` first")
    if check:
        typer.echo(f"all {sum(len(v) for v in board.values())} entries rescored and verified")
        return
    for path in write_leaderboard(board, root):
        typer.echo(f"wrote {path}")
    typer.echo(leaderboard_markdown(board))


def export_model_index_command(
    entry: str = typer.Argument(..., help="A submission slug, or baseline:<config>/<name>."),
    root: Path = typer.Option(None, "--root", help="Checkout with leaderboard/ and results/ "
                              "(default: the checkout around the current folder)."),
) -> None:
    """Print the Hugging Face model-index YAML of a leaderboard entry (rescored first)."""
    from sgpos.checkout import find_checkout
    from sgpos.corpus import content_sha256
    from sgpos.evaluate.leaderboard import collect_entries, rescore
    from sgpos.evaluate.model_index import model_index_yaml

    root = find_checkout(root)
    entries = collect_entries(root)
    wanted = [e for e in entries if _entry_key(e) == entry]
    if not wanted:
        from sgpos.suggest import suggest

        keys = [_entry_key(e) for e in entries]
        raise InputError(entry, f"no leaderboard entry {entry!r}{suggest(entry, keys)}",
                         f"use one of: {', '.join(keys[:8])}{' ...' if len(keys) > 8 else ''}")
    scored = rescore(wanted[0], current_sha256=content_sha256())
    if scored.results is None:
        raise InputError(entry, f"the entry cannot be scored on the current corpus ({scored.note})", "resubmit it")
    typer.echo(model_index_yaml(scored), nl=False)


def _entry_key(entry) -> str:
    if entry.kind in ("baseline", "reference"):
        return f"{entry.kind}:{entry.config}/{entry.predictions_path.name[:-len('.predictions.jsonl')]}"
    return entry.predictions_path.parent.name
