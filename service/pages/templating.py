"""Jinja2 templates of the pages (autoescaped) and the filters they use."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader
from markupsafe import Markup, escape
from starlette.responses import HTMLResponse

from service.pages.session import CSRF_FIELD, PageSession
from service.pages.views.common import STAGE_LABELS, content_type_label

TEMPLATE_DIR = Path(__file__).parent / "templates"
MIN_TERM_CHARS = 3
HIGHLIGHT_WINDOW = 320

templates = Jinja2Templates(
    env=Environment(loader=FileSystemLoader(TEMPLATE_DIR), autoescape=True, trim_blocks=True, lstrip_blocks=True)
)


def _terms(query: str) -> list[str]:
    words = {w.casefold() for w in re.findall(r"\w+", query) if len(w) >= MIN_TERM_CHARS or w.isdigit()}
    return sorted(words, key=len, reverse=True)


def highlight(text: str, query: str) -> Markup:
    """``text`` escaped, trimmed around the first match, with the query's words wrapped in ``<mark>``."""
    terms = _terms(query or "")
    if not terms:
        return escape(_trim(text, 0))
    # Words match as prefixes ("report" marks "reports"); numbers only whole ("2" never marks "24").
    alternatives = (re.escape(t) + (r"\b" if t.isdigit() else "") for t in terms)
    pattern = re.compile(r"\b(" + "|".join(alternatives) + r")", re.IGNORECASE)
    first = pattern.search(text)
    start = max(0, first.start() - HIGHLIGHT_WINDOW // 3) if first else 0
    excerpt = _trim(text, start)
    parts: list[Markup] = []
    last = 0
    for match in pattern.finditer(excerpt):
        parts.append(escape(excerpt[last : match.start()]))
        parts.append(Markup("<mark>%s</mark>") % match.group(0))
        last = match.end()
    parts.append(escape(excerpt[last:]))
    return Markup("").join(parts)


def _trim(text: str, start: int) -> str:
    text = " ".join(text.split())
    if start:
        cut = text.find(" ", start)
        text = "…" + text[cut + 1 if cut >= 0 else start :]
    if len(text) > HIGHLIGHT_WINDOW:
        text = text[:HIGHLIGHT_WINDOW].rsplit(" ", 1)[0] + "…"
    return text


def percent(value: float) -> str:
    """0.914 → ``91%``."""
    return f"{round(value * 100)}%"


templates.env.filters["highlight"] = highlight
templates.env.filters["type_label"] = content_type_label
templates.env.filters["stage_label"] = lambda stage: STAGE_LABELS.get(stage, stage)
templates.env.filters["percent"] = percent
templates.env.globals["CSRF_FIELD"] = CSRF_FIELD


def render(
    request: Request,
    name: str,
    context: dict[str, Any] | None = None,
    *,
    session: PageSession | None = None,
    status: int = 200,
) -> HTMLResponse:
    """Render a page template with the signed-in session (for the header and CSRF fields)."""
    return templates.TemplateResponse(request, name, {"session": session, **(context or {})}, status_code=status)
