"""The leaderboard page in a real headless Chromium: no injected script runs, sorting works."""

from __future__ import annotations

import pytest

from browser_fixtures import browser_or_skip, launch
from leaderboard_fixtures import XSS_NAME, make_board
from sgpos.evaluate.leaderboard import build_leaderboard
from sgpos.evaluate.publish import write_leaderboard


def test_page_runs_no_injected_script_and_sorts_on_click(tmp_path):
    sync_playwright = browser_or_skip()
    make_board(tmp_path)
    write_leaderboard(build_leaderboard(tmp_path), tmp_path)
    page_path = tmp_path / "leaderboard" / "index.html"
    dialogs = []
    with sync_playwright() as playwright:
        browser = launch(playwright)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.goto(page_path.as_uri())
        page.wait_for_load_state("load")
        assert dialogs == []
        assert page.evaluate("typeof window.__xss") == "undefined"
        names = page.locator("table.board tbody tr td:nth-child(2)").all_inner_texts()
        assert any(XSS_NAME in name for name in names)  # shown as text, not run
        def first_column_order():
            return page.locator("table.board tbody tr td:nth-child(4)").evaluate_all(
                "cells => cells.map(c => parseFloat(c.getAttribute('data-sort')))")
        before = first_column_order()
        assert before == sorted(before, reverse=True)
        page.locator("table.board th", has_text="macro-F1").first.click()
        ascending = first_column_order()
        assert ascending == sorted(before)
        page.locator("table.board th", has_text="macro-F1").first.click()
        assert first_column_order() == sorted(before, reverse=True)
        assert page.evaluate("document.querySelector('th[aria-sort]').getAttribute('aria-sort')") == "descending"
        screenshot = tmp_path / "screenshot.png"
        page.screenshot(path=str(screenshot), full_page=True)
        browser.close()
    assert dialogs == []
    assert screenshot.stat().st_size > 10_000
