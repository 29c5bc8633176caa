"""The roster: every patient, searched as you type on name (any script), MRN and phone."""

from __future__ import annotations

from cartclinic_ui.context import AppContext
from cartclinic_ui.list_table import ListTable
from cartclinic_ui.load_when_shown import LoadWhenShown
from cartclinic_ui.models import roster_model as rm
from cartclinic_ui.models.proxy import RowProxy
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from cartclinic.roster import PatientSummary


class RosterPage(QWidget):
    openPatient = Signal(int)  # noqa: N815
    newPatient = Signal()  # noqa: N815

    def __init__(self, ctx: AppContext, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.model = rm.RosterModel(self)
        self.proxy = RowProxy(self.model, self.model.search_text, self)
        self._build()
        self.loader = LoadWhenShown(self, self.refresh)
        self._connect()

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search name, MRN or phone (Ctrl+F)"))
        self.search.setAccessibleName(self.tr("Search the roster"))
        self.search.setClearButtonEnabled(True)
        self.count = QLabel()
        self.count.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.new_button = QPushButton(self.tr("New patient… (Ctrl+N)"))
        top.addWidget(self.search, 1)
        top.addWidget(self.count)
        top.addWidget(self.new_button)
        layout.addLayout(top)
        self.table = ListTable(self.proxy, self.tr("Patients"))
        self.table.sortByColumn(rm.COL_NEXT, Qt.SortOrder.AscendingOrder)
        self.table.fit_columns({rm.COL_NAME: 20, rm.COL_MRN: 10, rm.COL_BORN: 10,
                                rm.COL_PHONE: 19, rm.COL_DIAGNOSIS: 24, rm.COL_NEXT: 16,
                                rm.COL_NEXT_VISIT: 32, rm.COL_OVERDUE: 10, rm.COL_STATE: 24})
        layout.addWidget(self.table)
        self.setTabOrder(self.search, self.table)

    def _connect(self) -> None:
        self.ctx.changed.connect(self.loader.changed)
        self.search.textChanged.connect(self._filter)
        self.search.returnPressed.connect(self._open_first)
        self.table.opened.connect(self._open)
        self.new_button.clicked.connect(self.newPatient)

    def refresh(self) -> None:
        self.model.set_rows(self.ctx.roster.summaries(self.ctx.today()))
        self._fit_count()
        self._update_count()

    def _filter(self, text: str) -> None:
        self.loader.ensure()
        self.proxy.set_query(text)
        self._update_count()

    def _update_count(self) -> None:
        # the model filters itself, so its rowCount() is the rows shown too: the roster's size
        # is every row it holds
        shown, total = self.proxy.rowCount(), len(self.model.all_rows())
        self.count.setText(self._count_text(str(shown), total))

    def _count_text(self, shown: str, total: int) -> str:
        return self.tr("%1 of %2 patients").replace("%1", shown).replace("%2", str(total))

    def _fit_count(self) -> None:
        """One size for the count while the nurse types, wide enough for any count of this
        roster: a label that changes size makes Qt lay out the whole window again on every
        keystroke (about 1 ms at 10,000 patients), and the search field no longer jitters."""
        total = len(self.model.all_rows())
        digits = len(str(total))
        width = self.count.fontMetrics().horizontalAdvance
        widest = max((self._count_text(d * digits, total) for d in "0123456789"), key=width)
        self.count.setText(widest)
        self.count.setFixedSize(self.count.sizeHint())  # the text's size, whatever the limits

    def _open(self, summary: PatientSummary | None) -> None:
        if summary is not None and summary.patient.id is not None:
            self.openPatient.emit(summary.patient.id)

    def _open_first(self) -> None:
        if self.proxy.rowCount():
            self._open(self.proxy.object_at(self.proxy.index(0, 0)))

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()
