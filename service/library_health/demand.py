"""Demand vs supply: for each frequent objection theme, the assets that answer it and whether reps send them."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from service.library_health.models import AnsweringAsset, ThemeSupply
from service.recommend.score import ANSWERED
from service.reports.gaps import MAX_EXAMPLES, answered_share, logged_objections, unanswered_terms
from service.reports.themes import objection_themes
from service.reports.usage import content_usage
from service.runtime import Runtime

# Answers exist but are "not sent" when reps sent them fewer times than this share of the times the theme was heard.
SENT_SHARE = 0.1
MAX_ASSETS = 3
NO_ANSWER, NOT_SENT, IN_USE = "no_answer", "not_sent", "in_use"


def demand_vs_supply(
    runtime: Runtime, *, since: dt.datetime | None, until: dt.datetime | None, min_count: int
) -> list[ThemeSupply]:
    """Frequent themes (at least ``min_count`` objections), most heard first, with their answering assets' use.

    Keeps "we have the answer but reps don't send it" apart from "we have no answer" (the gap report).
    """
    logged, vectors = logged_objections(runtime, since=since, until=until)
    if not logged:
        return []
    usage = {u.external_id: u for u in content_usage(runtime, since=since, until=until).assets}
    today = runtime.today()
    found = []
    for theme in objection_themes([e.text for e in logged], vectors):
        members = [logged[i] for i in theme.members]
        if len(members) < min_count:
            continue
        answers = Counter(
            e.best_external_id for e in members if e.best_external_id and (e.best_confidence or 0.0) >= ANSWERED
        )
        confidence = {
            external_id: max(e.best_confidence or 0.0 for e in members if e.best_external_id == external_id)
            for external_id in answers
        }
        assets = tuple(
            AnsweringAsset(
                external_id,
                usage[external_id].title,
                round(confidence[external_id], 4),
                usage[external_id].recommended,
                usage[external_id].sent,
                usage[external_id].helpful,
            )
            for external_id, _ in answers.most_common(MAX_ASSETS)
            if external_id in usage
        )
        share = answered_share(members)
        sent, helpful = sum(a.sent for a in assets), sum(a.helpful for a in assets)
        if unanswered_terms(runtime, members, today) is not None or not assets:
            status = NO_ANSWER
        else:
            status = NOT_SENT if sent < SENT_SHARE * len(members) else IN_USE
        examples = tuple(dict.fromkeys(e.text for e in members))[:MAX_EXAMPLES]
        found.append(
            ThemeSupply(
                logged[theme.center].text, len(members), examples, round(share, 4), assets, sent, helpful, status
            )
        )
    return sorted(found, key=lambda t: (-t.count, t.label))
