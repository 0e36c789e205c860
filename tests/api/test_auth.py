"""The auth matrix: 401 without a key, 403 for a role that may not, allowed otherwise."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

ENDPOINTS = [
    ("GET", "/v1/personas", None, "rep"),
    ("GET", "/v1/personas/finance", None, "rep"),
    ("POST", "/v1/personas/resolve", {"title": "CFO"}, "rep"),
    ("PUT", "/v1/personas/auth_probe", {"name": "Probe"}, "marketing"),
    ("DELETE", "/v1/personas/auth_probe_missing", None, "marketing"),
    ("GET", "/v1/assets", None, "rep"),
    ("GET", "/v1/assets/ll-001", None, "rep"),
    ("PUT", "/v1/assets/auth-probe", {"title": "Probe", "content_type": "other", "status": "draft"}, "marketing"),
    ("POST", "/v1/assets/bulk", {"assets": []}, "marketing"),
    ("DELETE", "/v1/assets/auth-probe-missing", None, "marketing"),
    ("POST", "/v1/recommendations", {"prospect": {"objections": []}}, "rep"),
    ("GET", "/v1/search?q=pricing", None, "rep"),
    ("POST", "/v1/objections", {"objections": [{"text": "auth probe"}]}, "rep"),
    ("POST", "/v1/feedback", {"external_id": "ll-001", "action": "opened"}, "rep"),
    ("POST", "/v1/outcomes", {"opportunity_id": "auth-probe", "outcome": "lost"}, "rep"),
    ("GET", "/v1/keys", None, "admin"),
    ("POST", "/v1/keys", {"name": "probe", "role": "rep"}, "admin"),
    ("DELETE", "/v1/keys/missing", None, "admin"),
]
RANK = {"rep": 0, "marketing": 1, "admin": 2}


@pytest.mark.parametrize(("method", "path", "body", "needs"), ENDPOINTS)
def test_without_key_is_401(client: TestClient, method: str, path: str, body: object, needs: str) -> None:
    response = client.request(method, path, json=body)
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "unauthorized"


@pytest.mark.parametrize(("method", "path", "body", "needs"), ENDPOINTS)
def test_wrong_key_is_401(client: TestClient, method: str, path: str, body: object, needs: str) -> None:
    response = client.request(method, path, json=body, headers={"Authorization": "Bearer not-a-key"})
    assert response.status_code == 401


@pytest.mark.parametrize("role", ["rep", "marketing", "admin"])
@pytest.mark.parametrize(("method", "path", "body", "needs"), ENDPOINTS)
def test_role_matrix(
    request: pytest.FixtureRequest, client: TestClient, role: str, method: str, path: str, body: object, needs: str
) -> None:
    headers = request.getfixturevalue(role)
    response = client.request(method, path, json=body, headers=headers)
    if RANK[role] < RANK[needs]:
        assert response.status_code == 403, response.text
        assert response.json()["error"]["code"] == "forbidden"
    else:
        assert response.status_code not in (401, 403), response.text
        assert response.status_code < 500


def test_x_api_key_header_is_accepted(client: TestClient, rep: dict[str, str]) -> None:
    secret = rep["Authorization"].removeprefix("Bearer ")
    assert client.get("/v1/personas", headers={"X-API-Key": secret}).status_code == 200


def test_key_lifecycle_and_revocation(client: TestClient, admin: dict[str, str]) -> None:
    created = client.post("/v1/keys", json={"name": "short-lived", "role": "rep"}, headers=admin).json()
    assert set(created) >= {"key_id", "name", "role", "key"}
    headers = {"Authorization": f"Bearer {created['key']}"}
    assert client.get("/v1/personas", headers=headers).status_code == 200
    listed = client.get("/v1/keys", headers=admin).json()["items"]
    entry = next(k for k in listed if k["key_id"] == created["key_id"])
    assert "key" not in entry and entry["revoked_at"] is None
    assert created["key"] not in client.get("/v1/keys", headers=admin).text
    assert client.delete(f"/v1/keys/{created['key_id']}", headers=admin).status_code == 204
    assert client.get("/v1/personas", headers=headers).status_code == 401
    assert client.delete(f"/v1/keys/{created['key_id']}", headers=admin).status_code == 404


def test_keys_are_stored_hashed(client: TestClient, admin: dict[str, str]) -> None:
    from sqlalchemy import select

    from content_store.models import ApiKey

    created = client.post("/v1/keys", json={"name": "hash-check", "role": "rep"}, headers=admin).json()
    runtime = client.app.state.runtime  # type: ignore[attr-defined]
    with runtime.factory() as session:
        stored = session.scalars(select(ApiKey.key_hash)).all()
    assert created["key"] not in stored
    assert all(len(h) == 64 for h in stored)


def test_invalid_role_is_422(client: TestClient, admin: dict[str, str]) -> None:
    response = client.post("/v1/keys", json={"name": "x", "role": "owner"}, headers=admin)
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "validation_error"
