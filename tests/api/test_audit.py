"""The audit log records every successful write with the key that made it; admins read it."""

from __future__ import annotations

from fastapi.testclient import TestClient


def test_writes_are_audited_with_the_key_and_never_the_secret(
    client: TestClient, admin: dict[str, str], marketing: dict[str, str], rep: dict[str, str]
) -> None:
    body = {"title": "Audited asset", "content_type": "other", "status": "draft"}
    assert client.put("/v1/assets/audited-1", json=body, headers=marketing).status_code in (200, 201)
    assert client.put("/v1/assets/audited-1", json={"content_type": "other"}, headers=marketing).status_code == 422
    client.post("/v1/recommendations", json={"prospect": {}}, headers=rep)
    page = client.get("/v1/audit", params={"limit": 50}, headers=admin).json()
    mine = [e for e in page["items"] if e["path"] == "/v1/assets/audited-1"]
    assert len(mine) == 1
    entry = mine[0]
    assert entry["method"] == "PUT" and entry["role"] == "marketing" and entry["status"] in (200, 201)
    assert entry["key_name"] == "test marketing" and entry["at"]
    assert not any(e["path"] == "/v1/recommendations" for e in page["items"])
    secret = marketing["Authorization"].removeprefix("Bearer ")
    assert secret not in client.get("/v1/audit", headers=admin).text


def test_audit_log_is_for_admins_and_pages(
    client: TestClient, admin: dict[str, str], marketing: dict[str, str]
) -> None:
    assert client.get("/v1/audit", headers=marketing).status_code == 403
    first = client.get("/v1/audit", params={"limit": 1}, headers=admin).json()
    assert len(first["items"]) == 1 and first["next_before"] == first["items"][0]["id"]
    second = client.get("/v1/audit", params={"limit": 1, "before": first["next_before"]}, headers=admin).json()
    assert second["items"][0]["id"] < first["items"][0]["id"]


def test_audit_cursor_beyond_any_row_id_is_refused(client: TestClient, admin: dict[str, str]) -> None:
    assert client.get("/v1/audit", params={"before": 10**30}, headers=admin).status_code == 422
