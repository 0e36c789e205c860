"""Gap-report evaluation: log a labelled objection log through the service and score the themes found."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from service.reports.gaps import GapTheme, objection_gaps
from service.runtime import Runtime
from service.schemas.activity import ObjectionsIn
from service.usecases.activity import log_objections

LOG_BATCH = 1000


@dataclass(frozen=True)
class LabelledLog:
    """Objections with the theme each belongs to and which themes the library leaves unanswered."""

    entries: list[dict[str, Any]]
    theme_of: dict[str, str]
    unanswered: set[str]


def load_labelled_log(path: Path) -> LabelledLog | None:
    """Read ``objection_log.json`` (``themes`` and ``entries``); None if the file is absent."""
    if not path.exists():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    entries = [{k: v for k, v in e.items() if k != "theme_id"} for e in data["entries"]]
    theme_of = {" ".join(e["text"].split()): e["theme_id"] for e in data["entries"]}
    unanswered = {t["theme_id"] for t in data["themes"] if not t["answered"]}
    return LabelledLog(entries, theme_of, unanswered)


def gap_metrics(themes: list[GapTheme], log: LabelledLog) -> dict[str, float]:
    """Precision and recall of the reported gaps, per theme and per logged objection.

    A reported theme stands for the labelled theme most of its members belong to.
    """
    flagged = [text for theme in themes for text in theme.members]
    unanswered_entries = [t for t, theme in log.theme_of.items() if theme in log.unanswered]
    flagged_unanswered = [t for t in flagged if log.theme_of.get(t) in log.unanswered]
    majority = [Counter(log.theme_of.get(t, "?") for t in theme.members).most_common(1)[0][0] for theme in themes]
    found = {label for label in majority if label in log.unanswered}
    return {
        "gap recall (themes)": len(found) / len(log.unanswered) if log.unanswered else 1.0,
        "gap precision (themes)": sum(1 for m in majority if m in log.unanswered) / len(majority) if majority else 1.0,
        "gap recall (objections)": len(flagged_unanswered) / len(unanswered_entries) if unanswered_entries else 1.0,
        "gap precision (objections)": len(flagged_unanswered) / len(flagged) if flagged else 1.0,
    }


def evaluate_gaps(runtime: Runtime, log: LabelledLog, *, min_count: int = 2) -> dict[str, float]:
    """Log every objection through the service, build the gap report over all time, and score it."""
    for start in range(0, len(log.entries), LOG_BATCH):
        batch = ObjectionsIn.model_validate({"objections": log.entries[start : start + LOG_BATCH]})
        log_objections(runtime, batch)
    return gap_metrics(objection_gaps(runtime, since=None, until=None, min_count=min_count), log)
