"""Read prediction and gold files strictly, and write results atomically.

Formats: JSONL, one ``{"id": ..., "label": ...}`` object per
line with optional ``"scores": {label: probability}``; or CSV with a header that has
``id`` and ``label``. Gold files may add ``target``, ``party`` and ``date``
(``YYYY-MM-DD``; only the year is used). A UTF-8 BOM, CRLF line ends, blank lines
and a missing final newline are accepted. Extra keys or columns are ignored.

Labels are matched after stripping surrounding spaces and case-folding
(``"Favor "`` reads as ``favor``); ids are matched exactly.

Reading is two-tier: a fast columnar parse (pyarrow) accepts a file only when every
check passes; anything unusual goes to a strict line-by-line reader, which is the
one that finds the first bad line and raises :class:`InputError` naming the file,
the line and the fix.
"""

from __future__ import annotations

import csv
import hashlib
import json
import math
import numbers
from dataclasses import dataclass, field
from io import StringIO
from pathlib import Path

from sgpos.corpus.ids import LABELS

from sgpos.atomic import write_bytes_atomic
from sgpos.errors import InputError
from sgpos.suggest import suggest

#: Optional columns of a gold file. ``counter_prior`` is a boolean (JSON true/false, or
#: true/false in CSV), kept as the strings "true"/"false".
GOLD_EXTRA_COLUMNS: tuple[str, ...] = ("target", "party", "date", "counter_prior")
BOOLEAN_TEXT: dict[str, str] = {"true": "true", "false": "false", "1": "true", "0": "false"}
#: How far a row's scores may sum from 1 (float32 softmax output and 6-decimal rounding pass).
SCORE_SUM_TOLERANCE = 1e-3
#: Label spellings of other stance datasets, named in "did you mean" hints.
LABEL_HINTS: dict[str, str] = {"none": "neutral", "pro": "favor", "con": "against"}


@dataclass
class Rows:
    """Validated rows of a prediction or gold file, in file order.

    ``ids`` is a pyarrow string array; ``codes`` an int8 array of label indices into
    ``label_names``; ``scores`` an ``(n, k)`` float array ordered by ``label_names``
    (or None); ``extra`` maps optional gold columns to pyarrow string arrays.
    """

    source: str
    label_names: tuple[str, ...]
    ids: object
    codes: object
    scores: object = None
    extra: dict = field(default_factory=dict)
    lines: list | None = None  # line of each row, when known without re-reading
    path: Path | None = None
    kind: str = "predictions"
    sorted_cache: tuple | None = field(default=None, repr=False)  # (sort order, sorted ids)

    def __len__(self) -> int:
        return len(self.codes)

    def line_of(self, row: int) -> int | None:
        """Return the file line of row index ``row`` (re-reading the file if needed)."""
        if self.lines is None and self.path is not None:
            records = _parse_strict(self.path, _read_bytes(self.path), self.kind)
            self.lines = [line for line, _ in records]
        return None if self.lines is None else self.lines[row]

    def where(self, row: int) -> tuple[str, int | None]:
        """Return (source, line) for an error message about row index ``row``."""
        if self.path is None:
            return f"{self.source}[{row}]", None
        return self.source, self.line_of(row)


# ---------------------------------------------------------------- public API


def read_rows(path, label_names: tuple[str, ...] = LABELS, *, kind: str = "predictions") -> Rows:
    """Read and check a predictions or gold file (JSONL or CSV) into :class:`Rows`.

    Raises :class:`InputError` for an empty file, malformed JSON or CSV, missing or
    non-string ids, duplicate ids, unknown labels and scores that are not
    probabilities over exactly ``label_names``.
    """
    path = Path(path)
    if path.is_dir():
        raise InputError(str(path), "is a folder, not a file", f"pass the {kind} file itself")
    if not path.is_file():
        raise InputError(str(path), "file not found", "check the path")
    data = _read_bytes(path)
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        raise InputError(str(path), f"not UTF-8 text (byte {err.start})", "save the file as UTF-8", line=line) \
            from None
    if not data[:4096].strip() and not data.strip():
        raise InputError(str(path), "file is empty", f"write one {kind} row per line")
    fast = _read_fast(path, data, label_names, kind)
    if fast is not None:
        return fast
    records = _parse_strict(path, data, kind)
    return rows_from_records(records, label_names, source=str(path), path=path, kind=kind)


def rows_from_dicts(items, label_names: tuple[str, ...] = LABELS, *, source: str = "predictions",
                    kind: str = "predictions") -> Rows:
    """Check a list of dicts (``id``, ``label``, optional ``scores``) into :class:`Rows`."""
    if not isinstance(items, (list, tuple)):
        raise InputError(source, f"expected a list of dicts, got {type(items).__name__}",
                         "pass a path or a list of {'id': ..., 'label': ...} dicts")
    if not items:
        raise InputError(source, "no rows", f"pass at least one {kind} row")
    records = []
    for index, item in enumerate(items):
        if not isinstance(item, dict):
            raise InputError(f"{source}[{index}]", f"expected a dict, got {type(item).__name__}",
                             "give each row as {'id': ..., 'label': ...}")
        records.append((index + 1, item))
    return rows_from_records(records, label_names, source=source, path=None, kind=kind)


def read_predictions(path, *, labels: tuple[str, ...] = LABELS) -> list[dict]:
    """Read a predictions file strictly; return ``[{"id", "label"[, "scores"]}]`` in file order.

    Labels come back canonical (case-folded); scores as ``{label: float}`` in label order.
    """
    rows = read_rows(path, tuple(labels))
    return rows_to_dicts(rows)


def rows_to_dicts(rows: Rows) -> list[dict]:
    """Return :class:`Rows` as plain ``{"id", "label"[, "scores"]}`` dicts."""
    ids = rows.ids.to_pylist()
    out = []
    for index, (row_id, code) in enumerate(zip(ids, rows.codes.tolist())):
        item = {"id": row_id, "label": rows.label_names[code]}
        if rows.scores is not None:
            item["scores"] = dict(zip(rows.label_names, rows.scores[index].tolist()))
        out.append(item)
    return out


def predictions_sha256(rows) -> str:
    """Return the sha256 of the canonical form of predictions: sorted by id, ``id<TAB>label\\n``.

    ``rows`` is a list of ``{"id", "label"}`` dicts or :class:`Rows`. CRLF, a BOM, the
    order of rows and the scores never change it.

    >>> predictions_sha256([{"id": "b", "label": "favor"}, {"id": "a", "label": "neutral"}])[:12]
    'd0a5ae41cdd9'
    """
    if isinstance(rows, Rows):
        return _rows_sha256(rows)
    pairs = sorted((str(row["id"]), str(row["label"])) for row in rows)
    digest = hashlib.sha256()
    for row_id, label in pairs:
        digest.update(f"{row_id}\t{label}\n".encode("utf-8"))
    return digest.hexdigest()


def dumps_json(obj) -> str:
    """Return the deterministic JSON text of ``obj``: sorted keys, indent 2, trailing newline."""
    return json.dumps(obj, sort_keys=True, indent=2, ensure_ascii=False, allow_nan=False) + "\n"


def write_json_atomic(path, obj) -> None:
    """Write ``obj`` as deterministic JSON (sorted keys, indent 2, trailing newline), atomically."""
    write_bytes_atomic(path, dumps_json(obj).encode("utf-8"))


def write_text_atomic(path, text: str) -> None:
    """Write ``text`` (UTF-8) atomically."""
    write_bytes_atomic(path, text.encode("utf-8"))


def write_predictions_atomic(path, rows) -> None:
    """Write predictions as JSONL, one ``{"id","label"[,"scores"]}`` per line, sorted by id.

    Scores are rounded to 6 decimals; the file is written atomically.
    """
    lines = []
    for row in sorted(rows, key=lambda item: str(item["id"])):
        item = {"id": str(row["id"]), "label": str(row["label"])}
        if row.get("scores") is not None:
            item["scores"] = {name: round(float(value), 6) for name, value in row["scores"].items()}
        lines.append(json.dumps(item, ensure_ascii=False, allow_nan=False))
    write_text_atomic(path, "\n".join(lines) + "\n")


# ---------------------------------------------------------------- reading internals


def _read_bytes(path: Path) -> bytes:
    data = path.read_bytes()
    return data[3:] if data.startswith(b"\xef\xbb\xbf") else data


def _file_format(path: Path, data: bytes) -> str:
    suffix = path.suffix.lower()
    if suffix in (".jsonl", ".json", ".ndjson"):
        return "jsonl"
    if suffix in (".csv",):
        return "csv"
    return "jsonl" if data.lstrip()[:1] == b"{" else "csv"


def _normalise_label(value: str) -> str:
    return value.strip().casefold()


def _label_error(source: str, line, value, label_names) -> InputError:
    text = _normalise_label(value)
    hint = suggest(text, label_names)
    if not hint and LABEL_HINTS.get(text) in label_names:
        hint = f" (did you mean '{LABEL_HINTS[text]}'?)"
    other_config = {"agree": "pairs", "conflict": "pairs", "open": "pairs", "held": "shifts",
                    "toward_favor": "shifts", "toward_against": "shifts",
                    "favor": "a stance config", "against": "a stance config", "neutral": "a stance config"}
    if not hint and text in other_config:
        hint = f" ({text!r} is a label of {other_config[text]}: check --config)"
    return InputError(source, f"unknown label {value!r}{hint}",
                      f"use one of {', '.join(label_names)} (case and surrounding spaces are ignored)",
                      line=line)


def _parse_strict(path: Path, data: bytes, kind: str) -> list[tuple[int, dict]]:
    """Parse a file line by line; return ``[(line, row dict)]`` or raise at the first bad line."""
    source = str(path)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        raise InputError(source, f"not UTF-8 text (byte {err.start})", "save the file as UTF-8", line=line) from None
    if _file_format(path, data) == "jsonl":
        return _parse_jsonl_strict(source, text, kind)
    return _parse_csv_strict(source, text, kind)


def _reject_duplicate_keys(pairs):
    keys = [key for key, _ in pairs]
    repeated = sorted({key for key in keys if keys.count(key) > 1})
    if repeated:
        raise ValueError(f"key {repeated[0]!r} appears twice in one object")
    return dict(pairs)


def _parse_jsonl_strict(source: str, text: str, kind: str) -> list[tuple[int, dict]]:
    records = []
    for number, line in enumerate(text.split("\n"), start=1):  # not splitlines: U+2028 may sit in a string
        if not line.strip():
            continue
        try:
            value = json.loads(line, object_pairs_hook=_reject_duplicate_keys)
        except (json.JSONDecodeError, ValueError) as err:
            raise InputError(source, f"malformed JSON ({err})",
                             'write one JSON object per line, e.g. {"id": "x", "label": "favor"}',
                             line=number) from None
        if not isinstance(value, dict):
            raise InputError(source, f"expected a JSON object, got {type(value).__name__}",
                             'write one JSON object per line, e.g. {"id": "x", "label": "favor"}', line=number)
        records.append((number, value))
    if not records:
        raise InputError(source, "file is empty", f"write one {kind} row per line")
    return records


def _parse_csv_strict(source: str, text: str, kind: str) -> list[tuple[int, dict]]:
    reader = csv.reader(StringIO(text, newline=""), strict=True)
    try:
        header = next(reader)
    except StopIteration:
        raise InputError(source, "file is empty", f"write a header line id,label and one {kind} row per line") from None
    except csv.Error as err:
        raise InputError(source, f"malformed CSV ({err})", "fix the quoting", line=1) from None
    header = [name.strip() for name in header]
    missing = [name for name in ("id", "label") if name not in header]
    if missing:
        raise InputError(source, f"CSV header has no {' or '.join(repr(m) for m in missing)} column "
                         f"(found {', '.join(header)})", "start the file with the header line id,label", line=1)
    repeated = sorted({name for name in header if header.count(name) > 1})
    if repeated:
        raise InputError(source, f"CSV header repeats column {repeated[0]!r}", "name each column once", line=1)
    records = []
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as err:
            raise InputError(source, f"malformed CSV ({err})", "fix the quoting", line=reader.line_num) from None
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) != len(header):
            raise InputError(source, f"malformed CSV: {len(cells)} fields, the header has {len(header)}",
                             "give every row the header's columns; quote fields that contain commas",
                             line=reader.line_num)
        records.append((reader.line_num, dict(zip(header, cells))))
    if not records:
        raise InputError(source, "file has a header but no rows", f"add one {kind} row per line")
    return records


def rows_from_records(records, label_names, *, source: str, path: Path | None, kind: str) -> Rows:
    """Check parsed ``[(line, dict)]`` records row by row and build :class:`Rows`."""
    import numpy as np
    import pyarrow as pa

    label_names = tuple(label_names)
    index_of = {name: i for i, name in enumerate(label_names)}
    first_line: dict[str, int] = {}
    ids, codes, scores, lines = [], [], [], []
    extra = {name: [] for name in GOLD_EXTRA_COLUMNS} if kind == "gold" else {}
    scored_line = unscored_line = None

    def where(line):
        return (source, line) if path is not None else (f"{source}[{line - 1}]", None)

    for line, row in records:
        src, at = where(line)
        row_id = row.get("id")
        if row_id is None or (isinstance(row_id, str) and not row_id.strip()):
            raise InputError(src, "row has no id", 'give every row an "id" (the gold row id)', line=at)
        if not isinstance(row_id, str):
            raise InputError(src, f"id {row_id!r} is a {type(row_id).__name__}, not a string",
                             "write ids as strings (in quotes)", line=at)
        if row_id in first_line:
            earlier = first_line[row_id]
            earlier_text = f"line {earlier}" if path is not None else f"row {earlier - 1}"
            raise InputError(src, f"duplicate id {row_id!r} (first on {earlier_text})",
                             "give one row per id", line=at)
        first_line[row_id] = line
        label = row.get("label")
        if isinstance(label, int) and not isinstance(label, bool) and 0 <= label < len(label_names):
            label = label_names[label]  # a ClassLabel index, as Hugging Face datasets give labels
        if not isinstance(label, str) or not label.strip():
            raise InputError(src, f"row {row_id!r} has no label" if label in (None, "") else
                             f"label {label!r} is neither a label nor a ClassLabel index",
                             f"give a label, one of {', '.join(label_names)}, or its index "
                             f"0..{len(label_names) - 1}", line=at)
        if label.strip().isdigit() and int(label) < len(label_names):
            label = label_names[int(label)]
        code = index_of.get(_normalise_label(label))
        if code is None:
            raise _label_error(src, at, label, label_names)
        row_scores = row.get("scores")
        if row_scores in (None, ""):
            unscored_line = unscored_line or line
        else:
            scored_line = scored_line or line
            scores.append(_check_scores(row_scores, label_names, src, at))
        if scored_line and unscored_line:
            problem = (f"this row has scores but the row on line {unscored_line} has none"
                       if row_scores not in (None, "") else
                       f"this row has no scores but the row on line {scored_line} has")
            raise InputError(src, problem, "give scores on every row or on none", line=at)
        for name in extra:
            value = row.get(name)
            if name == "counter_prior":
                extra[name].append(_boolean_text(value, src, at))
                continue
            if value is not None and not isinstance(value, str):
                raise InputError(src, f"{name} {value!r} is not a string", f"write {name} as a string", line=at)
            if name == "date" and value and not (len(value) >= 4 and value[:4].isdigit()):
                raise InputError(src, f"date {value!r} does not start with a year", "write dates as YYYY-MM-DD",
                                 line=at)
            extra[name].append(value if value else None)
        ids.append(row_id)
        codes.append(code)
        lines.append(line)
    extra_arrays = {name: pa.array(values, type=pa.string()) for name, values in extra.items()
                    if any(value is not None for value in values)}
    return Rows(source=source, label_names=label_names, ids=pa.array(ids, type=pa.string()),
                codes=np.asarray(codes, dtype=np.int8),
                scores=np.asarray(scores, dtype=np.float64) if scores else None,
                extra=extra_arrays, lines=lines if path is not None else None, path=path, kind=kind)


def _boolean_text(value, source, line) -> str | None:
    """Return "true"/"false" for a boolean cell (None when absent); raise for anything else."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str) and value.strip().casefold() in BOOLEAN_TEXT:
        return BOOLEAN_TEXT[value.strip().casefold()]
    raise InputError(source, f"counter_prior {value!r} is not a boolean", "write counter_prior as true or false",
                     line=line)


def _check_scores(value, label_names, source, line) -> list[float]:
    fix = "give scores as {" + ", ".join(f'"{name}": p' for name in label_names) + "} with p in [0, 1] summing to 1"
    if not isinstance(value, dict):
        raise InputError(source, f"scores must be an object over the labels, got {type(value).__name__}", fix,
                         line=line)
    unknown = [key for key in value if key not in label_names]
    if unknown:
        raise InputError(source, f"scores have unknown label {unknown[0]!r}{suggest(unknown[0], label_names)}", fix,
                         line=line)
    absent = [name for name in label_names if name not in value]
    if absent:
        raise InputError(source, f"scores miss label {absent[0]!r}", fix, line=line)
    out = []
    for name in label_names:
        number = value[name]
        if isinstance(number, bool) or not isinstance(number, numbers.Real) or not math.isfinite(number):
            raise InputError(source, f"score of {name!r} is {number!r}, not a number", fix, line=line)
        if not 0.0 <= number <= 1.0:
            raise InputError(source, f"score of {name!r} is {number}, outside [0, 1]", fix, line=line)
        out.append(float(number))
    if abs(sum(out) - 1.0) > SCORE_SUM_TOLERANCE:
        raise InputError(source, f"scores sum to {sum(out):.6g}, not 1", fix, line=line)
    return out


# ---------------------------------------------------------------- fast path


def _read_fast(path: Path, data: bytes, label_names, kind: str) -> Rows | None:
    """Parse with pyarrow and check column-wise; return None when anything needs the strict reader."""
    import pyarrow as pa

    for attempt in (0, 1):
        try:
            table = _arrow_table(path, data, label_names, kind, strict_fields=attempt == 0)
        except (pa.ArrowException, ValueError, csv.Error, UnicodeDecodeError):
            continue
        if table is None or table.num_rows == 0 or "id" not in table.column_names or "label" not in table.column_names:
            return None
        return _rows_from_table(table, path, label_names, kind)
    return None


def _arrow_table(path: Path, data: bytes, label_names, kind: str, *, strict_fields: bool):
    """Return a pyarrow table of the file, or None. For prediction JSONL, ``strict_fields``
    parses with the exact schema (fastest; fails on any extra key), otherwise extra keys
    are inferred so that scores over the wrong labels show up as extra struct fields."""
    import pyarrow as pa

    wanted = ["id", "label"] + (list(GOLD_EXTRA_COLUMNS) if kind == "gold" else [])
    if _file_format(path, data) == "jsonl":
        import pyarrow.json as pa_json

        fields = [(name, pa.bool_() if name == "counter_prior" else pa.string()) for name in wanted]
        if kind == "gold":
            options = pa_json.ParseOptions(explicit_schema=pa.schema(fields), unexpected_field_behavior="ignore")
        elif strict_fields:
            fields.append(("scores", pa.struct([(name, pa.float64()) for name in label_names])))
            options = pa_json.ParseOptions(explicit_schema=pa.schema(fields), unexpected_field_behavior="error")
        else:
            options = pa_json.ParseOptions(explicit_schema=pa.schema(fields), unexpected_field_behavior="infer")
        table = pa_json.read_json(pa.BufferReader(data), parse_options=options)
        keep = [name for name in wanted if name in table.column_names]
        if kind != "gold" and "scores" in table.column_names:
            keep.append("scores")
        return table.select(keep)
    if not strict_fields:
        return None
    import pyarrow.csv as pa_csv

    header_line = data.split(b"\n", 1)[0].decode("utf-8")
    header = next(csv.reader([header_line]))
    if len(set(header)) != len(header) or any(name != name.strip() for name in header):
        return None
    options = pa_csv.ConvertOptions(column_types={name: pa.string() for name in header},
                                    strings_can_be_null=False, quoted_strings_can_be_null=False,
                                    include_columns=[name for name in wanted if name in header])
    return pa_csv.read_csv(pa.BufferReader(data), convert_options=options,
                           parse_options=pa_csv.ParseOptions(newlines_in_values=False))


def _blank(column) -> bool:
    """True when some value of a string column is empty or only whitespace."""
    import pyarrow.compute as pc

    return bool(pc.min(pc.binary_length(column)).as_py() == 0 or pc.any(pc.utf8_is_space(column)).as_py())


def _rows_from_table(table, path: Path, label_names, kind: str) -> Rows | None:
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    ids = table.column("id").combine_chunks()
    labels = table.column("label").combine_chunks()
    if ids.null_count or labels.null_count or _blank(ids):
        return None
    order = pc.sort_indices(ids)
    sorted_ids = ids.take(order)
    if len(sorted_ids) > 1 and pc.any(pc.equal(sorted_ids[1:], sorted_ids[:-1])).as_py():
        return None
    encoded = labels.dictionary_encode()
    index_of = {name: i for i, name in enumerate(label_names)}
    mapping = [index_of.get(_normalise_label(value)) for value in encoded.dictionary.to_pylist()]
    if any(code is None for code in mapping):
        return None
    codes = np.asarray(mapping, dtype=np.int8)[encoded.indices.to_numpy(zero_copy_only=False)]
    scores = None
    if "scores" in table.column_names:
        scores = _scores_from_column(table.column("scores").combine_chunks(), label_names)
        if scores is False:
            return None
    extra = {}
    for name in GOLD_EXTRA_COLUMNS if kind == "gold" else ():
        if name not in table.column_names:
            continue
        column = table.column(name).combine_chunks()
        if column.null_count == len(column):
            continue
        if name == "counter_prior":
            if pa.types.is_boolean(column.type):
                column = pc.if_else(column, "true", "false")
            elif column.null_count or not pc.all(pc.is_in(column, pa.array(["true", "false"]))).as_py():
                return None  # other spellings (1/0, True): the strict reader normalises them
            extra[name] = column
            continue
        if column.null_count < len(column) and pc.min(pc.binary_length(column)).as_py() == 0:
            return None  # empty strings: the strict reader turns them into missing values
        if name == "date":
            try:
                years = pc.cast(pc.utf8_slice_codeunits(column, 0, 4), pa.int64())
            except pa.ArrowInvalid:
                return None
            if pc.any(pc.less(years, 0)).as_py():
                return None
        extra[name] = column
    return Rows(source=str(path), label_names=tuple(label_names), ids=ids, codes=codes, scores=scores,
                extra=extra, path=path, kind=kind, sorted_cache=(order, sorted_ids))


def _scores_from_column(column, label_names):
    """Return an (n, k) array from a struct column, None if all rows lack scores, False if unsure."""
    import numpy as np
    import pyarrow as pa

    if column.null_count == len(column):
        return None
    if not pa.types.is_struct(column.type) or column.null_count:
        return False
    names = [column.type.field(i).name for i in range(column.type.num_fields)]
    if sorted(names) != sorted(label_names):
        return False
    columns = []
    for name in label_names:
        child = column.field(name)
        if child.null_count or not (pa.types.is_floating(child.type) or pa.types.is_integer(child.type)):
            return False
        columns.append(child.to_numpy(zero_copy_only=False).astype(np.float64))
    matrix = np.column_stack(columns)
    if not np.isfinite(matrix).all() or (matrix < 0).any() or (matrix > 1).any():
        return False
    if (np.abs(matrix.sum(axis=1) - 1.0) > SCORE_SUM_TOLERANCE).any():
        return False
    return matrix


def sorted_ids(rows: Rows):
    """Return (sort order, ids in sorted order) of ``rows``, cached."""
    import pyarrow.compute as pc

    if rows.sorted_cache is None:
        order = pc.sort_indices(rows.ids)
        rows.sorted_cache = (order, rows.ids.take(order))
    return rows.sorted_cache


def _rows_sha256(rows: Rows) -> str:
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    order, ids = sorted_ids(rows)
    suffixes = pa.array([f"{name}\n" for name in rows.label_names], type=pa.string())
    labels = suffixes.take(pa.array(rows.codes.astype(np.int32)).take(order))
    joined = pc.binary_join_element_wise(ids, labels, "\t")
    if isinstance(joined, pa.ChunkedArray):
        joined = joined.combine_chunks()
    offsets_type = np.int64 if pa.types.is_large_string(joined.type) else np.int32
    offsets = np.frombuffer(joined.buffers()[1], dtype=offsets_type)[joined.offset: joined.offset + len(joined) + 1]
    digest = hashlib.sha256(memoryview(joined.buffers()[2])[int(offsets[0]): int(offsets[-1])])
    return digest.hexdigest()
