"""Requests for language models: one prompt per row, built from the corpus and the guidelines.

``sgpos prompts`` writes them as JSONL, either ``{"id", "messages"}`` chat requests or
Batch API request lines (``custom_id`` = row id). The system message states the task,
the target's proposition and its favor/against/neutral definitions, taken from
``corpus/GUIDELINES.md``; the user message gives the party and the text and asks for
one word. Few-shot exemplars come from the train split only. No network is used.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from sgpos.corpus.features import CONFIGS, label_column
from sgpos.corpus.ids import LABELS, TARGETS
from sgpos.corpus.paths import CORPUS_DIR

from sgpos.errors import InputError

GUIDELINES = CORPUS_DIR / "GUIDELINES.md"
FORMATS = ("chat", "openai-batch")
#: Configs whose rows carry one party's stance on one target.
PROMPT_CONFIGS = tuple(name for name in CONFIGS if label_column(name) == "stance")
TASK = ("You label the stance of a party (a state, bloc or international organisation) toward a proposition "
        "about security guarantees for Ukraine, as a short text reports it on its date. The stance is the "
        "party's own, never the writer's, and never the stance the party attributes to someone else.")
LABEL_RULES = ("favor: the party supports the proposition, including conditional support. "
               "against: the party rejects or opposes it, including demands that contradict it. "
               "neutral: the text addresses the proposition but the party takes no clear side.")
ANSWER_RULE = "Answer with exactly one word: favor, against or neutral."


@dataclass
class TargetGuide:
    """One target's proposition and its label definitions from the guidelines."""

    proposition: str
    favor: str
    against: str
    neutral: str


def target_guides(path: Path | str = GUIDELINES) -> dict[str, TargetGuide]:
    """Return every target's definitions, parsed from section 3 of the guidelines."""
    text = Path(path).read_text(encoding="utf-8")
    guides = {}
    for match in re.finditer(r"^### `([a-z0-9_]+)` — (.+?)\n(.*?)(?=^### |^## )", text, re.S | re.M):
        target, proposition, body = match.groups()
        parts = {}
        for label in LABELS:
            found = re.search(rf"^- {label}: (.*?)(?=^- |^\S|\Z)", body, re.S | re.M)
            parts[label] = " ".join(found.group(1).split()) if found else ""
        guides[target] = TargetGuide(proposition.strip(), parts["favor"], parts["against"], parts["neutral"])
    missing = sorted(set(TARGETS) - set(guides))
    if missing:
        raise InputError(str(path), f"no definitions for target {missing[0]!r}", "add its section 3 entry")
    return guides


def system_message(target: str, guides: dict[str, TargetGuide]) -> str:
    """Return the system message for rows of ``target``."""
    guide = guides[target]
    return (f"{TASK}\n\nLabels: {LABEL_RULES}\n\nProposition ({target}): {guide.proposition}\n"
            f"- favor: {guide.favor}\n- against: {guide.against}\n- neutral: {guide.neutral}\n\n{ANSWER_RULE}")


def user_message(row: dict) -> str:
    """Return the user message of one row: the party and the text."""
    return f"Party: {row['party']}\nText: {row['text']}\nStance of {row['party']}:"


def exemplars(train: list[dict], target: str, shots: int, seed: int) -> list[dict]:
    """Return ``shots`` train rows of ``target`` (of other targets if too few), in a seeded
    order that cycles through the labels so every label is shown when shots >= 3."""
    from sgpos.corpus.build import unit_hash

    if shots <= 0:
        return []
    pool = sorted(train, key=lambda r: (r["target"] != target, unit_hash(str(seed), r["id"], seed="sgpos-prompts")))
    by_label = {label: [r for r in pool if r["stance"] == label] for label in LABELS}
    chosen, cursor = [], 0
    while len(chosen) < min(shots, len(pool)):
        label = LABELS[cursor % len(LABELS)]
        if by_label[label]:
            chosen.append(by_label[label].pop(0))
        cursor += 1
        if cursor > 3 * len(pool):
            break
    return chosen


def messages_for(row: dict, guides: dict[str, TargetGuide], shots: list[dict]) -> list[dict]:
    """Return the chat messages of one row, with its few-shot exemplars as earlier turns."""
    messages = [{"role": "system", "content": system_message(row["target"], guides)}]
    for example in shots:
        messages += [{"role": "user", "content": user_message(example)},
                     {"role": "assistant", "content": example["stance"]}]
    return messages + [{"role": "user", "content": user_message(row)}]


def build_requests(config: str = "stance", split: str = "test", *, shots: int = 0, seed: int = 0,
                   fmt: str = "chat", model: str | None = None, data_dir=None) -> list[dict]:
    """Return one request per row of ``config``/``split`` in ``fmt`` (``chat`` or ``openai-batch``)."""
    from sgpos.corpus import read_records
    from sgpos.corpus.paths import DATA_DIR

    from .scoring import check_config

    check_config(config, split)
    if config not in PROMPT_CONFIGS:
        raise InputError("--config", f"{config!r} has no single-party rows to prompt",
                         f"use one of {', '.join(PROMPT_CONFIGS)} (a pair's label follows from its two rows)")
    if fmt not in FORMATS:
        raise InputError("--format", f"unknown format {fmt!r}", f"use one of {', '.join(FORMATS)}")
    if fmt == "openai-batch" and not model:
        raise InputError("--model", "the batch format needs a model name", "pass --model NAME")
    if isinstance(shots, bool) or not isinstance(shots, int) or not 0 <= shots <= 20:
        raise InputError("--shots", f"shots must be a whole number from 0 to 20, got {shots!r}", "pass e.g. --shots 3")
    root = DATA_DIR if data_dir is None else data_dir
    rows = read_records(config, split, data_dir=root)
    train = read_records(config, "train", data_dir=root) if shots else []
    guides = target_guides()
    requests = []
    for row in rows:
        messages = messages_for(row, guides, exemplars(train, row["target"], shots, seed))
        if fmt == "chat":
            requests.append({"id": row["id"], "messages": messages})
        else:
            requests.append({"custom_id": row["id"], "method": "POST", "url": "/v1/chat/completions",
                             "body": {"model": model, "messages": messages, "temperature": 0, "max_tokens": 8}})
    return requests


def requests_jsonl(requests: list[dict]) -> str:
    """Return requests as JSONL text."""
    return "".join(json.dumps(request, ensure_ascii=False) + "\n" for request in requests)
