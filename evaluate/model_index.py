"""``sgpos export-model-index``: the Hugging Face ``model-index`` YAML of a leaderboard entry."""

from __future__ import annotations

from .leaderboard import Entry

METRICS = (("macro_f1", "f1", "Macro-F1"), ("f_avg", "f_avg", "F_avg (mean F1 of favor and against)"),
           ("accuracy", "accuracy", "Accuracy"))


def _quote(value: str) -> str:
    return "'" + str(value).replace("'", "''") + "'"


def model_index_yaml(entry: Entry) -> str:
    """Return the ``model-index`` YAML block (task, dataset, config, split, revision, metrics).

    The dataset revision is the corpus content sha256 the entry was scored against.
    Values are fractions in [0, 1], as in the results files.
    """
    results = entry.results
    gold = results["gold"]
    lines = ["model-index:", f"- name: {_quote(entry.name)}", "  results:", "  - task:",
             "      type: text-classification", "      name: Stance detection", "    dataset:",
             "      type: sgpos", "      name: sgpos", f"      config: {gold['config']}",
             f"      split: {gold['split']}", f"      revision: {gold.get('content_sha256') or 'none'}", "    metrics:"]
    for key, metric_type, name in METRICS:
        metric = results["metrics"][key]
        lines += [f"    - type: {metric_type}", f"      name: {_quote(name)}", f"      value: {metric['value']}"]
        if key == "macro_f1":
            lines += ["      args:", "        average: macro"]
    return "\n".join(lines) + "\n"
