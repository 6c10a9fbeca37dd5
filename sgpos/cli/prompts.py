"""``sgpos prompts``: one language-model request per row, as JSONL (no network)."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer


def register(app: typer.Typer) -> None:
    """Attach the prompts command to ``app``."""
    app.command("prompts")(prompts_command)


def prompts_command(
    out: Path = typer.Argument(..., help="Where to write the requests (JSONL)."),
    config: str = typer.Option("stance", "--config", help="A stance config: stance, stance_temporal, "
                               "stance_unseen_target."),
    split: str = typer.Option("test", "--split", help="Split to prompt: train, validation, test."),
    shots: int = typer.Option(0, "--shots", help="Few-shot exemplars per request, drawn from train (0-20)."),
    seed: int = typer.Option(0, "--seed", help="Seed of the exemplar choice."),
    fmt: str = typer.Option("chat", "--format", help="chat ({\"id\", \"messages\"} lines) or openai-batch "
                            "(Batch API request lines, custom_id = row id)."),
    model: Optional[str] = typer.Option(None, "--model", help="Model name written into openai-batch requests."),
) -> None:
    """Write one request per row: the task, the target's definitions from GUIDELINES.md, the party and the text.

    Score the model's replies with `sgpos score --answers FILE`.
    """
    from sgpos.atomic import write_bytes_atomic
    from sgpos.errors import InputError
    from sgpos.evaluate.prompts import build_requests, requests_jsonl

    if out.is_dir():
        raise InputError(str(out), "is a folder", "give a file name for the requests")
    requests = build_requests(config, split, shots=shots, seed=seed, fmt=fmt, model=model)
    write_bytes_atomic(out, requests_jsonl(requests).encode("utf-8"))
    typer.echo(f"wrote {len(requests)} requests to {out}; score the replies with "
               f"`sgpos score --answers REPLIES.jsonl --config {config} --split {split}`")
