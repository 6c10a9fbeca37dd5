"""The ``sgpos`` command line: a thin shell over the libraries.

Each module registers its commands with ``register(app)``. Heavy libraries are
imported inside the commands, so ``sgpos --help`` stays fast. Whatever goes wrong,
the user sees one line, never a traceback: bad input and usage errors exit 2,
an interrupt 130.
"""

from __future__ import annotations

import os
import sys

import typer

from sgpos import __version__
from sgpos.errors import InputError

from . import benchmark, corpus, explore, leaderboard, prompts, score

CONTEXT = {"help_option_names": ["-h", "--help"]}

app = typer.Typer(help="sgpos: a stance benchmark of positions on security guarantees for Ukraine.",
                  no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False,
                  context_settings=CONTEXT)


def _print_version(value: bool) -> None:
    if value:
        typer.echo(f"sgpos {__version__}")
        raise typer.Exit(0)


@app.callback()
def _root(version: bool = typer.Option(False, "--version", callback=_print_version, is_eager=True,
                                       help="Print the version and exit.")) -> None:
    """sgpos: a stance benchmark of positions on security guarantees for Ukraine."""


for module in (score, prompts, benchmark, leaderboard, corpus, explore):
    module.register(app)


def _usage_error_line(err: Exception) -> str:
    ctx = getattr(err, "ctx", None)
    command = getattr(ctx, "command_path", "sgpos") if ctx is not None else "sgpos"
    return f"error: {err.format_message()} (see '{command} --help')"


def main(argv: list[str] | None = None) -> None:
    """Run the CLI and exit: 0 on success, 2 for bad input or usage, 130 on Ctrl-C, 1 on a bug."""
    try:
        code = app(args=argv, standalone_mode=False)
    except InputError as err:
        typer.echo(f"error: {err}", err=True)
        sys.exit(2)
    except KeyboardInterrupt:
        typer.echo("interrupted: nothing was written", err=True)
        sys.exit(130)
    except Exception as err:
        sys.exit(_exit_for(err))
    if code == 130:  # typer turns Ctrl-C inside a command into exit code 130, silently
        typer.echo("interrupted: nothing was written", err=True)
    sys.exit(code if isinstance(code, int) else 0)


def _exit_for(err: Exception) -> int:
    """Print one line for an error that is not an ``InputError``; return the exit code."""
    name = type(err).__name__
    # typer bundles its own copy of click, so its exceptions are matched by shape, not class.
    if name == "NoArgsIsHelpError":
        text = err.ctx.get_help()  # typer's rich help prints itself and returns ""
        if text:
            typer.echo(text, err=True)
        return 2
    if name == "Exit":
        return getattr(err, "exit_code", 0)
    if name == "Abort":
        typer.echo("aborted: nothing was written", err=True)
        return 130
    if hasattr(err, "format_message") and hasattr(err, "exit_code"):
        typer.echo(_usage_error_line(err), err=True)
        return 2 if err.exit_code in (1, 2) else err.exit_code
    if isinstance(err, OSError) and err.filename is not None:
        typer.echo(f"error: {err.filename}: {err.strerror or err}; check the path and its permissions", err=True)
        return 2
    if os.environ.get("SGPOS_DEBUG"):
        raise err
    typer.echo(f"internal error: {name}: {err} (a bug in sgpos; rerun with SGPOS_DEBUG=1 for the traceback "
               "and report it)", err=True)
    return 1
