"""Reports of the corpus's positions: terminal tables, a PNG heatmap, and the explorer page.

The explorer, ``explorer/index.html``, is one self-contained file like the leaderboard
page: no external scripts, fonts or styles; a Content-Security-Policy that allows only
its own inline style and script (by hash); every text set as text (escaped in the HTML,
``textContent`` in the script); links only for http(s) URLs. The cells are computed
here by :func:`sgpos.corpus.positions.position_table` for every period kind; the
script only draws them, so the page and ``sgpos positions`` agree by construction.
The same rows give the same bytes.
"""

from __future__ import annotations

import html
from urllib.parse import urlsplit

from sgpos.corpus.ids import LABELS, TARGETS
from sgpos.corpus.positions import PERIOD_KINDS, Cell, Comparison, period_range, position_table

from .page import csp_hash, embedded_json

#: Period kind -> the word used in titles.
PERIOD_WORDS: dict[str, str] = {"quarter": "quarter", "half": "half-year", "year": "year"}
#: Parties checked when the page opens (those present in the corpus).
DEFAULT_PARTIES: tuple[str, ...] = ("russia", "ukraine", "united_states", "european_union", "hungary")
#: Most (party, target) rows drawn in the PNG (those with the most statements); the JSON has them all.
MAX_PNG_ROWS = 60


def _signed(value: float) -> str:
    return f"{value:+.2f}".replace("+0.00", "0.00").replace("-0.00", "0.00")


def _cell_text(cell: Cell | None) -> str:
    return "" if cell is None else f"{_signed(cell.mean)} ({cell.n})"


def _periods_of(cells, period: str) -> list[str]:
    labels = sorted({cell.period for cell in cells})
    return period_range(labels[0], labels[-1], period) if labels else []


def _row_keys(cells, party_order=None) -> list[tuple[str, str]]:
    order = {party: index for index, party in enumerate(party_order or ())}
    keys = {(cell.party, cell.target) for cell in cells}
    return sorted(keys, key=lambda key: (order.get(key[0], len(order)), key))


def position_tables(cells: list[Cell], period: str, party_order=None) -> list[tuple[str, list[str], list[list[str]]]]:
    """Return the terminal table of the cells: a row per (party, target), a column per period,
    each cell ``mean (statements)``; for ``sgpos.evaluate.report.print_tables``."""
    labels = _periods_of(cells, period)
    by_key = {(cell.party, cell.target, cell.period): cell for cell in cells}
    rows = [[f"{party} / {target}"] + [_cell_text(by_key.get((party, target, label))) for label in labels]
            for party, target in _row_keys(cells, party_order)]
    title = (f"Mean stance per {PERIOD_WORDS[period]} (-1 against … +1 favor) and (statements): "
             f"{sum(cell.n for cell in cells)} statement rows in {len(cells)} cells")
    return [(title, ["party / target", *labels], rows)]


def comparison_tables(comparison: Comparison) -> list[tuple[str, list[str], list[list[str]]]]:
    """Return the terminal tables of a comparison: the relation per target and period, then the moves."""
    a, b = comparison.party_a, comparison.party_b
    relations = [[item.target, item.period, _cell_text(item.a), _cell_text(item.b), item.relation]
                 for item in comparison.relations]
    counts = {name: sum(item.relation == name for item in comparison.relations) for name in ("agree", "conflict", "open")}
    moves = [[move.date, move.party, move.target, move.direction.replace("_", " "), move.text, move.id]
             for move in comparison.moves]
    title = (f"{a} and {b} per target and {PERIOD_WORDS[comparison.period]}: "
             f"agree {counts['agree']}, conflict {counts['conflict']}, open {counts['open']}")
    return [(title, ["target", "period", a, b, "relation"], relations),
            (f"Statements that moved {a} or {b} ({len(moves)})",
             ["date", "party", "target", "moved", "statement", "id"], moves)]


def print_tables(tables) -> None:
    """Print tables with rich: columns of numbers ("+0.50 (4)") right-aligned and never wrapped,
    text left-aligned; long ids fold rather than being cut, so every row stays traceable."""
    import re

    from rich.console import Console
    from rich.table import Table

    number = re.compile(r"^(|[+-]?\d+\.\d+ \(\d+\))$")
    console = Console()
    for title, header, rows in tables:
        table = Table(title=title, title_justify="left")
        for index, name in enumerate(header):
            numeric = bool(rows) and all(number.match(row[index]) for row in rows)
            table.add_column(name, justify="right" if numeric else "left", no_wrap=numeric or index == 0,
                             overflow="fold")
        for row in rows:
            table.add_row(*row)
        console.print(table)


def positions_png(cells: list[Cell], period: str, party_order=None) -> bytes:
    """Return a PNG heatmap of the cells: (party, target) rows, periods across, a diverging
    colour for the mean, the number of statements in each cell, empty cells hatched."""
    import numpy as np
    from matplotlib.patches import Rectangle

    from .plots import figure_bytes, pyplot

    plt = pyplot()
    labels = _periods_of(cells, period)
    keys = _row_keys(cells, party_order)
    totals = {key: 0 for key in keys}
    for cell in cells:
        totals[(cell.party, cell.target)] += cell.n
    busiest = set(sorted(keys, key=lambda key: (-totals[key], key))[:MAX_PNG_ROWS])
    shown = [key for key in keys if key in busiest]
    row_of = {key: index for index, key in enumerate(shown)}
    column_of = {label: index for index, label in enumerate(labels)}
    means = np.full((len(shown), len(labels)), np.nan)
    counts = np.zeros((len(shown), len(labels)), dtype=int)
    for cell in cells:
        if (cell.party, cell.target) in row_of:
            row, column = row_of[(cell.party, cell.target)], column_of[cell.period]
            means[row, column], counts[row, column] = cell.mean, cell.n
    figure, axes = plt.subplots(figsize=(4.2 + 0.55 * len(labels), 1.6 + 0.3 * max(len(shown), 1)))
    axes.add_patch(Rectangle((-0.5, -0.5), len(labels), len(shown), facecolor="#f4f4f4", edgecolor="#bbbbbb",
                             hatch="////", linewidth=0, zorder=0))
    image = axes.imshow(np.ma.masked_invalid(means), cmap="RdBu", vmin=-1, vmax=1, aspect="auto", zorder=1)
    for (row, column), n in np.ndenumerate(counts):
        if n:
            axes.text(column, row, str(n), ha="center", va="center", fontsize=8, zorder=2,
                      color="white" if abs(means[row, column]) > 0.6 else "black")
    for row in range(1, len(shown)):
        if shown[row][0] != shown[row - 1][0]:
            axes.axhline(row - 0.5, color="#333333", linewidth=0.8, zorder=3)
    axes.set_xticks(range(len(labels)), labels, rotation=45, ha="right", fontsize=9)
    axes.set_yticks(range(len(shown)), [f"{party} · {target}" for party, target in shown], fontsize=9)
    omitted = f"; {len(keys) - len(shown)} rows with fewer statements left out" if len(shown) < len(keys) else ""
    axes.set_title(f"Mean stance per {PERIOD_WORDS[period]}; number = statements, hatched = none{omitted}",
                   fontsize=10, loc="left")
    figure.colorbar(image, ax=axes, fraction=0.03, pad=0.01, label="-1 against … +1 favor")
    data = figure_bytes(figure)
    plt.close(figure)
    return data


def safe_url(url) -> str | None:
    """Return ``url`` if it is an http(s) URL, else None (never a ``javascript:`` link).

    >>> safe_url("https://example.org/a"), safe_url("javascript:alert(1)")
    ('https://example.org/a', None)
    """
    if not isinstance(url, str):
        return None
    return url if urlsplit(url.strip()).scheme.lower() in ("http", "https") and url == url.strip() else None


def explorer_data(rows) -> dict:
    """Return the page's data: statements, rows, and the cells of every period kind (rows as indices)."""
    rows = sorted(rows, key=lambda row: (row["date"], row["id"]))
    statements, statement_index, row_list = [], {}, []
    for row in rows:
        key = row.get("statement_id") or row["id"]
        if key not in statement_index:
            statement_index[key] = len(statements)
            statements.append({"id": key, "date": row["date"], "speaker": row.get("speaker") or "",
                               "role": row.get("speaker_role") or "", "outlet": row.get("source_outlet") or "",
                               "url": safe_url(row.get("source_url")), "text": row.get("text") or ""})
        row_list.append({"id": row["id"], "statement": statement_index[key], "party": row["party"],
                         "target": row["target"], "stance": row["stance"]})
    row_index = {row["id"]: index for index, row in enumerate(row_list)}
    periods = {}
    for kind in PERIOD_KINDS:
        cells = position_table(rows, kind)
        periods[kind] = {"labels": _periods_of(cells, kind),
                         "cells": [{"party": cell.party, "target": cell.target, "period": cell.period, "n": cell.n,
                                    "mean": round(cell.mean, 4), "rows": [row_index[i] for i in cell.ids]}
                                   for cell in cells]}
    return {"labels": list(LABELS), "periods": periods, "rows": row_list, "statements": statements}


STYLE = """
body { font: 14px/1.45 system-ui, sans-serif; margin: 1.5em auto; max-width: 96em; padding: 0 1em; color: #1d1d1f; }
.controls { display: flex; flex-wrap: wrap; gap: 1em; align-items: flex-start; margin-bottom: 1em; }
fieldset { border: 1px solid #ccc; border-radius: .4em; margin: 0; }
fieldset.choices { flex: 1 1 28em; }
.list { max-height: 11em; overflow: auto; columns: 15em; }
.list label { display: block; white-space: nowrap; }
button { font: inherit; font-size: .85em; }
.legend span { display: inline-block; min-width: 3em; text-align: center; padding: .1em .3em; }
#heatmap { border-collapse: collapse; }
#heatmap th, #heatmap td { border: 1px solid #fff; padding: .15em .45em; }
#heatmap thead th { font-weight: normal; font-size: .85em; white-space: nowrap; }
#heatmap tbody th { text-align: left; font-weight: normal; white-space: nowrap; }
#heatmap tbody th.party { font-weight: bold; vertical-align: top; }
#heatmap tr.group th, #heatmap tr.group td { border-top: 2px solid #888; }
td.cell { min-width: 2.4em; text-align: center; font-variant-numeric: tabular-nums; cursor: pointer; }
td.empty, .legend .empty { background: repeating-linear-gradient(45deg, #fff 0 3px, #d9d9d9 3px 5px); cursor: default; }
td.selected { outline: 3px solid #111; outline-offset: -3px; }
.p0 { background: #b2182b; color: #fff; } .p1 { background: #d6604d; color: #fff; }
.p2 { background: #f4a582; } .p3 { background: #fddbc7; } .p4 { background: #f7f7f7; }
.p5 { background: #d1e5f0; } .p6 { background: #92c5de; }
.p7 { background: #4393c3; color: #fff; } .p8 { background: #2166ac; color: #fff; }
.main { display: flex; flex-wrap: wrap; gap: 1.5em; align-items: flex-start; }
.scroll { overflow-x: auto; max-width: 100%; }
#statements { flex: 1 1 26em; position: sticky; top: .5em; max-height: calc(100vh - 1em); overflow: auto; }
#statements h2 { margin-top: 0; font-size: 1.2em; }
#statement-rows { padding-left: 1.6em; }
#statement-rows li { border-bottom: 1px solid #ddd; padding: .3em 0; }
#statement-rows p { margin: .2em 0; }
.speaker { font-weight: bold; }
.stance-favor { color: #2166ac; font-weight: bold; } .stance-against { color: #b2182b; font-weight: bold; }
.note { color: #666; }
"""

SCRIPT = """
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("explorer-data").textContent);
  var heatmap = document.getElementById("heatmap");
  var periodSelect = document.getElementById("period");
  var panel = document.getElementById("statements");
  var selected = null;

  function element(tag, text, className) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    if (className) { node.className = className; }
    return node;
  }
  function checkedValues(name) {
    return Array.prototype.map.call(document.querySelectorAll("input[name='" + name + "']:checked"),
                                    function (input) { return input.value; });
  }
  function signed(value) {
    var text = value.toFixed(2);
    return value > 0 && text !== "0.00" ? "+" + text : (text === "-0.00" ? "0.00" : text);
  }

  function render() {
    var kind = periodSelect.value, view = data.periods[kind];
    var index = {};
    view.cells.forEach(function (cell, i) { index[cell.party + "|" + cell.target + "|" + cell.period] = i; });
    var parties = checkedValues("party"), targets = checkedValues("target");
    var head = element("tr");
    head.appendChild(element("th", "party"));
    head.appendChild(element("th", "target"));
    view.labels.forEach(function (label) { head.appendChild(element("th", label)); });
    var thead = element("thead"), tbody = element("tbody");
    thead.appendChild(head);
    var hidden = 0;
    parties.forEach(function (party) {
      var rows = targets.filter(function (target) {
        return view.labels.some(function (label) { return (party + "|" + target + "|" + label) in index; });
      });
      hidden += targets.length - rows.length;
      rows.forEach(function (target, position) {
        var tr = element("tr", null, position === 0 ? "group" : "");
        if (position === 0) {
          var th = element("th", party, "party");
          th.rowSpan = rows.length;
          tr.appendChild(th);
        }
        tr.appendChild(element("th", target));
        view.labels.forEach(function (label) {
          var i = index[party + "|" + target + "|" + label];
          var td;
          if (i === undefined) {
            td = element("td", "", "cell empty");
            td.title = party + " · " + target + " · " + label + ": no statements";
          } else {
            var cell = view.cells[i];
            td = element("td", cell.n, "cell p" + (Math.round(cell.mean * 4) + 4));
            td.title = party + " · " + target + " · " + label + ": mean " + signed(cell.mean) + " from " +
                       cell.n + (cell.n === 1 ? " statement" : " statements");
            td.dataset.cell = String(i);
            td.dataset.party = party;
            td.dataset.target = target;
            td.dataset.period = label;
            td.tabIndex = 0;
            td.setAttribute("role", "button");
            if (selected && selected.kind === kind && selected.index === i) { td.classList.add("selected"); }
          }
          tr.appendChild(td);
        });
        tbody.appendChild(tr);
      });
    });
    heatmap.replaceChildren(thead, tbody);
    document.getElementById("hidden-note").textContent = hidden ?
      hidden + " selected party–target rows with no statements are not shown." : "";
  }

  function show(kind, i) {
    var cell = data.periods[kind].cells[i];
    selected = {kind: kind, index: i};
    heatmap.querySelectorAll("td.selected").forEach(function (td) { td.classList.remove("selected"); });
    var td = heatmap.querySelector("td[data-cell='" + i + "']");
    if (td) { td.classList.add("selected"); }
    var counts = {};
    data.labels.forEach(function (label) { counts[label] = 0; });
    var body = document.getElementById("statement-rows");
    var rows = cell.rows.map(function (r) {
      var row = data.rows[r], statement = data.statements[row.statement];
      counts[row.stance] += 1;
      var item = element("li");
      item.dataset.id = row.id;
      var line = element("p", null, "meta");
      line.appendChild(element("span", statement.date, "date"));
      line.appendChild(document.createTextNode(" · "));
      line.appendChild(element("span", row.stance, "stance stance-" + row.stance));
      line.appendChild(document.createTextNode(" · "));
      line.appendChild(element("span", statement.speaker, "speaker"));
      if (statement.role) { line.appendChild(element("span", " (" + statement.role + ")", "note")); }
      item.appendChild(line);
      item.appendChild(element("p", statement.text, "text"));
      var source = element("p", null, "note");
      if (statement.url && /^https?:\\/\\//i.test(statement.url)) {
        var link = element("a", statement.outlet || statement.url);
        link.href = statement.url;
        link.rel = "noopener noreferrer nofollow";
        source.appendChild(link);
      } else {
        source.appendChild(document.createTextNode(statement.outlet));
      }
      source.appendChild(element("span", " · " + row.id, "row-id"));
      item.appendChild(source);
      return item;
    });
    body.replaceChildren.apply(body, rows);
    document.getElementById("cell-title").textContent = cell.party + " · " + cell.target + " · " + cell.period;
    document.getElementById("cell-summary").textContent = "Mean stance " + signed(cell.mean) + " from " + cell.n +
      (cell.n === 1 ? " statement" : " statements") + " (" +
      data.labels.map(function (label) { return label + " " + counts[label]; }).join(", ") + ").";
    panel.hidden = false;
  }

  heatmap.addEventListener("click", function (event) {
    var td = event.target.closest("td[data-cell]");
    if (td) { show(periodSelect.value, Number(td.dataset.cell)); }
  });
  heatmap.addEventListener("keydown", function (event) {
    var td = event.target.closest("td[data-cell]");
    if (td && (event.key === "Enter" || event.key === " ")) { event.preventDefault(); show(periodSelect.value, Number(td.dataset.cell)); }
  });
  document.querySelectorAll("button[data-check]").forEach(function (button) {
    button.addEventListener("click", function () {
      var on = button.dataset.check === "all";
      document.querySelectorAll("input[name='" + button.dataset.name + "']").forEach(function (input) { input.checked = on; });
      render();
    });
  });
  document.querySelectorAll("input[type=checkbox]").forEach(function (input) { input.addEventListener("change", render); });
  periodSelect.addEventListener("change", function () { selected = null; panel.hidden = true; render(); });
  render();
})();
"""


def content_security_policy() -> str:
    """Return the explorer's CSP: nothing but its own inline style and script."""
    return (f"default-src 'none'; style-src {csp_hash(STYLE)}; script-src {csp_hash(SCRIPT)}; "
            "base-uri 'none'; form-action 'none'")


def _e(value) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def _choices(name: str, counts: dict[str, int], checked, titles=None) -> tuple[str, str]:
    """Return (the checkboxes, the all/none buttons) of one list of choices."""
    boxes = []
    for value, count in sorted(counts.items()):
        title = f' title="{_e(titles[value])}"' if titles and value in titles else ""
        mark = " checked" if value in checked else ""
        boxes.append(f'<label{title}><input type="checkbox" name="{name}" value="{_e(value)}"{mark}> '
                     f'{_e(value)} <span class="note">({count})</span></label>')
    buttons = (f'<button type="button" data-check="all" data-name="{name}">all</button> '
               f'<button type="button" data-check="none" data-name="{name}">none</button>')
    return "\n".join(boxes), buttons


def explorer_page(rows, *, corpus_version: str = "") -> str:
    """Return the explorer page (HTML text) for the given stance rows."""
    data = explorer_data(rows)
    party_counts, target_counts = {}, {}
    for row in data["rows"]:
        party_counts[row["party"]] = party_counts.get(row["party"], 0) + 1
        target_counts[row["target"]] = target_counts.get(row["target"], 0) + 1
    default_parties = [party for party in DEFAULT_PARTIES if party in party_counts] or sorted(party_counts)[:5]
    party_boxes, party_buttons = _choices("party", party_counts, default_parties)
    target_boxes, target_buttons = _choices("target", target_counts, target_counts, TARGETS)
    periods = "".join(f'<option value="{kind}"{" selected" if kind == "half" else ""}>{PERIOD_WORDS[kind]}</option>'
                      for kind in PERIOD_KINDS)
    legend = "".join(f'<span class="p{step + 4}">{_signed(step / 4)}</span>' for step in range(-4, 5))
    version = f", corpus version {_e(corpus_version)}" if corpus_version else ""
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{_e(content_security_policy())}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>sgpos position explorer</title>
<style>{STYLE}</style></head>
<body>
<h1>sgpos position explorer</h1>
<p>Where each party stands on each target over time: the mean stance of its statements (against −1, neutral 0,
favor +1) per period, from {len(data["rows"])} annotated statement rows ({len(data["statements"])} statements{version}).
The number in a cell is its count of statements; hatched cells have none. Click a cell to list its statements
and their sources. Built by <code>sgpos explorer</code>; <code>sgpos positions</code> prints the same numbers.</p>
<div class="controls">
<fieldset><legend>Period</legend><select id="period" aria-label="period">{periods}</select></fieldset>
<fieldset class="choices"><legend>Parties {party_buttons}</legend><div class="list">
{party_boxes}
</div></fieldset>
<fieldset class="choices"><legend>Targets {target_buttons}</legend><div class="list">
{target_boxes}
</div></fieldset>
</div>
<p class="legend">mean stance: {legend} <span class="empty">none</span></p>
<div class="main">
<div class="scroll"><table id="heatmap"></table>
<p class="note" id="hidden-note"></p>
<noscript><p>The explorer draws its table with JavaScript; the same numbers come from <code>sgpos positions</code>.</p></noscript>
</div>
<aside id="statements" hidden>
<h2 id="cell-title"></h2>
<p id="cell-summary"></p>
<ol id="statement-rows"></ol>
</aside>
</div>
<script type="application/json" id="explorer-data">{embedded_json(data)}</script>
<script>{SCRIPT}</script>
</body></html>
"""
