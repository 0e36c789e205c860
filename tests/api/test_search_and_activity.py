"""Search with filters, and logging objections, feedback and outcomes."""

from __future__ import annotations

from fastapi.testclient import TestClient


def test_search_ranks_relevant_assets_with_highlights(client: TestClient, rep: dict[str, str]) -> None:
    response = client.get("/v1/search", params={"q": "SOC 2 audit report and encryption"}, headers=rep).json()
    assert response["total"] >= len(response["results"]) > 0
    top = response["results"][0]
    assert top["highlights"] and top["score"] > 0
    demo = [r["asset"]["external_id"] for r in response["results"] if r["asset"]["external_id"].startswith("ll-")]
    tags = [client.get(f"/v1/assets/{external_id}", headers=rep).json() for external_id in demo[:3]]
    assert any("Security and compliance concerns" in a["objections"] for a in tags)


def test_search_filters(client: TestClient, rep: dict[str, str]) -> None:
    params = {"q": "customer story", "content_type": "case_study", "stage": "MOFU", "limit": 50}
    results = client.get("/v1/search", params=params, headers=rep).json()["results"]
    assert results and all(r["asset"]["content_type"] == "case_study" and "evaluation" in r["stages"] for r in results)
    healthcare = client.get(
        "/v1/search", params={"q": "invoices", "industry": "Healthcare", "limit": 50}, headers=rep
    ).json()
    assert all(not r["industries"] or "Healthcare" in r["industries"] for r in healthcare["results"])
    finance = client.get("/v1/search", params={"q": "", "persona": "finance", "limit": 50}, headers=rep).json()
    assert finance["results"] and all("finance" in r["personas"] for r in finance["results"])


def test_search_bad_input(client: TestClient, rep: dict[str, str]) -> None:
    assert client.get("/v1/search", params={"q": "x", "stage": "nonsense"}, headers=rep).status_code == 422
    assert client.get("/v1/search", params={"q": "x", "limit": 0}, headers=rep).status_code == 422
    assert client.get("/v1/search", params={"q": "x" * 501}, headers=rep).status_code == 422


def test_log_objections_feedback_outcomes(client: TestClient, rep: dict[str, str]) -> None:
    logged = client.post(
        "/v1/objections",
        json={"objections": [{"text": "legal wants EU data residency", "stage": "Negotiation", "industry": "Retail"}]},
        headers=rep,
    )
    assert logged.status_code == 201 and logged.json() == {"logged": 1}
    dated_and_not = [
        {"text": "our auditors want five years of history", "logged_at": "2026-10-05T09:30:00Z"},
        {"text": "our auditors want seven years of history"},
    ]
    mixed = client.post("/v1/objections", json={"objections": dated_and_not}, headers=rep)
    assert mixed.status_code == 201 and mixed.json() == {"logged": 2}
    assert client.post("/v1/objections", json={"objections": []}, headers=rep).status_code == 422
    assert (
        client.post("/v1/objections", json={"objections": [{"text": "x", "stage": "??"}]}, headers=rep).status_code
        == 422
    )
    feedback = client.post(
        "/v1/feedback", json={"external_id": "ll-001", "action": "sent", "opportunity_id": "o-1"}, headers=rep
    )
    assert feedback.status_code == 201 and feedback.json()["action"] == "sent"
    assert client.post("/v1/feedback", json={"external_id": "nope", "action": "sent"}, headers=rep).status_code == 404
    assert (
        client.post("/v1/feedback", json={"external_id": "ll-001", "action": "liked"}, headers=rep).status_code == 422
    )
    outcome = client.post(
        "/v1/outcomes", json={"opportunity_id": "o-1", "outcome": "won", "amount": 42000}, headers=rep
    )
    assert outcome.status_code == 201
    assert client.post("/v1/outcomes", json={"opportunity_id": "o-1", "outcome": "tie"}, headers=rep).status_code == 422
