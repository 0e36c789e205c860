"""The "Library health" tab of the reports page: suspect tags, suggested tags, demand vs supply."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from service.library_health.presenters import tag_health_out
from service.pages.views.common import STAGE_LABELS, persona_names
from service.pages.views.reports import WINDOWS, ReportWindow
from service.runtime import Runtime
from service.schemas.library_health import (
    AssetTagSuggestionOut,
    EvidenceOut,
    SuspectTagOut,
    TagHealthOut,
    ThemeSupplyOut,
)

FIELD_LABELS = {"personas": "Persona", "stages": "Stage", "industries": "Industry", "objections": "Objection"}
STATUS_LABELS = {"no_answer": "No answer", "not_sent": "Answer not sent", "in_use": "In use"}


@dataclass(frozen=True)
class TagRow:
    """A suspect or suggested tag as the page shows it: readable field and tag names, evidence, confidence."""

    external_id: str
    title: str
    field: str
    tag: str
    confidence: float
    evidence: EvidenceOut
    reason: str = ""
    instead: str | None = None


@dataclass(frozen=True)
class DemandRow:
    """An objection theme with the supply of answers to it and a readable status."""

    theme: ThemeSupplyOut
    status: str
    status_label: str


@dataclass(frozen=True)
class LibraryHealthView:
    """Everything the library-health tab shows."""

    window: ReportWindow
    windows: dict[int, str]
    assets_checked: int
    suspects: list[TagRow]
    suggestions: list[TagRow]
    demand: list[DemandRow]
    status_counts: dict[str, int]


def tag_label(field: str, value: str, names: dict[str, str]) -> str:
    """A tag as people read it: persona ids by name, stages with their funnel stage, others as tagged."""
    if field == "personas":
        return names.get(value, value)
    if field == "stages":
        return STAGE_LABELS.get(value, value)
    return value


def _suspect_row(s: SuspectTagOut, names: dict[str, str]) -> TagRow:
    return TagRow(
        external_id=s.external_id,
        title=s.title,
        field=FIELD_LABELS.get(s.field, s.field),
        tag=tag_label(s.field, s.value, names),
        confidence=s.confidence,
        evidence=s.evidence,
        reason=s.reason,
        instead=tag_label(s.field, s.instead, names) if s.instead else None,
    )


def _suggestion_row(g: AssetTagSuggestionOut, names: dict[str, str]) -> TagRow:
    return TagRow(
        external_id=g.external_id,
        title=g.title,
        field=FIELD_LABELS.get(g.field, g.field),
        tag=tag_label(g.field, g.value, names),
        confidence=g.confidence,
        evidence=g.evidence,
    )


def _by_confidence(row: TagRow) -> tuple[float, str]:
    return -row.confidence, row.title.casefold()


def health_view(report: TagHealthOut, window: ReportWindow, names: dict[str, str]) -> LibraryHealthView:
    """Lay the report out for the page: tags most confident first, themes as reported (most frequent first)."""
    return LibraryHealthView(
        window=window,
        windows=WINDOWS,
        assets_checked=report.assets_checked,
        suspects=sorted((_suspect_row(s, names) for s in report.suspects), key=_by_confidence),
        suggestions=sorted((_suggestion_row(g, names) for g in report.suggestions), key=_by_confidence),
        demand=[DemandRow(t, t.status, STATUS_LABELS.get(t.status, t.status)) for t in report.demand],
        status_counts={**dict.fromkeys(STATUS_LABELS, 0), **Counter(t.status for t in report.demand)},
    )


def library_health_view(runtime: Runtime, window: ReportWindow, *, now: dt.datetime | None = None) -> LibraryHealthView:
    """Build the tag-health report over the window (objections and usage) for the page."""
    since = window.since(now or dt.datetime.now(dt.UTC))
    report = tag_health_out(runtime, since, None, min_count=window.min_count)
    return health_view(report, window, persona_names(runtime))
