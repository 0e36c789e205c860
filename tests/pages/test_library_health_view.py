"""The library-health tab's view, without a server: readable tags, ranking, demand statuses counted."""

from __future__ import annotations

from service.pages.views.library_health import health_view, tag_label
from service.pages.views.reports import ReportWindow
from service.schemas.library_health import TagHealthOut

PASSAGE = {"kind": "passage", "text": "Sign below to accept this quote.", "page": 2}
REPORT = TagHealthOut.model_validate(
    {
        "assets_checked": 3,
        "suspects": [
            {
                "external_id": "a-2",
                "title": "Hospital story",
                "field": "industries",
                "value": "Retail",
                "confidence": 0.7,
                "reason": "is about Healthcare, not Retail",
                "evidence": {"kind": "passage", "text": "Six hospitals and 40 clinics."},
                "instead": "Healthcare",
            },
            {
                "external_id": "a-1",
                "title": "Order form",
                "field": "stages",
                "value": "awareness",
                "confidence": 0.9,
                "reason": "reads as conversion content, not awareness",
                "evidence": PASSAGE,
                "instead": "conversion",
            },
        ],
        "suggestions": [
            {
                "external_id": "a-3",
                "title": "Security sheet",
                "field": "personas",
                "value": "security",
                "confidence": 0.8,
                "evidence": {"kind": "usage", "text": "sent 5 times to security leaders, 4 helpful"},
            }
        ],
        "demand": [
            {
                "label": "microfilm archives",
                "count": 5,
                "examples": ["microfilm archives"],
                "answered_share": 0.0,
                "assets": [],
                "sent": 0,
                "helpful": 0,
                "status": "no_answer",
            },
            {
                "label": "too expensive",
                "count": 4,
                "examples": ["too expensive"],
                "answered_share": 1.0,
                "assets": [
                    {
                        "external_id": "ll-044",
                        "title": "Rebate calculator",
                        "confidence": 0.9,
                        "recommended": 7,
                        "sent": 0,
                        "helpful": 0,
                    }
                ],
                "sent": 0,
                "helpful": 0,
                "status": "not_sent",
            },
        ],
    }
)


def test_tags_read_as_people_say_them() -> None:
    names = {"security": "Security leader"}
    assert tag_label("personas", "security", names) == "Security leader"
    assert tag_label("personas", "unknown", names) == "unknown"
    assert tag_label("stages", "conversion", names) == "Conversion (BOFU)"
    assert tag_label("industries", "Retail", names) == "Retail"


def test_health_view_ranks_suspects_and_counts_demand_statuses() -> None:
    view = health_view(REPORT, ReportWindow(days=90, min_count=2), {"security": "Security leader"})
    assert view.assets_checked == 3
    assert [row.external_id for row in view.suspects] == ["a-1", "a-2"]
    first = view.suspects[0]
    assert (first.field, first.tag, first.instead) == ("Stage", "Awareness (TOFU)", "Conversion (BOFU)")
    assert first.evidence.page == 2 and first.reason.startswith("reads as conversion")
    suggestion = view.suggestions[0]
    assert (suggestion.field, suggestion.tag, suggestion.evidence.kind) == ("Persona", "Security leader", "usage")
    assert [(row.status, row.status_label) for row in view.demand] == [
        ("no_answer", "No answer"),
        ("not_sent", "Answer not sent"),
    ]
    assert view.status_counts == {"no_answer": 1, "not_sent": 1, "in_use": 0}
