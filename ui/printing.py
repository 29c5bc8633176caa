"""Printing: the data is gathered from the roster on the GUI thread, the PDF is written on a
worker, then shown page by page; from the preview it goes to a printer (at the printer's own
resolution) or is saved as a PDF. Every print is a line in the audit trail.

The PDF written for the preview holds a patient's record: it is made owner-only in a private
temporary folder and deleted as soon as its preview closes (the folder goes when the window
does)."""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from cartclinic_ui.context import AppContext
from cartclinic_ui.errors import show_refused
from cartclinic_ui.workers import BackgroundTask
from PySide6.QtCore import QObject, QSizeF, Qt
from PySide6.QtGui import QImage, QPageSize, QPainter, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from cartclinic.errors import InputRefused

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrinter


def render_page(pdf_path: Path, index: int, dpi: float) -> QImage:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(pdf_path))
    try:
        page = pdf[index]
        bitmap = page.render(scale=dpi / 72, rev_byteorder=True, prefer_bgrx=True)
        image = QImage(bitmap.buffer, bitmap.width, bitmap.height, bitmap.stride,
                       QImage.Format.Format_RGBX8888 if bitmap.n_channels == 4
                       else QImage.Format.Format_RGB888)
        return image.copy()  # the bitmap's memory goes with it
    finally:
        pdf.close()


def page_count(pdf_path: Path) -> int:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(pdf_path))
    try:
        return len(pdf)
    finally:
        pdf.close()


class PrintPreview(QDialog):
    def __init__(self, ctx: AppContext, pdf_path: Path, title: str, subject: dict, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.pdf_path = pdf_path
        self.subject = subject
        self.setWindowTitle(self.tr("Print preview — %s") % title)
        self.resize(860, 700)
        layout = QVBoxLayout(self)
        pages = QWidget()
        pages_layout = QVBoxLayout(pages)
        pages_layout.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.count = page_count(pdf_path)
        for i in range(self.count):
            label = QLabel()
            label.setPixmap(QPixmap.fromImage(render_page(pdf_path, i, 80)))
            label.setAccessibleName(self.tr("Page %d of %d") % (i + 1, self.count))
            label.setStyleSheet("border: 1px solid #90a4ae; background: white;")
            pages_layout.addWidget(label)
        scroll = QScrollArea()
        scroll.setWidget(pages)
        scroll.setWidgetResizable(True)
        layout.addWidget(scroll)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.print_button = QPushButton(self.tr("&Print…"))
        self.save_button = QPushButton(self.tr("&Save as PDF…"))
        self.buttons.addButton(self.print_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        layout.addWidget(self.buttons)
        self.print_button.setDefault(True)
        self._connect()

    def _connect(self) -> None:
        self.buttons.rejected.connect(self.reject)
        self.print_button.clicked.connect(self.print_pages)
        self.save_button.clicked.connect(self.save_pdf)
        self.finished.connect(self.discard)

    def discard(self) -> None:
        """The temporary PDF goes as soon as the preview closes."""
        with contextlib.suppress(OSError):
            self.pdf_path.unlink(missing_ok=True)

    def _note(self, how: str, where: str) -> None:
        try:
            self.ctx.note("print", {**self.subject, "pages": self.count, "to": how,
                                    "file": where})
        except InputRefused as exc:
            show_refused(self, exc, self.tr("Printed, but not noted in the audit trail"))

    def print_pages(self) -> None:
        # Qt's print support is loaded when a nurse prints, not with every start
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        # the printer must outlive the dialog: QPrintDialog(QPrinter()) crashes
        self.printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        paper = self.ctx.roster.settings().paper
        self.printer.setPageSize(QPageSize(
            QPageSize.PageSizeId.A4 if paper == "A4" else QPageSize.PageSizeId.Letter))
        dialog = QPrintDialog(self.printer, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        if self.send_to(self.printer):
            self._note("printer", self.printer.printerName())
            self.accept()  # printed: the preview and its temporary PDF go

    def send_to(self, printer: QPrinter) -> bool:
        from PySide6.QtPrintSupport import QPrinter

        painter = QPainter()
        if not painter.begin(printer):
            QMessageBox.warning(self, self.tr("Not printed"), self.tr("The printer could not be opened."))
            return False
        try:
            dpi = printer.resolution()
            target = printer.pageRect(QPrinter.Unit.DevicePixel)
            for i in range(self.count):
                if i:
                    printer.newPage()
                image = render_page(self.pdf_path, i, dpi)
                size = QSizeF(image.size()).scaled(target.size(), Qt.AspectRatioMode.KeepAspectRatio)
                painter.drawImage(target.topLeft(), image.scaled(
                    size.toSize(), Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.SmoothTransformation))
        finally:
            painter.end()
        return True

    def save_pdf(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save as PDF"),
                                              str(Path.home() / self.pdf_path.name), "PDF (*.pdf)")
        if not path:
            return
        try:
            shutil.copyfile(self.pdf_path, path)
        except OSError as exc:
            QMessageBox.warning(self, self.tr("Not saved"), str(exc))
            return
        self._note("file", path)


class Printing(QObject):
    """The documents the application prints, each: data now, PDF on a worker, then preview."""

    def __init__(self, ctx: AppContext, parent: QWidget) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.window = parent
        self.folder = Path(tempfile.mkdtemp(prefix="cartclinic-print-"))  # mode 0700
        self.last_preview: PrintPreview | None = None
        self.phone_prompt: QDialog | None = None

    def clean_up(self) -> None:
        """Remove the temporary folder and any PDF left in it."""
        shutil.rmtree(self.folder, ignore_errors=True)

    def visit_sheet(self, visit_id: int) -> None:
        now, today = datetime.now(), self.ctx.today()
        sheet = _core().visit_sheet_data(self.ctx.roster, visit_id, self.ctx.who, today, now)
        self._run(self.tr("Visit sheet %s") % sheet.visit.code, f"visit-{visit_id}.pdf",
                  lambda out, progress: _docs().write_visit_sheets(out, [sheet], progress),
                  {"document": "visit", "visit_id": visit_id})

    def sheets_of_day(self, day: date) -> None:
        now = datetime.now()
        entries = self.ctx.roster.worklist(day, day, day)
        if not entries:
            QMessageBox.information(self.window, self.tr("Nothing to print"),
                                    self.tr("No visits on %s.") % day.isoformat())
            return
        sheets = [_core().visit_sheet_data(self.ctx.roster, e.visit.id, self.ctx.who, day, now)
                  for e in entries]
        self._run(self.tr("Visit sheets of %s") % day.isoformat(), f"sheets-{day}.pdf",
                  lambda out, progress: _docs().write_visit_sheets(out, sheets, progress),
                  {"document": "sheets", "date": day.isoformat()})

    def day_list(self, day: date) -> None:
        data = _core().day_list_data(self.ctx.roster, day, self.ctx.who, datetime.now())
        self._run(self.tr("Day list %s") % day.isoformat(), f"day-{day}.pdf",
                  lambda out, _progress: _docs().write_day_list(out, data),
                  {"document": "day", "date": day.isoformat()})

    def changed_letters(self, moves: list[tuple[int, date]]) -> None:
        """Rule 13: a "your date has changed" letter for each patient whose visits moved
        (visit id, the day it was booked on before)."""
        letters = _core().changed_letters_data(self.ctx.roster, moves, self.ctx.today(),
                                               datetime.now())
        if not letters:
            QMessageBox.information(self.window, self.tr("Nothing to print"),
                                    self.tr("No patient has an open visit that moved."))
            return
        from cartclinic.documents.date_changed import write_date_changed_letters

        self._run(self.tr("Date changed letters"), f"changed-{self.ctx.today()}.pdf",
                  lambda out, progress: write_date_changed_letters(out, letters, progress),
                  {"document": "changed-letters", "mrns": [x.patient.mrn for x in letters]})

    def letter(self, patient_id: int) -> None:
        if not self.ctx.roster.settings().clinic_phone.strip():
            # asked before the first letter: one without the clinic's number is refused
            from cartclinic_ui.dialogs.clinic_phone import ClinicPhonePrompt

            self.phone_prompt = ClinicPhonePrompt(self.ctx, self.window)
            self.phone_prompt.accepted.connect(lambda: self.letter(patient_id))
            self.phone_prompt.open()
            return
        patient = self.ctx.roster.store.patient(patient_id)
        try:  # refused for a patient who died or withdrew (rule 12), with the reason
            data = _core().letter_data(self.ctx.roster, patient, self.ctx.today(), datetime.now())
        except InputRefused as exc:
            show_refused(self.window, exc)
            return
        self._run(self.tr("Letter for %s") % patient.name, f"letter-{patient.mrn}.pdf",
                  lambda out, _progress: _docs().write_patient_letter(out, data),
                  {"document": "letter", "mrn": patient.mrn})

    def _run(self, title: str, name: str, write, subject: dict) -> None:
        self.folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        out = self.folder / name.replace("/", "-")
        task = BackgroundTask(self.window, self.tr("Preparing %s…") % title,
                              lambda progress: write(out, progress))
        task.finished.connect(lambda _pages: self._preview(out, title, subject))
        task.failed.connect(lambda exc: self._failed(exc, out))
        task.start()

    def _preview(self, out: Path, title: str, subject: dict) -> None:
        with contextlib.suppress(OSError):
            os.chmod(out, 0o600)
        self.last_preview = PrintPreview(self.ctx, out, title, subject, self.window)
        self.last_preview.open()

    def _failed(self, exc: BaseException, out: Path | None = None) -> None:
        if out is not None:
            with contextlib.suppress(OSError):
                out.unlink(missing_ok=True)
        if type(exc).__name__ == "PrintCancelled":
            return
        if isinstance(exc, InputRefused):
            show_refused(self.window, exc)
            return
        if isinstance(exc, OSError | ValueError):
            QMessageBox.warning(self.window, self.tr("Not printed"), str(exc))
            return
        raise exc


def _core():
    """The bridge from roster to documents, imported when first printing (it loads reportlab)."""
    from cartclinic import printing

    return printing


def _docs():
    """The documents package, imported when first needed (it loads fonts)."""
    from cartclinic import documents

    return documents
