"""Assets with deliberately wrong or missing tags, shared by the library-health tests of the API, CLI and pages."""

from __future__ import annotations

import re
from typing import Any

# A BOFU order form and price schedule, tagged as awareness content.
ORDER_FORM = {
    "title": "Ledgerline order form and price schedule",
    "summary": "Subscription fees, contract term and signature block for the Growth plan.",
    "body": (
        "Order form. This order form sets out the subscription fees, payment terms and contract term for "
        "Ledgerline AP Automation, and becomes binding when both parties sign it.\n\n"
        "Pricing. The Growth plan costs $1,200 per month, billed annually in advance, for up to 1,000 invoices "
        "a month; each further invoice costs $0.85. Implementation is a one-time fee of $4,500. All fees are "
        "invoiced on the signature date and payable net 30.\n\n"
        "Contract term. The initial term is 12 months from the signature date and renews for further 12-month "
        "terms unless either party gives 60 days' written notice before the renewal date.\n\n"
        "Acceptance. To accept this quote, sign below and return the signed order form to your account "
        "executive before the quote expires. Authorized signature, printed name, title and date."
    ),
    "content_type": "one_pager",
    "personas": ["procurement", "finance"],
    "stages": ["awareness"],
    "industries": [],
    "objections": [],
}

# A hospital case study tagged with industry Retail (the demo library tags both Healthcare and Retail assets).
HOSPITAL = {
    "title": "Mercy Valley Health: one AP team for six hospitals and 40 clinics",
    "summary": "How a hospital network took invoice approvals off paper without slowing patient care.",
    "body": (
        "Mercy Valley Health is a nonprofit hospital network: six hospitals, 40 outpatient clinics and 9,000 "
        "clinicians caring for 300,000 patients a year.\n\n"
        "Before Ledgerline, nurse managers and physicians approved invoices on paper between patient rounds. "
        "Invoices for medical devices, pharmacy orders and lab equipment sat on clinic desks for weeks.\n\n"
        "Today approvals reach nurse managers and department chiefs on their phones, invoices are matched to the "
        "hospital's purchase orders automatically, and protected health information never leaves the "
        "HIPAA-compliant workflow.\n\n"
        '"Our clinicians approve an invoice in seconds between patients," says the health system\'s CFO.'
    ),
    "content_type": "case_study",
    "personas": ["finance"],
    "stages": ["evaluation"],
    "industries": ["Retail"],
    "objections": [],
}

# An asset that plainly answers "Security and compliance concerns" (a tag several demo assets carry) without the tag.
SECURITY = {
    "title": "Security and compliance at Ledgerline: answers for your security review",
    "summary": "Audits, encryption and access controls behind Ledgerline, for buyers with security concerns.",
    "body": (
        "Security and compliance concerns are the first questions a CISO asks about a payables platform. "
        "Here are the answers, up front.\n\n"
        "Compliance: Ledgerline holds SOC 1 Type II and SOC 2 Type II reports from an independent auditor, "
        "renewed every year, and is ISO 27001 certified. We share the reports under NDA before your security "
        "review.\n\n"
        "Security: all data is encrypted at rest with AES-256 and in transit with TLS 1.2 or later. Single "
        "sign-on through SAML, role-based access and multi-factor authentication come with every plan, and an "
        "outside firm runs penetration tests twice a year.\n\n"
        "Every change to vendor bank details needs a second approver, so your compliance team gets a complete, "
        "tamper-evident log."
    ),
    "content_type": "datasheet",
    "personas": ["security", "it"],
    "stages": ["evaluation"],
    "industries": [],
    "objections": [],
}
SECURITY_TAG = "Security and compliance concerns"

# Objections nothing in the demo library answers: a gap in the gap report, "no_answer" in demand vs supply.
UNANSWERED = [
    "our head office only takes mail by carrier pigeon",
    "can you deliver things by carrier pigeon?",
    "carrier pigeon delivery is a must for our office",
]


def _words(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.casefold()))


def quotes(asset: dict[str, Any], passage: str) -> bool:
    """``passage`` is quoted from the asset's title, summary and body (cut with "…" when long), and not trivial."""
    quoted = _words(passage.removesuffix("…"))
    return len(quoted) > 20 and quoted in _words(f"{asset['title']} {asset['summary']} {asset['body']}")
