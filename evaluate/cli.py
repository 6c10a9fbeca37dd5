"""The ``sgpos`` command line. Heavy libraries are imported inside commands, so
``sgpos --help`` stays fast."""

from __future__ import annotations

import sys

import typer

from sgpos.corpus.errors import InputError

from . import cli_benchmark, cli_leaderboard, cli_score
from .cli_corpus import corpus_app

app = typer.Typer(help="sgpos: a stance benchmark of positions on security guarantees for Ukraine.",
                  no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False)
app.add_typer(corpus_app, name="corpus")

cli_score.register(app)
cli_benchmark.register(app)
cli_leaderboard.register(app)


def main() -> None:
    """Run the CLI; bad input prints one message and exits with code 2."""
    try:
        code = app(standalone_mode=False)
    except InputError as err:
        typer.echo(f"error: {err}", err=True)
        sys.exit(2)
    except typer.Exit as err:
        sys.exit(err.exit_code)
    except (typer.Abort, KeyboardInterrupt):
        typer.echo("aborted", err=True)
        sys.exit(130)
    except Exception as err:  # click usage errors carry their own exit code
        import click

        if isinstance(err, click.ClickException):
            err.show()
            sys.exit(err.exit_code)
        raise
    sys.exit(code if isinstance(code, int) else 0)
