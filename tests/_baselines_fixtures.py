"""Small data for the baseline and benchmark tests: a synthetic corpus in the published
format, a slice of the real corpus, and a tiny dataset that is not the corpus."""

from __future__ import annotations

import json
import random
from pathlib import Path

from sgpos.baselines import relation
from sgpos.corpus.paths import DATA_DIR, SPLITS, split_path

PHRASES = {
    "favor": ["strongly supports", "welcomes and backs", "argues firmly for"],
    "against": ["flatly rejects", "firmly opposes", "warns against and refuses"],
    "neutral": ["declines to comment on", "says it is too early to judge", "remains undecided about"],
}
TOPICS = {"nato_membership": "Ukraine joining NATO", "foreign_troops": "a reassurance force",
          "neutrality": "a neutral Ukraine"}
PARTIES = ["france", "germany", "russia", "hungary", "poland", "china"]


def synthetic_stance(n: int, seed: int, split: str) -> list[dict]:
    """Return ``n`` stance rows with every published column; the verb carries the stance."""
    rng = random.Random(seed)
    rows = []
    for i in range(n):
        target = list(TOPICS)[i % len(TOPICS)]
        party = PARTIES[rng.randrange(len(PARTIES))]
        stance = rng.choice(["favor", "favor", "against", "against", "neutral"])
        date = f"202{2 + i % 4}-0{1 + i % 9}-1{i % 10}"
        statement = f"{date}-{party}-{split}{i}"
        rows.append({
            "id": f"{statement}:{target}", "statement_id": statement,
            "text": f"The {party} government {rng.choice(PHRASES[stance])} {TOPICS[target]}, "
                    f"its minister said in statement {i}.",
            "target": target, "party": party, "speaker": "A Minister", "speaker_role": "minister",
            "date": date, "date_approx": False, "source_url": "https://example.org/x",
            "source_outlet": "Example", "style": "reported", "conditional": False, "stance": stance,
        })
    return rows


def pairs_of(rows: list[dict], limit: int) -> list[dict]:
    """Return up to ``limit`` pairs of rows on the same target by different parties."""
    out = []
    for i, a in enumerate(rows):
        for b in rows[i + 1:]:
            if a["target"] == b["target"] and a["party"] != b["party"] and len(out) < limit:
                out.append({"id": f"{a['id']}|{b['id']}", "id_a": a["id"], "id_b": b["id"],
                            "text_a": a["text"], "text_b": b["text"], "party_a": a["party"],
                            "party_b": b["party"], "date_a": a["date"], "date_b": b["date"],
                            "target": a["target"], "label": relation(a["stance"], b["stance"])})
    return out


def write_split(data_dir: Path, config: str, split: str, rows: list[dict]) -> None:
    """Write one split file in the published layout."""
    path = split_path(config, split, data_dir)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")


def synthetic_corpus(root: Path, sizes=(90, 30, 30)) -> Path:
    """Write a synthetic ``stance`` and ``pairs`` corpus under ``root`` and return its data dir."""
    data_dir = root / "data"
    for seed, (split, n) in enumerate(zip(SPLITS, sizes)):
        rows = synthetic_stance(n, seed, split)
        write_split(data_dir, "stance", split, rows)
        write_split(data_dir, "pairs", split, pairs_of(rows, 2 * n))
    return data_dir


def corpus_slice(config: str = "stance", sizes=(150, 50, 50)) -> dict[str, list[dict]] | None:
    """Return the first rows of each split of the real corpus, or None when it is absent."""
    if not all(split_path(config, split, DATA_DIR).exists() for split in SPLITS):
        return None
    from sgpos.corpus import read_records

    return {split: read_records(config, split)[:n] for split, n in zip(SPLITS, sizes)}


def tiny_dataset() -> dict[str, list[dict]]:
    """A tiny stance dataset that is not the corpus: other targets, no party column."""
    favor = ["cats are wonderful pets", "I love cats so much", "cats make life better",
             "tea is lovely in the morning", "a cup of tea is the best", "tea makes me happy"]
    against = ["cats are awful and selfish", "I hate cats", "cats ruin everything",
               "tea is bitter and dull", "I cannot stand tea", "tea is a waste of time"]
    neutral = ["cats exist, I suppose", "someone mentioned cats today", "there was a cat article",
               "tea is a drink", "the shop sells tea", "tea was on the menu"]

    def rows(texts, stance):
        return [{"text": t, "target": "cats" if "cat" in t else "tea", "stance": stance} for t in texts]

    everything = rows(favor, "favor") + rows(against, "against") + rows(neutral, "neutral")
    return {"train": everything[::2] + everything[1::4], "validation": everything[3::4],
            "test": everything[1::2]}
