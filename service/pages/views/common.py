"""Small helpers shared by the page views: persona names, freshness text, safe links, feedback."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from urllib.parse import urlsplit

from pydantic import ValidationError

from personas.stages import CANONICAL_STAGES
from service.errors import InvalidInput
from service.runtime import Runtime
from service.schemas.activity import FeedbackIn, FeedbackLogged
from service.schemas.common import CONTENT_TYPES
from service.usecases.activity import log_feedback

STAGE_LABELS = {"awareness": "Awareness (TOFU)", "evaluation": "Evaluation (MOFU)", "conversion": "Conversion (BOFU)"}
CONTENT_TYPE_LABELS = {
    "roi_calculator": "ROI calculator",
    "one_pager": "One-pager",
    "ebook": "eBook",
}
SAFE_SCHEMES = {"http", "https", "mailto"}


@dataclass(frozen=True)
class Option:
    """One choice of a select box."""

    value: str
    label: str


def content_type_label(content_type: str) -> str:
    """A content type as people say it: ``case_study`` → ``Case study``."""
    return CONTENT_TYPE_LABELS.get(content_type, content_type.replace("_", " ").capitalize())


def persona_names(runtime: Runtime) -> dict[str, str]:
    """Persona id → display name, as loaded by the runtime."""
    runtime.refresh()
    return {p.persona_id: p.name for p in runtime.personas}


def persona_options(runtime: Runtime) -> list[Option]:
    """The personas, for a filter."""
    return [Option(pid, name) for pid, name in sorted(persona_names(runtime).items(), key=lambda item: item[1])]


def stage_options() -> list[Option]:
    """The canonical buyer stages, for a filter."""
    return [Option(stage, STAGE_LABELS[stage]) for stage in CANONICAL_STAGES]


def content_type_options() -> list[Option]:
    """Every content type of the contract, for a filter."""
    return [Option(t, content_type_label(t)) for t in CONTENT_TYPES]


def industry_options(runtime: Runtime) -> list[Option]:
    """Industries the library names, for a filter."""
    return [Option(name, name) for name in runtime.library.industries()]


def freshness(published: dt.date | None, today: dt.date) -> str:
    """How long ago an asset was published, the way people say it ("published 3 months ago")."""
    if published is None:
        return "no publish date"
    days = (today - published).days
    if days < 0:
        return f"publishes on {published.isoformat()}"
    if days == 0:
        return "published today"
    if days == 1:
        return "published yesterday"
    if days < 14:
        return f"published {days} days ago"
    if days < 60:
        return f"published {days // 7} weeks ago"
    if days < 730:
        return f"published {days // 30} months ago"
    return f"published {days // 365} years ago"


def safe_link(url: str | None) -> str | None:
    """``url`` when it is an http(s) or mailto link; None for anything else (``javascript:`` included)."""
    if not url:
        return None
    try:
        scheme = urlsplit(url.strip()).scheme.lower()
    except ValueError:
        return None
    return url.strip() if scheme in SAFE_SCHEMES else None


def record_feedback(runtime: Runtime, *, external_id: str, action: str, request_id: str | None) -> FeedbackLogged:
    """Log a rep's action on an asset from a page form; 422 for values the API would refuse."""
    try:
        data = FeedbackIn(external_id=external_id, action=action, request_id=request_id or None)  # type: ignore[arg-type]
    except ValidationError as e:
        first = e.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "feedback"
        raise InvalidInput(f"{where}: {first['msg']}", details={"field": where}) from e
    return log_feedback(runtime, data)
