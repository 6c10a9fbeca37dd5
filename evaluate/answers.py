"""Free-text answers of a language model -> stance labels.

``read_answers`` reads ``{"id", "answer"}`` lines or Batch API output lines
(``custom_id`` with ``response.body.choices[0].message.content``). ``parse_answer``
maps an answer to a label:

- a JSON object's ``stance``, ``label`` or ``answer`` value is parsed instead;
- case, punctuation and Markdown emphasis are ignored, and a leading ``answer:`` or
  ``stance:`` is dropped;
- ``favor``/``favour``/``in favor``/``supports``/``pro`` read as favor,
  ``against``/``opposes``/``rejects``/``con`` as against, ``neutral``/``no clear stance``/
  ``neither``/``none`` as neutral;
- an answer naming two labels, a negated one ("not in favor"), or none is unparseable.

An unparseable answer is scored as wrong: it gets a label other than the gold one.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from sgpos.errors import InputError

#: Phrases per label, matched as whole words after normalisation; longest first.
PHRASES: dict[str, tuple[str, ...]] = {
    "favor": ("in favour", "in favor", "favours", "favors", "favour", "favor", "supports", "support",
              "supportive", "pro"),
    "against": ("against", "opposes", "opposed", "oppose", "rejects", "reject", "con"),
    "neutral": ("no clear stance", "no stance", "neutral", "neither", "none", "unclear"),
}
NEGATIONS = ("not", "no", "never", "isn't", "doesn't", "does not", "is not")
JSON_KEYS = ("stance", "label", "answer")


def _normalise(text: str) -> str:
    text = text.casefold().replace("’", "'")
    text = re.sub(r"[*_`#>\"\[\](){}]", " ", text)
    text = re.sub(r"^\s*(final answer|answer|stance|label)\s*[:=-]\s*", "", text)
    text = re.sub(r"[^\w' ]+", " ", text)
    return " ".join(text.split())


def parse_answer(answer) -> str | None:
    """Return the label an answer gives, or None when it is unparseable.

    >>> [parse_answer(a) for a in ("Favor", " AGAINST.", '{"stance": "neutral"}', "Answer: in favour",
    ...                            "not in favor", "favor or against", "I cannot tell")]
    ['favor', 'against', 'neutral', 'favor', None, None, None]
    """
    if not isinstance(answer, str):
        return None
    stripped = answer.strip()
    if stripped.startswith("{"):
        try:
            value = json.loads(stripped)
        except json.JSONDecodeError:
            value = None
        if isinstance(value, dict):
            inner = next((value[key] for key in JSON_KEYS if isinstance(value.get(key), str)), None)
            return parse_answer(inner) if inner is not None else None
    text = f" {_normalise(stripped)} "
    found = set()
    for label, phrases in PHRASES.items():
        for phrase in phrases:
            for match in re.finditer(rf"(?<= ){re.escape(phrase)}(?= )", text):
                before = text[: match.start()].split()[-2:]
                if any(word in NEGATIONS for word in before):
                    return None
                found.add(label)
    return found.pop() if len(found) == 1 else None


def _answer_of(item: dict, source: str, line: int) -> tuple[str, object]:
    if "custom_id" in item:
        row_id = item["custom_id"]
        try:
            content = item["response"]["body"]["choices"][0]["message"]["content"]
        except (KeyError, IndexError, TypeError):
            content = None  # a failed request: unparseable, scored as wrong
        return row_id, content
    if "id" not in item or "answer" not in item:
        raise InputError(source, "an answer line needs 'id' and 'answer' (or a Batch API 'custom_id')",
                         'write one {"id": ..., "answer": ...} per line', line=line)
    return item["id"], item["answer"]


def read_answers(path: Path | str) -> list[tuple[str, object]]:
    """Return ``[(id, answer)]`` from an answers file, in file order; raise InputError on bad lines."""
    path = Path(path)
    if path.is_dir():
        raise InputError(str(path), "is a folder, not an answers file", "pass the answers JSONL file")
    if not path.is_file():
        raise InputError(str(path), "file not found", "check the path")
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise InputError(str(path), f"not UTF-8 text (byte {err.start})", "save the file as UTF-8") from None
    answers, seen = [], {}
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as err:
            raise InputError(str(path), f"malformed JSON ({err.msg})", "write one JSON object per line",
                             line=number) from None
        if not isinstance(item, dict):
            raise InputError(str(path), "expected a JSON object", "write one JSON object per line", line=number)
        row_id, answer = _answer_of(item, str(path), number)
        if not isinstance(row_id, str) or not row_id:
            raise InputError(str(path), "the id is not a non-empty string", "write ids as strings", line=number)
        if row_id in seen:
            raise InputError(str(path), f"duplicate id {row_id!r} (first on line {seen[row_id]})",
                             "give one answer per id", line=number)
        seen[row_id] = number
        answers.append((row_id, answer))
    if not answers:
        raise InputError(str(path), "file is empty", 'write one {"id": ..., "answer": ...} per line')
    return answers


def answers_to_predictions(answers, gold_labels: dict[str, str], labels) -> tuple[list[dict], list[dict]]:
    """Return (prediction rows, unparseable answers). An unparseable answer becomes a label
    other than its gold one, so it counts as wrong; ids not in the gold keep any label
    (the scorer reports them)."""
    rows, failed = [], []
    for row_id, answer in answers:
        label = parse_answer(answer)
        if label is None:
            gold = gold_labels.get(row_id, labels[0])
            label = labels[(list(labels).index(gold) + 1) % len(labels)] if gold in labels else labels[0]
            failed.append({"id": row_id, "answer": answer if isinstance(answer, str) else json.dumps(answer)})
        rows.append({"id": row_id, "label": label})
    return rows, failed


#: How many unparseable answers a results file quotes.
EXAMPLES = 5


def score_answers(answers_path, gold=None, *, config: str = "stance", split: str = "test", seed: int = 0,
                  resamples: int = 1000, model: dict | None = None, data_dir=None) -> dict:
    """Parse a model's free-text answers and score them like predictions.

    The results gain an ``answers`` block: how many answers there were, how many could
    not be parsed (scored as wrong) and the first few of those.
    """
    from .scoring import load_gold, score

    gold_data = load_gold(gold, config=config, split=split, data_dir=data_dir)
    names = gold_data.rows.label_names
    gold_labels = dict(zip(gold_data.rows.ids.to_pylist(), (names[c] for c in gold_data.rows.codes.tolist())))
    rows, failed = answers_to_predictions(read_answers(answers_path), gold_labels, names)
    results = score(rows, gold, config=config, split=split, seed=seed, resamples=resamples, model=model,
                    data_dir=data_dir)
    results["answers"] = {"n": len(rows), "unparseable": len(failed), "examples": failed[:EXAMPLES],
                          "parser": "sgpos.evaluate.answers.parse_answer"}
    return results
