"""The self-contained leaderboard page, ``leaderboard/index.html``.

No external scripts, fonts or styles; a Content-Security-Policy that allows only the
page's own inline style and script (by hash) and data-URI images; every user field
escaped; embedded JSON with ``</`` escaped; links only for http(s) URLs.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json

from .leaderboard import Entry, entry_row

STYLE = """
body { font: 14px/1.45 system-ui, sans-serif; margin: 2em auto; max-width: 72em; color: #1d1d1f; }
table { border-collapse: collapse; width: 100%; margin-bottom: 2em; }
th, td { border-bottom: 1px solid #ddd; padding: .35em .6em; text-align: left; vertical-align: top; }
th { cursor: pointer; background: #f4f4f6; user-select: none; }
th[aria-sort="ascending"]::after { content: " \\25B2"; }
th[aria-sort="descending"]::after { content: " \\25BC"; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
tr.top td:first-child { font-weight: bold; }
.ci { color: #666; font-size: .9em; }
.badge { font-size: .8em; padding: 0 .4em; border-radius: .3em; background: #eef; }
details table { margin: .3em 0; width: auto; }
img { max-width: 100%; }
"""

SCRIPT = """
document.querySelectorAll("table.board").forEach(function (table) {
  var headers = table.querySelectorAll("th");
  headers.forEach(function (th, column) {
    th.addEventListener("click", function () {
      var ascending = th.getAttribute("aria-sort") !== "ascending";
      headers.forEach(function (other) { other.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      var body = table.tBodies[0];
      var rows = Array.prototype.slice.call(body.rows);
      rows.sort(function (a, b) {
        var x = a.cells[column].getAttribute("data-sort"), y = b.cells[column].getAttribute("data-sort");
        var nx = parseFloat(x), ny = parseFloat(y);
        var order = (!isNaN(nx) && !isNaN(ny)) ? nx - ny : String(x).localeCompare(String(y));
        return ascending ? order : -order;
      });
      rows.forEach(function (row) { body.appendChild(row); });
    });
  });
});
"""


def csp_hash(text: str) -> str:
    """Return the Content-Security-Policy source (``'sha256-…'``) that allows one inline text."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def content_security_policy() -> str:
    """Return the page's CSP: nothing but its own inline style and script and data: images."""
    return (f"default-src 'none'; img-src data:; style-src {csp_hash(STYLE)}; script-src {csp_hash(SCRIPT)}; "
            "base-uri 'none'; form-action 'none'; frame-ancestors 'none'")


def embedded_json(data) -> str:
    """Return JSON safe inside a ``<script type="application/json">`` element.

    Every ``<`` becomes ``\\u003c``, so neither ``</script>`` nor ``<!--`` can end or
    re-enter the element; JSON parsers read the same string.

    >>> embedded_json({"name": "</script>"})
    '{"name": "\\\\u003c/script>"}'
    """
    return json.dumps(data, ensure_ascii=False, sort_keys=True).replace("<", "\\u003c")


def _e(value) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def _cell(text: str, sort_value, css: str = "") -> str:
    klass = f' class="{css}"' if css else ""
    return f'<td{klass} data-sort="{_e(sort_value)}">{text}</td>'


def _row_html(entry: Entry) -> str:
    row = entry_row(entry)
    name = _e(row["name"])
    if row["url"]:
        name = f'<a href="{_e(row["url"])}" rel="noopener noreferrer nofollow">{name}</a>'
    about = " ".join(_e(row[k]) for k in ("authors", "description") if row[k])
    details = ""
    if row["per_target"]:
        cells = "".join(f"<tr><td>{_e(t)}</td><td class=\"num\">{100 * v:.1f}</td></tr>"
                        for t, v in row["per_target"].items() if v is not None)
        details = f"<details><summary>per-target macro-F1</summary><table>{cells}</table></details>"
    parts = [_cell(_e(row["rank"] or "–"), row["rank"] if row["rank"] is not None else 1e9, "num"),
             _cell(f"{name}<br><span class=\"ci\">{about}</span>{details}", row["name"]),
             _cell(f'<span class="badge">{_e(row["kind"])}</span>', row["kind"])]
    for metric in ("macro_f1", "tied", "macro_f1_counter_prior", "f_avg", "accuracy"):
        if metric == "tied":
            parts.append(_cell("tied" if row["tied_with_best"] else "", int(row["tied_with_best"])))
            continue
        m = row["metrics"].get(metric)
        if m is None or m.get("value") is None:
            parts.append(_cell("–", -1, "num"))
            continue
        ci = (f'<br><span class="ci">{100 * m["ci_low"]:.1f}–{100 * m["ci_high"]:.1f}</span>'
              if m.get("ci_low") is not None and metric.startswith("macro_f1") else "")
        parts.append(_cell(f"{100 * m['value']:.2f}{ci}", m["value"], "num"))
    seen = {True: "yes", False: "no"}.get(row["test_split_seen"], "–")
    parts.append(_cell(_e(seen), seen))
    status = row["status"] + (f" ({row['note']})" if row["note"] else "")
    parts.append(_cell(_e(status), row["status"]))
    klass = ' class="top"' if row["tied_with_best"] else ""
    return f"<tr{klass}>" + "".join(parts) + "</tr>"


def render_page(board: dict[str, list[Entry]], *, position_map_png: bytes | None = None,
                position_map_caption: str = "") -> str:
    """Return the whole leaderboard page as HTML text."""
    sections = []
    for config, entries in board.items():
        head = "".join(f"<th scope=\"col\">{h}</th>" for h in
                       ("rank", "system", "kind", "macro-F1 (95% CI)", "tied with best",
                        "counter-prior macro-F1 (95% CI)", "F_avg", "accuracy", "test seen", "status"))
        rows = "\n".join(_row_html(e) for e in entries)
        sections.append(f"<h2>{_e(config)}</h2>\n<table class=\"board\"><thead><tr>{head}</tr></thead>"
                        f"<tbody>\n{rows}\n</tbody></table>")
    figure = ""
    if position_map_png:
        data = base64.b64encode(position_map_png).decode()
        figure = (f"<h2>Position map of the best system</h2><p>{_e(position_map_caption)}</p>"
                  f"<img alt=\"position map, gold beside predicted\" src=\"data:image/png;base64,{data}\">")
    payload = {config: [entry_row(e) for e in entries] for config, entries in board.items()}
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{_e(content_security_policy())}">
<meta name="referrer" content="no-referrer">
<title>sgpos leaderboard</title>
<style>{STYLE}</style></head>
<body>
<h1>sgpos leaderboard</h1>
<p>Every number is recomputed from each entry's predictions by <code>sgpos leaderboard</code>. Systems are ranked
by macro-F1; <b>tied</b> marks those not significantly below the best (paired bootstrap, p &ge; 0.05). The
counter-prior columns score only the rows where a party breaks its usual line, the rows a model must read.
Reference readers are shown for scale, never ranked. Click a header to sort.</p>
{chr(10).join(sections)}
{figure}
<script type="application/json" id="leaderboard-data">{embedded_json(payload)}</script>
<script>{SCRIPT}</script>
</body></html>
"""
