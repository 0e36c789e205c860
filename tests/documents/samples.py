"""Small real documents of every supported type, made on the fly."""

from __future__ import annotations

import io
import zipfile


def pdf(pages: list[str]) -> bytes:
    """A PDF with one page of text per item."""
    from fpdf import FPDF

    document = FPDF()
    document.set_font("Helvetica", size=12)
    for text in pages:
        document.add_page()
        document.multi_cell(0, 8, text)
    return bytes(document.output())


def docx(paragraphs: list[str]) -> bytes:
    """A Word document with these paragraphs and a small table."""
    from docx import Document

    document = Document()
    for text in paragraphs:
        document.add_paragraph(text)
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text, table.rows[0].cells[1].text = "Go-live", "6 weeks"
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def pptx(slides: list[str]) -> bytes:
    """A deck with one text box per slide."""
    from pptx import Presentation
    from pptx.util import Inches

    deck = Presentation()
    for text in slides:
        slide = deck.slides.add_slide(deck.slide_layouts[6])
        slide.shapes.add_textbox(Inches(1), Inches(1), Inches(8), Inches(4)).text_frame.text = text
    buffer = io.BytesIO()
    deck.save(buffer)
    return buffer.getvalue()


def zip_bomb(kind_marker: str = "word/document.xml", size: int = 20 * 1024 * 1024) -> bytes:
    """An Office-looking archive with one huge, highly compressed part."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(kind_marker, b"\0" * size)
    return buffer.getvalue()


HTML = b"""<!doctype html><html><head><title>t</title><style>body{color:red}</style>
<script>alert('x')</script></head><body><nav>Home | Pricing | Login</nav>
<main><h1>Security overview</h1><p>Ledgerline holds SOC 2 Type II reports.</p>
<p>Data is encrypted with AES-256 at rest.</p></main><footer>Copyright</footer></body></html>"""

MARKDOWN = b"""# Implementation plan

Most customers go live in **six weeks**. See [the plan](https://example.com/plan).

- Week 1: connect the ERP
- Week 2: import vendors
"""
