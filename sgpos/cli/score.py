"""``sgpos score`` and ``sgpos compare``.

Heavy libraries are imported inside the commands. Every output is computed and
rendered in memory first and only then written, each file atomically, so bad input
(exit code 2) leaves no output file behind, whole or half-written.
"""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

CONFIG_HELP = "Corpus config of the gold and of the label set: stance, stance_temporal, stance_unseen_target, pairs."
PREDICTIONS_HELP = 'Predictions: JSONL ({"id", "label"[, "scores"]} per line) or CSV (id,label).'
GOLD_HELP = "Gold file (JSONL or CSV: id,label[,target,party,date]) instead of the corpus split."


def _write_outputs(json_path: Optional[Path], json_obj, markdown_path: Optional[Path], markdown_text,
                   plots_dir: Optional[Path], figures) -> list[str]:
    from sgpos.evaluate import io

    written = []
    if json_path:
        io.write_json_atomic(json_path, json_obj)
        written.append(str(json_path))
    if markdown_path:
        io.write_text_atomic(markdown_path, markdown_text)
        written.append(str(markdown_path))
    if plots_dir:
        for name, data in figures.items():
            io.write_bytes_atomic(Path(plots_dir) / name, data)
            written.append(str(Path(plots_dir) / name))
    return written


def _check_output_paths(**paths) -> None:
    from sgpos.errors import InputError

    for option, path in paths.items():
        if path is not None and Path(path).is_dir() and option != "plots":
            raise InputError(str(path), f"--{option} names a folder", f"give --{option} a file name")
        if option == "plots" and path is not None and Path(path).exists() and not Path(path).is_dir():
            raise InputError(str(path), "--plots names a file", "give --plots a folder")


def score_command(
    predictions: Path = typer.Argument(..., help=PREDICTIONS_HELP),
    gold: Optional[Path] = typer.Option(None, "--gold", help=GOLD_HELP),
    config: str = typer.Option("stance", "--config", help=CONFIG_HELP),
    split: str = typer.Option("test", "--split", help="Corpus split of the gold: train, validation, test."),
    seed: int = typer.Option(0, "--seed", help="Seed of the bootstrap."),
    resamples: int = typer.Option(1000, "--resamples", help="Bootstrap resamples (0 skips the intervals)."),
    json_path: Optional[Path] = typer.Option(None, "--json", help="Write the results file (JSON) here."),
    markdown_path: Optional[Path] = typer.Option(None, "--markdown", help="Write a Markdown report here."),
    plots_dir: Optional[Path] = typer.Option(None, "--plots",
                                             help="Write PNGs (confusion matrix, position map) into this folder."),
    model_name: Optional[str] = typer.Option(None, "--model-name",
                                             help="Model name for the results file (default: the file's stem)."),
    model_kind: str = typer.Option("external", "--model-kind", help="Model kind for the results file."),
    model_url: Optional[str] = typer.Option(None, "--model-url", help="Model URL for the results file."),
    data_dir: Optional[Path] = typer.Option(None, "--data-dir", hidden=True, help="Folder of published split files."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Print no tables."),
) -> None:
    """Score predictions: macro-F1 (main), F_avg, accuracy with 95% bootstrap CIs, breakdowns, position map."""
    from sgpos.evaluate import report
    from sgpos.evaluate.scoring import score

    _check_output_paths(json=json_path, markdown=markdown_path, plots=plots_dir)
    model = {"name": model_name or predictions.stem, "kind": model_kind, "url": model_url}
    results = score(predictions, gold, config=config, split=split, seed=seed, resamples=resamples,
                    model=model, data_dir=data_dir)
    markdown_text = report.score_markdown(results) if markdown_path else None
    figures = {}
    if plots_dir:
        from sgpos.evaluate import plots

        figures = plots.figures(results)
    _write_outputs(json_path, results, markdown_path, markdown_text, plots_dir, figures)
    if not quiet:
        report.print_tables(report.score_tables(results))


def compare_command(
    predictions_a: Path = typer.Argument(..., help="Predictions of system A."),
    predictions_b: Path = typer.Argument(..., help="Predictions of system B."),
    gold: Optional[Path] = typer.Option(None, "--gold", help="Gold file instead of the corpus."),
    config: str = typer.Option("stance", "--config", help=CONFIG_HELP),
    split: str = typer.Option("test", "--split", help="Corpus split of the gold."),
    seed: int = typer.Option(0, "--seed", help="Seed of the paired bootstrap."),
    resamples: int = typer.Option(1000, "--resamples", help="Paired bootstrap resamples."),
    json_path: Optional[Path] = typer.Option(None, "--json", help="Write the comparison (JSON) here."),
    markdown_path: Optional[Path] = typer.Option(None, "--markdown", help="Write a Markdown report here."),
    data_dir: Optional[Path] = typer.Option(None, "--data-dir", hidden=True, help="Folder of published split files."),
) -> None:
    """Compare two systems on the same gold: paired bootstrap on macro-F1 and accuracy, McNemar's exact test."""
    from sgpos.evaluate import report
    from sgpos.evaluate.comparison import compare

    _check_output_paths(json=json_path, markdown=markdown_path)
    result = compare(predictions_a, predictions_b, gold, config=config, split=split, seed=seed,
                     resamples=resamples, data_dir=data_dir)
    markdown_text = report.compare_markdown(result) if markdown_path else None
    _write_outputs(json_path, result, markdown_path, markdown_text, None, {})
    report.print_tables(report.compare_tables(result), footer=result["verdict"])


def register(app: typer.Typer) -> None:
    """Attach the scoring commands to ``app``."""
    app.command("score")(score_command)
    app.command("compare")(compare_command)
