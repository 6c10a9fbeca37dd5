"""``sgpos corpus validate``: every check on the annotation and published files.

Each problem is an ``InputError`` naming the file, the line, what is wrong and how
to fix it; the CLI prints them all and exits with code 2 if there is any.
"""

from __future__ import annotations

from pathlib import Path

from sgpos.errors import InputError

from .annotations_io import SourcedRow, read_annotations
from .paths import ANNOTATIONS_DIR, CORPUS_DIR, DATA_DIR
from .schema import check_row

NEAR_DUPLICATE_COSINE = 0.9
#: Fields every row of one statement must share.
STATEMENT_FIELDS = ("text", "party", "speaker", "speaker_role", "date", "date_approx",
                    "source_url", "source_outlet", "style", "reported_parties")


def check_annotations(annotations_dir: Path = ANNOTATIONS_DIR) -> tuple[list[dict], list[InputError]]:
    """Run the row-level checks; return the rows that passed and every problem found."""
    sourced, problems = read_annotations(annotations_dir)
    if not sourced and not problems:
        problems.append(InputError(str(annotations_dir), "no annotation rows found",
                                   "add corpus/annotations/*.jsonl files"))
    good: list[SourcedRow] = []
    for item in sourced:
        row_problems = check_row(item.row)
        problems += [InputError(item.path, problem, fix, line=item.line) for problem, fix in row_problems]
        if not row_problems:
            good.append(item)
    problems += check_unique_ids(good)
    problems += check_statement_consistency(good)
    problems += check_near_duplicates(good)
    return [item.row for item in good], problems


def check_unique_ids(rows: list[SourcedRow]) -> list[InputError]:
    """Report row ids that occur more than once."""
    first_seen: dict[str, SourcedRow] = {}
    problems = []
    for item in rows:
        row_id = item.row["id"]
        if row_id in first_seen:
            other = first_seen[row_id]
            problems.append(InputError(item.path, f"duplicate id {row_id!r} (also at {other.path}, line {other.line})",
                                       "give the statement another slug or remove the repeated row", line=item.line))
        else:
            first_seen[row_id] = item
    return problems


def check_statement_consistency(rows: list[SourcedRow]) -> list[InputError]:
    """Report rows of one statement that disagree on the statement's own fields."""
    first: dict[str, SourcedRow] = {}
    problems = []
    for item in rows:
        sid = item.row["statement_id"]
        if sid not in first:
            first[sid] = item
            continue
        for name in STATEMENT_FIELDS:
            if item.row.get(name) != first[sid].row.get(name):
                problems.append(InputError(item.path, f"field '{name}' differs from the same statement's row at "
                                           f"{first[sid].path}, line {first[sid].line}",
                                           f"make '{name}' identical on every row of {sid}", line=item.line))
    return problems


def check_near_duplicates(rows: list[SourcedRow]) -> list[InputError]:
    """Report pairs of different statements whose texts are near-identical.

    Character 3-5-gram TF-IDF cosine >= 0.9 flags a pair (the second one named).
    """
    texts: dict[str, SourcedRow] = {}
    for item in rows:
        texts.setdefault(item.row["statement_id"], item)
    if len(texts) < 2:
        return []
    from sklearn.feature_extraction.text import TfidfVectorizer

    items = list(texts.values())
    matrix = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), lowercase=True).fit_transform(
        [item.row["text"] for item in items])
    similarity = (matrix @ matrix.T).tocoo()
    flagged = (similarity.row < similarity.col) & (similarity.data >= NEAR_DUPLICATE_COSINE)
    problems = []
    for i, j, value in zip(similarity.row[flagged], similarity.col[flagged], similarity.data[flagged]):
        a, b = items[i], items[j]
        problems.append(InputError(b.path, f"text of {b.row['statement_id']!r} is near-identical (cosine "
                                   f"{value:.2f}) to {a.row['statement_id']!r} at {a.path}, line {a.line}",
                                   "merge the two statements or rewrite one text", line=b.line))
    return problems


def check_published(rows: list[dict], passages: list[dict] | None = None, data_dir: Path = DATA_DIR,
                    root: Path = CORPUS_DIR.parent) -> list[InputError]:
    """Report published files (and cards) that differ from a fresh build of ``rows`` and ``passages``."""
    from .pipeline import expected_outputs

    problems = []
    for relative, expected in expected_outputs(rows, passages=passages, data_dir=data_dir, root=root).items():
        path = Path(relative)
        if not path.exists():
            problems.append(InputError(str(path), "the file is missing", "run `sgpos corpus build`"))
            continue
        actual = path.read_bytes()
        if actual != expected:
            line = _first_differing_line(actual, expected)
            problems.append(InputError(str(path), "the file differs from a fresh build of corpus/annotations "
                                       "(edit the annotation files, never the built files)",
                                       "run `sgpos corpus build`", line=line))
    problems += check_split_disjoint(data_dir)
    return problems


def _first_differing_line(actual: bytes, expected: bytes) -> int:
    a, b = actual.split(b"\n"), expected.split(b"\n")
    for number, (x, y) in enumerate(zip(a, b), start=1):
        if x != y:
            return number
    return min(len(a), len(b)) + 1


def check_split_disjoint(data_dir: Path = DATA_DIR) -> list[InputError]:
    """Report statements that appear in two splits of one published stance config."""
    import json

    problems = []
    for config_dir in sorted(p for p in Path(data_dir).iterdir() if p.is_dir()) if Path(data_dir).exists() else []:
        if config_dir.name == "shifts":
            continue  # by design a statement's pairs may straddle splits (see build_shifts)
        seen: dict[str, str] = {}
        for path in sorted(config_dir.glob("*.jsonl")):
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
                try:
                    row = json.loads(line)
                except json.JSONDecodeError:
                    problems.append(InputError(str(path), "malformed JSON", "run `sgpos corpus build`", line=number))
                    continue
                for sid in _statement_ids(row):
                    if seen.setdefault(sid, path.stem) != path.stem:
                        problems.append(InputError(str(path), f"statement {sid!r} is in both {seen[sid]} and {path.stem}",
                                                   "run `sgpos corpus build` (never move rows by hand)", line=number))
    return problems


def _statement_ids(row: dict) -> list[str]:
    if "statement_id" in row:
        return [row["statement_id"]]
    if "passage_id" in row:
        return [row["passage_id"]]
    return [row[k].split(":")[0] for k in ("id_a", "id_b") if isinstance(row.get(k), str)]


def validate(annotations_dir: Path = ANNOTATIONS_DIR, data_dir: Path = DATA_DIR,
             root: Path = CORPUS_DIR.parent) -> list[InputError]:
    """Run every check; return all problems (an empty list means the corpus is valid)."""
    from .passages import passages_dir_for, read_passages

    rows, problems = check_annotations(annotations_dir)
    passages, passage_problems = read_passages(passages_dir_for(annotations_dir))
    problems += passage_problems
    if not problems:
        problems += check_published(rows, [p.passage for p in passages], data_dir=data_dir, root=root)
    return problems
