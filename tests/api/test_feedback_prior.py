"""Feedback flows back into ranking: not-helpful marks sink an asset, helpful marks lift it, within bounds."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi.testclient import TestClient

from service.recommend.prior import PRIOR_WEIGHT

PROSPECT = {
    "title": "VP Finance",
    "stage": "evaluation",
    "objections": ["our auditors want glacier-proof invoice archives"],
}


def _score(client: TestClient, rep: dict[str, str], external_id: str) -> tuple[str, float]:
    result = client.post("/v1/recommendations", json={"prospect": PROSPECT, "limit": 5}, headers=rep).json()
    scores = {r["asset"]["external_id"]: r["score"] for r in result["recommendations"]}
    return result["request_id"], scores[external_id]


def _mark(client: TestClient, rep: dict[str, str], request_id: str, external_id: str, action: str, times: int) -> None:
    for _ in range(times):
        body = {"request_id": request_id, "external_id": external_id, "action": action}
        assert client.post("/v1/feedback", json=body, headers=rep).status_code == 201


def test_feedback_moves_an_asset_both_ways_within_bounds(
    client: TestClient, rep: dict[str, str], put_asset: Callable[..., dict[str, Any]], new_id: Callable[[str], str]
) -> None:
    asset = new_id("glacier")
    body = (
        "Invoice archives are stored in glacier-proof vaults.\n\nAuditors can retrieve any archived invoice in minutes."
    )
    put_asset(asset, title="Glacier-proof invoice archives", body=body, objections=["Durable invoice archives"])
    request_id, fresh = _score(client, rep, asset)
    _mark(client, rep, request_id, asset, "not_helpful", 12)
    request_id, sunk = _score(client, rep, asset)
    assert fresh - PRIOR_WEIGHT <= sunk < fresh - 0.02
    _mark(client, rep, request_id, asset, "helpful", 40)
    _, lifted = _score(client, rep, asset)
    assert fresh < lifted <= fresh + PRIOR_WEIGHT
    priors = client.app.state.runtime.priors  # type: ignore[attr-defined]
    assert 0 < priors.prior(asset, "finance", "evaluation") <= PRIOR_WEIGHT
    assert priors.prior(asset, "it", "awareness") == 0.0
    assert priors.prior("never-marked", "finance", "evaluation") == 0.0
