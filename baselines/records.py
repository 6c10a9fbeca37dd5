"""Input handling shared by the baselines: records in, label strings checked.

The baselines take *records*: dicts with ``text`` and ``target`` (and ``party`` where
a baseline uses it). A list of dicts, a ``datasets.Dataset``, a pandas ``DataFrame``
or a dict of columns all work, so any stance dataset with those columns does.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from sgpos.errors import InputError
from sgpos.suggest import suggest


def as_records(X, *, where: str = "records") -> list[dict]:
    """Return ``X`` as a list of dicts (rows), whatever table type it came as."""
    if hasattr(X, "to_dict") and hasattr(X, "columns"):  # pandas DataFrame
        return X.to_dict("records")
    if isinstance(X, Mapping):  # dict of columns
        columns = list(X)
        lengths = {len(X[name]) for name in columns}
        if len(lengths) > 1:
            raise InputError(where, "columns have different lengths", "give equal-length columns")
        return [dict(zip(columns, values)) for values in zip(*(X[name] for name in columns))]
    rows = list(X)
    for number, row in enumerate(rows, start=1):
        if not isinstance(row, Mapping):
            raise InputError(where, f"row {number} is a {type(row).__name__}, not a dict",
                             "pass records: dicts with 'text' and 'target'")
    return rows


def check_columns(records: list[dict], columns: tuple[str, ...], *, where: str = "records") -> None:
    """Raise InputError naming the first row that lacks one of ``columns`` (or has a non-string)."""
    for number, row in enumerate(records, start=1):
        for name in columns:
            value = row.get(name)
            if not isinstance(value, str):
                problem = f"row {number} has no {name!r}" if value is None else \
                    f"row {number}: {name!r} is {type(value).__name__}, not a string"
                raise InputError(where, problem, f"give every row a string {name!r} column")


def label_strings(records: list[dict], y, labels: tuple[str, ...], label_key: str,
                  *, where: str = "labels") -> list[str]:
    """Return the training labels as strings from ``y`` or, when ``y`` is None, the records.

    Integers are ClassLabel indices into ``labels`` (as ``datasets`` loads them).
    """
    if y is None:
        missing = next((n for n, row in enumerate(records, start=1) if label_key not in row), None)
        if missing is not None:
            raise InputError(where, f"row {missing} has no {label_key!r} column",
                             f"pass y=... or give every row a {label_key!r}")
        y = [row[label_key] for row in records]
    y = list(y)
    if len(y) != len(records):
        raise InputError(where, f"{len(y)} labels for {len(records)} records", "give one label per record")
    out = []
    for number, value in enumerate(y, start=1):
        if isinstance(value, (int, np.integer)) and not isinstance(value, bool):
            if not 0 <= value < len(labels):
                raise InputError(where, f"row {number}: label index {value} is out of range",
                                 f"use 0..{len(labels) - 1} for {', '.join(labels)}")
            value = labels[value]
        if value not in labels:
            raise InputError(where, f"row {number}: unknown label {value!r}{suggest(value, labels)}",
                             f"use one of {', '.join(labels)}")
        out.append(value)
    return out


def proposition_of(target: str, propositions: Mapping[str, str] | None) -> str:
    """Return the proposition text for ``target``, or the target id made readable."""
    if propositions and target in propositions:
        return propositions[target]
    return target.replace("_", " ")
