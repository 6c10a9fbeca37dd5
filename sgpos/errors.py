"""The one error type for bad input: it names the file, the line, the problem and the fix."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class InputError(ValueError):
    """Bad input that the user can fix. The CLI prints ``str(err)`` and exits with code 2.

    A ``ValueError``, so ``except ValueError`` in user code catches it too.

    >>> str(InputError("preds.jsonl", "id 'x' is not in the gold", "remove the row", line=3))
    "preds.jsonl, line 3: id 'x' is not in the gold; remove the row"
    """

    path: str
    problem: str
    fix: str = ""
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.path}, line {self.line}" if self.line else f"{self.path}"
        return f"{where}: {self.problem}" + (f"; {self.fix}" if self.fix else "")
