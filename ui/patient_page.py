"""One patient: who they are, their treatments and day count, clinical flags, the whole schedule
as a list and as a timeline, events, and recent results."""

from __future__ import annotations

import html
from dataclasses import replace
from typing import Any

from cartclinic_ui import i18n, labels, look
from cartclinic_ui.context import AppContext
from cartclinic_ui.dialogs.correction_dialog import CorrectionButton
from cartclinic_ui.dialogs.event_dialog import EventDialog
from cartclinic_ui.dialogs.patient_dialog import PatientDialog
from cartclinic_ui.dialogs.treatment_dialog import TreatmentDialog
from cartclinic_ui.errors import show_refused
from cartclinic_ui.exports import export_patient_record
from cartclinic_ui.list_table import ListTable
from cartclinic_ui.models import schedule_model as sm
from cartclinic_ui.models.proxy import RowProxy
from cartclinic_ui.models.small_models import EventsModel
from cartclinic_ui.reasons import said
from cartclinic_ui.results_chart import ResultsChart
from cartclinic_ui.row_actions import RowActions
from cartclinic_ui.timeline import FIFTEEN_YEARS, FIRST_100_DAYS, Timeline
from cartclinic_ui.visit_actions import VisitActions
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from cartclinic import views
from cartclinic.changes import Changes
from cartclinic.errors import InputRefused
from cartclinic.reasons import Reason


class PatientPage(QWidget):
    printLetter = Signal(int)  # noqa: N815

    def __init__(self, ctx: AppContext, actions: VisitActions, patient_id: int, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.patient_id = patient_id
        self.patient = ctx.roster.store.patient(patient_id)
        self._current: Any = None
        self._ended = ""  # why visit actions and letters are off (rule 12), or ""
        self._span_chosen = False
        self._tasks: list = []  # the open tasks shown, oldest first
        self.schedule = sm.ScheduleModel(self)
        self.schedule_proxy = RowProxy(self.schedule, parent=self)
        self.events = EventsModel(self)
        self.events_proxy = RowProxy(self.events, parent=self)
        self.row_actions = RowActions(self, actions, lambda: self._current)
        self._build()
        self.correction_button = CorrectionButton(self)  # beside the tabs
        self._connect()
        self.refresh()

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        head = QHBoxLayout()
        self.who = QLabel()
        look.mark(self.who, "patientName")
        self.who.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        head.addWidget(self.who, 1)
        self.edit_button = QPushButton(self.tr("&Edit…"))
        self.treatment_button = QPushButton(self.tr("Add &treatment…"))
        self.reinfuse_button = QPushButton(self.tr("Re-&infusion…"))
        self.event_button = QPushButton(self.tr("Record &event…"))
        self.undo_button = QPushButton(self.tr("Patient is &back"))
        self.undo_button.setToolTip(self.tr("Undo 'lost to follow-up': restores the cancelled visits"))
        self.letter_button = QPushButton(self.tr("Print &letter…"))
        self.export_button = QPushButton(self.tr("E&xport record (JSON)…"))
        self.export_button.setToolTip(self.tr("For a request from the patient to see their data: "
                                              "everything the roster holds about them, with its "
                                              "audit trail. The export is recorded."))
        for b in (self.edit_button, self.treatment_button, self.reinfuse_button, self.event_button,
                  self.undo_button, self.letter_button, self.export_button):
            head.addWidget(b)
        layout.addLayout(head)
        badges = QHBoxLayout()  # rule 12: what ended or threatens the follow-up, with its date
        self.state_badge = QLabel()
        self.state_badge.setAccessibleName(self.tr("Patient state"))
        self.disease_badge = QLabel()
        self.disease_badge.setAccessibleName(self.tr("Disease state"))
        look.mark(self.disease_badge, "stateDisease")
        for badge in (self.state_badge, self.disease_badge):
            badge.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            badge.hide()
            badges.addWidget(badge)
        badges.addStretch()
        layout.addLayout(badges)
        self.details = QLabel()
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.details)
        self.flags = QLabel()
        look.mark(self.flags, "flags")
        self.flags.setWordWrap(True)
        layout.addWidget(self.flags)
        tasks = QHBoxLayout()  # a new malignancy's task stays here until marked done
        self.task_label = QLabel()
        look.mark(self.task_label, "warning")
        self.task_label.setWordWrap(True)
        self.task_label.setAccessibleName(self.tr("Open task"))
        self.task_button = QPushButton(self.tr("Mark &done…"))
        tasks.addWidget(self.task_label, 1)
        tasks.addWidget(self.task_button)
        layout.addLayout(tasks)

        split = QSplitter(Qt.Orientation.Vertical)
        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        switch = QHBoxLayout()
        self.span_100 = QRadioButton(self.tr("First 100 days"))
        self.span_15y = QRadioButton(self.tr("Fifteen years"))
        self.span_group = QButtonGroup(self)
        self.span_group.addButton(self.span_100, FIRST_100_DAYS)
        self.span_group.addButton(self.span_15y, FIFTEEN_YEARS)
        switch.addWidget(QLabel(self.tr("Timeline:")))
        switch.addWidget(self.span_100)
        switch.addWidget(self.span_15y)
        switch.addStretch()
        top_layout.addLayout(switch)
        self.timeline = Timeline()
        top_layout.addWidget(self.timeline)
        split.addWidget(top)

        self.tabs = QTabWidget()
        sched = QWidget()
        sched_layout = QVBoxLayout(sched)
        sched_layout.setContentsMargins(0, 4, 0, 0)
        buttons = QHBoxLayout()
        for action in self.row_actions.all()[1:]:
            b = QToolButton()
            b.setDefaultAction(action)
            buttons.addWidget(b)
        buttons.addStretch()
        sched_layout.addLayout(buttons)
        self.table = ListTable(self.schedule_proxy, self.tr("Schedule"))
        self.table.setSortingEnabled(False)  # grouped by phase, in date order
        self.schedule_proxy.sort(-1)
        self.table.menu_actions = self.row_actions.all()[1:]
        self.table.fit_columns({sm.COL_CODE: 8, sm.COL_LABEL: 36, sm.COL_KIND: 11,
                                sm.COL_TARGET: 11, sm.COL_WINDOW: 24, sm.COL_SCHEDULED: 16,
                                sm.COL_STATUS: 20})
        sched_layout.addWidget(self.table)
        self.tabs.addTab(sched, self.tr("&Schedule"))
        results = QWidget()
        results_layout = QVBoxLayout(results)
        self.chart = ResultsChart()
        results_layout.addWidget(self.chart)
        self.recent = QLabel()
        self.recent.setWordWrap(True)
        self.recent.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.recent.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # scrolled, so that a long list of results never makes the page taller than a ward
        # PC's 768-pixel screen (the tab is as tall as its tallest page)
        recent = QScrollArea()
        recent.setWidgetResizable(True)
        recent.setFrameShape(QFrame.Shape.NoFrame)
        recent.setWidget(self.recent)
        results_layout.addWidget(recent)
        self.tabs.addTab(results, self.tr("Res&ults"))
        self.events_table = QTableView()
        self.events_table.setModel(self.events_proxy)
        self.events_table.setAccessibleName(self.tr("Events"))
        self.events_table.verticalHeader().hide()
        self.events_table.horizontalHeader().setStretchLastSection(True)
        self.events_table.setSortingEnabled(True)
        self.tabs.addTab(self.events_table, self.tr("E&vents"))
        split.addWidget(self.tabs)
        split.setSizes([220, 400])
        layout.addWidget(split, 1)
        self.span_100.setChecked(True)

    def _connect(self) -> None:
        self.ctx.changes.connect(self._changed)
        self.table.current.connect(self._set_current)
        self.table.opened.connect(lambda row: self.row_actions.visits.record(row, self))
        self.span_group.idClicked.connect(self._choose_span)
        self.edit_button.clicked.connect(self._edit)
        self.treatment_button.clicked.connect(lambda: self._treatment(reinfusion=False))
        self.reinfuse_button.clicked.connect(lambda: self._treatment(reinfusion=True))
        self.event_button.clicked.connect(self._event)
        self.undo_button.clicked.connect(self._undo_lost)
        self.task_button.clicked.connect(self._task_done)
        self.letter_button.clicked.connect(lambda: self.printLetter.emit(self.patient_id))
        self.export_button.clicked.connect(lambda: self.export_record())

    def _changed(self, what: Changes) -> None:
        """Read again after a write that touched this patient (or everything); a write about
        another patient, or about the staff, leaves this page as it is."""
        if what.touches_patient(self.patient_id):
            self.refresh()

    def _choose_span(self, days: int) -> None:
        self.timeline.set_span(days)
        self._span_chosen = True

    def _set_current(self, row: Any) -> None:
        self._current = row
        self.row_actions.update(row)
        if self._ended:  # rule 12: a patient who died or withdrew gets no visit actions
            for action in (self.row_actions.record, self.row_actions.reschedule,
                           self.row_actions.missed):
                action.setEnabled(False)
                action.setToolTip(self._ended)

    def title(self) -> str:
        return self.patient.name

    def refresh(self) -> None:
        roster, today = self.ctx.roster, self.ctx.today()
        self.patient = p = roster.store.patient(self.patient_id)
        treatments = roster.store.treatments(self.patient_id)
        visits = roster.store.visits(patient_id=self.patient_id)
        records = roster.store.records(self.patient_id)
        events = roster.store.events(self.patient_id, with_corrected=True)
        summary = roster.summary(self.patient_id, today)
        self._show_state(summary.standing)
        self.who.setText(f"{p.name} · {p.mrn}")
        born = p.date_of_birth.isoformat() if p.date_of_birth else "—"
        lines = [self.tr("Born %s · sex %s · phone %s · %s · %s") % (
            born, said(Reason(f"sex.{p.sex}")) if p.sex else "—", p.phone or "—", p.diagnosis,
            p.physician or "—")]
        # whom to call when the patient does not answer, right under the patient's phone
        lines.append(html.escape(labels.next_of_kin_text(p)))
        if p.address:
            lines.append(html.escape(self.tr("Address: %s") % ", ".join(p.address.splitlines())))
        for t in sorted(treatments, key=lambda t: t.infusion_date):
            n = views.day_number(t.infusion_date, today)
            lines.append(self.tr("<b>%s</b> (%s) · day 0 %s · <b>Day +%d</b> today · %s") % (
                t.product, t.target or "—", t.infusion_date.isoformat(), n, ", ".join(t.protocols)))
        self.details.setText("<br>".join(lines))
        flags = ([] if summary.standing.ended  # no flag to act on (rule 12)
                 else roster.clinical_flags(self.patient_id, today))
        shown = [f for f in flags if f.code != "task"]  # tasks have their own line below
        self.flags.setText("\n".join(("⚠ " if f.urgent else "• ")
                                     + (said(f.reason) if f.reason is not None else f.text)
                                     for f in shown))
        self.flags.setVisible(bool(shown))
        self._tasks = roster.open_tasks(self.patient_id)
        self.task_label.setText("\n".join(
            "⚠ " + self.tr("Task: report to the manufacturer and arrange sample testing "
                           "(new malignancy recorded %s)") % t.created_on.isoformat()
            for t in self._tasks))
        for w in (self.task_label, self.task_button):
            w.setVisible(bool(self._tasks))
        self.schedule.set_schedule(visits, treatments, today)
        self.timeline.set_schedule(visits, treatments, today)
        if not self._span_chosen:  # past day 100 the fifteen years say more
            last = max((t.infusion_date for t in treatments), default=today)
            (self.span_15y if views.day_number(last, today) > 100 else self.span_100).click()
        self.events.set_rows(events)
        language = i18n.current()  # each analyte under the name its reader knows
        self.chart.set_panels([replace(panel, name=roster.analytes.shown_name(panel.name, language))
                               for panel in views.result_panels(roster, self.patient_id)])
        self.recent.setText(self._recent_results(roster, visits, records)
                            or self.tr("No results recorded yet."))
        self.undo_button.setVisible(self._open_lost_event() is not None)
        self._set_current(self.table.current_object())  # the same visit, if still listed

    def _recent_results(self, roster, visits, records) -> str:
        """The ten newest results, in the canonical unit, the value as given beside it when it
        was given in another unit, and where it came from (a visit's code, or the lab import);
        the disease status recorded at the visits of those days."""
        import html

        by_id = {v.id: v for v in visits}
        lines = []
        for r in sorted(roster.results(self.patient_id), key=lambda r: (r.taken_on, r.id or 0),
                        reverse=True)[:10]:
            shown = (f"{r.canonical:g} {r.canonical_unit}" if r.canonical is not None
                     else f"{r.value} {r.unit}".strip())
            given = f"{r.value} {r.unit}".strip()
            if r.canonical is not None and r.unit.strip() not in ("", r.canonical_unit):
                shown += f" ({given})"
            where = (by_id[r.visit_id].code if r.visit_id in by_id
                     else self.tr("lab import") if r.record_id is None else "")
            name = roster.analytes.shown_name(r.name, i18n.current())
            lines.append(f"<b>{r.taken_on}</b> {html.escape(where)} · {html.escape(name)} "
                         f"{html.escape(shown)}")
        shown_status = [f"<b>{r.done_on}</b> {html.escape(by_id[r.visit_id].code)} · "
                        + self.tr("disease status")
                        + f" {html.escape(labels.disease_status_text(r.disease_status))}"
                        for r in sorted(records, key=lambda r: (r.done_on, r.id or 0),
                                        reverse=True)[:5]
                        if r.disease_status and r.visit_id in by_id]
        return "<br>".join(lines + shown_status)

    def _show_state(self, state) -> None:
        """Rule 12 on the header: died, withdrew or lost with the date, a relapse or
        progression until a response is recorded; and the buttons that no longer apply off,
        each saying why."""
        self._ended = labels.ended_reason(state) if state.ended else ""
        if state.kind != "active":
            look.mark(self.state_badge, "stateEnded" if state.ended else "stateLost")
            self.state_badge.setText(self._ended or labels.state_since_text(state.kind, state.since))
        self.state_badge.setVisible(state.kind != "active")
        self.disease_badge.setText(labels.disease_text(state))
        self.disease_badge.setVisible(bool(state.disease))
        for button in (self.letter_button, self.reinfuse_button):
            button.setEnabled(not self._ended)
            button.setToolTip(self._ended)
        dead = state.kind == "deceased"
        self.event_button.setEnabled(not dead)
        self.event_button.setToolTip(self._ended if dead else "")

    def _task_done(self) -> None:
        """Mark the oldest open task done, after a confirmation (rule 11: never one click)."""
        if not self._tasks:
            return
        task = self._tasks[0]
        answer = QMessageBox.question(
            self, self.tr("Task done"),
            self.tr("Mark done: the new malignancy recorded %s was reported to the manufacturer "
                    "and sample testing arranged?") % task.created_on.isoformat(),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            return
        roster, who, today = self.ctx.roster, self.ctx.who, self.ctx.today()
        try:
            self.ctx.write(lambda: roster.mark_task_done(task.id, who, today))
        except InputRefused as exc:
            show_refused(self, exc)
            return

    def _open_lost_event(self):
        for e in self.ctx.roster.store.events(self.patient_id):
            if e.kind == "lost_to_follow_up" and e.undone_on is None:
                return e
        return None

    def _edit(self) -> None:
        PatientDialog(self.ctx, self.patient, self).exec()

    def _treatment(self, *, reinfusion: bool) -> None:
        TreatmentDialog(self.ctx, self.patient, reinfusion=reinfusion, parent=self).exec()

    def _event(self) -> None:
        EventDialog(self.ctx, self.patient, self).exec()

    def export_record(self, path: str | None = None):
        return export_patient_record(self.ctx, self, self.patient.mrn, path)

    def _undo_lost(self) -> None:
        event = self._open_lost_event()
        if event is None:
            return
        roster, who, today = self.ctx.roster, self.ctx.who, self.ctx.today()
        try:
            n = self.ctx.write(lambda: roster.undo_lost_to_follow_up(event.id, who, today))
        except InputRefused as exc:
            show_refused(self, exc)
            return
        QMessageBox.information(self, self.tr("Patient is back"),
                                self.tr("%n visit(s) restored.", "", n))
