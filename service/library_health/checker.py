"""Check every tag of an asset against its text and its use: suggest missing tags, flag contradicted ones."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from personas.stages import CANONICAL_STAGES
from service.library_health import fields, usage
from service.library_health.models import (
    INDUSTRIES,
    OBJECTIONS,
    PERSONAS,
    STAGES,
    AssetHealth,
    Evidence,
    SuspectTag,
    TagSuggestion,
)
from service.library_health.objections import ObjectionChecker, Support
from service.library_health.tag_model import Fit, TagModel
from service.library_health.texts import AssetText, asset_texts, objection_tag_vectors
from service.library_health.usage import ContextUsage
from service.runtime import Runtime

# A stage tag is suspect when the text makes the stage at the other end of the funnel at least STAGE_ODDS
# times as likely as the tagged one (evaluation, in the middle, has no opposite); an industry tag when the
# text gives it at most INDUSTRY_UNLIKELY and an industry it names at least INDUSTRY_LIKELY. (Chosen on the
# demo library with seeds 1-8, see service/evaluation/tag_health.py.)
STAGE_ODDS = 3.0
OPPOSITE_STAGES = {CANONICAL_STAGES[0]: CANONICAL_STAGES[-1], CANONICAL_STAGES[-1]: CANONICAL_STAGES[0]}
INDUSTRY_LIKELY, INDUSTRY_UNLIKELY = 0.4, 0.3
# A missing persona, stage or industry is suggested at this probability ...
SUGGEST = 0.6
# ... and an industry only when the text names it in at least this share of passages.
INDUSTRY_MENTIONS = 0.2
MAX_PASSAGE_CHARS = 300


@dataclass
class HealthChecker:
    """The tag models and objection vocabulary of one library state."""

    texts: list[AssetText]
    stages: TagModel
    personas: TagModel
    industries: TagModel
    specific_industries: TagModel
    objections: ObjectionChecker
    usage: dict[str, usage.AssetUsageByContext]

    @classmethod
    def build(cls, runtime: Runtime) -> HealthChecker:
        """Read the whole library (stored vectors, no re-embedding) and fit the models to it."""
        runtime.refresh()
        texts = asset_texts(runtime.library)
        embedder = runtime.embedder
        with runtime.factory() as session:
            used = usage.usage_by_context(session)
        return cls(
            texts=texts,
            stages=TagModel(fields.stage_values(embedder, texts), texts, lambda t: t.card.stages),
            personas=TagModel(
                fields.persona_values(embedder, runtime.personas, texts),
                texts,
                lambda t: t.card.personas,
            ),
            industries=TagModel(
                fields.industry_values(embedder, runtime.library.industries(), texts),
                texts,
                lambda t: t.card.industries,
            ),
            specific_industries=TagModel(
                fields.industry_values(embedder, runtime.library.industries(), texts, with_any=True),
                texts,
                fields.industry_tags,
            ),
            objections=ObjectionChecker(texts, objection_tag_vectors(runtime.library)),
            usage=used,
        )

    def check(self, text: AssetText) -> AssetHealth:
        """Suggestions and suspect tags of one asset."""
        card = text.card
        stage_fit, industry_fit, persona_fit = (m.fit(text) for m in (self.stages, self.industries, self.personas))
        suspects = [
            *self._suspect_stages(text, stage_fit),
            *self._suspect_industries(text, industry_fit),
            *self._suspect_objections(text),
            *self._disowned(text),
        ]
        suggestions = [
            *self._suggest(text, STAGES, stage_fit, card.stages),
            *self._suggest(text, PERSONAS, persona_fit, card.personas),
            *self._suggest_industries(text, self.specific_industries.fit(text)),
            *(
                TagSuggestion(OBJECTIONS, j.objection, round(j.probability, 4), _passage(text, j.support))
                for j in self.objections.suggested(text)
            ),
            *self._proven(text),
        ]
        return AssetHealth(
            card.external_id,
            card.title,
            tuple(sorted(suggestions, key=lambda s: -s.confidence)),
            tuple(sorted(suspects, key=lambda s: -s.confidence)),
        )

    def _suspect(
        self,
        text: AssetText,
        field: str,
        value: str,
        confidence: float,
        reason: str,
        evidence: Evidence,
        instead: str | None,
    ) -> SuspectTag:
        return SuspectTag(
            text.card.external_id, text.card.title, field, value, round(confidence, 4), reason, evidence, instead
        )

    def _suspect_stages(self, text: AssetText, fit: Fit) -> list[SuspectTag]:
        return [
            self._suspect(
                text,
                STAGES,
                stage,
                probability,
                f"reads as {opposite} content, not {stage}",
                _passage_at(text, fit.passages[opposite]),
                opposite,
            )
            for stage, opposite, probability in contradicted_stages(text.card.stages, fit.probabilities)
        ]

    def _suspect_industries(self, text: AssetText, fit: Fit) -> list[SuspectTag]:
        found = []
        for industry in text.card.industries:
            best = fit.best(exclude=text.card.industries)
            if best is None or industry not in fit.probabilities:
                continue
            other, probability = best
            mentioned = fit.cue_shares.get(other, 0.0) > 0
            if mentioned and probability >= INDUSTRY_LIKELY and fit.probabilities[industry] <= INDUSTRY_UNLIKELY:
                reason = f"is about {other}, not {industry}"
                evidence = _passage_at(text, fit.passages[other])
                found.append(self._suspect(text, INDUSTRIES, industry, probability, reason, evidence, other))
        return found

    def _suspect_objections(self, text: AssetText) -> list[SuspectTag]:
        return [
            self._suspect(
                text,
                OBJECTIONS,
                j.objection,
                1.0 - j.probability,
                "nothing in the text answers this objection; closest passage shown",
                _passage(text, j.support),
                None,
            )
            for j in self.objections.unsupported(text)
        ]

    def _usage_contexts(self, text: AssetText) -> list[tuple[str, str, tuple[str, ...], dict[str, ContextUsage]]]:
        """(field, kind, the asset's tags, rep actions by context) for personas and stages; empty without usage."""
        used = self.usage.get(text.card.external_id)
        if used is None:
            return []
        return [
            (PERSONAS, "persona", text.card.personas, used.personas),
            (STAGES, "stage", text.card.stages, used.stages),
        ]

    def _disowned(self, text: AssetText) -> list[SuspectTag]:
        found = []
        for field, kind, tags, contexts in self._usage_contexts(text):
            for name, context in usage.disowned_contexts(contexts):
                if name in tags:
                    rated = context.helpful + context.not_helpful
                    evidence = Evidence("usage", usage.counted(kind, name, context, disowned=True))
                    found.append(
                        self._suspect(
                            text,
                            field,
                            name,
                            context.not_helpful / rated,
                            "reps do not find it useful here",
                            evidence,
                            None,
                        )
                    )
        return found

    def _suggest(self, text: AssetText, field: str, fit: Fit, tags: Sequence[str]) -> list[TagSuggestion]:
        return [
            TagSuggestion(field, value, round(p, 4), _passage_at(text, fit.passages[value]))
            for value, p in fit.probabilities.items()
            if value not in tags and p >= SUGGEST
        ]

    def _suggest_industries(self, text: AssetText, fit: Fit) -> list[TagSuggestion]:
        return [
            s
            for s in self._suggest(text, INDUSTRIES, fit, text.card.industries)
            if fit.cue_shares.get(s.value, 0.0) >= INDUSTRY_MENTIONS
        ]

    def _proven(self, text: AssetText) -> list[TagSuggestion]:
        found = []
        for field, kind, tags, contexts in self._usage_contexts(text):
            if not tags:
                continue
            for name, context in usage.proven_contexts(contexts):
                if name not in tags:
                    evidence = Evidence("usage", usage.counted(kind, name, context, disowned=False))
                    confidence = min(0.95, 0.5 + 0.05 * context.positive)
                    found.append(TagSuggestion(field, name, round(confidence, 4), evidence))
        return found


def contradicted_stages(tags: Sequence[str], probabilities: Mapping[str, float]) -> list[tuple[str, str, float]]:
    """(tagged stage, its opposite, the opposite's probability) for each stage tag the text contradicts: the
    stage at the other end of the funnel, not tagged too, is at least STAGE_ODDS times as likely."""
    found = []
    for stage in tags:
        opposite = OPPOSITE_STAGES.get(stage)
        if opposite is None or opposite in tags or stage not in probabilities or opposite not in probabilities:
            continue
        if probabilities[opposite] >= STAGE_ODDS * probabilities[stage]:
            found.append((stage, opposite, probabilities[opposite]))
    return found


def _passage_at(text: AssetText, index: int) -> Evidence:
    if index < 0 or index >= len(text.passages):
        return Evidence("passage", "")
    chunk = text.passages[index]
    snippet = chunk.text if len(chunk.text) <= MAX_PASSAGE_CHARS else chunk.text[: MAX_PASSAGE_CHARS - 1].rstrip() + "…"
    return Evidence("passage", snippet, chunk.page)


def _passage(text: AssetText, found: Support) -> Evidence:
    return _passage_at(text, found.passage)
