"""Library health of one asset or of the whole library."""

from __future__ import annotations

import datetime as dt

from service.errors import NotFound
from service.library_health.checker import HealthChecker
from service.library_health.demand import demand_vs_supply
from service.library_health.models import AssetHealth, TagHealthReport
from service.runtime import Runtime


def asset_health(runtime: Runtime, external_id: str) -> AssetHealth:
    """Tag suggestions and suspect tags of one stored asset (NotFound when there is none)."""
    checker = HealthChecker.build(runtime)
    for text in checker.texts:
        if text.card.external_id == external_id:
            return checker.check(text)
    raise NotFound(f"no asset with external_id {external_id!r}", details={"external_id": external_id})


def library_health(runtime: Runtime) -> list[AssetHealth]:
    """Suggestions and suspect tags of every asset in the library."""
    checker = HealthChecker.build(runtime)
    return [checker.check(text) for text in checker.texts]


def tag_health(
    runtime: Runtime, *, since: dt.datetime | None, until: dt.datetime | None, min_count: int
) -> TagHealthReport:
    """Suspect tags of every asset ranked by confidence, tag suggestions, and demand vs supply of objection themes."""
    checked = library_health(runtime)
    suspects = sorted((s for a in checked for s in a.suspects), key=lambda s: (-s.confidence, s.external_id))
    suggestions = sorted(
        ((a.external_id, a.title, s) for a in checked for s in a.suggestions), key=lambda x: (-x[2].confidence, x[0])
    )
    demand = demand_vs_supply(runtime, since=since, until=until, min_count=min_count)
    return TagHealthReport(len(checked), tuple(suspects), tuple(suggestions), tuple(demand))
