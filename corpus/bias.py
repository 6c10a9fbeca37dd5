"""Known-bias figures of the published splits: how much metadata alone predicts."""

from __future__ import annotations

from collections import Counter, defaultdict

from .ids import LABELS


def party_line_accuracy(train: list[dict], test: list[dict]) -> tuple[float, int]:
    """Accuracy on ``test`` of the metadata-only rule "a party's most frequent stance on the
    target in train" (backing off to the target's, then the overall most frequent stance).

    Ties break by the target's counts, then the overall counts, then label order, the
    same rule as the ``party_prior`` baseline. Returns (accuracy, test rows).
    """
    by_party_target: dict[tuple[str, str], Counter] = defaultdict(Counter)
    by_target: dict[str, Counter] = defaultdict(Counter)
    overall = Counter()
    for row in train:
        by_party_target[(row["party"], row["target"])][row["stance"]] += 1
        by_target[row["target"]][row["stance"]] += 1
        overall[row["stance"]] += 1

    def predict(row: dict) -> str:
        cell = by_party_target.get((row["party"], row["target"]), Counter())
        target = by_target.get(row["target"], Counter())
        return max(LABELS, key=lambda label: (cell[label], target[label], overall[label], -LABELS.index(label)))

    correct = sum(predict(row) == row["stance"] for row in test)
    return (correct / len(test) if test else 0.0), len(test)


def majority_accuracy(train: list[dict], test: list[dict]) -> float:
    """Accuracy on ``test`` of always predicting train's most frequent stance."""
    counts = Counter(row["stance"] for row in train)
    if not test or not counts:
        return 0.0
    label = max(LABELS, key=lambda l: (counts[l], -LABELS.index(l)))
    return sum(row["stance"] == label for row in test) / len(test)


def bias_markdown(configs: dict[str, dict[str, list[dict]]]) -> str:
    """Render, per stance config, the test accuracy of the majority and party-line rules."""
    lines = ["| config | test rows | majority stance | party's usual line on the target |", "|---|---:|---:|---:|"]
    for config, splits in configs.items():
        if config == "pairs":
            continue
        accuracy, n = party_line_accuracy(splits["train"], splits["test"])
        lines.append(f"| `{config}` | {n} | {100 * majority_accuracy(splits['train'], splits['test']):.1f}% "
                     f"| {100 * accuracy:.1f}% |")
    return "\n".join(lines) + "\n"
