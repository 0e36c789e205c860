"""Document text extraction (PDF, DOCX, PPTX, HTML, Markdown, plain text), detected by content, bounded."""

from __future__ import annotations

import hashlib
import io
import re
import zipfile
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass
from typing import Any

from indexing.chunking import Passage

PDF, DOCX, PPTX, HTML, MARKDOWN, TEXT = "pdf", "docx", "pptx", "html", "markdown", "text"
# Between the pages of a document's text.
PAGE_BREAK = "\n\n"
MEDIA_TYPES = {
    PDF: "application/pdf",
    DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    PPTX: "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    HTML: "text/html",
    MARKDOWN: "text/markdown",
    TEXT: "text/plain",
}
_HTML_START = re.compile(rb"^\s*(<!doctype html|<html|<head|<body|<!--|<meta|<title|<div|<p[\s>])", re.IGNORECASE)
_MARKDOWN_HINT = re.compile(r"^(#{1,6} |\s*[-*] |\s*\d+\. |```)|\[[^\]]+\]\([^)]+\)", re.MULTILINE)


class ExtractionError(Exception):
    """The document cannot be turned into text."""


class UnsupportedDocument(ExtractionError):
    """Not one of the supported types (judged by content, not by name)."""


class CorruptDocument(ExtractionError):
    """A supported type, but damaged, encrypted, or too slow to read."""


class DocumentTooLarge(ExtractionError):
    """Over the size limits, including the uncompressed size of an Office file."""


@dataclass(frozen=True)
class Limits:
    """How much a document may expand and how long reading it may take."""

    max_uncompressed_bytes: int = 200 * 1024 * 1024
    max_compression_ratio: float = 100.0
    max_archive_members: int = 5000
    timeout_seconds: float = 20.0

    def __post_init__(self) -> None:
        if self.max_uncompressed_bytes < 1 or self.max_compression_ratio < 1 or self.timeout_seconds <= 0:
            raise ValueError("extraction limits must be positive (and the compression ratio at least 1)")


@dataclass(frozen=True)
class ExtractedDocument:
    """The text of a document, page by page (slide by slide) where the format has pages."""

    kind: str
    pages: list[Passage]

    @property
    def text(self) -> str:
        """All the text, pages separated by blank lines."""
        return PAGE_BREAK.join(p.text for p in self.pages if p.text)

    def page_starts(self) -> list[tuple[int | None, int]] | None:
        """[page, offset in ``text``] of each page with text; None when the format has no pages."""
        if all(p.page is None for p in self.pages):
            return None
        starts, offset = [], 0
        for passage in (p for p in self.pages if p.text):
            starts.append((passage.page, offset))
            offset += len(passage.text) + len(PAGE_BREAK)
        return starts

    def source(self, filename: str | None, data: bytes) -> dict[str, Any]:
        """What an asset keeps of the file its body came from (``page_starts`` lets an export be re-read)."""
        return {
            "filename": filename,
            "kind": self.kind,
            "media_type": MEDIA_TYPES[self.kind],
            "size": len(data),
            "sha256": hashlib.sha256(data).hexdigest(),
            "pages": sum(1 for p in self.pages if p.page is not None) or None,
            "page_starts": self.page_starts(),
        }

    @classmethod
    def from_text(cls, kind: str, text: str, page_starts: Sequence[Sequence[int | None]]) -> ExtractedDocument:
        """The pages again from the text and ``page_starts`` (see ``source``); ValueError if they do not fit."""
        pages = [page for page, _ in page_starts]
        offsets = [int(start or 0) for _, start in page_starts]
        fits = (
            offsets
            and offsets[0] == 0
            and all(b > a for a, b in zip(offsets, offsets[1:], strict=False))
            and offsets[-1] <= len(text)
            and all(text[start - len(PAGE_BREAK) : start] == PAGE_BREAK for start in offsets[1:])
        )
        if not fits:
            raise ValueError("the page starts do not fit the text")
        ends = [start - len(PAGE_BREAK) for start in offsets[1:]] + [len(text)]
        return cls(
            kind, [Passage(text[start:end], page) for page, start, end in zip(pages, offsets, ends, strict=True)]
        )


def detect_kind(data: bytes, filename: str | None = None) -> str:
    """The document type from its bytes; the file name only tells Markdown from plain text."""
    if data.startswith(b"%PDF-"):
        return PDF
    if data.startswith(b"PK\x03\x04"):
        return _office_kind(data)
    if b"\x00" in data[:8192]:
        raise UnsupportedDocument("the file is binary and not a PDF, DOCX or PPTX document")
    if _HTML_START.match(data[:2048]):
        return HTML
    text = _decode(data[:65536], partial=True)
    name = (filename or "").lower()
    if name.endswith((".md", ".markdown")) or _MARKDOWN_HINT.search(text):
        return MARKDOWN
    return TEXT


def _office_kind(data: bytes) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except zipfile.BadZipFile as e:
        raise CorruptDocument("the file looks like an Office document but its archive is damaged") from e
    if "word/document.xml" in names:
        return DOCX
    if "ppt/presentation.xml" in names:
        return PPTX
    raise UnsupportedDocument("the file is a ZIP archive, not a DOCX or PPTX document")


def _decode(data: bytes, *, partial: bool = False) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        if partial and e.start >= len(data) - 4:
            return data[: e.start].decode("utf-8-sig")
        raise UnsupportedDocument("the text is not UTF-8") from e


def check_archive(data: bytes, limits: Limits) -> None:
    """Refuse zip bombs: too many members, too large uncompressed, or too highly compressed."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        members = archive.infolist()
        if len(members) > limits.max_archive_members:
            raise DocumentTooLarge(f"the document has {len(members)} parts; at most {limits.max_archive_members}")
        total = sum(m.file_size for m in members)
        if total > limits.max_uncompressed_bytes:
            raise DocumentTooLarge(f"the document expands to {total} bytes; at most {limits.max_uncompressed_bytes}")
        for member in members:
            ratio = member.file_size / max(member.compress_size, 1)
            if member.file_size > 1024 * 1024 and ratio > limits.max_compression_ratio:
                raise DocumentTooLarge(f"part {member.filename!r} is compressed {ratio:.0f}:1, a likely zip bomb")


def _pdf(data: bytes) -> list[Passage]:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise CorruptDocument("the PDF is encrypted")
        return [Passage(page.extract_text() or "", number) for number, page in enumerate(reader.pages, start=1)]
    except (PdfReadError, ValueError, KeyError, TypeError) as e:
        raise CorruptDocument(f"the PDF cannot be read: {e}") from e


def _docx(data: bytes) -> list[Passage]:
    from docx import Document

    document = Document(io.BytesIO(data))
    blocks = [p.text for p in document.paragraphs if p.text.strip()]
    for table in document.tables:
        blocks.extend(" | ".join(cell.text.strip() for cell in row.cells) for row in table.rows)
    return [Passage("\n\n".join(blocks))]


def _pptx(data: bytes) -> list[Passage]:
    from pptx import Presentation

    slides = []
    for number, slide in enumerate(Presentation(io.BytesIO(data)).slides, start=1):
        texts = [shape.text_frame.text for shape in slide.shapes if shape.has_text_frame and shape.text_frame.text]
        if slide.has_notes_slide and slide.notes_slide.notes_text_frame is not None:
            texts.append(slide.notes_slide.notes_text_frame.text)
        slides.append(Passage("\n\n".join(t.strip() for t in texts if t.strip()), number))
    return slides


def _html(data: bytes) -> list[Passage]:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(data, "html.parser")
    for tag in soup(["script", "style", "noscript", "nav", "header", "footer", "aside", "form", "template", "svg"]):
        tag.decompose()
    main = soup.find("main") or soup.find("article") or soup.body or soup
    lines = [" ".join(line.split()) for line in main.get_text("\n").splitlines()]
    return [Passage(_join_blocks(lines))]


def _join_blocks(lines: list[str]) -> str:
    return "\n\n".join(line for line in lines if line)


def _markdown(data: bytes) -> list[Passage]:
    text = _decode(data)
    text = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", text)
    text = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"^\s{0,3}#{1,6}\s*", "", text, flags=re.MULTILINE)
    text = re.sub(r"(\*\*|__|\*|_|`)", "", text)
    return [Passage(text.strip())]


def _text(data: bytes) -> list[Passage]:
    return [Passage(_decode(data).strip())]


_READERS: dict[str, Callable[[bytes], list[Passage]]] = {
    PDF: _pdf,
    DOCX: _docx,
    PPTX: _pptx,
    HTML: _html,
    MARKDOWN: _markdown,
    TEXT: _text,
}
_executor = ThreadPoolExecutor(max_workers=2, thread_name_prefix="extract")


def extract(data: bytes, filename: str | None = None, *, limits: Limits | None = None) -> ExtractedDocument:
    """Detect the type of ``data`` by content and extract its text within ``limits``.

    Raises UnsupportedDocument, CorruptDocument or DocumentTooLarge; never
    returns an empty document.
    """
    limits = limits or Limits()
    kind = detect_kind(data, filename)
    if kind in (DOCX, PPTX):
        check_archive(data, limits)
    future = _executor.submit(_READERS[kind], data)
    try:
        pages = future.result(timeout=limits.timeout_seconds)
    except FutureTimeout as e:
        raise CorruptDocument(f"reading the document took over {limits.timeout_seconds:.0f} s") from e
    except ExtractionError:
        raise
    except Exception as e:  # noqa: BLE001 - parsers raise many types on damaged input
        raise CorruptDocument(f"the {kind.upper()} document cannot be read ({type(e).__name__})") from e
    document = ExtractedDocument(kind, [Passage(p.text.strip(), p.page) for p in pages])
    if not document.text.strip():
        raise CorruptDocument(f"the {kind.upper()} document has no text to extract")
    return document
