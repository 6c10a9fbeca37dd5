"""``sgpos corpus ...``: validate, stats, build, agreement, sample."""

from __future__ import annotations

from pathlib import Path

import typer

from sgpos.corpus.paths import ANNOTATIONS_DIR, DATA_DIR

corpus_app = typer.Typer(help="Work with the corpus: validate, build, statistics, agreement, samples.",
                         no_args_is_help=True, context_settings={"help_option_names": ["-h", "--help"]})


def register(app: typer.Typer) -> None:
    """Attach ``sgpos corpus ...`` to ``app``."""
    app.add_typer(corpus_app, name="corpus")


AnnotationsOption = typer.Option(ANNOTATIONS_DIR, "--annotations", help="Folder of annotation *.jsonl files.")
DataOption = typer.Option(DATA_DIR, "--data", help="Folder of the published files (data/<config>/<split>.jsonl).")


def _report_problems(problems) -> None:
    """Print every problem, one line each, and exit with code 2 if there is any."""
    for problem in problems:
        typer.echo(f"error: {problem}", err=True)
    if problems:
        typer.echo(f"{len(problems)} problem(s) found.", err=True)
        raise typer.Exit(2)


def _checked_rows(annotations: Path) -> list[dict]:
    from sgpos.corpus.validate import check_annotations

    rows, problems = check_annotations(annotations)
    _report_problems(problems)
    return rows


@corpus_app.command("validate")
def validate_command(annotations: Path = AnnotationsOption, data: Path = DataOption) -> None:
    """Check the annotation files and that the published files equal a fresh build."""
    from sgpos.corpus.validate import validate

    problems = validate(annotations, data, root=Path(data).resolve().parent.parent)
    _report_problems(problems)
    typer.echo("corpus is valid")


@corpus_app.command("build")
def build_command(annotations: Path = AnnotationsOption, data: Path = DataOption) -> None:
    """Write the published configs and splits and the two cards from the annotations."""
    from sgpos.corpus.pipeline import build

    outputs, problems = build(annotations, data, root=Path(data).resolve().parent.parent)
    _report_problems(problems)
    for path in outputs:
        typer.echo(f"wrote {path}")


@corpus_app.command("stats")
def stats_command(annotations: Path = AnnotationsOption,
                  markdown: bool = typer.Option(False, "--markdown", help="Print Markdown tables (for the card).")) -> None:
    """Rows by target x stance, party, year, style and outlet."""
    from sgpos.corpus.stats import compute_stats, stats_markdown, stats_text

    stats = compute_stats(_checked_rows(annotations))
    typer.echo(stats_markdown(stats) if markdown else stats_text(stats), nl=False)


@corpus_app.command("agreement")
def agreement_command(annotations: Path = AnnotationsOption) -> None:
    """Cohen's kappa of the first and the blind second pass, overall and per target."""
    from sgpos.corpus.agreement import agreement_markdown

    typer.echo(agreement_markdown(_checked_rows(annotations)), nl=False)


@corpus_app.command("sample")
def sample_command(n: int = typer.Option(50, "--n", min=1, help="How many rows."),
                   seed: int = typer.Option(0, "--seed", help="Seed of the sample."),
                   since: str = typer.Option("", "--since", help="Only rows dated on or after this ISO date."),
                   files: list[str] = typer.Option([], "--file", help="Only rows of this annotation file "
                                                   "(a name in the annotations folder, e.g. batch_n.jsonl); repeatable."),
                   annotations: Path = AnnotationsOption) -> None:
    """Print a seeded random sample of rows as JSONL, for a source re-check."""
    import json

    from sgpos.corpus.annotations_io import annotation_files, read_annotations
    from sgpos.corpus.sampling import sample_rows

    rows = _checked_rows(annotations)
    only_ids = None
    if files:
        known = {path.name for path in annotation_files(annotations)}
        unknown = [name for name in files if name not in known]
        if unknown:
            typer.echo(f"error: {annotations}: no annotation file named {', '.join(unknown)}; "
                       f"choose from {', '.join(sorted(known))}", err=True)
            raise typer.Exit(2)
        sourced, _ = read_annotations(annotations)
        only_ids = {item.row["id"] for item in sourced if Path(item.path).name in files}
    for row in sample_rows(rows, n=n, seed=seed, since=since, only_ids=only_ids):
        typer.echo(json.dumps(row, ensure_ascii=False))
