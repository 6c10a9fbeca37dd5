"""Each check of `sgpos corpus validate` sees a corrupted copy and names file, line and fix."""

from __future__ import annotations

import json

import pytest

from corpus_fixtures import make_corpus, real_rows, write_jsonl
from sgpos.corpus.pipeline import build
from sgpos.corpus.validate import validate


@pytest.fixture(scope="module")
def rows():
    return real_rows(limit=80)


@pytest.fixture
def built(tmp_path, rows):
    annotations, data = make_corpus(tmp_path, [dict(r) for r in rows])
    _, problems = build(annotations, data, root=tmp_path)
    assert problems == []
    return annotations, data


def corrupt(annotations, index, **changes):
    path = annotations / "rows.jsonl"
    lines = path.read_text(encoding="utf-8").splitlines()
    row = json.loads(lines[index])
    for key, value in changes.items():
        if value is KeyError:
            row.pop(key)
        else:
            row[key] = value
    lines[index] = json.dumps(row)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def messages(annotations, data, tmp_path):
    return [str(p) for p in validate(annotations, data, root=tmp_path)]


def test_a_fresh_build_validates(built, tmp_path):
    annotations, data = built
    assert messages(annotations, data, tmp_path) == []


def test_malformed_json_names_the_line(built, tmp_path):
    annotations, data = built
    path = annotations / "rows.jsonl"
    lines = path.read_text().splitlines()
    lines[4] = lines[4][:-5]
    path.write_text("\n".join(lines) + "\n")
    found = messages(annotations, data, tmp_path)
    assert any("rows.jsonl, line 5: malformed JSON" in m for m in found)


def test_missing_field_is_named(built, tmp_path):
    annotations, data = built
    corrupt(annotations, 2, speaker=KeyError)
    assert any("line 3: missing field 'speaker'" in m for m in messages(annotations, data, tmp_path))


def test_wrong_type_is_named(built, tmp_path):
    annotations, data = built
    corrupt(annotations, 0, conditional="no")
    assert any("line 1: field 'conditional' must be a bool" in m for m in messages(annotations, data, tmp_path))


@pytest.mark.parametrize("field, value, expected", [
    ("target", "nato_member", "unknown target 'nato_member' (did you mean 'nato_membership'?)"),
    ("stance", "favour", "unknown label 'favour' in 'stance' (did you mean 'favor'?)"),
    ("style", "hedge", "unknown style 'hedge' (did you mean 'hedged'?)"),
])
def test_unknown_ids_suggest_the_closest(built, tmp_path, rows, field, value, expected):
    annotations, data = built
    changes = {field: value}
    if field == "target":
        changes["id"] = f"{rows[0]['statement_id']}:{value}"
    corrupt(annotations, 0, **changes)
    assert any(expected in m for m in messages(annotations, data, tmp_path))


def test_unknown_party_suggests_the_closest(built, tmp_path, rows):
    annotations, data = built
    sid = rows[0]["statement_id"].replace(f"-{rows[0]['party']}-", "-rusia-")
    corrupt(annotations, 0, party="rusia", statement_id=sid, id=f"{sid}:{rows[0]['target']}")
    found = messages(annotations, data, tmp_path)
    assert any("unknown party 'rusia' (did you mean 'russia'?)" in m for m in found)


def test_id_scheme_is_enforced(built, tmp_path, rows):
    annotations, data = built
    corrupt(annotations, 0, id="something-else")
    assert any("is not <statement_id>:<target>" in m for m in messages(annotations, data, tmp_path))
    corrupt(annotations, 0, id=rows[0]["id"], statement_id="Peskov said")
    assert any("does not follow <YYYY-MM-DD>-<party>-<slug>" in m for m in messages(annotations, data, tmp_path))


def test_duplicate_ids_name_both_places(built, tmp_path, rows):
    annotations, data = built
    write_jsonl(annotations / "zz_extra.jsonl", [rows[0]])
    found = messages(annotations, data, tmp_path)
    assert any("zz_extra.jsonl, line 1: duplicate id" in m and "rows.jsonl, line 1" in m for m in found)


@pytest.mark.parametrize("value, expected", [
    ("2021-11-30", "outside 2021-12-01"),
    ("2099-01-01", "outside 2021-12-01"),
    ("14/09/2022", "is not an ISO date"),
])
def test_dates_must_be_iso_and_in_range(built, tmp_path, rows, value, expected):
    annotations, data = built
    corrupt(annotations, 0, date=value)
    assert any(expected in m for m in messages(annotations, data, tmp_path))


@pytest.mark.parametrize("url", ["ftp://example.org/x", "javascript:alert(1)", "www.example.org/page"])
def test_urls_must_be_http(built, tmp_path, url):
    annotations, data = built
    corrupt(annotations, 0, source_url=url)
    assert any("is not an http(s) URL" in m for m in messages(annotations, data, tmp_path))


def test_near_duplicate_texts_are_flagged(built, tmp_path, rows):
    annotations, data = built
    twin = dict(rows[0])
    twin["statement_id"] = twin["statement_id"] + "-twin"
    twin["id"] = f"{twin['statement_id']}:{twin['target']}"
    twin["text"] = twin["text"].replace(".", ";", 1)
    write_jsonl(annotations / "zz_twin.jsonl", [twin])
    assert any("near-identical" in m and "zz_twin.jsonl, line 1" in m for m in messages(annotations, data, tmp_path))


def test_edited_published_file_is_caught_with_its_line(built, tmp_path):
    annotations, data = built
    path = data / "stance" / "train.jsonl"
    lines = path.read_text(encoding="utf-8").splitlines()
    row = json.loads(lines[2])
    row["stance"] = "favor" if row["stance"] != "favor" else "against"
    lines[2] = json.dumps(row, ensure_ascii=False)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    found = messages(annotations, data, tmp_path)
    assert any("train.jsonl, line 3: the file differs from a fresh build" in m for m in found)


def test_statement_in_two_splits_is_caught(built, tmp_path):
    annotations, data = built
    train = data / "stance" / "train.jsonl"
    test = data / "stance" / "test.jsonl"
    test.write_text(test.read_text() + train.read_text().splitlines()[0] + "\n")
    found = messages(annotations, data, tmp_path)
    assert any("is in both" in m for m in found)


def test_missing_adjudication_note_is_caught(built, tmp_path, rows):
    annotations, data = built
    other = "against" if rows[0]["stance"] != "against" else "favor"
    corrupt(annotations, 0, stance_second=other, adjudication_note="")
    assert any("'adjudication_note' is empty" in m for m in messages(annotations, data, tmp_path))
    corrupt(annotations, 0, stance_second=other, adjudication_note="second pass misread the hedge")
    assert not any("adjudication_note' is empty" in m for m in messages(annotations, data, tmp_path))


def test_statement_rows_must_share_their_text(built, tmp_path, rows):
    annotations, data = built
    index = next(i for i in range(1, len(rows)) if rows[i]["statement_id"] == rows[i - 1]["statement_id"])
    corrupt(annotations, index, text="A completely different sentence about something else entirely.")
    assert any("field 'text' differs from the same statement's row" in m for m in messages(annotations, data, tmp_path))
