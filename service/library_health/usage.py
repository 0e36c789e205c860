"""How reps use an asset, per persona and stage: a second opinion on its persona and stage tags."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from content_store import activity

# Usage speaks only with at least this many rep actions behind it.
MIN_ACTIONS = 5
# Reps disown a tag when at least this share of their ratings of the asset in that context are "not helpful".
NOT_HELPFUL_SHARE = 0.7
POSITIVE_ACTIONS = ("sent", "opened", "helpful")


@dataclass
class ContextUsage:
    """Rep actions on one asset in one persona or stage context."""

    positive: int = 0
    helpful: int = 0
    not_helpful: int = 0


@dataclass
class AssetUsageByContext:
    """Rep actions on one asset, by the persona and by the stage of the request they followed."""

    personas: defaultdict[str, ContextUsage] = field(default_factory=lambda: defaultdict(ContextUsage))
    stages: defaultdict[str, ContextUsage] = field(default_factory=lambda: defaultdict(ContextUsage))


def usage_by_context(session: Session) -> dict[str, AssetUsageByContext]:
    """Every asset's rep actions grouped by the persona and stage of the recommendation they followed."""
    usage: defaultdict[str, AssetUsageByContext] = defaultdict(AssetUsageByContext)
    for external_id, action, persona_id, stage, count in activity.feedback_counts(session=session):
        contexts = []
        if persona_id:
            contexts.append(usage[external_id].personas[persona_id])
        if stage:
            contexts.append(usage[external_id].stages[stage])
        for context in contexts:
            if action in POSITIVE_ACTIONS:
                context.positive += count
            if action == "helpful":
                context.helpful += count
            elif action == "not_helpful":
                context.not_helpful += count
    return dict(usage)


def proven_contexts(contexts: dict[str, ContextUsage]) -> list[tuple[str, ContextUsage]]:
    """Contexts where reps sent or liked the asset often enough, and rarely rated it down."""
    return [
        (name, c)
        for name, c in contexts.items()
        if c.positive >= MIN_ACTIONS and c.not_helpful < NOT_HELPFUL_SHARE * (c.helpful + c.not_helpful or 1)
    ]


def disowned_contexts(contexts: dict[str, ContextUsage]) -> list[tuple[str, ContextUsage]]:
    """Contexts where reps rated the asset often enough and mostly "not helpful"."""
    return [
        (name, c)
        for name, c in contexts.items()
        if c.helpful + c.not_helpful >= MIN_ACTIONS and c.not_helpful >= NOT_HELPFUL_SHARE * (c.helpful + c.not_helpful)
    ]


def counted(kind: str, name: str, usage: ContextUsage, *, disowned: bool) -> str:
    """The usage pattern in words."""
    if disowned:
        rated = usage.helpful + usage.not_helpful
        return f"reps rated it not helpful {usage.not_helpful} of {rated} times for {kind} {name}"
    return f"reps sent, opened or liked it {usage.positive} times for {kind} {name}"
