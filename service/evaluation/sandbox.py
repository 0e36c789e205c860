"""A throwaway store holding a given library, for evaluations."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from indexing.embedder import Embedder
from service.runtime import Runtime, build_runtime
from service.settings import Settings
from service.usecases.assets import BulkResult, bulk_upsert


@contextmanager
def loaded_runtime(assets: Sequence[dict[str, Any]], embedder: Embedder) -> Iterator[tuple[Runtime, BulkResult]]:
    """A runtime over a temporary SQLite store with ``assets`` loaded (and the load's result); removed afterwards."""
    with tempfile.TemporaryDirectory(prefix="pitchwise-eval-") as folder:
        runtime = build_runtime(Settings(data_dir=Path(folder)), embedder)
        try:
            yield runtime, bulk_upsert(runtime, list(assets))
        finally:
            runtime.activity_log.close()  # its pending entries belong to the store about to be removed
            runtime.engine.dispose()
