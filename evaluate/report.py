"""Render results and comparison dicts as terminal tables and Markdown.

Metric values in the dicts are fractions in [0, 1]; every table prints them x100.
"""

from __future__ import annotations

HEADLINE_NAMES: dict[str, str] = {
    "macro_f1": "macro-F1 (main)", "f_avg": "F_avg", "accuracy": "accuracy", "mcc": "Matthews corr.",
    "kappa": "Cohen's kappa", "macro_f1_counter_prior": "macro-F1 counter-prior",
    "accuracy_counter_prior": "accuracy counter-prior", "passage_accuracy": "passage accuracy", "ece": "ECE (15 bins)", "brier": "Brier score", "log_loss": "log loss",
}
#: Metrics printed as they are (not x100): unbounded or conventionally unscaled.
UNSCALED = {"log_loss", "brier"}
#: Largest number of breakdown rows and conflict pairs printed in a table.
MAX_ROWS = 40


def pct(value, scale: bool = True) -> str:
    """Format a fraction x100 with two decimals ('-' for None)."""
    if value is None:
        return "-"
    return f"{100 * value:.2f}" if scale else f"{value:.4f}"


def _interval(entry, scale: bool = True) -> str:
    if entry.get("ci_low") is None:
        return "-"
    return f"{pct(entry['ci_low'], scale)} to {pct(entry['ci_high'], scale)}"


def gold_label(results: dict) -> str:
    """Describe the gold of a results dict in a few words."""
    gold = results["gold"]
    if gold["source"] == "corpus":
        return f"corpus {gold['corpus_version']} {gold['config']}/{gold['split']}"
    return f"file {gold.get('path') or '(list)'} ({gold['config']} labels)"


def score_tables(results: dict) -> list[tuple[str, list[str], list[list[str]]]]:
    """Return (title, header, rows) of every table of a results dict, in print order."""
    tables = []
    resamples = results["bootstrap"]["resamples"]
    rows = []
    for name, entry in results["metrics"].items():
        scale = name not in UNSCALED
        rows.append([HEADLINE_NAMES.get(name, name), pct(entry["value"], scale), _interval(entry, scale)])
    tables.append((f"{gold_label(results)}: n = {results['n']}, 95% CI from {resamples} bootstrap resamples "
                   f"(seed {results['seed']})", ["metric", "value", "95% CI"], rows))
    rows = [[label, pct(entry["precision"]), pct(entry["recall"]), pct(entry["f1"]),
             _interval({"ci_low": entry["f1_ci_low"], "ci_high": entry["f1_ci_high"]}), str(entry["support"]),
             str(entry["predicted"])] for label, entry in results["per_class"].items()]
    tables.append(("Per class", ["label", "precision", "recall", "F1", "F1 95% CI", "gold", "predicted"], rows))
    labels = results["confusion"]["labels"]
    rows = [[f"gold {label}"] + [str(count) for count in counts]
            for label, counts in zip(labels, results["confusion"]["matrix"])]
    tables.append(("Confusion matrix (rows gold, columns predicted)", [""] + labels, rows))
    for name, groups in results["breakdowns"].items():
        if not groups:
            continue
        ordered = sorted(groups.items(), key=lambda item: (-item[1]["n"], item[0]))
        rows = [[key, str(entry["n"]), pct(entry["macro_f1"]), pct(entry["f_avg"]), pct(entry["accuracy"])]
                for key, entry in ordered[:MAX_ROWS]]
        title = f"By {name}" + (f" (largest {MAX_ROWS} of {len(groups)})" if len(groups) > MAX_ROWS else "")
        tables.append((title, [name, "n", "macro-F1", "F_avg", "accuracy"], rows))
    tables.extend(position_map_tables(results["position_map"]))
    return tables


def position_map_tables(position_map: dict) -> list[tuple[str, list[str], list[list[str]]]]:
    """Return the summary and conflict tables of a position map."""
    if not position_map.get("available"):
        return []
    conflicts = position_map.get("conflicts") or {}
    boot = position_map.get("bootstrap") or {}
    summary = [["cells (party x target x period, >= 2 rows)", str(position_map["n_cells"])],
               ["Spearman (gold vs predicted positions)", _plain(position_map["spearman"], boot.get("spearman_ci"))],
               ["mean absolute error of positions", _plain(position_map["mae"])],
               ["gold conflicts / predicted / both", f"{conflicts.get('gold', 0)} / {conflicts.get('predicted', 0)} / "
                                                     f"{conflicts.get('true_positive', 0)}"],
               ["conflict precision / recall / F1", " / ".join(pct(conflicts.get(key))
                                                               for key in ("precision", "recall", "f1"))]]
    tables = [("Position map", ["", "value"], summary)]
    pairs = conflicts.get("pairs", [])
    if pairs:
        rows = [[pair["target"], pair["period"], f"{pair['party_a']} vs {pair['party_b']}",
                 "yes" if pair["gold"] else "no", "yes" if pair["predicted"] else "no"] for pair in pairs[:MAX_ROWS]]
        title = "Conflicts" + (f" (first {MAX_ROWS} of {len(pairs)})" if len(pairs) > MAX_ROWS else "")
        tables.append((title, ["target", "period", "parties", "gold", "predicted"], rows))
    return tables


def _plain(value, interval=None) -> str:
    if value is None:
        return "-"
    if interval and interval[0] is not None:
        return f"{value:.3f} (95% CI {interval[0]:.3f} to {interval[1]:.3f})"
    return f"{value:.3f}"


def compare_tables(result: dict) -> list[tuple[str, list[str], list[list[str]]]]:
    """Return the tables of a comparison dict."""
    rows = []
    for name, entry in result["difference"].items():
        significant = "-" if entry["significant"] is None else ("yes" if entry["significant"] else "no")
        p_value = "-" if entry["p_value"] is None else f"{entry['p_value']:.4g}"
        rows.append([HEADLINE_NAMES.get(name, name), pct(result["a"][name]), pct(result["b"][name]),
                     f"{100 * entry['value']:+.2f}", _interval(entry), p_value, significant])
    test = result["mcnemar"]
    names = f"A = {result['a'].get('name', 'A')}, B = {result['b'].get('name', 'B')}"
    tables = [(f"{names}, on {gold_label(result)}: n = {result['n']}, paired bootstrap with "
               f"{result['bootstrap']['resamples']} resamples (seed {result['seed']})",
               ["metric", "A", "B", "A - B", "95% CI", "p", f"significant at {result['alpha']}"], rows),
              ("McNemar's exact test on accuracy", ["only A right", "only B right", "p", "significant"],
               [[str(test["a_only_correct"]), str(test["b_only_correct"]), f"{test['p_value']:.4g}",
                 "yes" if test["significant"] else "no"]])]
    return tables


def print_tables(tables, footer: str | None = None) -> None:
    """Print tables to the terminal with rich."""
    from rich.console import Console
    from rich.table import Table

    console = Console()
    for title, header, rows in tables:
        table = Table(title=title, title_justify="left")
        for index, name in enumerate(header):
            table.add_column(name, justify="left" if index == 0 else "right")
        for row in rows:
            table.add_row(*row)
        console.print(table)
    if footer:
        console.print(footer)


def markdown(tables, heading: str, footer: str | None = None) -> str:
    """Return the tables as a Markdown document."""
    lines = [f"# {heading}", ""]
    for title, header, rows in tables:
        lines += [f"## {title}", "", "| " + " | ".join(header) + " |",
                  "|" + "|".join("---" if i == 0 else "---:" for i in range(len(header))) + "|"]
        lines += ["| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |" for row in rows]
        lines.append("")
    if footer:
        lines += [footer, ""]
    return "\n".join(lines)


def score_markdown(results: dict) -> str:
    """Return the Markdown report of a results dict."""
    model = results.get("model") or {}
    heading = f"sgpos score: {model.get('name') or 'predictions'}"
    footer = (f"Predictions sha256 `{results['predictions_sha256']}`; sgpos {results['sgpos_version']}; "
              f"metric values x100.")
    return markdown(score_tables(results), heading, footer)


def compare_markdown(result: dict) -> str:
    """Return the Markdown report of a comparison dict."""
    return markdown(compare_tables(result), "sgpos compare", result["verdict"])
