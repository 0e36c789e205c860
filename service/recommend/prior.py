"""A bounded, smoothed prior from reps' feedback, per asset × persona × stage."""

from __future__ import annotations

import threading
import time
from collections import defaultdict
from collections.abc import Callable, Sequence

from sqlalchemy.orm import Session, sessionmaker

from content_store import activity

# The prior moves an asset's score by at most this much (scores are in [0, 1]).
PRIOR_WEIGHT = 0.06
# Beta smoothing: this many imaginary helpful and not-helpful marks per asset.
PSEUDO_COUNT = 3.0
# Feedback without a request (persona and stage unknown) counts at this weight in every cell.
ASSET_LEVEL_SHARE = 0.5
REFRESH_SECONDS = 30.0

Key = tuple[str, str | None, str | None]


class FeedbackPriors:
    """Helpful / not-helpful marks turned into a score adjustment in [-PRIOR_WEIGHT, +PRIOR_WEIGHT].

    A new asset (no marks) gets 0, so it is never buried; an asset reps keep
    marking not helpful for a persona and stage sinks there, a proven one rises.
    Counts are reloaded at most every REFRESH_SECONDS, or at once after a write
    in this process.
    """

    def __init__(self, factory: sessionmaker[Session], *, clock: Callable[[], float] = time.monotonic) -> None:
        self._factory = factory
        self._clock = clock
        self._lock = threading.Lock()
        self._loaded_at: float | None = None
        self._cells: dict[Key, list[float]] = {}

    def invalidate(self) -> None:
        """Reload counts on next use (after feedback was written)."""
        self._loaded_at = None

    def _load(self) -> None:
        cells: defaultdict[Key, list[float]] = defaultdict(lambda: [0.0, 0.0])
        with self._factory() as session:
            for external_id, action, persona_id, stage, count in activity.feedback_counts(session=session):
                if action in ("helpful", "not_helpful"):
                    cells[(external_id, persona_id, stage)][0 if action == "helpful" else 1] += count
        self._cells = dict(cells)
        self._loaded_at = self._clock()

    def prior(self, external_id: str, persona_id: str | None, stage: str | None) -> float:
        """The adjustment for an asset shown to a persona at a stage."""
        return self.priors([external_id], persona_id, stage)[0]

    def active(self) -> bool:
        """False when no asset has a helpful or not-helpful mark (every prior is then 0)."""
        with self._lock:
            if self._loaded_at is None or self._clock() - self._loaded_at > REFRESH_SECONDS:
                self._load()
            return bool(self._cells)

    def priors(self, external_ids: Sequence[str], persona_id: str | None, stage: str | None) -> list[float]:
        """``prior`` of many assets at once (one look at the counts)."""
        with self._lock:
            if self._loaded_at is None or self._clock() - self._loaded_at > REFRESH_SECONDS:
                self._load()
            cells = self._cells
        if not cells:
            return [0.0] * len(external_ids)
        return [self._adjustment(cells, e, persona_id, stage) for e in external_ids]

    @staticmethod
    def _adjustment(
        cells: dict[Key, list[float]], external_id: str, persona_id: str | None, stage: str | None
    ) -> float:
        cell = cells.get((external_id, persona_id, stage), [0.0, 0.0])
        general = cells.get((external_id, None, None), [0.0, 0.0])
        helpful = cell[0] + ASSET_LEVEL_SHARE * general[0]
        unhelpful = cell[1] + ASSET_LEVEL_SHARE * general[1]
        share = (helpful + PSEUDO_COUNT) / (helpful + unhelpful + 2 * PSEUDO_COUNT)
        return PRIOR_WEIGHT * 2 * (share - 0.5)
