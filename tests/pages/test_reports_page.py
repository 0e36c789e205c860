"""The marketing reports page: charts drawn on the server, heatmap, usage, CSV downloads; reps get a 403 page."""

from __future__ import annotations

import csv
import io

import pytest

from tests.pages.browser import accessibility_problems
from tests.pages.conftest import sign_in

pytestmark = pytest.mark.browser


def test_reports_page_for_marketing(new_page, live, artifacts) -> None:
    page = new_page(width=1280, height=900)
    outside: list[str] = []
    page.on("request", lambda r: None if r.url.startswith(live.url) else outside.append(r.url))
    sign_in(page, live.keys["marketing"], path="/reports")
    page.wait_for_url("**/reports")
    assert page.get_by_role("heading", level=1).inner_text() == "Reports"

    bars = page.locator("#gaps svg.barchart rect.bar")
    assert bars.count() >= 2
    labels = page.locator("#gaps svg.barchart text.bar-label").all_text_contents()
    assert any("fedramp" in label.lower() for label in labels)
    rows = page.locator("#gaps tbody tr")
    assert rows.count() == bars.count()
    assert page.locator("#gaps svg.spark polyline").count() == rows.count()
    assert page.locator("#gaps svg.spark").first.get_attribute("aria-label").startswith("Weekly counts")

    heat = page.locator("#coverage table.heatmap td.heat")
    assert heat.count() == page.locator("#coverage tbody tr").count() * 3
    levels = {c.split("heat-")[1].split()[0] for c in heat.evaluate_all("els => els.map(e => e.className)")}
    assert len(levels) >= 3
    assert page.locator("#usage tbody tr").count() >= 4
    assert page.locator("#usage tbody tr").first.locator("td.num").first.inner_text() != "0"
    assert page.locator("#usage details.never summary").inner_text().startswith("Never recommended (")

    assert not outside, outside
    page.screenshot(path=str(artifacts / "reports.png"), full_page=True)
    assert accessibility_problems(page) == []

    for link, header in (
        ("objection-gaps.csv", "label"),
        ("coverage.csv", "persona_id"),
        ("content-usage.csv", "external_id"),
    ):
        href = page.locator(f"a[href^='/reports/{link}']").get_attribute("href")
        with page.expect_download() as download:
            page.locator(f"a[href^='/reports/{link}']").click()
        text = download.value.path().read_text(encoding="utf-8")
        rows = list(csv.reader(io.StringIO(text)))
        assert rows[0][0] == header, (href, rows[:2])
        assert len(rows) > 1


def test_a_rep_gets_a_friendly_403_page(new_page, live, artifacts) -> None:
    page = new_page()
    sign_in(page, live.keys["rep"], path="/reports")
    assert page.get_by_role("heading", level=1).inner_text() == "You don't have access to this"
    assert "marketing role" in page.locator("main").inner_text()
    assert page.get_by_role("link", name="Reports").count() == 0
    page.screenshot(path=str(artifacts / "forbidden.png"))
    response = page.request.get("/reports/coverage.csv")
    assert response.status == 403 and response.headers["content-type"].startswith("text/html")
    assert accessibility_problems(page) == []


@pytest.mark.parametrize("path", ["/sign-in", "/", "/assets/ll-010", "/sidebar", "/assets/nothing-here"])
def test_pages_pass_the_basic_accessibility_check(new_page, live, path) -> None:
    page = new_page()
    if path != "/sign-in":
        sign_in(page, live.keys["marketing"], path=path)
    else:
        page.goto(path)
    assert accessibility_problems(page) == []
