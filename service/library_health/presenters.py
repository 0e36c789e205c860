"""Turn library-health results into response schemas and CSV."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from service.library_health import report
from service.library_health.models import AssetHealth
from service.reports.export import to_csv
from service.runtime import Runtime
from service.schemas.library_health import (
    AssetHealthOut,
    AssetTagSuggestionOut,
    SuspectTagOut,
    TagHealthOut,
    TagSuggestionOut,
    ThemeSupplyOut,
)


def asset_health_out(runtime: Runtime, external_id: str) -> AssetHealthOut:
    """Suggestions and suspect tags of one asset (NotFound when there is none); its tags stay as they are."""
    return AssetHealthOut.model_validate(report.asset_health(runtime, external_id), from_attributes=True)


def tag_health_out(
    runtime: Runtime, since: dt.datetime | None, until: dt.datetime | None, *, min_count: int
) -> TagHealthOut:
    """The library-wide tag-health report over the window (the window applies to objections and usage)."""
    result = report.tag_health(runtime, since=since, until=until, min_count=min_count)
    return TagHealthOut(
        assets_checked=result.assets_checked,
        suspects=[SuspectTagOut.model_validate(s, from_attributes=True) for s in result.suspects],
        suggestions=[
            AssetTagSuggestionOut(
                external_id=external_id,
                title=title,
                **TagSuggestionOut.model_validate(suggestion, from_attributes=True).model_dump(),
            )
            for external_id, title, suggestion in result.suggestions
        ],
        demand=[ThemeSupplyOut.model_validate(t, from_attributes=True) for t in result.demand],
    )


def flagged_assets(runtime: Runtime, external_ids: Iterable[str]) -> list[AssetHealth]:
    """The health of each named live asset that has a suspect tag or a suggestion (e.g. after an import).

    The library is checked once, so this stays linear in the size of an import.
    """
    wanted = set(external_ids)
    return [
        health
        for health in report.library_health(runtime)
        if health.external_id in wanted and (health.suspects or health.suggestions)
    ]


# One CSV for the whole report: ``kind`` says what a row is (``suspect``, ``suggestion`` or ``demand``);
# cells that do not apply to a kind are empty.
TAG_HEALTH_COLUMNS = [
    "kind",
    "external_id",
    "title",
    "field",
    "value",
    "confidence",
    "reason",
    "evidence_kind",
    "evidence",
    "evidence_page",
    "instead",
    "theme",
    "count",
    "examples",
    "answered_share",
    "answering_assets",
    "recommended",
    "sent",
    "helpful",
    "status",
]


def _row(**cells: Any) -> list[Any]:
    unknown = set(cells) - set(TAG_HEALTH_COLUMNS)
    if unknown:
        raise ValueError(f"unknown tag-health columns: {sorted(unknown)}")
    return [cells.get(column, "") for column in TAG_HEALTH_COLUMNS]


def _tag_row(kind: str, external_id: str, title: str, tag: TagSuggestionOut | SuspectTagOut, **extra: Any) -> list[Any]:
    return _row(
        kind=kind,
        external_id=external_id,
        title=title,
        field=tag.field,
        value=tag.value,
        confidence=tag.confidence,
        evidence_kind=tag.evidence.kind,
        evidence=tag.evidence.text,
        evidence_page=tag.evidence.page if tag.evidence.page is not None else "",
        **extra,
    )


def _demand_row(theme: ThemeSupplyOut) -> list[Any]:
    return _row(
        kind="demand",
        theme=theme.label,
        count=theme.count,
        examples=" | ".join(theme.examples),
        answered_share=theme.answered_share,
        answering_assets=" | ".join(a.external_id for a in theme.assets),
        recommended=sum(a.recommended for a in theme.assets),
        sent=theme.sent,
        helpful=theme.helpful,
        status=theme.status,
    )


def _rows(result: TagHealthOut) -> Iterator[Sequence[Any]]:
    for s in result.suspects:
        yield _tag_row("suspect", s.external_id, s.title, s, reason=s.reason, instead=s.instead or "")
    for g in result.suggestions:
        yield _tag_row("suggestion", g.external_id, g.title, g)
    for theme in result.demand:
        yield _demand_row(theme)


def tag_health_csv(result: TagHealthOut) -> str:
    """One row per suspect tag (most confident first), per suggestion, then per objection theme."""
    return to_csv(TAG_HEALTH_COLUMNS, _rows(result))
