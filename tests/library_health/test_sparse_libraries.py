"""Library health on libraries too new to have every kind of tag: a report, never an error."""

from __future__ import annotations

import pytest

from indexing.embedder import SentenceTransformerEmbedder
from service.evaluation.sandbox import loaded_runtime
from service.library_health.report import library_health

GUIDE = {
    "title": "Approval routing guide",
    "body": "Invoices over $5,000 go to the controller.",
    "content_type": "guide",
}


@pytest.mark.parametrize(
    "assets",
    [
        [],
        [{"external_id": "only-1", **GUIDE}],  # no objection, industry, stage or persona tags anywhere
        [{"external_id": "only-1", **GUIDE}, {"external_id": "only-2", **GUIDE, "stages": ["awareness"]}],
    ],
)
def test_a_library_without_some_kinds_of_tags_gets_a_report(
    assets: list[dict[str, object]], embedder: SentenceTransformerEmbedder
) -> None:
    with loaded_runtime(assets, embedder) as (runtime, loaded):
        assert not loaded.errors
        checked = library_health(runtime)
    assert [a.external_id for a in checked] == [a["external_id"] for a in assets]
    assert all(not a.suspects for a in checked)
