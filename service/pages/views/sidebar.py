"""The CRM sidebar: recommendations for the prospect in the CRM record, with guidance and feedback."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from pydantic import ValidationError

from service.errors import InvalidInput, PayloadTooLarge
from service.pages.views.common import content_type_label, safe_link
from service.recommend.pipeline import recommend
from service.runtime import Runtime
from service.schemas.recommendations import ProspectIn, Recommendation, RecommendationRequest, RecommendationResponse

SIDEBAR_RECOMMENDATIONS = 5
_SEPARATORS = re.compile(r"[|\n\r]+")


def split_objections(values: Sequence[str]) -> list[str]:
    """Objections from repeated fields, each of which may hold several separated by ``|`` or new lines."""
    return [part.strip() for value in values for part in _SEPARATORS.split(value) if part.strip()]


@dataclass(frozen=True)
class ProspectForm:
    """The prospect as the CRM passes it (query parameters) or the rep types it."""

    industry: str = ""
    title: str = ""
    stage: str = ""
    objections: list[str] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        """True when there is nothing to recommend for."""
        return not (self.industry or self.title or self.stage or self.objections)

    @property
    def objections_text(self) -> str:
        """The objections one per line, for the text area."""
        return "\n".join(self.objections)

    @property
    def summary(self) -> str:
        """A one-line description of the prospect."""
        return " · ".join(p for p in (self.industry, self.title, self.stage) if p) or "No prospect details yet"


@dataclass(frozen=True)
class RecommendationView:
    """One recommended asset as the sidebar shows it."""

    item: Recommendation
    link: str | None
    type_label: str


@dataclass(frozen=True)
class SidebarView:
    """The sidebar: the prospect, the answer (if asked) and any input problem."""

    prospect: ProspectForm
    response: RecommendationResponse | None = None
    recommendations: list[RecommendationView] = field(default_factory=list)
    error: str | None = None


def prospect_form(
    industry: str | None, title: str | None, stage: str | None, objections: Sequence[str]
) -> ProspectForm:
    """A prospect form from raw query or form values."""
    return ProspectForm(
        industry=(industry or "").strip(),
        title=(title or "").strip(),
        stage=(stage or "").strip(),
        objections=split_objections(objections),
    )


def sidebar_view(runtime: Runtime, prospect: ProspectForm) -> SidebarView:
    """Recommend for the prospect (the request and its objections are logged); input problems become a message."""
    if prospect.is_empty:
        return SidebarView(prospect=prospect)
    try:
        request = RecommendationRequest(
            prospect=ProspectIn(
                industry=prospect.industry or None,
                title=prospect.title or None,
                stage=prospect.stage or None,
                objections=prospect.objections,
            ),
            limit=SIDEBAR_RECOMMENDATIONS,
        )
        response = recommend(runtime, request)
    except ValidationError as e:
        first = e.errors()[0]
        where = ".".join(str(part) for part in first["loc"] if part != "prospect")
        return SidebarView(prospect=prospect, error=f"{where}: {first['msg']}")
    except (InvalidInput, PayloadTooLarge) as e:
        return SidebarView(prospect=prospect, error=e.message)
    return SidebarView(
        prospect=prospect,
        response=response,
        recommendations=[
            RecommendationView(item=r, link=safe_link(r.asset.url), type_label=content_type_label(r.asset.content_type))
            for r in response.recommendations
        ],
    )
