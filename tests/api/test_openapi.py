"""The OpenAPI document declares every status each operation can return, errors in the contract's shape.

The statuses an operation must declare are derived from the operation itself: its dependencies (a
runtime: 503; a key: 401 and 429; a role: 403), its parameters (422), its body (400, 413, 422; 415
for uploads), its path (404 on id routes, except create-or-replace PUTs), plus the few conflicts and
body lookups that only the use case knows, listed below with their reason.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.dependencies.models import Dependant
from fastapi.params import File, Form
from fastapi.testclient import TestClient

from service.api.app import create_app
from service.api.deps import get_principal, get_runtime
from service.settings import Settings

try:  # FastAPI includes routers lazily from 0.16x on; this walks the routes they hold.
    from fastapi.routing import iter_route_contexts
except ImportError:  # pragma: no cover - older FastAPI keeps plain APIRoutes in app.routes

    def iter_route_contexts(routes: Any) -> Iterator[Any]:  # type: ignore[misc]
        """Every route as it is (older FastAPI)."""
        return iter(routes)


ERROR_REF = "#/components/schemas/ErrorResponse"
# The use case refuses a write when another writer changed the asset meanwhile ("send it again").
CONFLICTS = {("PUT", "/v1/assets/{external_id}"), ("POST", "/v1/assets/{external_id}/file")}
# An id inside the body that must exist: feedback names the asset it is about.
BODY_LOOKUPS = {("POST", "/v1/feedback")}
# Success statuses the contract fixes beyond a route's default.
CREATED = {
    ("POST", "/v1/keys"): {"201"},
    ("PUT", "/v1/personas/{persona_id}"): {"200", "201"},
    ("PUT", "/v1/assets/{external_id}"): {"200", "201"},
}
# The readiness probe answers 503 with its own body (what is not ready yet), not an error.
NOT_ERRORS = {("GET", "/readyz", "503")}


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> FastAPI:
    """The app without its lifespan: the document and body parsing need neither model nor store."""
    return create_app(Settings(data_dir=tmp_path_factory.mktemp("openapi")))


@pytest.fixture(scope="module")
def spec(app: FastAPI) -> dict[str, Any]:
    response = TestClient(app).get("/openapi.json")
    assert response.status_code == 200
    return response.json()


def _dependants(dependant: Dependant) -> Iterator[Dependant]:
    yield dependant
    for sub in dependant.dependencies:
        yield from _dependants(sub)


def _calls(route: Any) -> set[Callable[..., Any]]:
    return {d.call for d in _dependants(route.dependant) if d.call is not None}


def _is_upload(route: Any) -> bool:
    return any(isinstance(field.field_info, File | Form) for field in route.dependant.body_params)


def _implied(route: Any, method: str) -> set[str]:
    """The statuses an operation can return, from what it depends on and what it accepts."""
    calls = _calls(route)
    implied = {str(route.status_code or 200)} | CREATED.get((method, route.path), set())
    if get_runtime in calls:
        implied.add("503")
    if get_principal in calls:
        implied |= {"401", "429"}
    if any(getattr(call, "__qualname__", "") == "require.<locals>.check" for call in calls):
        implied.add("403")
    if any(d.query_params or d.path_params for d in _dependants(route.dependant)):
        implied.add("422")
    if route.dependant.body_params:
        implied |= {"400", "413", "422"}
        if _is_upload(route):
            implied.add("415")
    if route.dependant.path_params and method != "PUT":
        implied.add("404")
    if (method, route.path) in BODY_LOOKUPS:
        implied.add("404")
    if (method, route.path) in CONFLICTS:
        implied.add("409")
    return implied


def _operations(app: FastAPI) -> Iterator[tuple[str, Any]]:
    """(method, route) of every API operation in the document; a route has its dependant, path and status."""
    for route in iter_route_contexts(app.routes):
        if getattr(route, "dependant", None) is not None and route.include_in_schema:
            for method in sorted(route.methods):
                yield method, route


def test_every_operation_declares_the_statuses_it_can_return(app: FastAPI, spec: dict[str, Any]) -> None:
    missing = []
    checked = 0
    for method, route in _operations(app):
        declared = set(spec["paths"][route.path][method.lower()]["responses"])
        gaps = _implied(route, method) - declared
        if gaps:
            missing.append(f"{method} {route.path}: {sorted(gaps)}")
        checked += 1
    assert checked >= 25
    assert not missing, "\n".join(missing)


def test_every_v1_operation_needs_a_key_and_declares_its_refusals(spec: dict[str, Any]) -> None:
    for path, operations in spec["paths"].items():
        if not path.startswith("/v1/"):
            continue
        for method, operation in operations.items():
            assert operation.get("security"), f"{method.upper()} {path} declares no key"
            assert {"401", "403", "429", "503"} <= set(operation["responses"]), f"{method.upper()} {path}"
            if "requestBody" in operation:
                assert {"400", "413", "422"} <= set(operation["responses"]), f"{method.upper()} {path}"


def test_the_contract_statuses_are_declared(spec: dict[str, Any]) -> None:
    paths = spec["paths"]
    assert "201" in paths["/v1/keys"]["post"]["responses"]
    assert {"200", "201"} <= set(paths["/v1/assets/{external_id}"]["put"]["responses"])
    assert {"200", "201"} <= set(paths["/v1/personas/{persona_id}"]["put"]["responses"])
    upload = paths["/v1/assets/{external_id}/file"]["post"]
    assert "multipart/form-data" in upload["requestBody"]["content"]
    assert {"404", "409", "413", "415", "422"} <= set(upload["responses"])
    for path in ("/v1/assets/{external_id}", "/v1/personas/{persona_id}", "/v1/keys/{key_id}"):
        assert "404" in paths[path]["delete"]["responses"], path


def test_every_declared_error_uses_the_contract_error_shape(spec: dict[str, Any]) -> None:
    wrong = []
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            for status, response in operation["responses"].items():
                if int(status) < 400 or (method.upper(), path, status) in NOT_ERRORS:
                    continue
                schema = response.get("content", {}).get("application/json", {}).get("schema", {})
                if schema.get("$ref") != ERROR_REF:
                    wrong.append(f"{method.upper()} {path} {status}: {schema}")
                if status == "429" and "Retry-After" not in response.get("headers", {}):
                    wrong.append(f"{method.upper()} {path} 429 without Retry-After")
    assert not wrong, "\n".join(wrong)
    schemas = spec["components"]["schemas"]
    envelope = schemas["ErrorResponse"]
    assert envelope["required"] == ["error"]
    body = schemas[envelope["properties"]["error"]["$ref"].rsplit("/", 1)[-1]]
    assert set(body["properties"]) == {"code", "message", "details"}
    assert {"code", "message"} <= set(body["required"])


@pytest.mark.parametrize(
    ("path", "url", "content_type", "content"),
    [
        ("/v1/recommendations", "/v1/recommendations", "application/json", b'{"prospect": {"title": "\xff"}}'),
        ("/v1/assets/{external_id}/file", "/v1/assets/ll-001/file", "multipart/form-data; boundary=pw", b"junk"),
        ("/v1/assets/{external_id}/file", "/v1/assets/ll-001/file", "multipart/form-data", b"--pw\r\n"),
    ],
)
def test_bodies_that_cannot_be_parsed_are_the_declared_400(
    app: FastAPI, spec: dict[str, Any], path: str, url: str, content_type: str, content: bytes
) -> None:
    response = TestClient(app).post(url, content=content, headers={"Content-Type": content_type})
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "bad_request"
    assert "400" in spec["paths"][path]["post"]["responses"]
