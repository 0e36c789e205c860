"""The objection gap report: what reps keep hearing that the library does not answer, as themes."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from content_store import activity
from content_store.db import transaction
from content_store.models import ObjectionLog
from indexing.lexical_index import stem, words_by_stem
from service.recommend.answers import objection_coverage
from service.recommend.normalize import match_industry
from service.recommend.score import ANSWERED
from service.reports.terms import is_numbered, numbered_names, numbered_pattern
from service.reports.themes import THEME_SIMILARITY, Theme, objection_themes
from service.runtime import Runtime

# Themes are built from at most this many objections, the newest of the window.
MAX_OBJECTIONS = 5_000
# A theme is a gap when fewer than this share of its objections have a confident answer ...
GAP_SHARE = 0.5
# ... or fewer than this share and its defining words appear in no live asset.
# (Both chosen on the demo library's labelled objection log, tests/data/demo_objection_log.json.)
GAP_SHARE_WITH_MISSING_TERMS = 0.8
# A word defines a theme when at least this share of its objections (and two or more) use it.
KEY_TERM_SHARE = 0.4
MAX_EXAMPLES = 5
COVERAGE_BATCH = 512
NEW_THEME_DAYS = 14


@dataclass(frozen=True)
class GapTheme:
    """One theme of unanswered objections."""

    label: str
    count: int
    examples: list[str]
    best_asset: tuple[str, float] | None
    by_persona: dict[str, int]
    by_stage: dict[str, int]
    by_industry: dict[str, int]
    weekly: list[tuple[dt.date, int]]
    first_seen: dt.datetime
    new: bool
    missing_terms: list[str]
    members: tuple[str, ...]


def _aware(moment: dt.datetime) -> dt.datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def refresh_coverage(runtime: Runtime, entries: Sequence[ObjectionLog]) -> None:
    """Re-match objections logged before the library last changed (stored vectors, no re-embedding)."""
    runtime.refresh()
    generation = runtime.library.generation
    stale = [e for e in entries if e.coverage_generation != generation and e.embedding is not None]
    for start in range(0, len(stale), COVERAGE_BATCH):
        batch = stale[start : start + COVERAGE_BATCH]
        vectors = np.stack([np.frombuffer(e.embedding or b"", dtype=np.float32) for e in batch])
        answers = objection_coverage(runtime, [e.text for e in batch], vectors)
        with transaction(runtime.factory) as session:
            for entry, (external_id, confidence) in zip(batch, answers, strict=True):
                activity.set_coverage(
                    session=session,
                    objection_id=entry.id,
                    external_id=external_id,
                    confidence=confidence,
                    generation=generation,
                )
                entry.best_external_id, entry.best_confidence = external_id, confidence
                entry.coverage_generation = generation


def logged_objections(
    runtime: Runtime, *, since: dt.datetime | None, until: dt.datetime | None
) -> tuple[list[ObjectionLog], np.ndarray]:
    """The window's embedded objections (newest MAX_OBJECTIONS) with current coverage, and their vectors."""
    with runtime.factory() as session:
        entries = activity.objections_between(session=session, since=since, until=until, limit=MAX_OBJECTIONS)
    refresh_coverage(runtime, entries)
    logged = [e for e in entries if e.embedding is not None]
    if not logged:
        return [], np.zeros((0, runtime.embedder.dimension), np.float32)
    return logged, np.stack([np.frombuffer(e.embedding or b"", dtype=np.float32) for e in logged])


def answered_share(members: Sequence[ObjectionLog]) -> float:
    """Share of the objections whose best answer reaches the answered confidence."""
    return sum(1 for e in members if (e.best_confidence or 0.0) >= ANSWERED) / len(members) if members else 0.0


def unanswered_terms(runtime: Runtime, members: Sequence[ObjectionLog], today: dt.date) -> list[str] | None:
    """None when the library answers the theme; else the theme's defining words no live asset mentions.

    A theme is a gap when fewer than GAP_SHARE of its objections have a confident
    answer; or fewer than GAP_SHARE_WITH_MISSING_TERMS and its defining words
    appear in no live asset; or whatever the answers, when it names a numbered
    standard or version no live asset mentions (content on "SOC 2" is close in
    meaning to a request for "SOC 1", but does not answer it).
    """
    answered = answered_share(members)
    missing = _missing_terms(runtime, members, today)
    numbered = any(is_numbered(term) for term in missing)
    if answered < GAP_SHARE or numbered or (missing and answered < GAP_SHARE_WITH_MISSING_TERMS):
        return missing
    return None


def _missing_terms(runtime: Runtime, members: Sequence[ObjectionLog], today: dt.date) -> list[str]:
    """Words most of a theme's objections use that no live asset mentions (e.g. a standard or product name).

    A name followed by a number ("SOC 1", "ECC 6.0") counts as one term, so content about
    "SOC 2" does not hide a theme asking for "SOC 1".
    """
    counts: Counter[str] = Counter()
    spelled: defaultdict[str, Counter[str]] = defaultdict(Counter)
    for entry in members:
        pairs = words_by_stem(entry.text) + numbered_names(entry.text)
        counts.update({term for term, _ in pairs})
        for term, word in pairs:
            spelled[term][word] += 1
    needed = max(2.0, KEY_TERM_SHARE * len(members))
    key_terms = sorted(t for t, n in counts.items() if n >= needed and len(t) >= 3 and not t.isdigit())
    missing = [term for term in key_terms if not _mentioned(runtime, term, today)]
    return [spelled[term].most_common(1)[0][0] for term in missing]


def _mentioned(runtime: Runtime, term: str, today: dt.date) -> bool:
    """Whether a live asset uses the term (a numbered name must appear with its number)."""
    if not is_numbered(term):
        return runtime.library.mentions(term, today)
    name, pattern = numbered_pattern(term)
    return runtime.library.mentions(stem(name), today, pattern=pattern)


def _weeks(since: dt.date, until: dt.date) -> list[dt.date]:
    start = since - dt.timedelta(days=since.weekday())
    return [start + dt.timedelta(weeks=i) for i in range((until - start).days // 7 + 1)]


def objection_gaps(
    runtime: Runtime,
    *,
    since: dt.datetime | None,
    until: dt.datetime | None,
    min_count: int,
    threshold: float = THEME_SIMILARITY,
) -> list[GapTheme]:
    """Themes of logged objections that no live asset answers well, most frequent first.

    Every objection of the window is grouped with its paraphrases; a theme is a
    gap when most of its objections have no answer at the confidence at which an
    objection counts as answered (judging the theme, not single phrasings, keeps
    one odd wording from hiding or inventing a gap). Matches are refreshed
    whenever the library changed since they were computed, so a theme leaves the
    report as soon as marketing publishes an answer.
    """
    logged, vectors = logged_objections(runtime, since=since, until=until)
    if not logged:
        return []
    window_end = _aware(until) if until else max(_aware(e.logged_at) for e in logged)
    window_start = _aware(since) if since else min(_aware(e.logged_at) for e in logged)
    industries = runtime.library.industries()
    themes = []
    today = runtime.today()
    for theme in objection_themes([e.text for e in logged], vectors, threshold=threshold):
        members = [logged[i] for i in theme.members]
        if len(members) < min_count:
            continue
        missing = unanswered_terms(runtime, members, today)
        if missing is None:
            continue
        found = _theme(runtime, logged[theme.center], members, vectors, theme, industries, window_start, window_end)
        themes.append(dataclasses.replace(found, missing_terms=missing))
    return sorted(themes, key=lambda t: (-t.count, t.label))


def _theme(
    runtime: Runtime,
    center: ObjectionLog,
    members: list[ObjectionLog],
    vectors: np.ndarray,
    theme: Theme,
    industries: list[str],
    window_start: dt.datetime,
    window_end: dt.datetime,
) -> GapTheme:
    closeness = vectors[list(theme.members)] @ vectors[theme.center]
    examples = list(dict.fromkeys(members[i].text for i in np.argsort(-closeness)))[:MAX_EXAMPLES]
    best = max(members, key=lambda e: e.best_confidence or 0.0)
    week_counts = Counter(
        _aware(e.logged_at).date() - dt.timedelta(days=_aware(e.logged_at).weekday()) for e in members
    )
    first_seen = min(_aware(e.logged_at) for e in members)
    return GapTheme(
        label=center.text,
        count=len(members),
        examples=examples,
        best_asset=(best.best_external_id, round(best.best_confidence or 0.0, 4)) if best.best_external_id else None,
        by_persona=dict(Counter(e.persona_id for e in members if e.persona_id).most_common()),
        by_stage=dict(Counter(e.stage for e in members if e.stage).most_common()),
        by_industry=dict(
            Counter(
                match_industry(e.industry, industries, runtime.embedder) or e.industry for e in members if e.industry
            ).most_common()
        ),
        weekly=[(week, week_counts.get(week, 0)) for week in _weeks(window_start.date(), window_end.date())],
        first_seen=first_seen,
        new=first_seen >= window_end - dt.timedelta(days=NEW_THEME_DAYS),
        missing_terms=[],
        members=tuple(e.text for e in members),
    )
