"""Text extraction by content, with pages kept and bad files refused with the right error."""

from __future__ import annotations

import pytest

from indexing.extract import (
    DOCX,
    HTML,
    MARKDOWN,
    PDF,
    PPTX,
    TEXT,
    CorruptDocument,
    DocumentTooLarge,
    Limits,
    UnsupportedDocument,
    detect_kind,
    extract,
)
from tests.documents import samples


def test_pdf_keeps_page_numbers() -> None:
    document = extract(samples.pdf(["First page about pricing.", "Second page about security."]), "x.pdf")
    assert document.kind == PDF
    assert [p.page for p in document.pages] == [1, 2]
    assert "Second page about security." in document.pages[1].text


def test_docx_paragraphs_and_tables() -> None:
    document = extract(samples.docx(["Most customers go live in six weeks.", "Support answers in one hour."]))
    assert document.kind == DOCX
    assert "six weeks" in document.text and "Go-live | 6 weeks" in document.text


def test_pptx_keeps_slide_numbers() -> None:
    document = extract(samples.pptx(["Why Ledgerline", "Pricing starts at $1,200"]))
    assert document.kind == PPTX and [p.page for p in document.pages] == [1, 2]
    assert document.pages[1].text == "Pricing starts at $1,200"


def test_html_main_text_only() -> None:
    document = extract(samples.HTML, "page.html")
    assert document.kind == HTML
    assert "SOC 2 Type II" in document.text and "AES-256" in document.text
    assert "alert" not in document.text and "Pricing" not in document.text and "color" not in document.text


def test_markdown_and_text() -> None:
    markdown = extract(samples.MARKDOWN, "plan.md")
    assert markdown.kind == MARKDOWN
    assert "six weeks" in markdown.text and "**" not in markdown.text and "https://" not in markdown.text
    plain = extract(b"Plain words, nothing else.", "notes.txt")
    assert plain.kind == TEXT and plain.text == "Plain words, nothing else."


@pytest.mark.parametrize(
    ("data", "name"),
    [
        (b"MZ\x90\x00\x03\x00\x00\x00\x04\x00binary", "brochure.pdf"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "deck.pptx"),
        (samples.zip_bomb("other/file.txt", size=10), "report.docx"),
        ("caf\u00e9".encode("latin-1") + b" \xff\xfe text", "notes.txt"),
    ],
)
def test_unsupported_or_disguised_types(data: bytes, name: str) -> None:
    with pytest.raises(UnsupportedDocument):
        extract(data, name)


@pytest.mark.parametrize(
    "data",
    [b"%PDF-1.7\nthis is not really a pdf", b"PK\x03\x04broken zip", b"   ", samples.pdf([" "])],
)
def test_corrupt_or_empty_documents(data: bytes) -> None:
    with pytest.raises((CorruptDocument, UnsupportedDocument)):
        extract(data, "file")


def test_zip_bombs_are_refused_before_parsing() -> None:
    with pytest.raises(DocumentTooLarge):
        extract(samples.zip_bomb(), "bomb.docx")
    with pytest.raises(DocumentTooLarge):
        extract(samples.zip_bomb(size=2 * 1024 * 1024), "bomb.docx", limits=Limits(max_uncompressed_bytes=1024 * 1024))


def test_detection_is_by_content_not_name() -> None:
    assert detect_kind(samples.pdf(["x"]), "looks-like.txt") == PDF
    assert detect_kind(samples.docx(["x"]), "looks-like.pdf") == DOCX
    assert detect_kind(samples.HTML, "page.txt") == HTML
