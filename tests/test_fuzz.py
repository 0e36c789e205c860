"""Schema-driven fuzzing of every API operation: no server errors, declared statuses, matching schemas."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import schemathesis
from fastapi import FastAPI
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from indexing.embedder import SentenceTransformerEmbedder
from service.api.app import create_app
from service.demo import load_sample_assets
from service.runtime import Runtime
from service.settings import Settings
from service.usecases.assets import bulk_upsert

ADMIN = {"Authorization": "Bearer fuzz-admin"}
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
EXAMPLES_PER_OPERATION = 15
SKIPPED = ("/metrics",)


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory, embedder: SentenceTransformerEmbedder) -> Iterator[FastAPI]:
    def load(runtime: Runtime) -> None:
        bulk_upsert(runtime, load_sample_assets()[:12])

    data_dir: Path = tmp_path_factory.mktemp("fuzz")
    application = create_app(Settings(data_dir=data_dir, admin_key="fuzz-admin"), embedder=embedder, on_ready=load)
    with TestClient(application):
        yield application


def test_every_operation_survives_generated_input(app: FastAPI) -> None:
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    failures: list[str] = []
    operations = [result.ok() for result in schema.get_all_operations()]
    for operation in operations:
        if operation.path.startswith(SKIPPED):
            continue

        @given(case=operation.as_strategy())
        @settings(max_examples=EXAMPLES_PER_OPERATION, deadline=None, suppress_health_check=list(HealthCheck))
        def run(case: schemathesis.Case) -> None:
            case.call_and_validate(headers=ADMIN, checks=CHECKS)

        try:
            run()
        except (Exception, BaseExceptionGroup) as e:  # noqa: BLE001 - reported together below
            failures.append(f"{operation.method.upper()} {operation.path}: {str(e)[:600]}")
    assert len(operations) >= 25
    assert not failures, "\n\n".join(failures)
