"""Library health: mis-tagged assets flagged with evidence, untagged objections suggested, demand vs supply, CSV."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from indexing.embedder import SentenceTransformerEmbedder
from tests.api.conftest import demo_client, make_key
from tests.library_health_samples import HOSPITAL, ORDER_FORM, SECURITY, SECURITY_TAG, UNANSWERED, quotes

ANSWERED = [
    "paying suppliers in foreign currencies is too complicated",
    "foreign currency payments to overseas suppliers are too complicated",
    "paying overseas suppliers in their own currency is complicated",
]
TAG_FIELDS = ("personas", "stages", "industries", "objections")


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory, embedder: SentenceTransformerEmbedder) -> Iterator[TestClient]:
    """A library of its own (SQLite): library health reads the whole library, so other tests' assets would
    change what it finds."""
    with demo_client("sqlite", tmp_path_factory.mktemp("health"), embedder) as test_client:
        yield test_client


@pytest.fixture(scope="module")
def rep(client: TestClient, admin: dict[str, str]) -> dict[str, str]:
    return make_key(client, admin, "rep")


@pytest.fixture(scope="module")
def marketing(client: TestClient, admin: dict[str, str]) -> dict[str, str]:
    return make_key(client, admin, "marketing")


@pytest.fixture(scope="module")
def library(client: TestClient, marketing: dict[str, str]) -> Iterator[dict[str, str]]:
    """The three test assets, written once for the module and deleted afterwards (other tests never see them)."""
    ids = {"order_form": "health-order-form", "hospital": "health-hospital", "security": "health-security"}
    for key, body in (("order_form", ORDER_FORM), ("hospital", HOSPITAL), ("security", SECURITY)):
        response = client.put(f"/v1/assets/{ids[key]}", json=body, headers=marketing)
        assert response.status_code in (200, 201), response.text
    try:
        yield ids
    finally:
        for external_id in ids.values():
            client.delete(f"/v1/assets/{external_id}", headers=marketing)


def _suggestions(client: TestClient, headers: dict[str, str], external_id: str) -> dict[str, Any]:
    response = client.get(f"/v1/assets/{external_id}/suggestions", headers=headers)
    assert response.status_code == 200, response.text
    return response.json()


def _from_text(evidence: dict[str, Any], asset: dict[str, Any]) -> bool:
    return evidence["kind"] == "passage" and quotes(asset, evidence["text"])


def _one(items: list[dict[str, Any]], **match: Any) -> dict[str, Any]:
    found = [item for item in items if all(item[k] == v for k, v in match.items())]
    assert found, (match, items)
    return found[0]


def test_a_pricing_sheet_tagged_awareness_is_suspect_with_passage_evidence(
    client: TestClient, marketing: dict[str, str], library: dict[str, str]
) -> None:
    health = _suggestions(client, marketing, library["order_form"])
    assert health["external_id"] == library["order_form"] and health["title"] == ORDER_FORM["title"]
    suspect = _one(health["suspects"], field="stages", value="awareness")
    assert suspect["external_id"] == library["order_form"] and suspect["title"] == ORDER_FORM["title"]
    assert suspect["instead"] == "conversion"
    assert 0.5 <= suspect["confidence"] <= 1 and suspect["reason"]
    assert _from_text(suspect["evidence"], ORDER_FORM)
    confidences = [s["confidence"] for s in health["suspects"]]
    assert confidences == sorted(confidences, reverse=True)


def test_a_hospital_case_study_tagged_retail_is_suspect(
    client: TestClient, marketing: dict[str, str], library: dict[str, str]
) -> None:
    health = _suggestions(client, marketing, library["hospital"])
    suspect = _one(health["suspects"], field="industries", value="Retail")
    assert suspect["instead"] == "Healthcare"
    assert _from_text(suspect["evidence"], HOSPITAL)
    assert not any(s["field"] == "stages" for s in health["suspects"])


def test_an_untagged_objection_the_body_answers_is_suggested_and_tags_stay_unchanged(
    client: TestClient, marketing: dict[str, str], library: dict[str, str]
) -> None:
    external_id = library["security"]
    before = client.get(f"/v1/assets/{external_id}", headers=marketing).json()
    health = _suggestions(client, marketing, external_id)
    suggestion = _one(health["suggestions"], field="objections", value=SECURITY_TAG)
    assert 0.5 <= suggestion["confidence"] <= 1
    assert _from_text(suggestion["evidence"], SECURITY)
    assert not any(s["field"] == "objections" and s["value"] == SECURITY_TAG for s in health["suspects"])
    client.get("/v1/reports/tag-health", headers=marketing)
    after = client.get(f"/v1/assets/{external_id}", headers=marketing).json()
    assert {f: after[f] for f in TAG_FIELDS} == {f: before[f] for f in TAG_FIELDS}
    assert after["objections"] == [] and after["version"] == before["version"]


def test_suggestions_unknown_asset_roles_and_route_order(
    client: TestClient, rep: dict[str, str], marketing: dict[str, str], library: dict[str, str]
) -> None:
    missing = client.get("/v1/assets/no-such-asset/suggestions", headers=marketing)
    assert missing.status_code == 404
    assert missing.json()["error"]["code"] == "not_found"
    assert client.get("/v1/assets/bad%20id/suggestions", headers=marketing).status_code == 422
    assert client.get(f"/v1/assets/{library['security']}/suggestions", headers=rep).status_code == 403
    assert client.get(f"/v1/assets/{library['security']}/suggestions").status_code == 401
    assert client.get("/v1/reports/tag-health", headers=rep).status_code == 403
    # The asset itself is still served by the assets router.
    assert client.get(f"/v1/assets/{library['security']}", headers=rep).json()["title"] == SECURITY["title"]


def test_upload_points_to_the_suggestions(
    client: TestClient,
    marketing: dict[str, str],
    put_asset: Callable[..., dict[str, Any]],
    new_id: Callable[[str], str],
) -> None:
    external_id = new_id("health-upload")
    put_asset(external_id, title="Security overview", stages=["evaluation"], content_type="datasheet")
    try:
        response = client.post(
            f"/v1/assets/{external_id}/file",
            files={"file": ("overview.md", SECURITY["body"].encode(), "text/markdown")},
            headers=marketing,
        )
        assert response.status_code == 200, response.text
        assert f"</v1/assets/{external_id}/suggestions>" in response.headers["link"]
        assert response.json()["objections"] == [] and response.json()["stages"] == ["evaluation"]
        assert client.get(f"/v1/assets/{external_id}/suggestions", headers=marketing).status_code == 200
    finally:
        client.delete(f"/v1/assets/{external_id}", headers=marketing)


def _log(client: TestClient, headers: dict[str, str], texts: list[str]) -> None:
    response = client.post("/v1/objections", json={"objections": [{"text": t} for t in texts]}, headers=headers)
    assert response.status_code == 201, response.text


def _theme(report: dict[str, Any], word: str) -> dict[str, Any]:
    found = [t for t in report["demand"] if any(word in text for text in [t["label"], *t["examples"]])]
    assert len(found) == 1, (word, report["demand"])
    return found[0]


def test_tag_health_report_ranks_suspects_and_separates_no_answer_from_answered(
    client: TestClient, rep: dict[str, str], marketing: dict[str, str], library: dict[str, str]
) -> None:
    _log(client, rep, ANSWERED)
    _log(client, rep, UNANSWERED)
    report = client.get("/v1/reports/tag-health", params={"min_count": 3}, headers=marketing).json()
    assert report["assets_checked"] >= 64
    confidences = [s["confidence"] for s in report["suspects"]]
    assert confidences == sorted(confidences, reverse=True)
    _one(report["suspects"], external_id=library["order_form"], field="stages", value="awareness")
    _one(report["suspects"], external_id=library["hospital"], field="industries", value="Retail")
    suggestion = _one(report["suggestions"], external_id=library["security"], field="objections", value=SECURITY_TAG)
    assert suggestion["title"] == SECURITY["title"] and suggestion["evidence"]["kind"] == "passage"

    assert all(t["count"] >= 3 for t in report["demand"])
    assert all(t["status"] in ("no_answer", "not_sent", "in_use") for t in report["demand"])
    gap = _theme(report, "pigeon")
    assert gap["status"] == "no_answer" and gap["assets"] == [] and gap["count"] >= 3
    answered = _theme(report, "currenc")
    assert answered["status"] in ("not_sent", "in_use") and answered["answered_share"] > 0.5
    assert answered["assets"], answered
    for asset in answered["assets"]:
        assert {"external_id", "title", "confidence", "recommended", "sent", "helpful"} <= set(asset)
        assert min(asset["recommended"], asset["sent"], asset["helpful"]) >= 0

    future = client.get("/v1/reports/tag-health", params={"since": "2099-01-01T00:00:00Z"}, headers=marketing).json()
    assert future["demand"] == [] and future["suspects"]
    bad = client.get("/v1/reports/tag-health", params={"since": "2026-02-01", "until": "2026-01-01"}, headers=marketing)
    assert bad.status_code == 422 and bad.json()["error"]["code"] == "validation_error"


def test_tag_health_csv(
    client: TestClient, rep: dict[str, str], marketing: dict[str, str], library: dict[str, str]
) -> None:
    _log(client, rep, UNANSWERED)
    response = client.get("/v1/reports/tag-health", params={"format": "csv", "min_count": 3}, headers=marketing)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    assert 'filename="tag-health.csv"' in response.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert {"kind", "external_id", "title", "field", "value", "confidence", "reason", "evidence", "instead"} <= set(
        rows[0]
    )
    assert {"theme", "count", "answered_share", "answering_assets", "status"} <= set(rows[0])
    assert {r["kind"] for r in rows} == {"suspect", "suggestion", "demand"}
    kinds = [r["kind"] for r in rows]
    assert kinds == sorted(kinds, key=["suspect", "suggestion", "demand"].index)
    suspect = next(r for r in rows if r["kind"] == "suspect" and r["external_id"] == library["order_form"])
    assert (suspect["field"], suspect["value"], suspect["instead"]) == ("stages", "awareness", "conversion")
    assert suspect["evidence"] and float(suspect["confidence"]) > 0
    assert any(
        r["kind"] == "suggestion" and r["external_id"] == library["security"] and r["value"] == SECURITY_TAG
        for r in rows
    )
    gap = next(r for r in rows if r["kind"] == "demand" and "pigeon" in r["theme"] + r["examples"])
    assert gap["status"] == "no_answer" and gap["external_id"] == ""


def test_demand_agrees_with_the_gap_report(client: TestClient, rep: dict[str, str], marketing: dict[str, str]) -> None:
    """A theme the gap report lists (nothing answers it) is "no_answer" in demand vs supply, never "not sent"."""
    _log(client, rep, UNANSWERED)
    params = {"min_count": 3}
    gaps = client.get("/v1/reports/objection-gaps", params=params, headers=marketing).json()["gaps"]
    demand = client.get("/v1/reports/tag-health", params=params, headers=marketing).json()["demand"]
    assert gaps
    status = {t["label"]: t["status"] for t in demand}
    assert {g["label"]: status.get(g["label"]) for g in gaps} == {g["label"]: "no_answer" for g in gaps}
