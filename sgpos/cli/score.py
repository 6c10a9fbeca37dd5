"""``sgpos score`` and ``sgpos compare``.

Heavy libraries are imported inside the commands. Every output is computed and
rendered in memory first and only then written, each file atomically, so bad input
(exit code 2) leaves no output file behind, whole or half-written.
"""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

CONFIG_HELP = "Corpus config of the gold and of the label set: stance, stance_temporal, stance_unseen_target, pairs, shifts, passages."
PREDICTIONS_HELP = 'Predictions: JSONL ({"id", "label"[, "scores"]} per line) or CSV (id,label).'
GOLD_HELP = "Gold file (JSONL or CSV: id,label[,target,party,date]) instead of the corpus split."


def _write_outputs(json_path: Optional[Path], json_obj, markdown_path: Optional[Path], markdown_text,
                   plots_dir: Optional[Path], figures) -> list[str]:
    """Write every requested output, all or nothing."""
    from sgpos.atomic import write_files_atomic
    from sgpos.evaluate import fileio

    files = {}
    if json_path:
        files[Path(json_path)] = fileio.dumps_json(json_obj).encode("utf-8")
    if markdown_path:
        files[Path(markdown_path)] = markdown_text.encode("utf-8")
    for name, data in (figures or {}).items():
        files[Path(plots_dir) / name] = data
    write_files_atomic(files)
    return [str(path) for path in files]


def _check_output_paths(**paths) -> None:
    from sgpos.errors import InputError

    for option, path in paths.items():
        if path is not None and Path(path).is_dir() and option != "plots":
            raise InputError(str(path), f"--{option} names a folder", f"give --{option} a file name")
        if option == "plots" and path is not None and Path(path).exists() and not Path(path).is_dir():
            raise InputError(str(path), "--plots names a file", "give --plots a folder")


def _check_not_inputs(inputs, **outputs) -> None:
    """Refuse an output path that is one of the command's inputs (it would be overwritten)."""
    from sgpos.errors import InputError

    known = {Path(path).resolve(): Path(path) for path in inputs if path is not None}
    for option, path in outputs.items():
        if path is None:
            continue
        target = Path(path).resolve()
        clash = known.get(target) or next((p for r, p in known.items() if option == "plots" and target in r.parents), None)
        if clash is not None:
            raise InputError(str(path), f"--{option} would overwrite the input {clash}",
                             f"write --{option} to another file")
    paths = [Path(p).resolve() for p in outputs.values() if p is not None]
    if len(paths) != len(set(paths)):
        raise InputError(str(paths[0]), "two outputs name the same file", "give each output its own file name")


def score_command(
    predictions: Optional[Path] = typer.Argument(None, help=PREDICTIONS_HELP),
    answers: Optional[Path] = typer.Option(None, "--answers", help="Score a language model's free-text answers "
                                           "instead: JSONL of {\"id\", \"answer\"} or Batch API output lines."),
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
    from sgpos.errors import InputError
    from sgpos.evaluate import report
    from sgpos.evaluate.answers import score_answers
    from sgpos.evaluate.scoring import score

    if (predictions is None) == (answers is None):
        raise InputError("sgpos score", "give a predictions file or --answers FILE, not both or neither",
                         "e.g. `sgpos score preds.jsonl` or `sgpos score --answers answers.jsonl`")
    source = predictions or answers
    _check_output_paths(json=json_path, markdown=markdown_path, plots=plots_dir)
    _check_not_inputs([source, gold], json=json_path, markdown=markdown_path, plots=plots_dir)
    model = {"name": model_name or source.stem, "kind": model_kind, "url": model_url}
    scorer = score if answers is None else score_answers
    results = scorer(source, gold, config=config, split=split, seed=seed, resamples=resamples,
                     model=model, data_dir=data_dir)
    markdown_text = report.score_markdown(results) if markdown_path else None
    figures = {}
    if plots_dir:
        from sgpos.evaluate import plots

        figures = plots.figures(results)
    _write_outputs(json_path, results, markdown_path, markdown_text, plots_dir, figures)
    if not quiet:
        report.print_tables(report.score_tables(results))
    if "answers" in results and results["answers"]["unparseable"]:
        block = results["answers"]
        typer.echo(f"{block['unparseable']} of {block['n']} answers could not be parsed and count as wrong; "
                   f"first: {', '.join(repr(e['answer'])[:60] for e in block['examples'][:3])}", err=True)


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
    _check_not_inputs([predictions_a, predictions_b, gold], json=json_path, markdown=markdown_path)
    result = compare(predictions_a, predictions_b, gold, config=config, split=split, seed=seed,
                     resamples=resamples, data_dir=data_dir)
    markdown_text = report.compare_markdown(result) if markdown_path else None
    _write_outputs(json_path, result, markdown_path, markdown_text, None, {})
    report.print_tables(report.compare_tables(result), footer=result["verdict"])


def register(app: typer.Typer) -> None:
    """Attach the scoring commands to ``app``."""
    app.command("score")(score_command)
    app.command("compare")(compare_command)
