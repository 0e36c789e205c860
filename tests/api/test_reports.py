"""Marketing reports: objection gaps (themes, window, CSV, answered themes dropping out), coverage, usage."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from typing import Any

from fastapi.testclient import TestClient

PIGEON = [
    "our office only accepts mail by carrier pigeon",
    "can you send things by carrier pigeon?",
    "carrier pigeon delivery is a must for us",
    "the CEO insists on carrier pigeons",
]
SOLAR_FLARE = [
    "what happens to payments during a solar flare",
    "solar flares could wipe out our payment runs",
    "solar flare outages could stop our payments",
]


def _log(client: TestClient, headers: dict[str, str], texts: list[str], **extra: Any) -> None:
    body = {"objections": [{"text": t, **extra} for t in texts]}
    assert client.post("/v1/objections", json=body, headers=headers).status_code == 201


def _gap(report: dict[str, Any], needle: str) -> dict[str, Any] | None:
    return next((g for g in report["gaps"] if any(needle in e for e in g["examples"])), None)


def test_gap_report_groups_unanswered_objections_into_themes(
    client: TestClient, rep: dict[str, str], marketing: dict[str, str]
) -> None:
    _log(client, rep, PIGEON, stage="Negotiation", industry="Retail", persona_id="finance")
    _log(client, rep, SOLAR_FLARE, stage="evaluation", title="IT Director")
    _log(client, rep, ["this is way too expensive", "price is too high for our budget"])
    report = client.get("/v1/reports/objection-gaps", headers=marketing).json()
    pigeon, flare = _gap(report, "pigeon"), _gap(report, "solar flare")
    assert pigeon is not None and flare is not None and pigeon is not flare
    assert pigeon["count"] >= len(PIGEON) and set(pigeon["examples"]) <= set(PIGEON) | {pigeon["label"]}
    assert pigeon["label"] in PIGEON
    assert pigeon["by_stage"] == {"conversion": len(PIGEON)}
    assert pigeon["by_industry"] == {"Retail": len(PIGEON)}
    assert pigeon["by_persona"] == {"finance": len(PIGEON)}
    assert flare["by_persona"] == {"it": len(SOLAR_FLARE)}
    assert pigeon["new"] is True and sum(w["count"] for w in pigeon["weekly"]) == pigeon["count"]
    assert not _gap(report, "too expensive") and not _gap(report, "too high")
    counts = [g["count"] for g in report["gaps"]]
    assert counts == sorted(counts, reverse=True)


def test_gap_report_window_min_count_and_csv(
    client: TestClient, rep: dict[str, str], marketing: dict[str, str]
) -> None:
    _log(client, rep, PIGEON[:2])
    high = client.get("/v1/reports/objection-gaps", params={"min_count": 1000}, headers=marketing).json()
    assert high["gaps"] == []
    future = client.get(
        "/v1/reports/objection-gaps", params={"since": "2099-01-01T00:00:00Z"}, headers=marketing
    ).json()
    assert future["gaps"] == []
    bad = client.get(
        "/v1/reports/objection-gaps", params={"since": "2026-02-01", "until": "2026-01-01"}, headers=marketing
    )
    assert bad.status_code == 422
    response = client.get("/v1/reports/objection-gaps", params={"format": "csv"}, headers=marketing)
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert rows and {"label", "count", "examples", "best_asset"} <= set(rows[0])
    assert any("pigeon" in r["examples"] for r in rows)
    assert client.get("/v1/reports/objection-gaps", headers=rep).status_code == 403


def test_theme_leaves_the_report_once_marketing_publishes_an_answer(
    client: TestClient,
    rep: dict[str, str],
    marketing: dict[str, str],
    put_asset: Callable[..., dict[str, Any]],
    new_id: Callable[[str], str],
) -> None:
    texts = [
        "is there a Klingon language version",
        "our staff only speak Klingon",
        "we need the UI in Klingon",
    ]
    _log(client, rep, texts)
    assert _gap(client.get("/v1/reports/objection-gaps", headers=marketing).json(), "Klingon")
    answer = new_id("quibble")
    put_asset(
        answer,
        title="Ledgerline in Klingon",
        body="Every Ledgerline screen is available in Klingon.\n\nStaff who speak only Klingon can use the whole UI.",
        objections=["We need a Klingon language version"],
        content_type="datasheet",
    )
    try:
        assert not _gap(client.get("/v1/reports/objection-gaps", headers=marketing).json(), "Klingon")
    finally:
        client.delete(f"/v1/assets/{answer}", headers=marketing)
    assert _gap(client.get("/v1/reports/objection-gaps", headers=marketing).json(), "Klingon")


def test_coverage_report(client: TestClient, marketing: dict[str, str]) -> None:
    report = client.get("/v1/reports/coverage", headers=marketing).json()
    assert report["stages"] == ["awareness", "evaluation", "conversion"]
    assert len(report["cells"]) == len(report["personas"]) * 3
    assert report["live_assets"] >= 55 and report["industries"]["any"] > 0
    for cell in report["cells"]:
        total = cell["specific"] + cell["generic"]
        assert cell["status"] == ("empty" if total == 0 else "thin" if total <= 2 else "ok")
    assert all(c["status"] == "thin" for c in report["thin_cells"])
    finance = next(c for c in report["cells"] if c["persona_id"] == "finance" and c["stage"] == "evaluation")
    assert finance["specific"] > 0
    text = client.get("/v1/reports/coverage", params={"format": "csv"}, headers=marketing).text
    assert text.splitlines()[0] == "persona_id,stage,specific,generic,status"


def test_content_usage_report(client: TestClient, rep: dict[str, str], marketing: dict[str, str]) -> None:
    recommended = client.post(
        "/v1/recommendations",
        json={"prospect": {"objections": ["vendors refuse to use supplier portals"], "opportunity_id": "opp-usage"}},
        headers=rep,
    ).json()
    first = recommended["recommendations"][0]["asset"]["external_id"]
    before = client.get("/v1/reports/content-usage", headers=marketing).json()
    entry = next(a for a in before["assets"] if a["external_id"] == first)
    for action in ("sent", "opened", "helpful"):
        feedback = {"request_id": recommended["request_id"], "external_id": first, "action": action}
        assert client.post("/v1/feedback", json=feedback, headers=rep).status_code == 201
    client.post("/v1/outcomes", json={"opportunity_id": "opp-usage", "outcome": "won", "amount": 25000}, headers=rep)
    after = client.get("/v1/reports/content-usage", headers=marketing).json()
    updated = next(a for a in after["assets"] if a["external_id"] == first)
    assert updated["recommended"] >= 1
    assert (updated["sent"], updated["opened"], updated["helpful"]) == (
        entry["sent"] + 1,
        entry["opened"] + 1,
        entry["helpful"] + 1,
    )
    assert updated["deals_won"] == entry["deals_won"] + 1
    assert updated["won_revenue"] >= 25000
    assert first not in after["never_recommended"] and first not in after["never_sent"]
    assert 0 < after["in_use_share"] <= 1
    assert "ll-030" not in after["never_recommended"]
    rows = list(csv.DictReader(io.StringIO(client.get("/v1/reports/content-usage?format=csv", headers=marketing).text)))
    assert {"external_id", "recommended", "won_revenue"} <= set(rows[0])


def test_a_numbered_standard_the_library_never_names_is_a_gap(
    client: TestClient, rep: dict[str, str], marketing: dict[str, str]
) -> None:
    """The demo library has SOC 1 and SOC 2 reports: close in meaning to a SOC 3 request, but no answer to it."""
    soc3 = ["we need your SOC 3 report", "our policy asks vendors for a public SOC 3", "is there a SOC 3 report?"]
    soc2 = ["can we see your SOC 2 report", "security wants the SOC 2 Type II", "do you have a SOC 2 report?"]
    _log(client, rep, soc3)
    _log(client, rep, soc2)
    report = client.get("/v1/reports/objection-gaps", headers=marketing).json()
    gap = _gap(report, "SOC 3")
    assert gap is not None and "SOC 3" in gap["missing_terms"]
    assert _gap(report, "SOC 2") is None
