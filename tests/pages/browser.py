"""Helpers for the browser tests: a basic accessibility check run in the page, and keyboard checks."""

from __future__ import annotations

from typing import Any

# Labels, lang, one h1, no skipped heading levels, named buttons/links/SVGs, and WCAG AA text contrast
# (computed from the rendered colours, against the nearest opaque background).
A11Y_CHECK = """
() => {
  const problems = [];
  if (!document.documentElement.lang) problems.push("no lang attribute");
  if (!document.title.trim()) problems.push("no title");
  const h1 = document.querySelectorAll("h1");
  if (h1.length !== 1) problems.push(`${h1.length} h1 elements`);
  let last = 0;
  for (const h of document.querySelectorAll("h1,h2,h3,h4,h5,h6")) {
    const level = Number(h.tagName[1]);
    if (last && level > last + 1) problems.push(`heading jumps h${last} -> h${level}: ${h.textContent.trim()}`);
    last = level;
  }
  for (const el of document.querySelectorAll("input:not([type=hidden]), select, textarea")) {
    const named = (el.labels && el.labels.length)
      || el.getAttribute("aria-label") || el.getAttribute("aria-labelledby");
    if (!named) problems.push(`unlabelled ${el.tagName.toLowerCase()} ${el.name}`);
  }
  for (const el of document.querySelectorAll("button, a[href]")) {
    if (!el.textContent.trim() && !el.getAttribute("aria-label")) problems.push(`unnamed ${el.outerHTML.slice(0, 60)}`);
  }
  for (const img of document.querySelectorAll("img")) if (!img.hasAttribute("alt")) problems.push("img without alt");
  for (const svg of document.querySelectorAll("svg")) {
    if (svg.closest("[aria-hidden=true]")) continue;
    if (!svg.getAttribute("aria-label") && !svg.getAttribute("aria-labelledby")) problems.push("svg without a name");
  }
  const rgb = (c) => {
    const m = c.match(/rgba?\\(([^)]+)\\)/);
    if (!m) return null;
    const p = m[1].split(",").map(Number);
    return { r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1 };
  };
  const lum = (c) => {
    const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b);
  };
  const background = (el) => {
    for (; el; el = el.parentElement) {
      const c = rgb(getComputedStyle(el).backgroundColor);
      if (c && c.a > 0.5) return c;
    }
    return { r: 255, g: 255, b: 255, a: 1 };
  };
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const seen = new Set();
  while (walker.nextNode()) {
    const node = walker.currentNode;
    const el = node.parentElement;
    if (!node.textContent.trim() || !el || seen.has(el)) continue;
    seen.add(el);
    if (el.closest("svg, .visually-hidden, noscript, option, .skip-link")) continue;
    const style = getComputedStyle(el);
    if (style.visibility === "hidden" || el.getClientRects().length === 0) continue;
    const fg = rgb(style.color);
    const bg = background(el);
    const [hi, lo] = [lum(fg), lum(bg)].sort((a, b) => b - a);
    const ratio = (hi + 0.05) / (lo + 0.05);
    const size = parseFloat(style.fontSize);
    const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
    const need = large ? 3 : 4.5;
    const sample = node.textContent.trim().slice(0, 40);
    if (ratio < need) problems.push(`contrast ${ratio.toFixed(2)} < ${need}: "${sample}"`);
  }
  return problems;
}
"""

FOCUS_STYLE = """
() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const s = getComputedStyle(el);
  return {tag: el.tagName.toLowerCase(), text: (el.textContent || el.value || "").trim().slice(0, 40),
          outline: s.outlineStyle, width: parseFloat(s.outlineWidth), shadow: s.boxShadow};
}
"""


def accessibility_problems(page: Any) -> list[str]:
    """What the basic accessibility check finds on the current page."""
    return list(page.evaluate(A11Y_CHECK))


def tab_through(page: Any, presses: int) -> list[dict[str, Any]]:
    """Press Tab ``presses`` times and record what got focus and how it looks."""
    focused = []
    for _ in range(presses):
        page.keyboard.press("Tab")
        state = page.evaluate(FOCUS_STYLE)
        if state:
            focused.append(state)
    return focused
