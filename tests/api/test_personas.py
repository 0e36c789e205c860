"""Personas: the default pack, create/replace/delete, and title resolution."""

from __future__ import annotations

from fastapi.testclient import TestClient


def test_default_pack_is_loaded(client: TestClient, rep: dict[str, str]) -> None:
    items = client.get("/v1/personas", headers=rep).json()["items"]
    assert len(items) >= 6
    assert {"finance", "it", "security"} <= {p["persona_id"] for p in items}
    assert all(p["example_titles"] for p in items if p["persona_id"] in {"finance", "it", "security"})


def test_put_get_delete_persona(client: TestClient, marketing: dict[str, str], rep: dict[str, str]) -> None:
    body = {
        "name": "Clinical leader",
        "description": "Runs clinical teams.",
        "example_titles": ["Chief Nursing Officer", "Director of Nursing"],
        "keywords": ["nursing", "clinical"],
    }
    assert client.put("/v1/personas/clinical", json=body, headers=marketing).status_code == 201
    assert client.put("/v1/personas/clinical", json=body, headers=marketing).status_code == 200
    assert client.get("/v1/personas/clinical", headers=rep).json()["name"] == "Clinical leader"
    resolved = client.post("/v1/personas/resolve", json={"title": "VP, Nursing & Clinical Ops"}, headers=rep).json()
    assert resolved["persona_id"] == "clinical"
    assert client.delete("/v1/personas/clinical", headers=marketing).status_code == 204
    assert client.get("/v1/personas/clinical", headers=rep).status_code == 404
    resolved = client.post("/v1/personas/resolve", json={"title": "VP, Nursing & Clinical Ops"}, headers=rep).json()
    assert resolved["persona_id"] != "clinical"


def test_persona_validation(client: TestClient, marketing: dict[str, str]) -> None:
    assert client.put("/v1/personas/Bad Id", json={"name": "x"}, headers=marketing).status_code == 422
    assert client.put("/v1/personas/ok-id", json={"description": "no name"}, headers=marketing).status_code == 422


def test_resolve_shapes(client: TestClient, rep: dict[str, str]) -> None:
    cfo = client.post("/v1/personas/resolve", json={"title": "SVP Finance & Accounting, EMEA"}, headers=rep).json()
    assert cfo["persona_id"] == "finance" and 0 < cfo["confidence"] <= 1
    assert all(a["persona_id"] != "finance" for a in cfo["alternatives"])
    nobody = client.post("/v1/personas/resolve", json={"title": "Barista"}, headers=rep).json()
    assert nobody["persona_id"] is None and nobody["name"] is None
    assert client.post("/v1/personas/resolve", json={}, headers=rep).status_code == 422
