"""Feedback flows back into ranking: not-helpful marks sink an asset, helpful marks lift one."""

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


def _top(client: TestClient, rep: dict[str, str]) -> tuple[str, list[str]]:
    result = client.post("/v1/recommendations", json={"prospect": PROSPECT, "limit": 5}, headers=rep).json()
    return result["request_id"], [r["asset"]["external_id"] for r in result["recommendations"]]


def _mark(client: TestClient, rep: dict[str, str], request_id: str, external_id: str, action: str, times: int) -> None:
    for _ in range(times):
        body = {"request_id": request_id, "external_id": external_id, "action": action}
        assert client.post("/v1/feedback", json=body, headers=rep).status_code == 201


def test_feedback_moves_assets_both_ways_within_bounds(
    client: TestClient, rep: dict[str, str], put_asset: Callable[..., dict[str, Any]], new_id: Callable[[str], str]
) -> None:
    first, second = new_id("glacier"), new_id("glacier")
    body = (
        "Invoice archives are stored in glacier-proof vaults.\n\nAuditors can retrieve any archived invoice in minutes."
    )
    for external_id, title in ((first, "Glacier-proof invoice archives"), (second, "Invoice archives auditors trust")):
        put_asset(external_id, title=title, body=body, objections=["Auditors need durable invoice archives"])
    request_id, ranked = _top(client, rep)
    leader, runner_up = ranked[0], ranked[1]
    assert {leader, runner_up} == {first, second}
    _mark(client, rep, request_id, leader, "not_helpful", 12)
    request_id, ranked = _top(client, rep)
    assert ranked.index(runner_up) < ranked.index(leader)
    _mark(client, rep, request_id, leader, "helpful", 40)
    _, ranked = _top(client, rep)
    assert ranked.index(leader) < ranked.index(runner_up)
    priors = client.app.state.runtime.priors  # type: ignore[attr-defined]
    assert 0 < priors.prior(leader, "finance", "evaluation") <= PRIOR_WEIGHT
    assert priors.prior("never-marked", "finance", "evaluation") == 0.0
