"""Turning laid-out pages into a PDF file: footer, drawing, and a write that is all or nothing.

The PDF is built in memory and only then written, to a temporary file in the destination folder
that is renamed over the destination at the end. A cancelled or failed print therefore leaves
no half-written file where the nurse would look for it, and never damages an older copy.
"""

import contextlib
import io
import os
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.pagesizes import A4, LETTER
from reportlab.pdfgen.canvas import Canvas

from cartclinic.local_files import replace_file

from .drawing import GREY, RULE, Geometry, Line, Marker, Op, Page, Rect, Text
from .fonts import document_font
from .human_dates import is_zh
from .wording import text

Progress = Callable[[int, int], bool]
PathLike = str | os.PathLike[str]


class PrintCancelled(Exception):
    """The user cancelled while the document was being made; no file was written."""


_PAPER = {"a4": A4, "letter": LETTER}


def page_geometry(paper: str, *, landscape: bool = False) -> Geometry:
    """The page for the clinic's paper setting ("A4" or "Letter")."""
    try:
        width, height = _PAPER[paper.strip().lower()]
    except KeyError:
        raise ValueError(
            f"Unknown paper size {paper!r}: the clinic setting must be A4 or Letter."
        ) from None
    if landscape:
        width, height = height, width
    return Geometry(width, height)


@dataclass(frozen=True)
class Footer:
    """What every page says at the bottom; the page numbers are added when all pages exist."""

    printed: str  # "Printed 12 Jan 2027 14:05 by li.na"
    language: str


def add_footers(pages: Sequence[Page], footers: Footer | Sequence[Footer]) -> None:
    """Footer on every page, numbered through the file; one Footer, or one per page."""
    total = len(pages)
    if isinstance(footers, Footer):
        footers = [footers] * total
    for number, (page, footer) in enumerate(zip(pages, footers, strict=True), start=1):
        g = page.geometry
        size = 7.5
        baseline = g.margin + 4
        page.line(g.left, g.margin + 15, g.right, g.margin + 15, width=0.4, color=RULE)
        numbers = text(footer.language, "page_of", page=number, pages=total)
        right_w = page.text(g.right, baseline, numbers, size, color=GREY, align="right")
        notice = text(footer.language, "confidential")
        notice_w = page.width_of(notice, size)
        centre = g.left + g.frame_width / 2
        # The printed-by text may be long (a user name from a directory); it gives way first.
        left_room = centre - notice_w / 2 - 12 - g.left
        if left_room < 80:  # narrow page: move the notice right, next to the page numbers
            centre = g.right - right_w - 12 - notice_w / 2
            left_room = centre - notice_w / 2 - 12 - g.left
        page.text(centre, baseline, notice, size, color=GREY, align="center")
        page.text(g.left, baseline, footer.printed, size, color=GREY, max_width=left_room)


def write_pdf(
    path: PathLike,
    units: Sequence[Sequence[Page]],
    *,
    title: str,
    author: str,
    language: str,
    progress: Progress | None = None,
) -> int:
    """Draw every page of every unit (one unit = one visit sheet, say) and write the file.

    `progress(done, total)` is asked after each unit; False cancels with PrintCancelled.
    Returns the number of pages. I/O problems surface as OSError.
    """
    font = document_font().name
    pages = [page for unit in units for page in unit]
    if not pages:
        raise ValueError("A document needs at least one page.")
    first = pages[0].geometry
    buffer = io.BytesIO()
    canvas = Canvas(
        buffer,
        pagesize=(first.width, first.height),
        initialFontName=font,  # else reportlab puts an unembedded Helvetica in every page
        initialFontSize=10,
        pageCompression=1,
        lang="zh-CN" if is_zh(language) else "en",
    )
    # Patient names stay out of the metadata: file managers and print queues show it.
    canvas.setTitle(title)
    canvas.setAuthor(author)
    canvas.setCreator("cartclinic")
    canvas.setSubject(title)
    total = len(units)
    for done, unit in enumerate(units, start=1):
        for page in unit:
            canvas.setPageSize((page.geometry.width, page.geometry.height))
            _draw(canvas, page, font)
            canvas.showPage()
        if progress is not None and progress(done, total) is False:
            raise PrintCancelled()
    canvas.save()
    write_atomically(Path(path), buffer.getvalue())
    return len(pages)


def write_atomically(path: Path, data: bytes) -> None:
    """Write via a temporary file in the same folder, then rename it over `path`."""
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())  # the rename must not land before the bytes do
        replace_file(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise


def _draw(canvas: Canvas, page: Page, font: str) -> None:
    for op in page.ops:
        # Each operation in its own graphics state: reportlab skips a colour or text mode it
        # believes is already set, and a text object's changes escape its bookkeeping, so
        # without this the stroke of one bold line made the next normal line bold and grey.
        canvas.saveState()
        _draw_op(canvas, op, font)
        canvas.restoreState()


def _draw_op(canvas: Canvas, op: Op, font: str) -> None:
    if isinstance(op, Text):
        _draw_text(canvas, op, font)
    elif isinstance(op, Line):
        canvas.setStrokeColorRGB(*op.color)
        canvas.setLineWidth(op.width)
        if op.dash:
            canvas.setDash(list(op.dash))
        else:
            canvas.setDash()
        canvas.line(op.x1, op.y1, op.x2, op.y2)
    elif isinstance(op, Rect):
        if op.stroke is not None:
            canvas.setStrokeColorRGB(*op.stroke)
            canvas.setLineWidth(op.width)
        if op.fill is not None:
            canvas.setFillColorRGB(*op.fill)
        canvas.setDash()
        canvas.rect(op.x, op.y, op.w, op.h, stroke=int(op.stroke is not None),
                    fill=int(op.fill is not None))
    else:
        _draw_marker(canvas, op)


def _draw_text(canvas: Canvas, op: Text, font: str) -> None:
    canvas.setFillColorRGB(*op.color)
    obj = canvas.beginText(op.x, op.y)
    obj.setFont(font, op.size)
    if op.bold:
        # One font file has no bold face: stroke the outlines as well as filling them.
        canvas.setStrokeColorRGB(*op.color)
        canvas.setLineWidth(op.size * 0.035)
        canvas.setDash()
        obj.setTextRenderMode(2)
    else:
        obj.setTextRenderMode(0)
    obj.textOut(op.text)
    canvas.drawText(obj)


def _draw_marker(canvas: Canvas, op: Marker) -> None:
    half = op.size / 2
    canvas.setDash()
    canvas.setStrokeColorRGB(*op.color)
    canvas.setFillColorRGB(*op.color)
    canvas.setLineWidth(max(0.8, op.size * 0.16))
    x, y = op.x, op.y
    if op.shape == "disc":
        canvas.circle(x, y, half, stroke=0, fill=1)
    elif op.shape == "dot":
        canvas.circle(x, y, half * 0.55, stroke=0, fill=1)
    elif op.shape == "ring":
        inset = max(0.8, op.size * 0.16) / 2
        canvas.setFillColorRGB(1, 1, 1)
        canvas.circle(x, y, half - inset, stroke=1, fill=1)
    elif op.shape == "square":
        inset = max(0.8, op.size * 0.16) / 2
        canvas.setFillColorRGB(1, 1, 1)
        canvas.rect(x - half + inset, y - half + inset, op.size - 2 * inset,
                    op.size - 2 * inset, stroke=1, fill=1)
    elif op.shape in ("triangle", "diamond"):
        path = canvas.beginPath()
        if op.shape == "triangle":
            path.moveTo(x - half, y - half)
            path.lineTo(x + half, y - half)
            path.lineTo(x, y + half)
        else:
            path.moveTo(x, y - half)
            path.lineTo(x + half, y)
            path.lineTo(x, y + half)
            path.lineTo(x - half, y)
        path.close()
        canvas.drawPath(path, stroke=0, fill=1)
    else:  # cross
        inset = max(0.8, op.size * 0.16) / 2
        canvas.setLineCap(1)
        canvas.line(x - half + inset, y - half + inset, x + half - inset, y + half - inset)
        canvas.line(x - half + inset, y + half - inset, x + half - inset, y - half + inset)
        canvas.setLineCap(0)
