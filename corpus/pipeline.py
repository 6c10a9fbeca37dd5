"""``sgpos corpus build``: annotations -> published splits and the two cards."""

from __future__ import annotations

from pathlib import Path

from sgpos.atomic import write_bytes_atomic
from sgpos.errors import InputError

from .annotations_io import load_annotation_rows
from .build import build_configs, rendered_files
from .card import render_cards
from .paths import ANNOTATIONS_DIR, CORPUS_DIR, DATA_DIR, is_installed_package
from .version import CORPUS_VERSION


def expected_outputs(rows: list[dict], *, passages: list[dict] | None = None, data_dir: Path = DATA_DIR,
                     root: Path = CORPUS_DIR.parent) -> dict[str, bytes]:
    """Return every file a build writes, as ``{path: bytes}`` (absolute paths as strings).

    The root ``DATASET_CARD.md`` is included only in a checkout (where ``pyproject.toml`` is).
    """
    configs, cuts = build_configs(rows, passages)
    data = rendered_files(configs)
    outputs = {str(Path(data_dir) / relative): content for relative, content in data.items()}
    cards = render_cards(rows, configs, cuts, version=CORPUS_VERSION, files=data, passages=passages or [])
    outputs[str(Path(data_dir).parent / "README.md")] = cards["corpus/README.md"].encode("utf-8")
    if (Path(root) / "pyproject.toml").exists():
        outputs[str(Path(root) / "DATASET_CARD.md")] = cards["DATASET_CARD.md"].encode("utf-8")
    return outputs


def build(annotations_dir: Path = ANNOTATIONS_DIR, data_dir: Path = DATA_DIR,
          root: Path = CORPUS_DIR.parent) -> tuple[dict[str, bytes], list[InputError]]:
    """Check the annotations, then write the published files and cards.

    Returns the files written and the problems found; if there is any problem, or the
    target lies inside an installed package, nothing is written.
    """
    from .passages import passages_dir_for, read_passages
    from .validate import check_annotations

    if is_installed_package(Path(data_dir)):
        return {}, [InputError(str(data_dir), "refusing to build inside an installed package",
                               "run `sgpos corpus build` in a checkout of the repository")]
    rows, problems = check_annotations(annotations_dir)
    passages, passage_problems = read_passages(passages_dir_for(annotations_dir))
    problems += passage_problems
    if problems:
        return {}, problems
    outputs = expected_outputs(rows, passages=[p.passage for p in passages], data_dir=data_dir, root=root)
    for path, content in outputs.items():
        write_bytes_atomic(Path(path), content)
    return outputs, []


__all__ = ["build", "expected_outputs", "load_annotation_rows"]
