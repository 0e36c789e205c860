"""The pure parts of the pages: chart geometry, freshness, highlights, safe links, objections, redirects."""

from __future__ import annotations

import datetime as dt

import pytest

from service.pages.charts import bar_chart, heat_level, shorten, sparkline
from service.pages.paths import is_page_path, local_next
from service.pages.templating import highlight
from service.pages.views.common import freshness, safe_link
from service.pages.views.sidebar import split_objections

TODAY = dt.date(2026, 11, 23)


@pytest.mark.parametrize(
    ("published", "text"),
    [
        (None, "no publish date"),
        (TODAY, "published today"),
        (TODAY - dt.timedelta(days=1), "published yesterday"),
        (TODAY - dt.timedelta(days=5), "published 5 days ago"),
        (TODAY - dt.timedelta(days=20), "published 2 weeks ago"),
        (TODAY - dt.timedelta(days=95), "published 3 months ago"),
        (TODAY - dt.timedelta(days=800), "published 2 years ago"),
        (TODAY + dt.timedelta(days=3), "publishes on 2026-11-26"),
    ],
)
def test_freshness(published, text) -> None:
    assert freshness(published, TODAY) == text


def test_highlight_escapes_and_marks_query_words() -> None:
    html = str(highlight("SOC 2 <b>reports</b> for 24 months", "soc 2 report"))
    assert html == "<mark>SOC</mark> <mark>2</mark> &lt;b&gt;<mark>report</mark>s&lt;/b&gt; for 24 months"
    assert str(highlight("<img src=x>", "")) == "&lt;img src=x&gt;"
    assert str(highlight("a <mark> tag", "mark")) == "a &lt;<mark>mark</mark>&gt; tag"


@pytest.mark.parametrize(
    ("url", "safe"),
    [
        ("https://x.example/a", "https://x.example/a"),
        ("mailto:a@b.example", "mailto:a@b.example"),
        ("javascript:alert(1)", None),
        (" JavaScript:alert(1)", None),
        ("data:text/html,<script>", None),
        (None, None),
    ],
)
def test_safe_link(url, safe) -> None:
    assert safe_link(url) == safe


def test_objections_split_on_pipes_and_lines() -> None:
    assert split_objections(["too pricey | no budget", "ERP does it\r\nslow IT", " ", "x||"]) == [
        "too pricey",
        "no budget",
        "ERP does it",
        "slow IT",
        "x",
    ]


@pytest.mark.parametrize(
    ("value", "expected"),
    [("/reports?days=7", "/reports?days=7"), ("//evil", "/"), ("https://evil", "/"), ("/\\evil", "/"), (None, "/")],
)
def test_local_next(value, expected) -> None:
    assert local_next(value) == expected


def test_page_paths() -> None:
    assert is_page_path("/") and is_page_path("/sidebar") and is_page_path("/nowhere")
    assert not any(is_page_path(p) for p in ("/v1/search", "/healthz", "/metrics", "/openapi.json", "/docs"))


def test_bar_chart_scales_to_the_largest_value() -> None:
    chart = bar_chart([("a", 10, False), ("b", 5, True), ("c", 0, False)], width=500, label_width=200)
    assert [b.width for b in chart.bars] == [252.0, 126.0, 0.0]
    assert [b.y for b in chart.bars] == [0, 28, 56] and chart.height == 84
    assert chart.bars[1].highlight
    with pytest.raises(ValueError, match="width must leave room"):
        bar_chart([], width=200, label_width=180)


def test_sparkline_points() -> None:
    line = sparkline([0, 2, 1], width=20, height=10, pad=2)
    assert line.points == "2.0,8.0 10.0,2.0 18.0,5.0"
    assert (line.last_x, line.last_y, line.peak, line.total) == (18.0, 5.0, 2, 3)
    flat = sparkline([], width=20, height=10, pad=2)
    assert flat.points == "2.0,8.0 18.0,8.0"


def test_heat_levels_and_labels() -> None:
    assert [heat_level(n, 40) for n in (0, 1, 2, 10, 20, 40)] == [0, 1, 1, 2, 3, 4]
    assert shorten("one two three four", 10) == "one two…"
    with pytest.raises(ValueError):
        heat_level(-1, 3)
