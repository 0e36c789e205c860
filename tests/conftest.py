"""Shared fixtures: the real embedding model is loaded once per test session."""

from __future__ import annotations

import pytest

from indexing.embedder import SentenceTransformerEmbedder


@pytest.fixture(scope="session")
def embedder() -> SentenceTransformerEmbedder:
    """The real packaged all-MiniLM-L6-v2 model, shared by every test."""
    return SentenceTransformerEmbedder()
