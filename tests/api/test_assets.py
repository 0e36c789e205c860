"""Assets: create/replace/read/list/delete, bulk, validation and write-then-read visibility."""

from __future__ import annotations

import base64
import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from fastapi.testclient import TestClient

from service.usecases import assets as asset_usecases

SECURITY_BODY = (
    "Every tenant is isolated and encrypted with its own AES-256 key.\n\n"
    "We hold SOC 2 Type II and ISO 27001 reports, renewed every year by an outside auditor."
)


def test_put_creates_then_replaces_with_version(
    client: TestClient, marketing: dict[str, str], rep: dict[str, str], new_id: Callable[[str], str]
) -> None:
    external_id = new_id("asset")
    body = {"title": "Zebra compliance brief", "content_type": "white_paper", "stages": ["MOFU"], "body": SECURITY_BODY}
    first = client.put(f"/v1/assets/{external_id}", json=body, headers=marketing)
    assert first.status_code == 201
    assert first.json()["version"] == 1 and first.json()["stages"] == ["evaluation"]
    same = client.put(f"/v1/assets/{external_id}", json=body, headers=marketing)
    assert same.status_code == 200 and same.json()["version"] == 1
    changed = client.put(
        f"/v1/assets/{external_id}", json={**body, "title": "Zebra compliance brief v2"}, headers=marketing
    )
    assert changed.status_code == 200 and changed.json()["version"] == 2
    read = client.get(f"/v1/assets/{external_id}", headers=rep).json()
    assert read["title"] == "Zebra compliance brief v2" and read["body"] == SECURITY_BODY
    versions = client.get(f"/v1/assets/{external_id}/versions", headers=rep).json()
    assert [v["version"] for v in versions] == [1]
    assert versions[0]["asset"]["title"] == "Zebra compliance brief"


def test_write_is_visible_to_search_at_once_and_delete_removes_it(
    client: TestClient,
    marketing: dict[str, str],
    rep: dict[str, str],
    put_asset: Callable[..., dict[str, Any]],
    new_id: Callable[[str], str],
) -> None:
    external_id = new_id("visible")
    put_asset(external_id, title="Quokka tenant isolation explained", body=SECURITY_BODY, content_type="guide")
    hits = client.get("/v1/search", params={"q": "quokka tenant isolation"}, headers=rep).json()["results"]
    assert hits[0]["asset"]["external_id"] == external_id
    assert client.delete(f"/v1/assets/{external_id}", headers=marketing).status_code == 204
    hits = client.get("/v1/search", params={"q": "quokka tenant isolation"}, headers=rep).json()["results"]
    assert external_id not in [h["asset"]["external_id"] for h in hits]
    assert client.get(f"/v1/assets/{external_id}", headers=rep).status_code == 404
    assert client.delete(f"/v1/assets/{external_id}", headers=marketing).status_code == 404


def test_deleted_asset_can_be_written_again(
    client: TestClient,
    marketing: dict[str, str],
    put_asset: Callable[..., dict[str, Any]],
    new_id: Callable[[str], str],
) -> None:
    external_id = new_id("revive")
    put_asset(external_id, title="First life")
    client.delete(f"/v1/assets/{external_id}", headers=marketing)
    response = client.put(
        f"/v1/assets/{external_id}", json={"title": "Second life", "content_type": "other"}, headers=marketing
    )
    assert response.status_code == 201
    assert response.json()["title"] == "Second life"


def test_write_that_loses_a_race_is_409_and_keeps_the_stored_asset(
    client: TestClient,
    marketing: dict[str, str],
    put_asset: Callable[..., dict[str, Any]],
    new_id: Callable[[str], str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    external_id = new_id("race")
    put_asset(external_id, title="Written first")
    # As if the asset was unchanged when this write was prepared and another writer changed it since.
    monkeypatch.setattr(asset_usecases, "embed_chunks", lambda _runtime, prepared: [None] * len(prepared))
    body = {"title": "Written second", "content_type": "blog_post"}
    response = client.put(f"/v1/assets/{external_id}", json=body, headers=marketing)
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "conflict"
    assert client.get(f"/v1/assets/{external_id}", headers=marketing).json()["title"] == "Written first"


def test_validation_errors_are_422_in_error_shape(client: TestClient, marketing: dict[str, str]) -> None:
    cases = [
        {"content_type": "blog_post"},
        {"title": "x", "content_type": "podcast"},
        {"title": "x", "content_type": "blog_post", "status": "live"},
        {"title": "x", "content_type": "blog_post", "stages": ["halfway there"]},
        {"title": "x", "content_type": "blog_post", "personas": ["astronaut"]},
        {"title": "x", "content_type": "blog_post", "published_at": "2026-02-01", "expires_at": "2026-01-01"},
        {"title": "x", "content_type": "blog_post", "unexpected": 1},
        {"title": "", "content_type": "blog_post"},
    ]
    for body in cases:
        response = client.put("/v1/assets/validation-case", json=body, headers=marketing)
        assert response.status_code == 422, body
        error = response.json()["error"]
        assert error["code"] == "validation_error" and error["message"], body


def test_malformed_json_and_bad_ids(client: TestClient, marketing: dict[str, str]) -> None:
    response = client.put(
        "/v1/assets/bad-json", content=b"{not json", headers={**marketing, "Content-Type": "application/json"}
    )
    assert response.status_code == 422
    assert (
        client.put(
            "/v1/assets/%20bad%20id", json={"title": "x", "content_type": "other"}, headers=marketing
        ).status_code
        == 422
    )


def test_oversized_body_is_413(client: TestClient, marketing: dict[str, str]) -> None:
    huge = {"title": "big", "content_type": "other", "body": "word " * 500_000}
    response = client.put("/v1/assets/too-big", json=huge, headers=marketing)
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "payload_too_large"


def test_bulk_reports_per_item_errors_and_keeps_good_items(
    client: TestClient, marketing: dict[str, str], rep: dict[str, str], new_id: Callable[[str], str]
) -> None:
    good, other = new_id("bulk"), new_id("bulk")
    items = [
        {"external_id": good, "title": "Bulk good one", "content_type": "one_pager", "body": "Plain words."},
        {"external_id": "bad id!", "title": "Bad id", "content_type": "one_pager"},
        {"external_id": other, "title": "Bulk good two", "content_type": "case_study", "stages": ["bofu"]},
        {"external_id": new_id("bulk"), "content_type": "one_pager"},
        "not an object",
    ]
    result = client.post("/v1/assets/bulk", json={"assets": items}, headers=marketing).json()
    assert result["created"] == 2 and result["updated"] == 0
    assert [e["index"] for e in result["errors"]] == [1, 3, 4]
    assert all(e["error"] for e in result["errors"])
    assert client.get(f"/v1/assets/{good}", headers=rep).status_code == 200
    again = client.post("/v1/assets/bulk", json={"assets": items[:1]}, headers=marketing).json()
    assert again["created"] == 0 and again["unchanged"] == 1


def test_list_filters_and_cursor(client: TestClient, rep: dict[str, str]) -> None:
    page = client.get("/v1/assets", params={"persona": "finance", "stage": "mofu", "limit": 5}, headers=rep).json()
    assert 0 < len(page["items"]) <= 5
    assert all("finance" in a["personas"] and "evaluation" in a["stages"] for a in page["items"])
    seen = [a["external_id"] for a in page["items"]]
    while page["next_cursor"]:
        page = client.get(
            "/v1/assets",
            params={"persona": "finance", "stage": "mofu", "limit": 5, "cursor": page["next_cursor"]},
            headers=rep,
        ).json()
        seen += [a["external_id"] for a in page["items"]]
    assert len(seen) == len(set(seen)) > 5
    drafts = client.get("/v1/assets", params={"status": "draft"}, headers=rep).json()["items"]
    assert drafts and all(a["status"] == "draft" for a in drafts)
    assert client.get("/v1/assets", params={"cursor": "garbage"}, headers=rep).status_code == 422
    huge = base64.urlsafe_b64encode(f"a:{10**30}".encode()).decode()
    assert client.get("/v1/assets", params={"cursor": huge}, headers=rep).status_code == 422
    assert client.get("/v1/assets", params={"limit": 100000}, headers=rep).status_code == 422
    assert client.get("/v1/assets", params={"content_type": "podcast"}, headers=rep).status_code == 422


def test_expiry_needs_no_write(
    client: TestClient,
    rep: dict[str, str],
    put_asset: Callable[..., dict[str, Any]],
    new_id: Callable[[str], str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    runtime = client.app.state.runtime  # type: ignore[attr-defined]
    today = runtime.today()
    external_id = new_id("expiring")
    put_asset(
        external_id,
        title="Wombat pricing promotion",
        body="The wombat promotion halves the first year's price.",
        expires_at=(today + dt.timedelta(days=1)).isoformat(),
        published_at=(today - dt.timedelta(days=30)).isoformat(),
    )

    def found() -> bool:
        hits = client.get("/v1/search", params={"q": "wombat promotion"}, headers=rep).json()["results"]
        return external_id in [h["asset"]["external_id"] for h in hits]

    assert found()
    monkeypatch.setattr(runtime, "today", lambda: today + dt.timedelta(days=1))
    assert not found()


def test_bulk_takes_5000_assets_in_one_call(client: TestClient, marketing: dict[str, str], rep: dict[str, str]) -> None:
    items = [
        {"external_id": f"bulk5k-{i}", "title": f"Catalog item {i}", "content_type": "other", "status": "draft"}
        for i in range(5000)
    ]
    result = client.post("/v1/assets/bulk", json={"assets": items}, headers=marketing).json()
    assert result["created"] == 5000 and not result["errors"]
    assert client.get("/v1/assets/bulk5k-4999", headers=rep).status_code == 200
    too_many = client.post("/v1/assets/bulk", json={"assets": [*items, items[0]]}, headers=marketing)
    assert too_many.status_code == 413
