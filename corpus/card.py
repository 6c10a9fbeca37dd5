"""Render the two cards (corpus/README.md for Hugging Face, DATASET_CARD.md at the root)
from one shared source, ``corpus/CARD_SHARED.md``, filling in the figures the build computes."""

from __future__ import annotations

from .agreement import agreement_markdown
from .bias import bias_markdown
from .features import CONFIGS, label_column
from .paths import CORPUS_DIR, SPLITS
from .rechecks import recheck_markdown
from .stats import compute_stats, stats_markdown, thin_cells_markdown

SHARED_SOURCE = CORPUS_DIR / "CARD_SHARED.md"


def split_table(configs: dict[str, dict[str, list[dict]]]) -> str:
    """Return a Markdown table of rows (and statements) per config and split."""
    lines = ["| config | " + " | ".join(SPLITS) + " |", "|---|" + "---:|" * len(SPLITS)]
    for config, splits in configs.items():
        cells = []
        for split in SPLITS:
            rows = splits[split]
            if label_column(config) == "stance":
                cells.append(f"{len(rows)} ({len({r['statement_id'] for r in rows})} statements)")
            else:
                cells.append(f"{len(rows)} pairs")
        lines.append(f"| `{config}` | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def render_cards(annotation_rows: list[dict], configs: dict, cuts: dict, *, version: str,
                 files: dict[str, bytes]) -> dict[str, str]:
    """Return ``{"corpus/README.md": ..., "DATASET_CARD.md": ...}`` rendered from the shared source."""
    from sgpos.hashing import content_hash
    from .features import card_yaml

    values = {
        "version": version,
        "content_sha256": content_hash(files),
        "stats": stats_markdown(compute_stats(annotation_rows), heading_level=4),
        "thin_cells": thin_cells_markdown(compute_stats(annotation_rows)),
        "consistency_relabels": str(sum("Consistency pass" in r["adjudication_note"] for r in annotation_rows)),
        "rechecks": recheck_markdown(),
        "agreement": agreement_markdown(annotation_rows),
        "splits": split_table(configs),
        "bias": bias_markdown(configs),
        "validation_from": cuts.get("validation_from", "n/a"),
        "test_from": cuts.get("test_from", "n/a"),
    }
    body = SHARED_SOURCE.read_text(encoding="utf-8")
    for key, value in values.items():
        body = body.replace("{{" + key + "}}", value.rstrip("\n"))
    hashes = {config: content_hash({k: v for k, v in files.items() if k.startswith(f"{config}/")})
              for config in CONFIGS}
    hf_card = card_yaml(hashes) + "\n# sgpos: Security-Guarantee POSitions\n\n" + body
    root_card = "# Dataset card: sgpos (Security-Guarantee POSitions)\n\n" + body
    return {"corpus/README.md": hf_card, "DATASET_CARD.md": root_card}
