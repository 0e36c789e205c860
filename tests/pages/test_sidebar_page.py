"""The CRM sidebar at 400 px, its feedback buttons, and framing inside (and outside) the allowed CRM."""

from __future__ import annotations

from urllib.parse import quote, urlencode

import pytest
from sqlalchemy import select

from content_store.models import Feedback, RecommendationLog
from tests.pages.browser import accessibility_problems
from tests.pages.conftest import sign_in

pytestmark = pytest.mark.browser

PROSPECT = {
    "industry": "hospital network",
    "title": "VP Finance",
    "stage": "Proposal",
    "objections": "cfo says too pricey|we need FedRAMP authorization",
}


def _sidebar_path(**fields: str) -> str:
    return "/sidebar?" + urlencode(fields or PROSPECT)


def _feedback_for(live, request_id):
    with live.runtime.factory() as session:
        rows = session.scalars(select(Feedback).where(Feedback.request_id == request_id)).all()
        return [(f.external_id, f.action) for f in rows]


def test_sidebar_recommends_and_logs_feedback_at_400px(new_page, live, artifacts) -> None:
    page = new_page(width=400, height=900)
    page.goto(_sidebar_path())
    page.wait_for_url("**/sidebar/sign-in?next=**")
    page.fill("input[name=key]", live.keys["rep"])
    page.press("input[name=key]", "Enter")
    page.wait_for_selector(".rec")
    assert page.locator(".summary-text").inner_text() == "hospital network · VP Finance · Proposal"
    assert "Finance leader" in page.locator(".resolved").inner_text()
    uncovered = page.locator(".uncovered").inner_text()
    assert "we need FedRAMP authorization" in uncovered and "marketing has been told" in uncovered
    recs = page.locator(".rec")
    assert 1 <= recs.count() <= 5
    first = recs.first
    assert any("cfo says too pricey" in r for r in first.locator(".reasons li").all_inner_texts())
    assert first.locator(".talking-points li").count() >= 1
    assert "When:" in first.locator(".guide").inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= 400
    page.screenshot(path=str(artifacts / "sidebar.png"), full_page=True)

    request_id = first.locator("input[name=request_id]").first.input_value()
    external_id = first.locator("input[name=external_id]").first.input_value()
    with live.runtime.factory() as session:
        assert session.scalars(select(RecommendationLog).where(RecommendationLog.request_id == request_id)).first()
    first.get_by_role("button", name="Sent").click()
    first.get_by_role("button", name="Helpful", exact=True).click()
    page.wait_for_function(
        "() => document.querySelector('.rec [data-feedback-status]').textContent.includes('Helpful')"
    )
    assert first.get_by_role("button", name="Sent").get_attribute("aria-pressed") == "true"
    assert sorted(_feedback_for(live, request_id)) == [(external_id, "helpful"), (external_id, "sent")]
    recs.nth(1).get_by_role("button", name="Not helpful").click()
    page.wait_for_function(
        "() => document.querySelectorAll('.rec')[1].querySelector('[data-feedback-status]').textContent.length > 0"
    )
    assert "not_helpful" in {a for _, a in _feedback_for(live, request_id)}
    assert accessibility_problems(page) == []


def test_sidebar_form_and_repeated_objections(new_page, live) -> None:
    page = new_page(width=400)
    sign_in(page, live.keys["rep"], path="/sidebar")
    page.wait_for_url("**/sidebar")
    assert page.locator("details.prospect").get_attribute("open") is not None
    page.fill("#p-industry", "Manufacturing")
    page.fill("#p-title", "Controller")
    page.fill("#p-objections", "our ERP already does AP\nworried about implementation time")
    page.get_by_role("button", name="Recommend").click()
    page.wait_for_selector(".rec")
    assert "objections=our+ERP+already+does+AP" in page.url
    page.goto("/sidebar?" + urlencode([("title", "CFO"), ("objections", "too expensive"), ("objections", "SAP ECC")]))
    assert page.locator("#p-objections").input_value() == "too expensive\nSAP ECC"
    page.goto("/sidebar?" + urlencode({"stage": "Banana", "title": "CFO"}))
    assert "stage" in page.get_by_role("alert").inner_text().lower()


def test_sidebar_inside_the_allowed_crm_iframe_and_refused_elsewhere(new_page, live, artifacts) -> None:
    src = live.url + _sidebar_path()
    page = new_page(width=900, height=1000)
    page.goto(f"{live.crm_origin}/record?src={quote(src)}")
    frame = page.frame_locator("iframe")
    frame.locator("input[name=key]").fill(live.keys["rep"])
    frame.locator("input[name=key]").press("Enter")
    frame.locator(".rec").first.wait_for()
    cookie = next(c for c in page.context.cookies() if c["name"] == "pw_sidebar")
    assert cookie["path"] == "/sidebar" and cookie["httpOnly"] and cookie["secure"] and cookie["sameSite"] == "None"
    assert cookie.get("partitionKey", "").startswith("http://localhost")
    frame.locator(".rec").first.get_by_role("button", name="Sent").click()
    frame.locator(".rec [data-feedback-status]").first.filter(has_text="Sent").wait_for()
    page.screenshot(path=str(artifacts / "sidebar-in-crm.png"))

    other = new_page(width=900, height=600)
    other.goto(f"{live.other_origin}/record?src={quote(src)}")
    other.wait_for_timeout(500)
    child = other.frames[1]
    assert child.url.startswith("chrome-error://") or child.locator("input[name=key]").count() == 0
