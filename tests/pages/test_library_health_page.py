"""The "Library health" tab of the reports page: suspect tags with evidence, suggestions, demand vs supply, CSV."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

import pytest

from service.schemas.assets import AssetIn
from service.usecases.assets import delete_asset, put_asset
from tests.library_health_samples import ORDER_FORM, quotes
from tests.pages.browser import accessibility_problems
from tests.pages.conftest import LiveServer, sign_in


@pytest.fixture
def misfiled(live: LiveServer) -> Iterator[str]:
    """An order form tagged as awareness content, in the live library for one test."""
    put_asset(live.runtime, "health-order-form", AssetIn.model_validate(ORDER_FORM))
    try:
        yield "health-order-form"
    finally:
        delete_asset(live.runtime, "health-order-form")


def test_the_tab_and_its_csv_need_the_marketing_role(signed_in) -> None:
    rep = signed_in("rep")
    for path in ("/reports/library-health", "/reports/tag-health.csv"):
        response = rep.get(path)
        assert response.status_code == 403 and response.headers["content-type"].startswith("text/html"), path
    response = signed_in("marketing").get("/reports/tag-health.csv?days=0&min_count=3")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/csv")
    assert response.headers["content-disposition"] == 'attachment; filename="tag-health.csv"'
    assert response.text.splitlines()[0].startswith("kind,external_id,title,field,value,confidence")


@pytest.mark.browser
def test_library_health_tab(new_page, live, artifacts, misfiled) -> None:
    page = new_page(width=1280, height=900)
    outside: list[str] = []
    page.on("request", lambda r: None if r.url.startswith(live.url) else outside.append(r.url))
    sign_in(page, live.keys["marketing"], path="/reports")
    page.wait_for_url("**/reports")
    page.get_by_role("link", name="Library health", exact=True).click()
    page.wait_for_url("**/reports/library-health?**")
    assert page.get_by_role("heading", level=1).inner_text() == "Reports"
    assert page.get_by_role("link", name="Library health", exact=True).get_attribute("aria-current") == "page"

    suspect = page.locator("#suspects tbody tr").filter(has_text=ORDER_FORM["title"]).first
    assert "Awareness (TOFU)" in suspect.inner_text() and "Conversion (BOFU)" in suspect.inner_text()
    quoted = suspect.locator("blockquote.evidence .passage").inner_text()
    assert quotes(ORDER_FORM, quoted)
    shown = [float(v.rstrip("%")) for v in page.locator("#suspects tbody td.num").all_inner_texts()]
    assert shown == sorted(shown, reverse=True)
    assert page.locator("#suggestions").get_by_role("heading", name="Suggested tags").count() == 1

    statuses = set(page.locator("#demand tbody .badge.supply").all_inner_texts())
    assert "No answer" in statuses and statuses & {"Answer not sent", "In use"}
    fedramp = page.locator("#demand tbody tr").filter(has_text="FedRAMP").first
    assert fedramp.locator(".badge.supply").inner_text() == "No answer"

    assert not outside, outside
    page.screenshot(path=str(artifacts / "library-health.png"), full_page=True)
    assert accessibility_problems(page) == []

    with page.expect_download() as download:
        page.locator("a[href^='/reports/tag-health.csv']").click()
    rows = list(csv.DictReader(io.StringIO(download.value.path().read_text(encoding="utf-8"))))
    assert any(r["kind"] == "suspect" and r["external_id"] == misfiled and r["value"] == "awareness" for r in rows)
    assert any(r["kind"] == "demand" and r["status"] == "no_answer" for r in rows)
