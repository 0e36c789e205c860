"""Job-title normalization."""

from __future__ import annotations

import pytest

from personas.titles import normalize_title, title_tokens


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        # case, whitespace, punctuation
        ("  MARKETING   manager ", "marketing manager"),
        ("Plant Manager.", "plant manager"),
        ("VP, Finance", "vice president finance"),
        ("Buyer/Planner", "buyer planner"),
        ("E-Commerce Manager", "e commerce manager"),
        ("Director (Operations)", "director operations"),
        # ampersands and compounds
        ("VP Sales & Marketing", "vice president sales and marketing"),
        ("Sr. Dir., FP&A", "director financial planning and analysis"),
        ("Head of FP & A", "director financial planning and analysis"),
        ("Director of R & D", "director research and development"),
        ("L&D Specialist", "learning and development specialist"),
        ("Head of M&A", "director mergers and acquisitions"),
        ("Compensation + Benefits", "compensation and benefits"),
        # rank abbreviations
        ("SVP Engineering", "vice president engineering"),
        ("EVP, Mktg", "executive vice president marketing"),
        ("AVP Ops", "vice president operations"),
        ("V.P. of HR", "vice president human resources"),
        ("Dir. Eng.", "director engineering"),
        ("Sr. Eng. Mgr.", "engineering manager"),
        ("Jr. Accountant", "accountant"),
        ("Asst. Controller", "controller"),
        ("Associate Director of Procurement", "director procurement"),
        ("Sales Associate", "sales associate"),
        ("Dir. of Sales Ops - NA", "director sales operations"),
        ("AP/AR Mgr.", "accounts payable accounts receivable manager"),
        ("RevOps", "revenue operations"),
        ("HRBP", "human resources business partner"),
        ("IT Manager", "it manager"),
        # C-level acronyms
        ("CEO", "chief executive officer"),
        ("CFO", "chief financial officer"),
        ("CTO", "chief technology officer"),
        ("CIO", "chief information officer"),
        ("CISO", "chief information security officer"),
        ("COO", "chief operating officer"),
        ("CMO", "chief marketing officer"),
        ("CRO", "chief revenue officer"),
        ("CHRO", "chief human resources officer"),
        ("COO/CFO", "chief operating officer chief financial officer"),
        ("GM", "general manager"),
        ("MD", "managing director"),
        # ambiguous acronyms read from context
        ("CPO", "chief procurement officer"),
        ("CPO - Product", "chief product officer product"),
        ("CPO, People & Culture", "chief people officer people and culture"),
        ("CSO", "chief security officer"),
        ("CSO, Sales", "chief sales officer sales"),
        ("CDO", "chief data officer"),
        ("CCO - Compliance", "chief compliance officer compliance"),
        ("CRO (Risk)", "chief risk officer risk"),
        # an acronym repeating the spelled-out title
        ("Chief People Officer (CPO)", "chief people officer"),
        ("Vice President (VP) Sales", "vice president sales"),
        # "Head of X" reads like "Director of X"
        ("Head of IT", "director it"),
        ("Director of IT", "director it"),
        ("The Head of the IT Dept.", "director it dept"),
        # seniority, region and filler words
        ("Senior Vice President, Sales - EMEA", "vice president sales"),
        ("Regional VP Sales (North America)", "vice president sales"),
        ("VP Sales, LATAM", "vice president sales"),
        ("Head of People Ops, APAC", "director people operations"),
        ("Global Head of Procurement", "director procurement"),
        ("US Sales Director", "sales director"),
        ("Worldwide Head of Sales", "director sales"),
        ("Interim CFO", "chief financial officer"),
        ("Acting CIO", "chief information officer"),
        ("Deputy CISO", "chief information security officer"),
        ("Group CFO", "chief financial officer"),
        ("Co-Founder & CEO", "founder and chief executive officer"),
        ("Sr. Buyer II", "buyer"),
        # employer suffixes
        ("VP Finance @ Acme Corp", "vice president finance"),
        ("VP Finance@Acme", "vice president finance"),
        ("Interim CFO at Acme, Inc.", "chief financial officer"),
        ("Sales Director at Initech", "sales director"),
    ],
)
def test_normalize_title(title: str, expected: str) -> None:
    assert normalize_title(title) == expected


@pytest.mark.parametrize("title", ["", "   ", "Senior", "of the", "---", "Sr. II"])
def test_titles_without_content_normalize_to_empty(title: str) -> None:
    assert normalize_title(title) == ""
    assert title_tokens(title) == ()


def test_title_tokens_are_the_words_of_the_normalized_title() -> None:
    assert title_tokens("Sr. VP, Finance & Ops @ Acme") == ("vice", "president", "finance", "and", "operations")


@pytest.mark.parametrize("title", ["VP Sales & Marketing", "CFO", "Head of People Ops, APAC", "asdf"])
def test_normalization_is_idempotent(title: str) -> None:
    once = normalize_title(title)
    assert normalize_title(once) == once
