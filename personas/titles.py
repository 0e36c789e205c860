"""Job-title normalization: one canonical, lower-case spelling for messy CRM and LinkedIn titles."""

from __future__ import annotations

import re
from collections.abc import Mapping
from types import MappingProxyType

# "Title @ Company" / "Title at Company": everything from the separator on is the employer.
_COMPANY_SUFFIX = re.compile(r"@|\s+at\s+")
# Dotted acronyms such as "v.p." or "c.f.o".
_DOTTED_ACRONYM = re.compile(r"\b[a-z](?:\.[a-z])+\.?")
# Short ampersand compounds such as "fp&a", "r & d", "l&d".
_AMPERSAND_COMPOUND = re.compile(r"\b([a-z]{1,2})\s*&\s*([a-z]{1,2})\b")
_NON_WORD = re.compile(r"[^a-z0-9]+")

_COMPOUNDS: Mapping[str, str] = MappingProxyType(
    {
        "fp&a": "financial planning and analysis",
        "r&d": "research and development",
        "p&l": "profit and loss",
        "m&a": "mergers and acquisitions",
        "l&d": "learning and development",
        "t&e": "travel and expense",
        "g&a": "general and administrative",
        "s&op": "sales and operations planning",
    }
)

_ABBREVIATIONS: Mapping[str, str] = MappingProxyType(
    {
        "vp": "vice president",
        "svp": "senior vice president",
        "evp": "executive vice president",
        "avp": "assistant vice president",
        "rvp": "regional vice president",
        "gvp": "group vice president",
        "sr": "senior",
        "snr": "senior",
        "jr": "junior",
        "dir": "director",
        "mgr": "manager",
        "mngr": "manager",
        "mgmt": "management",
        "mktg": "marketing",
        "mkt": "marketing",
        "ops": "operations",
        "eng": "engineering",
        "engr": "engineering",
        "hr": "human resources",
        "hrbp": "human resources business partner",
        "ceo": "chief executive officer",
        "cfo": "chief financial officer",
        "cto": "chief technology officer",
        "cio": "chief information officer",
        "ciso": "chief information security officer",
        "coo": "chief operating officer",
        "cmo": "chief marketing officer",
        "chro": "chief human resources officer",
        "clo": "chief legal officer",
        "gm": "general manager",
        "md": "managing director",
        "pres": "president",
        "exec": "executive",
        "asst": "assistant",
        "assoc": "associate",
        "admin": "administrator",
        "sys": "systems",
        "sysadmin": "systems administrator",
        "infra": "infrastructure",
        "infosec": "information security",
        "cybersec": "cybersecurity",
        "fin": "finance",
        "acct": "accounting",
        "acctg": "accounting",
        "purch": "purchasing",
        "svc": "service",
        "svcs": "services",
        "cust": "customer",
        "tech": "technology",
        "mfg": "manufacturing",
        "qa": "quality assurance",
        "dpo": "data protection officer",
        "grc": "governance risk and compliance",
        "revops": "revenue operations",
        "salesops": "sales operations",
        "secops": "security operations",
        "soc": "security operations center",
        "bizops": "business operations",
        "bdr": "business development representative",
        "sdr": "sales development representative",
        "ae": "account executive",
        "csm": "customer success manager",
        "bd": "business development",
        "biz": "business",
        "dev": "development",
        "ap": "accounts payable",
        "ar": "accounts receivable",
        "cx": "customer experience",
        "dei": "diversity equity and inclusion",
        "dba": "database administrator",
        "intl": "international",
        # "Head of X" and "X Head" mean the same as "Director of X" / "X Director".
        "head": "director",
    }
)

# C-level acronyms with several readings: (context words, expansion) pairs tried in order, then the default.
_AMBIGUOUS_ACRONYMS: Mapping[str, tuple[tuple[tuple[frozenset[str], str], ...], str]] = MappingProxyType(
    {
        "cpo": (
            (
                (frozenset({"product", "products"}), "chief product officer"),
                (frozenset({"people", "hr", "human", "talent"}), "chief people officer"),
                (frozenset({"privacy"}), "chief privacy officer"),
            ),
            "chief procurement officer",
        ),
        "cso": (
            (
                (frozenset({"sales"}), "chief sales officer"),
                (frozenset({"strategy", "strategic"}), "chief strategy officer"),
                (frozenset({"sustainability"}), "chief sustainability officer"),
            ),
            "chief security officer",
        ),
        "cdo": (
            (
                (frozenset({"digital"}), "chief digital officer"),
                (frozenset({"diversity"}), "chief diversity officer"),
            ),
            "chief data officer",
        ),
        "cao": (
            (
                (frozenset({"administrative", "administration"}), "chief administrative officer"),
                (frozenset({"analytics"}), "chief analytics officer"),
            ),
            "chief accounting officer",
        ),
        "cco": (
            (
                (frozenset({"compliance"}), "chief compliance officer"),
                (frozenset({"customer", "customers"}), "chief customer officer"),
                (frozenset({"communications"}), "chief communications officer"),
            ),
            "chief commercial officer",
        ),
        "cro": (((frozenset({"risk"}), "chief risk officer"),), "chief revenue officer"),
    }
)

_NOISE_WORDS = frozenset(
    {
        "senior", "junior", "interim", "acting", "deputy", "group", "co",
        "global", "regional", "region", "worldwide", "international",
        "emea", "apac", "apj", "anz", "latam", "americas", "dach", "nordics", "benelux",
        "na", "nam", "us", "usa", "uk", "eu", "europe",
        "of", "the", "a", "an", "for",
        "inc", "llc", "ltd", "corp", "corporation", "gmbh", "plc",
        "ii", "iii", "iv",
    }
)  # fmt: skip
_NOISE_PHRASES: tuple[tuple[str, ...], ...] = (
    ("north", "america"),
    ("latin", "america"),
    ("asia", "pacific"),
)
# "associate"/"assistant" are dropped only in front of a rank ("Associate Director"), never on their own.
_RANK_QUALIFIERS = frozenset({"associate", "assistant"})
_RANKS = frozenset({"vice", "director", "manager", "general", "controller", "chief", "treasurer", "principal"})


def _expand_compounds(text: str) -> str:
    """Join short ampersand compounds ("r & d") and spell the known ones out."""
    text = _AMPERSAND_COMPOUND.sub(r"\1&\2", text)
    for compound, expansion in _COMPOUNDS.items():
        text = re.sub(rf"(?<![a-z]){re.escape(compound)}(?![a-z])", f" {expansion} ", text)
    return text


def _expand(token: str, context: frozenset[str]) -> str:
    """Spell out one abbreviation; ambiguous C-level acronyms look at the other words of the title."""
    if token in _AMBIGUOUS_ACRONYMS:
        readings, default = _AMBIGUOUS_ACRONYMS[token]
        return next((expansion for words, expansion in readings if words & context), default)
    return _ABBREVIATIONS.get(token, token)


def _drop_noise(words: list[str]) -> list[str]:
    """Remove seniority, region and filler words."""
    kept: list[str] = []
    i = 0
    while i < len(words):
        phrase = next((p for p in _NOISE_PHRASES if tuple(words[i : i + len(p)]) == p), ())
        if phrase:
            i += len(phrase)
            continue
        word, next_word = words[i], words[i + 1] if i + 1 < len(words) else ""
        if not (word in _NOISE_WORDS or word.isdigit() or (word in _RANK_QUALIFIERS and next_word in _RANKS)):
            kept.append(word)
        i += 1
    return kept


def title_tokens(title: str) -> tuple[str, ...]:
    """The words of the normalized title (see ``normalize_title``)."""
    text = title.lower()
    text = _COMPANY_SUFFIX.split(text, maxsplit=1)[0] or text
    text = _DOTTED_ACRONYM.sub(lambda match: match.group().replace(".", ""), text)
    text = _expand_compounds(text)
    text = text.replace("&", " and ").replace("+", " and ").replace("'", "")
    raw = _NON_WORD.sub(" ", text).split()
    context, spelled = frozenset(raw), f" {' '.join(raw)} "
    words: list[str] = []
    for token in raw:
        expansion = _expand(token, context)
        # An acronym repeating a title that is also spelled out ("Chief People Officer (CPO)") is dropped.
        if expansion == token or f" {expansion} " not in spelled:
            words.extend(expansion.split())
    return tuple(_drop_noise(words))


def normalize_title(title: str) -> str:
    """Canonical form of a job title.

    Lower-cases, cuts the employer ("VP Finance @ Acme"), turns "&" into "and", replaces punctuation with
    spaces, spells out abbreviations and C-level acronyms ("Sr. Dir." -> "director", "CFO" -> "chief financial
    officer", "Head of" -> "director"), drops seniority, region and filler words and collapses whitespace.
    """
    return " ".join(title_tokens(title))
