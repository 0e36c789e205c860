"""Library health (marketing): tag suggestions of one asset, and the library-wide tag-health report."""

from __future__ import annotations

import datetime as dt

from fastapi import APIRouter, Response

from service.api.deps import MarketingDep, RuntimeDep
from service.api.reporting import CSV_RESPONSE, Format, MinCount, csv_response, report_window
from service.api.responses import AUTHED, errors
from service.api.routers.assets import ExternalId
from service.library_health import presenters
from service.schemas.library_health import AssetHealthOut, TagHealthOut

router = APIRouter(tags=["library health"], responses=errors(*AUTHED))


@router.get("/v1/assets/{external_id}/suggestions", response_model=AssetHealthOut, responses=errors(404))
def asset_suggestions(external_id: ExternalId, runtime: RuntimeDep, _: MarketingDep) -> AssetHealthOut:
    """Tags the asset's text supports but it lacks, and tags its text contradicts, with evidence.

    Read only: suggestions never change the asset's tags.
    """
    return presenters.asset_health_out(runtime, external_id)


@router.get("/v1/reports/tag-health", response_model=TagHealthOut, responses=CSV_RESPONSE)
def tag_health(
    runtime: RuntimeDep,
    _: MarketingDep,
    since: dt.datetime | None = None,
    until: dt.datetime | None = None,
    min_count: MinCount = 2,
    format: Format = "json",
) -> TagHealthOut | Response:
    """Suspect tags ranked by confidence, tag suggestions, and demand vs supply of frequent objection themes."""
    report = presenters.tag_health_out(runtime, *report_window(since, until), min_count=min_count)
    return csv_response(presenters.tag_health_csv(report), "tag-health") if format == "csv" else report
