"""Safe by default, checked without a browser: CSRF, cookies, headers, framing, errors, escaping."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from service.pages.session import csrf_token

TOKEN = re.compile(r'name="csrf_token" value="([0-9a-f]{64})"')


def _token(client: TestClient, path: str = "/assets/ll-001") -> str:
    page = client.get(path)
    assert page.status_code == 200, page.text
    match = TOKEN.search(page.text)
    assert match
    return match.group(1)


@pytest.mark.parametrize("token", [None, "", "0" * 64, csrf_token("some other key")])
def test_a_feedback_post_without_the_right_csrf_token_is_refused(signed_in, token) -> None:
    rep = signed_in("rep")
    data = {"action": "sent"} | ({"csrf_token": token} if token is not None else {})
    response = rep.post("/assets/ll-001/feedback", data=data, follow_redirects=False)
    assert response.status_code == 403
    assert response.headers["content-type"].startswith("text/html")
    assert "did not come from Pitchwise" in response.text


def test_the_right_token_from_another_origin_is_refused_and_from_this_one_accepted(signed_in) -> None:
    rep = signed_in("rep")
    data = {"action": "sent", "csrf_token": _token(rep)}
    evil = rep.post(
        "/assets/ll-001/feedback",
        data=data,
        headers={"Origin": "https://evil.example"},
        follow_redirects=False,
    )
    assert evil.status_code == 403
    ok = rep.post(
        "/assets/ll-001/feedback",
        data=data,
        headers={"Origin": "http://testserver"},
        follow_redirects=False,
    )
    assert ok.status_code == 303 and ok.headers["location"] == "/assets/ll-001?done=sent"


def test_sidebar_feedback_and_sign_out_need_the_token_too(signed_in) -> None:
    rep = signed_in("rep")
    fields = {"external_id": "ll-001", "action": "helpful", "request_id": "r-1"}
    assert rep.post("/sidebar/feedback", data=fields).status_code == 403
    token = _token(rep, "/sidebar")
    assert rep.post("/sidebar/feedback", data=fields | {"csrf_token": token}).status_code == 200
    assert rep.post("/sign-out", follow_redirects=False).status_code == 403
    out = rep.post("/sign-out", data={"csrf_token": token}, follow_redirects=False)
    assert out.status_code == 303 and "pw_session=;" in out.headers["set-cookie"]


def test_cookies_are_httponly_and_samesite(client, live) -> None:
    page = client.post("/sign-in", data={"key": live.keys["rep"]}, follow_redirects=False)
    assert page.headers["set-cookie"].endswith("; Path=/; HttpOnly; SameSite=Lax")
    local = TestClient(live.app, base_url="http://127.0.0.1")
    sidebar = local.post("/sidebar/sign-in", data={"key": live.keys["rep"]}, follow_redirects=False)
    assert sidebar.headers["location"] == "/sidebar"
    cookie = sidebar.headers["set-cookie"]
    assert "Path=/sidebar" in cookie and "HttpOnly" in cookie
    assert "Secure; SameSite=None; Partitioned" in cookie
    assert live.keys["rep"] not in cookie and live.keys["rep"] not in sidebar.headers["location"]


@pytest.mark.parametrize("target", ["//evil.example/", "https://evil.example/", "/\\evil.example", "javascript:x"])
def test_sign_in_never_redirects_off_site(client, live, target) -> None:
    response = client.post("/sign-in", data={"key": live.keys["rep"], "next": target}, follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/", response.text[-800:]


def test_a_wrong_key_shows_the_form_again(client) -> None:
    response = client.post("/sign-in", data={"key": "pw_wrong"})
    assert response.status_code == 401 and "not valid or has been revoked" in response.text


def test_page_security_headers(signed_in, live) -> None:
    rep = signed_in("rep")
    response = rep.get("/")
    csp = response.headers["content-security-policy"]
    assert "script-src 'self';" in csp and "unsafe-inline" not in csp and "frame-ancestors 'none'" in csp
    assert response.headers["x-frame-options"] == "DENY"
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] == "same-origin"
    assert response.headers["cache-control"] == "no-store"
    assert "<script>" not in response.text and " on" + "click=" not in response.text
    assert re.findall(r"<script[^>]*>", response.text) == ['<script src="/static/search.js" defer>']
    sidebar = rep.get("/sidebar")
    assert sidebar.headers["content-security-policy"].endswith(f"frame-ancestors {live.crm_origin}")
    assert "x-frame-options" not in sidebar.headers


def test_the_api_keeps_its_json_errors(client) -> None:
    assert client.get("/v1/nothing-here").json()["error"]["code"] == "not_found"
    response = client.get("/v1/search?q=x")
    assert response.status_code == 401 and response.json()["error"]["code"] == "unauthorized"
    assert "content-security-policy" not in response.headers
    assert "/sign-in" not in client.get("/openapi.json").text


def test_page_errors_are_html(client, signed_in) -> None:
    first = client.get("/reports?days=7", follow_redirects=False)
    assert first.status_code == 303 and first.headers["location"] == "/sign-in?next=%2Freports%3Fdays%3D7"
    fragment = client.get("/search/results?q=erp", follow_redirects=False)
    assert fragment.headers["location"] == "/sign-in?next=%2F%3Fq%3Derp"
    sidebar = client.get("/sidebar?title=CFO", follow_redirects=False)
    assert sidebar.headers["location"] == "/sidebar/sign-in?next=%2Fsidebar%3Ftitle%3DCFO"
    rep = signed_in("rep")
    cases = [("/reports", 403), ("/reports/coverage.csv", 403), ("/assets/nope", 404), ("/nowhere", 404)]
    cases += [("/?content_type=poster", 422)]
    marketing = signed_in("marketing")
    for path, status in [*cases, ("/reports?days=-1", 422)]:
        response = (marketing if path.startswith("/reports?") else rep).get(path)
        assert response.status_code == status, path
        assert response.headers["content-type"].startswith("text/html"), path
        assert "<h1" in response.text and 'lang="en"' in response.text


def test_hostile_text_is_escaped_in_the_html(signed_in, live) -> None:
    from service.schemas.assets import AssetIn
    from service.usecases.assets import put_asset

    put_asset(
        live.runtime, "xss-2", AssetIn(title="<script>alert(1)</script>", content_type="other", url="javascript:x")
    )
    response = signed_in("rep").get("/assets/xss-2")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in response.text
    assert "<script>alert" not in response.text and 'href="javascript' not in response.text


def test_the_sidebar_refuses_cross_site_subresource_loads(signed_in) -> None:
    rep = signed_in("rep")
    headers = {"Sec-Fetch-Site": "cross-site", "Sec-Fetch-Dest": "image"}
    assert rep.get("/sidebar?objections=spam", headers=headers).status_code == 403
    headers["Sec-Fetch-Dest"] = "iframe"
    assert rep.get("/sidebar", headers=headers).status_code == 200


def test_only_css_js_and_svg_are_served_as_static_files(client) -> None:
    assert client.get("/static/app.css").headers["content-type"].startswith("text/css")
    assert client.get("/static/search.js").status_code == 200
    assert client.get("/static/__init__.py").status_code == 404
    assert client.get("/static/../templates/base.html").status_code == 404


def test_csv_downloads_reuse_the_report_presenters(signed_in) -> None:
    response = signed_in("marketing").get("/reports/content-usage.csv?days=0")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/csv")
    assert response.headers["content-disposition"] == 'attachment; filename="content-usage.csv"'
    assert response.text.splitlines()[0].startswith("external_id,title,content_type")
