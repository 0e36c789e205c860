"""Health, readiness, metrics and the OpenAPI document."""

from __future__ import annotations

from fastapi.testclient import TestClient


def test_healthz_and_readyz_need_no_key(client: TestClient) -> None:
    assert client.get("/healthz").json() == {"status": "ok"}
    ready = client.get("/readyz")
    assert ready.status_code == 200
    body = ready.json()
    assert body["ready"] is True and body["index_generation"] == body["store_generation"]
    assert body["assets_indexed"] >= 60


def test_metrics_exposes_latency_histograms(client: TestClient, rep: dict[str, str]) -> None:
    client.get("/v1/search?q=security", headers=rep)
    response = client.get("/metrics")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    assert 'pitchwise_request_duration_seconds_bucket{le="0.05",method="GET",route="/v1/search"' in response.text


def test_openapi_describes_the_contract(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    paths = spec["paths"]
    expected = {
        "/v1/keys": {"get", "post"},
        "/v1/keys/{key_id}": {"delete"},
        "/v1/personas": {"get"},
        "/v1/personas/{persona_id}": {"get", "put", "delete"},
        "/v1/personas/resolve": {"post"},
        "/v1/assets": {"get"},
        "/v1/assets/{external_id}": {"get", "put", "delete"},
        "/v1/assets/bulk": {"post"},
        "/v1/assets/{external_id}/file": {"post"},
        "/v1/recommendations": {"post"},
        "/v1/search": {"get"},
        "/v1/objections": {"post"},
        "/v1/feedback": {"post"},
        "/v1/outcomes": {"post"},
        "/healthz": {"get"},
        "/readyz": {"get"},
        "/metrics": {"get"},
    }
    for path, methods in expected.items():
        assert methods <= set(paths[path]), path
    assert {"401", "403", "422"} <= set(paths["/v1/recommendations"]["post"]["responses"])


def test_unknown_route_is_404_in_error_shape(client: TestClient) -> None:
    response = client.get("/v1/nothing-here")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"
