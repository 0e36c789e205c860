"""What the library-health analysis finds: suggested tags, suspect tags and demand vs supply."""

from __future__ import annotations

from dataclasses import dataclass

# The tag fields an asset carries, as named in the asset schema.
PERSONAS, STAGES, INDUSTRIES, OBJECTIONS = "personas", "stages", "industries", "objections"
FIELDS = (PERSONAS, STAGES, INDUSTRIES, OBJECTIONS)


@dataclass(frozen=True)
class Evidence:
    """Why a tag is suggested or suspect: a passage of the asset (with its page) or a usage pattern."""

    kind: str  # "passage" or "usage"
    text: str
    page: int | None = None


@dataclass(frozen=True)
class TagSuggestion:
    """A tag the asset's text (or its use by reps) supports but the asset does not carry."""

    field: str
    value: str
    confidence: float
    evidence: Evidence


@dataclass(frozen=True)
class SuspectTag:
    """A tag the asset's text contradicts, with the tag its text supports instead (if any)."""

    external_id: str
    title: str
    field: str
    value: str
    confidence: float
    reason: str
    evidence: Evidence
    instead: str | None


@dataclass(frozen=True)
class AssetHealth:
    """Suggestions and suspect tags of one asset."""

    external_id: str
    title: str
    suggestions: tuple[TagSuggestion, ...]
    suspects: tuple[SuspectTag, ...]


@dataclass(frozen=True)
class AnsweringAsset:
    """An asset that answers an objection theme well, and how reps use it."""

    external_id: str
    title: str
    confidence: float
    recommended: int
    sent: int
    helpful: int


@dataclass(frozen=True)
class ThemeSupply:
    """A frequent objection theme: how often reps hear it, what answers it and whether reps send it.

    ``status`` is ``no_answer`` (a gap), ``not_sent`` (answers exist but reps rarely
    send them) or ``in_use``.
    """

    label: str
    count: int
    examples: tuple[str, ...]
    answered_share: float
    assets: tuple[AnsweringAsset, ...]
    sent: int
    helpful: int
    status: str


@dataclass(frozen=True)
class TagHealthReport:
    """Library-wide: suspect tags ranked by confidence, tag suggestions, and demand vs supply."""

    assets_checked: int
    suspects: tuple[SuspectTag, ...]
    suggestions: tuple[tuple[str, str, TagSuggestion], ...]  # (external_id, title, suggestion)
    demand: tuple[ThemeSupply, ...]
