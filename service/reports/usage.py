"""Content usage: how often each asset is recommended, sent and liked, and which deals it touched."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from content_store import activity
from content_store import assets as asset_store
from service.runtime import Runtime

TOUCHING_ACTIONS = ("sent", "opened", "helpful")


@dataclass
class AssetUsage:
    """Usage counts of one asset."""

    external_id: str
    title: str
    content_type: str
    status: str
    recommended: int = 0
    sent: int = 0
    opened: int = 0
    helpful: int = 0
    not_helpful: int = 0
    deals_won: int = 0
    deals_lost: int = 0
    won_revenue: float = 0.0
    opportunities: set[str] = field(default_factory=set)


@dataclass(frozen=True)
class UsageReport:
    """Usage of every asset, the ones never used, and the share of the live library in use."""

    assets: list[AssetUsage]
    never_recommended: list[str]
    never_sent: list[str]
    in_use_share: float


def content_usage(runtime: Runtime, *, since: dt.datetime | None, until: dt.datetime | None) -> UsageReport:
    """Per asset: recommended, sent, opened, helpful, not helpful, won/lost deals touched and won revenue.

    A deal is touched by an asset when a rep sent, opened or marked it helpful
    for that opportunity (directly, or through the recommendation request).
    """
    runtime.refresh()
    today = runtime.today()
    usage = {
        card.external_id: AssetUsage(card.external_id, card.title, card.content_type, card.status)
        for card in runtime.library.cards.values()
    }
    live = {card.external_id for card in runtime.library.cards.values() if card.is_live(today)}
    with runtime.factory() as session:
        requests = activity.recommendations_between(session=session, since=since, until=until)
        feedback = activity.feedback_between(session=session, since=since, until=until)
        outcomes = activity.latest_outcomes(session=session)
        for external_id in {f.external_id for f in feedback} - set(usage):
            stored = asset_store.get(session=session, external_id=external_id, include_deleted=True)
            if stored is not None:
                usage[external_id] = AssetUsage(external_id, stored.title, stored.content_type, "deleted")
    opportunity_of_request = {r.request_id: r.opportunity_id for r in requests if r.opportunity_id}
    for request in requests:
        for result in request.results:
            if result["external_id"] in usage:
                usage[result["external_id"]].recommended += 1
    actions: defaultdict[str, Counter[str]] = defaultdict(Counter)
    for item in feedback:
        if item.external_id not in usage:
            continue
        actions[item.external_id][item.action] += 1
        opportunity = item.opportunity_id or opportunity_of_request.get(item.request_id or "")
        if opportunity and item.action in TOUCHING_ACTIONS:
            usage[item.external_id].opportunities.add(opportunity)
    for external_id, entry in usage.items():
        counts = actions[external_id]
        entry.sent, entry.opened = counts["sent"], counts["opened"]
        entry.helpful, entry.not_helpful = counts["helpful"], counts["not_helpful"]
        for opportunity in entry.opportunities:
            outcome = outcomes.get(opportunity)
            if outcome is None:
                continue
            if outcome.outcome == "won":
                entry.deals_won += 1
                entry.won_revenue += outcome.amount or 0.0
            else:
                entry.deals_lost += 1
    ordered = sorted(usage.values(), key=lambda u: (-u.recommended, -u.sent, u.external_id))
    never_recommended = sorted(e for e in live if usage[e].recommended == 0)
    never_sent = sorted(e for e in live if usage[e].sent == 0)
    in_use = sum(1 for e in live if usage[e].recommended or usage[e].sent)
    return UsageReport(ordered, never_recommended, never_sent, in_use / len(live) if live else 0.0)
