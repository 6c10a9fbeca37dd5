"""Known-bias figures of the published splits: how much metadata alone predicts."""

from __future__ import annotations

from collections import Counter

from .features import label_column
from .ids import LABELS
from .prior import counter_prior_flags


def party_line_accuracy(train: list[dict], test: list[dict]) -> tuple[float, int]:
    """Accuracy on ``test`` of the metadata-only rule "a party's most frequent stance on the
    target in train" (:mod:`sgpos.corpus.prior`, the ``party_prior`` baseline's rule).
    Returns (accuracy, test rows).
    """
    breaks = counter_prior_flags(train, test)
    return ((len(test) - sum(breaks)) / len(test) if test else 0.0), len(test)


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
        if label_column(config) != "stance":
            continue
        accuracy, n = party_line_accuracy(splits["train"], splits["test"])
        lines.append(f"| `{config}` | {n} | {100 * majority_accuracy(splits['train'], splits['test']):.1f}% "
                     f"| {100 * accuracy:.1f}% |")
    return "\n".join(lines) + "\n"


def counter_prior_markdown(configs: dict[str, dict[str, list[dict]]]) -> str:
    """Render the counter-prior rows of each config's test split, overall and per target."""
    from .ids import TARGETS

    names = [name for name, splits in configs.items() if "counter_prior" in (splits["test"] or [{}])[0]]
    lines = ["| target | " + " | ".join(f"`{name}`" for name in names) + " |", "|---|" + "---:|" * len(names)]
    for target in [*TARGETS, None]:
        cells = []
        for name in names:
            test = [row for row in configs[name]["test"] if target is None or row["target"] == target]
            flagged = sum(bool(row.get("counter_prior")) for row in test)
            cells.append(f"{flagged} of {len(test)}" if test else "–")
        lines.append(f"| {'**all**' if target is None else f'`{target}`'} | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"
