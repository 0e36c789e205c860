"""The CRM sidebar call: shape, traps, coverage, guidance from the asset itself, logging, bad input."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import select

from content_store.models import ObjectionLog, RecommendationLog

ESCROW_BODY = (
    "Invoice escrow keeps a sealed copy of every invoice in a separate vault for seven years.\n\n"
    "Auditors can request the sealed copy at any time and verify it against the ledger in minutes."
)


def _recommend(client: TestClient, headers: dict[str, str], **prospect: Any) -> dict[str, Any]:
    limit = prospect.pop("limit", 5)
    response = client.post("/v1/recommendations", json={"prospect": prospect, "limit": limit}, headers=headers)
    assert response.status_code == 200, response.text
    return response.json()


def _ids(result: dict[str, Any]) -> list[str]:
    return [r["asset"]["external_id"] for r in result["recommendations"]]


def test_response_shape(client: TestClient, rep: dict[str, str]) -> None:
    result = _recommend(
        client, rep, industry="Healthcare", title="VP Finance", stage="Proposal", objections=["price is way too high"]
    )
    assert result["request_id"] and result["stage"] == "evaluation"
    assert result["persona"]["persona_id"] == "finance"
    assert 1 <= len(result["recommendations"]) <= 5
    for item in result["recommendations"]:
        assert set(item["asset"]) == {"external_id", "title", "content_type", "url"}
        assert item["reasons"] and isinstance(item["score"], float)
        guidance = item["guidance"]
        assert guidance["when"] and guidance["how"] and guidance["evidence"]
        for addressed in item["objections_addressed"]:
            assert 0 <= addressed["confidence"] <= 1


def test_evidence_and_talking_points_come_from_the_asset(client: TestClient, rep: dict[str, str]) -> None:
    result = _recommend(client, rep, title="Controller", objections=["we already run AP inside NetSuite", "too pricey"])
    for item in result["recommendations"]:
        asset = client.get(f"/v1/assets/{item['asset']['external_id']}", headers=rep).json()
        text = " ".join(f"{asset['title']} {asset['summary']} {asset['body']}".split())
        for evidence in item["guidance"]["evidence"]:
            assert " ".join(evidence["passage"].split()) in text
        for point in item["guidance"]["talking_points"]:
            assert point in text


def test_traps_are_never_recommended_or_found(
    client: TestClient,
    rep: dict[str, str],
    marketing: dict[str, str],
    put_asset: Callable[..., dict[str, Any]],
    new_id: Callable[[str], str],
) -> None:
    yesterday = (dt.date.today() - dt.timedelta(days=1)).isoformat()
    common = {"body": ESCROW_BODY, "content_type": "guide", "objections": ["Auditors need sealed invoice escrow"]}
    live = new_id("escrow-live")
    traps = {
        new_id("escrow-draft"): {"status": "draft"},
        new_id("escrow-archived"): {"status": "archived"},
        new_id("escrow-expired"): {"expires_at": yesterday, "published_at": "2025-01-01"},
    }
    for external_id, extra in traps.items():
        put_asset(external_id, title=f"Invoice escrow {external_id}", **common, **extra)
    deleted = new_id("escrow-deleted")
    put_asset(deleted, title="Invoice escrow deleted", **common)
    assert client.delete(f"/v1/assets/{deleted}", headers=marketing).status_code == 204
    put_asset(live, title="Invoice escrow for auditors", **common)
    result = _recommend(client, rep, objections=["auditors want a sealed copy of invoices kept in escrow"], limit=50)
    ids = _ids(result)
    assert ids[0] == live
    assert not set(ids) & {*traps, deleted}
    search = client.get("/v1/search", params={"q": "invoice escrow sealed copy", "limit": 50}, headers=rep).json()
    found = [h["asset"]["external_id"] for h in search["results"]]
    assert live in found and not set(found) & {*traps, deleted}


def test_every_answerable_objection_is_covered_and_unanswerable_ones_reported(
    client: TestClient, rep: dict[str, str]
) -> None:
    objections = [
        "cfo thinks it costs too much",
        "we're worried about SOC 2 and data security",
        "vendors will never log into another portal",
        "we need it installed on our own servers, on-prem only",
    ]
    result = _recommend(client, rep, title="CFO", stage="evaluation", objections=objections, limit=4)
    addressed = {
        a["objection"] for r in result["recommendations"] for a in r["objections_addressed"] if a["confidence"] >= 0.5
    }
    assert set(objections[:3]) <= addressed
    assert result["uncovered_objections"] == [objections[3]]


def test_limit_content_types_and_duplicates(client: TestClient, rep: dict[str, str]) -> None:
    response = client.post(
        "/v1/recommendations",
        json={
            "prospect": {"objections": ["is the ROI real?"]},
            "limit": 3,
            "content_types": ["case_study", "roi_calculator"],
        },
        headers=rep,
    )
    items = response.json()["recommendations"]
    assert 1 <= len(items) <= 3
    assert {i["asset"]["content_type"] for i in items} <= {"case_study", "roi_calculator"}
    assert len({i["asset"]["external_id"] for i in items}) == len(items)


def test_no_objections_still_recommends_by_fit(client: TestClient, rep: dict[str, str]) -> None:
    result = _recommend(client, rep, title="Chief Information Security Officer", stage="evaluation", objections=[])
    assert result["persona"]["persona_id"] == "security"
    first = client.get(f"/v1/assets/{_ids(result)[0]}", headers=rep).json()
    assert "security" in first["personas"] or not first["personas"]
    assert result["uncovered_objections"] == []


def test_industry_specific_beats_other_industry(
    client: TestClient, rep: dict[str, str], put_asset: Callable[..., dict[str, Any]], new_id: Callable[[str], str]
) -> None:
    airline, rail, generic = new_id("kiosk"), new_id("kiosk"), new_id("kiosk")
    put_asset(
        airline,
        title="How Skyward Air cut check-in queues",
        body="Skyward's kiosks print boarding passes twice as fast, and gate agents cut queue times by 40 percent.",
        industries=["Airlines"],
        objections=["Kiosks are too slow"],
    )
    put_asset(
        rail,
        title="Metro Rail ticket kiosks, twice as fast",
        body="Metro Rail riders buy tickets in 20 seconds at the new kiosks, so station lines stay short at rush hour.",
        industries=["Railways"],
        objections=["Kiosks are too slow"],
    )
    put_asset(
        generic,
        title="Why fast kiosks shorten every queue",
        body="A kiosk that answers in under a second keeps lines moving; customers finish a transaction in 20 seconds.",
        objections=["Kiosks are too slow"],
    )
    ids = _ids(_recommend(client, rep, industry="airlines", objections=["kiosks are slow, queues are long"], limit=10))
    assert ids.index(airline) < ids.index(generic)
    if rail in ids:
        assert ids.index(generic) < ids.index(rail)


def test_objections_and_request_are_logged(client: TestClient, rep: dict[str, str]) -> None:
    marker = "zanzibar procurement freeze until spring"
    result = _recommend(
        client, rep, title="Buyer", objections=[marker, f"  {marker.upper()} "], opportunity_id="opp-log-1"
    )
    runtime = client.app.state.runtime  # type: ignore[attr-defined]
    with runtime.factory() as session:
        logged = session.scalars(select(ObjectionLog).where(ObjectionLog.request_id == result["request_id"])).all()
        request = session.get(RecommendationLog, result["request_id"])
    assert [o.text for o in logged] == [marker]
    assert logged[0].embedding is not None and logged[0].opportunity_id == "opp-log-1"
    assert request is not None and [r["external_id"] for r in request.results] == _ids(result)


def test_bad_input(client: TestClient, rep: dict[str, str]) -> None:
    def post(body: object) -> Any:
        return client.post("/v1/recommendations", json=body, headers=rep)

    unknown_stage = post({"prospect": {"stage": "halfway there"}})
    assert unknown_stage.status_code == 422
    assert "stage" in unknown_stage.json()["error"]["message"].lower()
    assert post({"prospect": {}, "limit": 51}).status_code == 422
    assert post({"prospect": {}, "limit": 0}).status_code == 422
    assert post({"prospect": {"objections": "not a list"}}).status_code == 422
    assert post({"prospect": {}, "content_types": ["podcast"]}).status_code == 422
    assert post({}).status_code == 422
    too_many = post({"prospect": {"objections": [f"objection {i}" for i in range(21)]}})
    assert too_many.status_code == 413
    assert post({"prospect": {"objections": ["x" * 501]}}).status_code == 422
    assert post({"prospect": {"title": "CFO", "objections": []}}).status_code == 200
