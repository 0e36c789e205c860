"""Guidance a rep can use as is: when, how, talking points and evidence from the asset itself."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from indexing.chunking import split_sentences
from indexing.lexical_index import tokenize
from indexing.library import AssetCard

STAGE_WHEN = {
    "awareness": "Early in the deal, while the buyer is still framing the problem",
    "evaluation": "While the buyer is comparing options and building the business case",
    "conversion": "Close to the decision, to clear the last doubts and help your champion get sign-off",
}

CONTENT_HOW = {
    "blog_post": "Share the link in a short follow-up with one line on why it fits their situation.",
    "white_paper": "Send it ahead of a deeper conversation and offer to walk through the sections that matter to them.",
    "ebook": "Offer it as a resource they can share with their team; point to the chapter that matches their concern.",
    "case_study": "Lead with the customer's result that mirrors the prospect's situation, then send the full story.",
    "infographic": "Drop it into an email or chat as a quick visual; pick the one stat that fits their concern.",
    "video": "Send the link with the minute mark worth watching, or play it together on the next call.",
    "webinar": "Share the recording and name the segment that answers their question.",
    "one_pager": "Attach it to your follow-up so your contact can forward it internally.",
    "datasheet": "Send it to the technical evaluator with the specs they asked about highlighted.",
    "battlecard": "For your eyes: use the talking points on the call; do not forward the card itself.",
    "roi_calculator": "Fill it in with the prospect on a call using their numbers, then send them the result.",
    "testimonial": "Quote it in your email or on a slide; it works best right after the concern comes up.",
    "presentation": "Present the relevant slides live, then share the deck for their internal review.",
    "guide": "Send it to the person who will do the work, with the steps that matter to them called out.",
    "other": "Share it where it answers a specific question the buyer raised.",
}

_TIMING = re.compile(r"\b(when|after|before|once|early|late|during|first|until|ahead of|right after)\b", re.IGNORECASE)
MAX_TALKING_POINTS = 3
MAX_SENTENCE_WORDS = 60


@dataclass(frozen=True)
class Evidence:
    """A passage of the asset that answers an objection (or fits the prospect)."""

    passage: str
    objection: str | None
    page: int | None


def _timing_sentence(card: AssetCard) -> str | None:
    """The first sentence of marketing's usage notes that says when to use the asset, if any."""
    return next((s for s in split_sentences(card.usage_notes) if _TIMING.search(s)), None)


def when_to_use(card: AssetCard, stage: str | None) -> str:
    """The moment to use the asset: its stage phrase, plus marketing's timing advice if any."""
    target = stage if stage in card.stages or not card.stages else card.stages[0]
    phrase = STAGE_WHEN.get(target or "", "At any point where the buyer raises this topic")
    timing = _timing_sentence(card)
    return f"{phrase}. {timing}" if timing else f"{phrase}."


def how_to_use(card: AssetCard) -> str:
    """Marketing's usage notes (less the timing advice already in ``when``), else a content-type template."""
    timing = _timing_sentence(card)
    rest = [s for s in split_sentences(card.usage_notes) if s != timing]
    return " ".join(rest) or CONTENT_HOW.get(card.content_type, CONTENT_HOW["other"])


def talking_points(evidence: Sequence[Evidence]) -> list[str]:
    """The asset's own sentences that best answer each objection, verbatim, best first."""
    points: list[str] = []
    for item in evidence:
        sentences = [s for s in split_sentences(item.passage) if 4 <= len(s.split()) <= MAX_SENTENCE_WORDS]
        query = set(tokenize(item.objection or ""))
        ranked = sorted(enumerate(sentences), key=lambda pair: (-_sentence_score(pair[1], query), pair[0]))
        for _, sentence in ranked[:2]:
            if sentence not in points:
                points.append(sentence)
    return points[:MAX_TALKING_POINTS]


def _sentence_score(sentence: str, query: set[str]) -> float:
    tokens = set(tokenize(sentence))
    overlap = len(tokens & query) / (len(query) or 1)
    proof = 0.3 if re.search(r"\d", sentence) else 0.0
    return overlap + proof


def reasons(
    card: AssetCard,
    *,
    confidences: dict[str, float],
    answered: Sequence[str],
    persona_name: str | None,
    persona_fit: float,
    stage: str | None,
    stage_fit: float,
    industry: str | None,
    industry_fit: float,
) -> list[str]:
    """Plain sentences that say why the asset was picked."""
    out = [f'Answers "{o}" ({confidences[o]:.0%} match)' for o in answered]
    if persona_name and persona_fit >= 1.0:
        out.append(f"Written for {persona_name}")
    if stage and stage_fit >= 1.0:
        out.append(f"Made for the {stage} stage")
    elif stage and stage_fit > 0:
        out.append(f"Close to the {stage} stage ({', '.join(card.stages)})")
    if industry and industry_fit >= 1.0:
        out.append(f"Specific to {industry}")
    elif not card.industries:
        out.append("Works for any industry")
    if not out:
        out.append(f"Closest match in the library ({card.content_type.replace('_', ' ')})")
    return out
