"""The audit trail: who changed what and when, filtered by patient, person and dates; exported as
CSV; and checked, with the result said in plain words."""

from __future__ import annotations

import io
import json
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from functools import cached_property
from pathlib import Path
from typing import Any

from cartclinic_ui import look
from cartclinic_ui.context import AppContext
from cartclinic_ui.dialogs.form import date_edit, date_of
from cartclinic_ui.errors import show_refused
from cartclinic_ui.exports import write_private
from cartclinic_ui.list_table import ListTable
from cartclinic_ui.models.base import SORT_ROLE, RowTableModel
from cartclinic_ui.models.proxy import RowProxy
from cartclinic_ui.reasons import said_all
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
)

from cartclinic.access_request import patient_record
from cartclinic.errors import InputRefused
from cartclinic.roster_csv import safe_csv_writer

COL_WHEN, COL_WHO, COL_ACTION, COL_TABLE, COL_ROW, COL_CHANGE = range(6)
SUMMARY_CHARS = 160
# a PIN of 4 to 8 digits falls to a guesser who has its hash: never shown, never exported
SECRET_KEYS = ("pin_hash", "pin_salt")
HIDDEN = "•••"


def _without_secrets(text: str | None) -> str | None:
    """An audit image (JSON text) with the PIN hash and salt blanked out."""
    if not text:
        return text
    try:
        value = json.loads(text)
    except ValueError:
        return text
    if isinstance(value, dict) and any(k in value for k in SECRET_KEYS):
        value = {k: (HIDDEN if k in SECRET_KEYS else v) for k, v in value.items()}
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return text


def _short(value: Any) -> str:
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 40 else text[:39] + "…"


@dataclass
class AuditRow:
    """One audit row as stored (UTC time, JSON images) with what the viewer shows of it."""

    raw: dict[str, Any] = field(repr=False)

    @cached_property
    def when(self) -> datetime:
        at = datetime.fromisoformat(self.raw["at"])
        return (at if at.tzinfo else at.replace(tzinfo=UTC)).astimezone()

    @cached_property
    def old_text(self) -> str | None:
        return _without_secrets(self.raw["old"])

    @cached_property
    def new_text(self) -> str | None:
        return _without_secrets(self.raw["new"])

    @cached_property
    def old(self) -> Any:
        return json.loads(self.old_text) if self.old_text else None

    @cached_property
    def new(self) -> Any:
        return json.loads(self.new_text) if self.new_text else None

    @cached_property
    def change(self) -> str:
        """The change in one line: the fields that differ, old → new."""
        old, new = self.old, self.new
        if isinstance(old, dict) and isinstance(new, dict):
            raw_old, raw_new = json.loads(self.raw["old"]), json.loads(self.raw["new"])
            parts = [QCoreApplication.translate("AuditModel", "%s changed") % k
                     if k in SECRET_KEYS else f"{k}: {_short(old.get(k))} → {_short(new.get(k))}"
                     for k in sorted(set(old) | set(new)) if raw_old.get(k) != raw_new.get(k)]
        elif isinstance(new, dict) or isinstance(old, dict):
            image = new if isinstance(new, dict) else old
            parts = [f"{k}={_short(v)}" for k, v in image.items()
                     if v not in (None, "", [], {}) and k not in ("id", *SECRET_KEYS)]
        else:
            parts = [_short(new if new is not None else old)] if (new or old) else []
        text = "; ".join(parts)
        return text if len(text) <= SUMMARY_CHARS else text[:SUMMARY_CHARS - 1] + "…"


class AuditModel(RowTableModel):
    """Tens of thousands of rows: the headings are made once, not at every columnCount()."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._headers = [self.tr("When"), self.tr("Who"), self.tr("Action"), self.tr("Table"),
                         self.tr("Row"), self.tr("Change (old → new)")]

    def headers(self) -> list[str]:
        return self._headers

    def action_text(self, action: str) -> str:
        return {"insert": self.tr("added"), "update": self.tr("changed"),
                "delete": self.tr("removed"), "note": self.tr("note")}.get(action, action)

    def cell(self, r: AuditRow, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return {COL_WHEN: r.when.strftime("%Y-%m-%d %H:%M:%S"), COL_WHO: r.raw["who"],
                    COL_ACTION: self.action_text(r.raw["action"]), COL_TABLE: r.raw["table_name"],
                    COL_ROW: r.raw["row_id"], COL_CHANGE: r.change}.get(column)
        if role == SORT_ROLE:
            if column == COL_WHEN:
                return r.raw["id"]  # the order rows were written in
            if column == COL_ROW:
                row_id = r.raw["row_id"]
                return (0, int(row_id), "") if row_id.isdigit() else (1, 0, row_id)
            return str(self.cell(r, column, Qt.ItemDataRole.DisplayRole))
        if role == Qt.ItemDataRole.ToolTipRole and column == COL_CHANGE:
            return self.tr("before: %s\nafter: %s") % (r.old_text or "—", r.new_text or "—")
        return None


class AuditProxy(RowProxy):
    """Rows of one patient (their audit ids), one person, between two local dates."""

    def __init__(self, source: AuditModel, parent=None) -> None:
        super().__init__(source, parent=parent)
        self.ids: set[int] | None = None
        self.who = ""
        self.since: date | None = None
        self.until: date | None = None

    def set_filter(self, *, ids: set[int] | None, who: str, since: date | None,
                   until: date | None) -> None:
        self.ids, self.who, self.since, self.until = ids, who, since, until
        everything = ids is None and not who and since is None and until is None
        # filtered in the model, in one Python pass, like every list
        self.sourceModel().set_filter(
            None if everything else lambda rows: [r for r in rows if self.accepts(r)])

    def accepts(self, r: AuditRow) -> bool:
        if self.ids is not None and r.raw["id"] not in self.ids:
            return False
        if self.who and r.raw["who"] != self.who:
            return False
        day = r.when.date()
        return not ((self.since and day < self.since) or (self.until and day > self.until))


class AuditWindow(QDialog):
    def __init__(self, ctx: AppContext, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowFlag(Qt.WindowType.Window)
        self.setWindowTitle(self.tr("Audit trail"))
        self.resize(1100, 640)
        if parent is not None:  # most of the screen: the summaries are long
            self.resize(max(1100, int(parent.width() * 0.92)), max(640, int(parent.height() * 0.85)))
        self.model = AuditModel(self)
        self.proxy = AuditProxy(self.model, self)
        self._patient_cache: tuple[str, set[int]] = ("", set())
        self._build()
        self._connect()

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        filters = QHBoxLayout()
        self.mrn = QLineEdit()
        self.mrn.setPlaceholderText(self.tr("MRN"))
        self.mrn.setAccessibleName(self.tr("Patient MRN"))
        self.mrn.setClearButtonEnabled(True)
        self.who = QComboBox()
        self.who.setAccessibleName(self.tr("Who"))
        self.use_dates = QCheckBox(self.tr("&Dates"))
        today = self.ctx.today()
        self.since = date_edit(today.replace(day=1), self.tr("From"))
        self.until = date_edit(today, self.tr("To"))
        for text, widget in ((self.tr("&Patient"), self.mrn), (self.tr("&Who"), self.who)):
            label = QLabel(text)
            label.setBuddy(widget)
            filters.addWidget(label)
            filters.addWidget(widget)
        filters.addWidget(self.use_dates)
        filters.addWidget(self.since)
        filters.addWidget(QLabel("–"))
        filters.addWidget(self.until)
        filters.addStretch()
        self.count = QLabel()
        filters.addWidget(self.count)
        layout.addLayout(filters)
        self.message = QLabel()
        look.mark(self.message, "error")
        self.message.setWordWrap(True)
        self.message.hide()
        layout.addWidget(self.message)
        self.table = ListTable(self.proxy, self.tr("Audit trail"))
        self.table.fit_columns({COL_WHEN: 19, COL_WHO: 16, COL_ACTION: 7, COL_TABLE: 13,
                                COL_ROW: 10})
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.DescendingOrder)
        self.proxy.sort(-1)  # the model's own order, newest first, until a heading is clicked
        layout.addWidget(self.table, 1)
        self.verdict = QLabel()
        self.verdict.setWordWrap(True)
        self.verdict.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.verdict.hide()
        layout.addWidget(self.verdict)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.verify_button = QPushButton(self.tr("&Verify"))
        self.verify_button.setToolTip(self.tr("Check that no audit row and no patient record was "
                                              "changed outside the program."))
        self.export_button = QPushButton(self.tr("&Export CSV…"))
        self.buttons.addButton(self.verify_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.export_button, QDialogButtonBox.ButtonRole.ActionRole)
        layout.addWidget(self.buttons)
        self._dates_enabled(False)

    def _connect(self) -> None:
        self.buttons.rejected.connect(self.reject)
        self.verify_button.clicked.connect(self.verify)
        self.export_button.clicked.connect(lambda: self.export_csv())
        self.mrn.editingFinished.connect(self.apply_filter)
        self.mrn.textChanged.connect(lambda text: text or self.apply_filter())
        self.who.currentIndexChanged.connect(self.apply_filter)
        self.use_dates.toggled.connect(self._dates_enabled)
        self.since.dateChanged.connect(self.apply_filter)
        self.until.dateChanged.connect(self.apply_filter)
        self.ctx.changed.connect(self._changed)
        self.ctx.reopened.connect(self._changed)

    def _dates_enabled(self, on: bool) -> None:
        self.since.setEnabled(on)
        self.until.setEnabled(on)
        self.apply_filter()

    def _changed(self) -> None:
        if self.isVisible():
            self.refresh()

    def refresh(self) -> None:
        self._patient_cache = ("", set())
        rows = [AuditRow(r) for r in self.ctx.roster.store.audit_rows()]
        rows.reverse()  # newest first, without a sort of tens of thousands of rows
        self.model.set_rows(rows)
        current = self.who.currentData()
        self.who.blockSignals(True)
        self.who.clear()
        self.who.addItem(self.tr("(everyone)"), "")
        for name in sorted({r.raw["who"] for r in rows}, key=str.casefold):
            self.who.addItem(name, name)
        self.who.setCurrentIndex(max(0, self.who.findData(current)))
        self.who.blockSignals(False)
        self.apply_filter()

    def _patient_ids(self, mrn: str) -> set[int]:
        """The audit rows of one patient: the same rows an access request gives them."""
        if self._patient_cache[0] != mrn:
            try:
                record = patient_record(self.ctx.roster, mrn, self.ctx.today())
            except InputRefused as exc:
                self.message.setText("\n".join(said_all(exc.why)))
                self.message.show()
                return set()
            self._patient_cache = (mrn, {a["id"] for a in record["audit"]})
        return self._patient_cache[1]

    def apply_filter(self) -> None:
        self.message.hide()
        mrn = self.mrn.text().strip()
        ids = self._patient_ids(mrn) if mrn else None
        dated = self.use_dates.isChecked()
        self.proxy.set_filter(ids=ids, who=self.who.currentData() or "",
                              since=date_of(self.since) if dated else None,
                              until=date_of(self.until) if dated else None)
        self.count.setText(self.tr("%n row(s)", "", self.proxy.rowCount()))

    def visible_rows(self) -> list[AuditRow]:
        return [self.proxy.object_at(self.proxy.index(i, 0)) for i in range(self.proxy.rowCount())]

    def export_csv(self, path: str | None = None) -> Path | None:
        if path is None:
            path, _ = QFileDialog.getSaveFileName(
                self, self.tr("Export the audit trail"),
                str(Path.home() / f"audit-{self.ctx.today().isoformat()}.csv"), "CSV (*.csv)")
            if not path:
                return None
        rows = self.visible_rows()
        buf = io.StringIO()
        writer = safe_csv_writer(buf)  # no cell runs as a formula in a spreadsheet
        writer.writerow(["id", "at_utc", "at_local", "who", "action", "table", "row", "old", "new"])
        for r in sorted(rows, key=lambda r: r.raw["id"]):
            writer.writerow([r.raw["id"], r.raw["at"], r.when.isoformat(timespec="seconds"),
                             r.raw["who"], r.raw["action"], r.raw["table_name"], r.raw["row_id"],
                             r.old_text or "", r.new_text or ""])
        try:
            write_private(Path(path), buf.getvalue())
            try:
                self.ctx.note("export", {"what": "audit trail", "file": str(path),
                                         "rows": len(rows)})
            except InputRefused:
                Path(path).unlink(missing_ok=True)
                raise
        except OSError as exc:
            self.message.setText(self.tr("Not exported: %s") % exc)
            self.message.show()
            return None
        except InputRefused as exc:
            show_refused(self, exc)
            return None
        return Path(path)

    def verify(self) -> list[str]:
        problems = self.ctx.roster.store.verify_audit()
        if problems:
            look.mark(self.verdict, "error")
            self.verdict.setText(self.tr(
                "The check found %n problem(s). Something was changed outside the program; "
                "do not correct it by hand. Tell the ward IT and keep this list:", "",
                len(problems)) + "\n• " + "\n• ".join(problems))
        else:
            look.mark(self.verdict, "ok")
            self.verdict.setText(self.tr(
                "The audit trail is intact: all %d rows follow one another unbroken, and every "
                "record in the roster matches the last change the audit trail holds for it.")
                % sum(1 for _ in self.ctx.roster.store.audit_rows()))
        self.verdict.show()
        return problems
