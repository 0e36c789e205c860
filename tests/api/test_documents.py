"""Attaching documents: text becomes the body with pages kept; bad files get a clear 4xx and change nothing."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.documents import samples

PRICING_PAGE = "Zanzibar pricing: every plan includes unlimited approvers and a 1.5% card rebate."
SECURITY_PAGE = "Zanzibar security: tenant data is encrypted with per-customer keys and audited yearly."


def _upload(client: TestClient, headers: dict[str, str], external_id: str, name: str, data: bytes) -> Any:
    return client.post(f"/v1/assets/{external_id}/file", files={"file": (name, data)}, headers=headers)


def test_pdf_upload_replaces_the_body_and_keeps_pages(
    client: TestClient,
    rep: dict[str, str],
    marketing: dict[str, str],
    put_asset: Callable[..., dict[str, Any]],
    new_id: Callable[[str], str],
) -> None:
    external_id = new_id("doc")
    put_asset(external_id, title="Zanzibar overview", body="Old body.", content_type="white_paper")
    response = _upload(client, marketing, external_id, "overview.pdf", samples.pdf([PRICING_PAGE, SECURITY_PAGE]))
    assert response.status_code == 200, response.text
    asset = response.json()
    assert asset["version"] == 2 and "per-customer keys" in asset["body"] and "Old body" not in asset["body"]
    source = asset["source"]
    assert source["filename"] == "overview.pdf" and source["kind"] == "pdf" and source["pages"] == 2
    assert source["media_type"] == "application/pdf" and len(source["sha256"]) == 64 and source["size"] > 0
    result = client.post(
        "/v1/recommendations",
        json={"prospect": {"objections": ["is zanzibar tenant data encrypted with its own keys?"]}, "limit": 3},
        headers=rep,
    ).json()
    top = result["recommendations"][0]
    assert top["asset"]["external_id"] == external_id
    assert top["guidance"]["evidence"][0]["page"] == 2


@pytest.mark.parametrize(
    ("name", "make"),
    [
        ("deck.pptx", lambda: samples.pptx(["Zanzibar slide one", "Zanzibar slide two about rebates"])),
        ("brief.docx", lambda: samples.docx(["Zanzibar brief paragraph one.", "Paragraph two."])),
        ("page.html", lambda: samples.HTML),
        ("notes.md", lambda: samples.MARKDOWN),
        ("notes.txt", lambda: b"Zanzibar plain text notes."),
    ],
)
def test_every_supported_type_uploads(
    client: TestClient,
    marketing: dict[str, str],
    put_asset: Callable[..., dict[str, Any]],
    new_id: Callable[[str], str],
    name: str,
    make: Callable[[], bytes],
) -> None:
    external_id = new_id("doc")
    put_asset(external_id, title="Typed upload")
    response = _upload(client, marketing, external_id, name, make())
    assert response.status_code == 200, response.text
    assert response.json()["body"]


@pytest.mark.parametrize(
    ("name", "data", "status"),
    [
        ("virus.pdf", b"MZ\x90\x00\x03\x00binary\x00\x00", 415),
        ("archive.docx", samples.zip_bomb("misc/readme.txt", size=10), 415),
        ("broken.pdf", b"%PDF-1.7\nnot a pdf at all", 422),
        ("empty.txt", b"   ", 422),
        ("bomb.docx", samples.zip_bomb(), 413),
        ("huge.txt", b"a" * (3 * 1024 * 1024 + 10), 413),
    ],
)
def test_bad_files_are_refused_and_the_body_is_kept(
    client: TestClient,
    rep: dict[str, str],
    marketing: dict[str, str],
    put_asset: Callable[..., dict[str, Any]],
    new_id: Callable[[str], str],
    name: str,
    data: bytes,
    status: int,
) -> None:
    external_id = new_id("doc")
    put_asset(external_id, title="Keeps its body", body="The body before the upload.")
    response = _upload(client, marketing, external_id, name, data)
    assert response.status_code == status, response.text
    assert response.json()["error"]["message"]
    asset = client.get(f"/v1/assets/{external_id}", headers=rep).json()
    assert asset["body"] == "The body before the upload." and asset["version"] == 1


def test_upload_needs_an_asset_a_file_and_the_marketing_role(
    client: TestClient, rep: dict[str, str], marketing: dict[str, str]
) -> None:
    assert _upload(client, marketing, "no-such-asset", "a.txt", b"text").status_code == 404
    assert client.post("/v1/assets/ll-001/file", headers=marketing).status_code == 422
    assert _upload(client, rep, "ll-001", "a.txt", b"text").status_code == 403
