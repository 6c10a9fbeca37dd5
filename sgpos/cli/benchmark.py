"""``sgpos benchmark``: every baseline on every config."""

from __future__ import annotations

from pathlib import Path

import typer


def register(app: typer.Typer) -> None:
    """Attach the benchmark command to ``app``."""

    @app.command("benchmark")
    def benchmark(
        baselines: str = typer.Option(None, "--baselines", help="Comma-separated baselines (default: all), "
                                      "e.g. majority,tfidf_svm."),
        configs: str = typer.Option(None, "--configs", help="Comma-separated configs (default: every config "
                                    "whose files exist): stance, stance_temporal, stance_unseen_target, pairs, shifts, passages."),
        out: Path = typer.Option(Path("results/baselines"), "--out", help="Folder for <config>/<baseline>"
                                 ".predictions.jsonl and .json."),
        data_dir: Path = typer.Option(None, "--data-dir", help="Corpus data folder (default: the installed "
                                      "corpus's data/)."),
        resamples: int = typer.Option(1000, "--resamples", help="Bootstrap resamples of the 95% intervals."),
        readme_table: Path = typer.Option(None, "--readme-table", help="Run nothing: rewrite the results "
                                          "block of this README from the results in --out, and exit."),
        check: bool = typer.Option(False, "--check", help="Rerun into a temporary folder and compare with the "
                                   "files in --out (labels and counts exactly, probabilities within 1e-4); exit 1 "
                                   "naming each file that differs."),
    ) -> None:
        """Train every baseline on train, tune on validation, score on test; print a table per config.

        Deterministic: two runs write byte-identical files.
        """
        from sgpos.evaluate import benchmark as bench

        if readme_table is not None:
            changed = bench.update_readme(readme_table, out)
            typer.echo(f"{readme_table}: results table {'updated' if changed else 'already up to date'}")
            return
        def progress(message: str) -> None:
            typer.echo(message, err=True)

        if check:
            differ = bench.check_reproduces(baselines, configs, out=out, data_dir=data_dir, resamples=resamples,
                                            progress=progress)
            for problem in differ:
                typer.echo(f"differs: {out}/{problem}")
            typer.echo(f"{out}: {'results reproduce (labels exactly, probabilities within 1e-4)' if not differ else f'{len(differ)} files differ'}")
            raise typer.Exit(1 if differ else 0)
        results = bench.run_benchmark(baselines, configs, out=out, data_dir=data_dir, resamples=resamples,
                                      progress=progress, references=Path(out).parent / bench.REFERENCE_DIR.name)
        for config, by_baseline in results.items():
            if by_baseline:
                typer.echo("\n" + bench.text_table(config, by_baseline))
        typer.echo(f"\nwrote {out}/<config>/<baseline>.predictions.jsonl and .json")
