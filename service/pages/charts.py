"""Geometry of the server-rendered SVG charts of the reports page (no drawing library, no network)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

MAX_LABEL_CHARS = 50
HEAT_LEVELS = 4


@dataclass(frozen=True)
class Bar:
    """One bar of a horizontal bar chart, in SVG user units."""

    label: str
    short_label: str
    value: int
    y: float
    width: float
    highlight: bool


@dataclass(frozen=True)
class BarChart:
    """A horizontal bar chart: labels on the left, bars and values on the right."""

    bars: list[Bar]
    width: int
    height: int
    label_width: int
    row_height: int
    bar_height: int
    max_value: int


def shorten(text: str, limit: int = MAX_LABEL_CHARS) -> str:
    """``text`` cut to ``limit`` characters at a word boundary, with an ellipsis when cut."""
    if limit < 2:
        raise ValueError(f"limit must be at least 2, got {limit}")
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0] or text[: limit - 1]
    return f"{cut}…"


def bar_chart(
    items: Sequence[tuple[str, int, bool]], *, width: int = 900, label_width: int = 380, row_height: int = 28
) -> BarChart:
    """Lay out ``(label, value, highlight)`` rows as horizontal bars scaled to the largest value."""
    if width <= label_width + 60:
        raise ValueError(f"width must leave room for bars after the labels, got {width} and {label_width}")
    if row_height < 8:
        raise ValueError(f"row_height must be at least 8, got {row_height}")
    peak = max((value for _, value, _ in items), default=0)
    room = width - label_width - 48
    bars = [
        Bar(
            label=label,
            short_label=shorten(label),
            value=value,
            y=index * row_height,
            width=round(room * value / peak, 1) if peak else 0.0,
            highlight=highlight,
        )
        for index, (label, value, highlight) in enumerate(items)
    ]
    return BarChart(
        bars=bars,
        width=width,
        height=max(row_height, len(bars) * row_height),
        label_width=label_width,
        row_height=row_height,
        bar_height=row_height - 8,
        max_value=peak,
    )


@dataclass(frozen=True)
class Sparkline:
    """A small trend line: the polyline points and the last point, in SVG user units."""

    points: str
    width: int
    height: int
    last_x: float
    last_y: float
    total: int
    peak: int
    description: str


def sparkline(values: Sequence[int], *, width: int = 120, height: int = 28, pad: int = 3) -> Sparkline:
    """A polyline through ``values`` (oldest first), scaled to the box; flat at the bottom when all are zero."""
    if width <= 2 * pad or height <= 2 * pad:
        raise ValueError(f"the box {width}x{height} is too small for padding {pad}")
    counts = list(values) or [0]
    peak = max(counts)
    step = (width - 2 * pad) / (len(counts) - 1) if len(counts) > 1 else 0.0
    inner = height - 2 * pad
    coords = [
        (round(pad + i * step, 1), round(height - pad - (inner * value / peak if peak else 0.0), 1))
        for i, value in enumerate(counts)
    ]
    if len(coords) == 1:
        coords.append((float(width - pad), coords[0][1]))
    described = ", ".join(str(v) for v in counts)
    return Sparkline(
        points=" ".join(f"{x},{y}" for x, y in coords),
        width=width,
        height=height,
        last_x=coords[-1][0],
        last_y=coords[-1][1],
        total=sum(counts),
        peak=peak,
        description=f"Weekly counts, oldest first: {described}",
    )


def heat_level(total: int, peak: int) -> int:
    """A colour step 0..HEAT_LEVELS for a heatmap cell: 0 only when the cell is empty.

    The scale is the square root of the share of the fullest cell, so one very
    full cell does not wash every other cell out to the palest step.
    """
    if total < 0 or peak < 0:
        raise ValueError(f"counts must not be negative, got {total} and {peak}")
    if total == 0 or peak == 0:
        return 0
    return max(1, min(HEAT_LEVELS, round(HEAT_LEVELS * math.sqrt(total / peak))))
