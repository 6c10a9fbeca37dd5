"""The explorer page: deterministic, small, locked down by its CSP, and in a real headless
Chromium a clicked cell lists exactly the corpus rows of that cell, with no injected script run."""

from __future__ import annotations

import base64
import hashlib
import html

import pytest
from browser_fixtures import browser_or_skip, launch

from sgpos.cli import main
from sgpos.corpus.positions import position_table, read_position_rows
from sgpos.corpus.version import CORPUS_VERSION
from sgpos.evaluate.explorer import SCRIPT, STYLE, explorer_page

XSS = '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>'
#: The page must stay small enough to commit and to open quickly.
MAX_BYTES = 3_000_000


def _open(playwright, path, messages):
    browser = launch(playwright)
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.on("console", lambda message: messages.append(f"{message.type}: {message.text}")
            if message.type in ("error", "warning") else None)
    page.on("pageerror", lambda error: messages.append(f"pageerror: {error}"))
    page.on("dialog", lambda dialog: (messages.append(f"dialog: {dialog.message}"), dialog.dismiss()))
    page.goto(path.as_uri())
    page.wait_for_load_state("load")
    return browser, page


def _listed_ids(page) -> list[str]:
    return page.locator("#statement-rows li").evaluate_all("items => items.map(i => i.dataset.id)")


def _sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def test_page_is_deterministic_small_and_allows_only_its_own_code(tmp_path, capsys):
    rows = read_position_rows()
    page = explorer_page(rows, corpus_version=CORPUS_VERSION)
    assert page == explorer_page(list(reversed(rows)), corpus_version=CORPUS_VERSION)
    assert len(page.encode("utf-8")) < MAX_BYTES
    assert f"style-src {_sha256(STYLE)}; script-src {_sha256(SCRIPT)}" in html.unescape(page.split("<title>")[0])
    assert f"<style>{STYLE}</style>" in page and f"<script>{SCRIPT}</script>" in page
    assert "<link" not in page and " src=" not in page.split('id="explorer-data"')[0]
    out = tmp_path / "index.html"
    with pytest.raises(SystemExit) as done:
        main(["explorer", "--out", str(out)])
    assert done.value.code == 0, capsys.readouterr().err
    assert out.read_text(encoding="utf-8") == page


def test_a_clicked_cell_lists_its_corpus_rows(tmp_path, capsys):
    sync_playwright = browser_or_skip()
    out = tmp_path / "explorer" / "index.html"
    with pytest.raises(SystemExit) as done:
        main(["explorer", "--out", str(out)])
    assert done.value.code == 0, capsys.readouterr().err
    rows = read_position_rows()
    by_id = {row["id"]: row for row in rows}
    cell = max((c for c in position_table(rows, "half", parties=["russia"])), key=lambda c: (c.n, c.target, c.period))
    year, half = cell.period.split("-H")
    expected = sorted((row for row in rows if row["party"] == "russia" and row["target"] == cell.target
                       and row["date"][:4] == year and (row["date"][5:7] <= "06") == (half == "1")),
                      key=lambda row: (row["date"], row["id"]))
    messages = []
    with sync_playwright() as playwright:
        browser, page = _open(playwright, out, messages)
        page.locator(f"td[data-party='russia'][data-target='{cell.target}'][data-period='{cell.period}']").click()
        assert _listed_ids(page) == [row["id"] for row in expected] == list(cell.ids)
        texts = page.locator("#statement-rows li p.text").all_inner_texts()
        assert texts == [by_id[row_id]["text"] for row_id in cell.ids]
        stances = page.locator("#statement-rows li .stance").all_inner_texts()
        assert stances == [by_id[row_id]["stance"] for row_id in cell.ids]
        links = page.locator("#statement-rows a").evaluate_all("links => links.map(a => [a.href, a.rel])")
        assert [href for href, _ in links] == [by_id[row_id]["source_url"] for row_id in cell.ids]
        assert all(rel == "noopener noreferrer nofollow" for _, rel in links)
        assert f"from {cell.n} statements" in page.locator("#cell-summary").inner_text()
        page.screenshot(path=str(tmp_path / "explorer.png"), full_page=True)

        page.locator("#period").select_option("year")
        page.locator("input[name='party'][value='china']").check()
        china = position_table(rows, "year", parties=["china"])[0]
        page.locator(f"td[data-party='china'][data-target='{china.target}'][data-period='{china.period}']").click()
        assert _listed_ids(page) == list(china.ids)
        browser.close()
    assert messages == []
    assert (tmp_path / "explorer.png").stat().st_size > 10_000


def test_injected_text_is_shown_not_run_and_only_http_links_are_made(tmp_path):
    sync_playwright = browser_or_skip()
    row = {"id": "x:guarantees", "statement_id": "x", "party": "russia", "target": "guarantees",
           "date": "2025-01-02", "stance": "favor", "text": XSS, "speaker": XSS, "speaker_role": XSS,
           "source_outlet": XSS, "source_url": "javascript:window.__xss=3"}
    out = tmp_path / "index.html"
    out.write_text(explorer_page([row]), encoding="utf-8")
    messages = []
    with sync_playwright() as playwright:
        browser, page = _open(playwright, out, messages)
        page.locator("td[data-party='russia'][data-target='guarantees'][data-period='2025-H1']").click()
        assert page.locator("#statement-rows li p.text").inner_text() == XSS
        assert page.locator("#statement-rows a").count() == 0
        assert page.locator("#statement-rows img, #statement-rows script").count() == 0
        assert page.evaluate("typeof window.__xss") == "undefined"
        browser.close()
    assert messages == []
