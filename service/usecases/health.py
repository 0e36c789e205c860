"""Readiness: the model is loaded and the in-memory index matches the store."""

from __future__ import annotations

from typing import Any

from sqlalchemy.exc import SQLAlchemyError

from content_store import generation
from service.runtime import Runtime


def readiness(runtime: Runtime | None) -> dict[str, Any]:
    """A readiness report; ``ready`` only when the index has caught up with the store."""
    if runtime is None:
        return {"ready": False, "model": None, "store_generation": None, "index_generation": None, "assets_indexed": 0}
    try:
        runtime.refresh()
        with runtime.factory() as session:
            store_generation = generation.current(session=session)
    except SQLAlchemyError:
        store_generation = None
    index_generation = runtime.library.generation
    return {
        "ready": store_generation is not None and index_generation >= store_generation,
        "model": runtime.embedder.name,
        "store_generation": store_generation,
        "index_generation": index_generation,
        "assets_indexed": len(runtime.library.cards),
    }
