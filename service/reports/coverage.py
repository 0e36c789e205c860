"""Library coverage: published assets per persona × stage and per industry, with empty and thin cells."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from personas.stages import CANONICAL_STAGES
from service.runtime import Runtime

THIN = 2
ANY = "any"


@dataclass(frozen=True)
class Cell:
    """One persona × stage cell: assets written for it, and generic assets that also serve it."""

    persona_id: str
    stage: str
    specific: int
    generic: int

    @property
    def status(self) -> str:
        """``empty`` (nothing serves it), ``thin`` (fewer than THIN+1 assets) or ``ok``."""
        total = self.specific + self.generic
        return "empty" if total == 0 else "thin" if total <= THIN else "ok"


@dataclass(frozen=True)
class CoverageReport:
    """The coverage matrix and industry counts of the live library."""

    personas: list[str]
    stages: list[str]
    cells: list[Cell]
    industries: dict[str, int]
    live_assets: int


def coverage(runtime: Runtime) -> CoverageReport:
    """Count live published assets per persona × stage (assets without personas or stages serve every one)."""
    runtime.refresh()
    today = runtime.today()
    live = [card for card in runtime.library.cards.values() if card.is_live(today)]
    persona_ids = [p.persona_id for p in runtime.personas]
    specific: Counter[tuple[str, str]] = Counter()
    generic: Counter[tuple[str, str]] = Counter()
    industries: Counter[str] = Counter()
    for card in live:
        stages = card.stages or CANONICAL_STAGES
        targets = [p for p in card.personas if p in persona_ids] if card.personas else persona_ids
        counter = specific if card.personas else generic
        for persona_id in targets:
            for stage in stages:
                counter[(persona_id, stage)] += 1
        for industry in card.industries or (ANY,):
            industries[industry] += 1
    cells = [Cell(p, s, specific[(p, s)], generic[(p, s)]) for p in persona_ids for s in CANONICAL_STAGES]
    return CoverageReport(persona_ids, list(CANONICAL_STAGES), cells, dict(industries.most_common()), len(live))
