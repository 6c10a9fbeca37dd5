"""Language models as first-class users: prompts out, free-text answers in."""

from __future__ import annotations

import json

import pytest

from sgpos.cli import main
from sgpos.corpus import TARGETS, read_records
from sgpos.evaluate.answers import parse_answer, read_answers
from sgpos.evaluate.prompts import build_requests, target_guides


@pytest.mark.parametrize("answer, label", [
    ("favor", "favor"), ("Favour", "favor"), (" FAVOR. ", "favor"), ("In favour", "favor"),
    ("**Against**", "against"), ("against.", "against"), ("The party opposes it.", "against"),
    ("Neutral", "neutral"), ("neutral\n", "neutral"), ("No clear stance", "neutral"),
    ('{"stance": "against"}', "against"), ('{"label": "Neutral"}', "neutral"), ("Answer: favor", "favor"),
    ("Stance: against", "against"), ("supports", "favor"),
    ("not in favor", None), ("favor or against", None), ("I cannot tell", None), ("", None),
    ('{"stance": 3}', None), (None, None), ("favorable conditions", None),
])
def test_answer_parser_on_real_looking_answers(answer, label):
    assert parse_answer(answer) == label


def test_guidelines_define_every_target():
    guides = target_guides()
    assert set(guides) == set(TARGETS)
    assert all(g.favor and g.against and g.neutral and g.proposition for g in guides.values())


def test_requests_cover_the_split_and_exemplars_come_from_train():
    test = read_records("stance", "test")
    train_texts = {r["text"] for r in read_records("stance", "train")}
    requests = build_requests("stance", "test", shots=3, seed=1)
    assert [r["id"] for r in requests] == [r["id"] for r in test]
    first = requests[0]["messages"]
    assert first[0]["role"] == "system" and TARGETS[test[0]["target"]] in first[0]["content"]
    shown = [m["content"].split("Text: ", 1)[1].rsplit("\nStance of", 1)[0] for m in first[1:-1:2]]
    assert len(shown) == 3 and all(text in train_texts for text in shown)
    assert {m["content"] for m in first[2:-1:2]} == {"against", "neutral", "favor"}
    assert build_requests("stance", "test", shots=3, seed=1) == requests
    batch = build_requests("stance", "test", fmt="openai-batch", model="m")
    assert batch[0]["custom_id"] == test[0]["id"] and batch[0]["body"]["model"] == "m"


def test_round_trip_prompts_then_canned_answers(tmp_path, capsys):
    out = tmp_path / "requests.jsonl"
    with pytest.raises(SystemExit) as done:
        main(["prompts", str(out), "--format", "openai-batch", "--model", "m"])
    assert done.value.code == 0
    gold = {r["id"]: r["stance"] for r in read_records("stance", "test")}
    lines = []
    for number, line in enumerate(out.read_text().splitlines()):
        request = json.loads(line)
        reply = gold[request["custom_id"]].upper() + "." if number % 10 else "I would rather not say"
        lines.append({"custom_id": request["custom_id"],
                      "response": {"body": {"choices": [{"message": {"content": reply}}]}}})
    answers = tmp_path / "answers.jsonl"
    answers.write_text("".join(json.dumps(line) + "\n" for line in lines))
    assert len(read_answers(answers)) == len(gold)
    with pytest.raises(SystemExit) as done:
        main(["score", "--answers", str(answers), "--json", str(tmp_path / "r.json"), "-q"])
    assert done.value.code == 0
    results = json.loads((tmp_path / "r.json").read_text())
    unparseable = sum(1 for number in range(len(gold)) if number % 10 == 0)
    assert results["answers"]["unparseable"] == unparseable
    assert results["metrics"]["accuracy"]["value"] == pytest.approx(1 - unparseable / len(gold), abs=1e-6)
    assert "could not be parsed and count as wrong" in capsys.readouterr().err
