"""The phone list: one line per patient with all their overdue visits (rule 15 order), and a
call that reached the patient leading straight to rebooking those visits."""

from datetime import timedelta

import pytest
from cartclinic_ui.dialogs.call_dialog import CallDialog
from cartclinic_ui.dialogs.rebook_dialog import RebookDialog
from cartclinic_ui.models.base import OBJECT_ROLE
from PySide6.QtCore import QElapsedTimer, QPoint, Qt, QTimer
from PySide6.QtWidgets import QApplication, QCheckBox, QDialogButtonBox
from ui_helpers import TODAY, add_patient, show_page

from cartclinic.schedule import MOVED_BY_HAND, OUT_OF_WINDOW
from cartclinic.status import VisitStatus


def _lines(page):
    return [page.model.index(r, 0).data(OBJECT_ROLE) for r in range(page.model.rowCount())]


def _overdue(roster, patient_id):
    return [v for v in roster.store.visits(patient_id=patient_id)
            if v.status(TODAY) == VisitStatus.OVERDUE]


_FAILED: list[BaseException] = []


@pytest.fixture(autouse=True)
def _no_failure_inside_a_dialog():
    _FAILED.clear()
    yield
    assert not _FAILED, _FAILED  # raised inside a dialog's exec(): the dialog was closed


def _on_modal(kind, act, timeout_ms=5000):
    """Call `act(dialog)` once a modal dialog of type `kind` is showing (from inside exec());
    a failure closes the dialog (instead of leaving the test waiting on it) and is reported."""
    clock = QElapsedTimer()
    clock.start()

    def poll():
        modal = QApplication.activeModalWidget()
        if isinstance(modal, kind) and modal.isVisible():
            try:
                act(modal)
            except BaseException as exc:
                _FAILED.append(exc)
                modal.reject()
        elif clock.elapsed() < timeout_ms:
            QTimer.singleShot(20, poll)

    QTimer.singleShot(0, poll)


def _click(qtbot, widget):
    if isinstance(widget, QCheckBox):  # on its box: a full-width row's middle may be past the text
        qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=QPoint(6, widget.height() // 2))
        return
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def _outcome(dialog: CallDialog, code: str):
    return next(b for b in dialog.outcome.buttons() if b.property("code") == code)


def _open_call(qtbot, page, row):
    index = page.proxy.index(row, 0)
    page.table.setCurrentIndex(index)
    _click(qtbot, page.call_button)


def test_phone_list_has_one_line_per_patient_with_all_overdue_visits(window, roster, ctx):
    late = add_patient(roster, "M001", "Margaret Smith", days_ago=40)
    later = add_patient(roster, "M002", "王秀英", days_ago=20)
    ctx.changed.emit()
    page = show_page(window, window.phone_list)
    lines = _lines(page)
    assert [line.patient.mrn for line in lines] == ["M001", "M002"]  # D1 of M001: most days late
    for line, p in zip(lines, (late, later), strict=True):
        assert {e.visit.id for e in line.entries} == {v.id for v in _overdue(roster, p.id)}
    # rule 15 within the patient: the early safety checks, most days late first, then D28
    assert [e.visit.code for e in lines[0].entries] == [
        "D1", "D2", "D3", "D4", "D5", "D6", "D7", "D10", "D14", "D21", "D28"]
    assert [e.visit.code for e in lines[1].entries] == [
        "D1", "D2", "D3", "D4", "D5", "D6", "D7", "D10", "D14"]
    shown = page.proxy.index(0, 2).data()
    assert shown.startswith("D1 · Day 1 daily safety check; D2 · ")
    assert shown.endswith("; D28 · Day 28 response assessment")
    assert page.heading.text() == "Patients to call: 2 (overdue visits: 20)"


def test_a_reached_call_leads_straight_to_rebooking_the_overdue_visits(window, roster, ctx, qtbot):
    p = add_patient(roster, "M001", "Margaret Smith", days_ago=12)
    ctx.changed.emit()
    page = show_page(window, window.phone_list)
    overdue = _overdue(roster, p.id)
    # D10 (window ± 2 days since 2026-12) is still in its window on day 12
    assert [v.code for v in overdue] == ["D1", "D2", "D3", "D4", "D5", "D6", "D7"]
    before = [v.scheduled for v in roster.store.visits(patient_id=p.id)]
    new_days = [TODAY + timedelta(days=1 + i) for i in range(len(overdue))]
    seen = {}

    def call(dialog):
        _click(qtbot, _outcome(dialog, "reached"))
        _on_modal(RebookDialog, rebook)
        _click(qtbot, dialog.buttons.button(QDialogButtonBox.StandardButton.Save))

    def rebook(dialog):
        seen["codes"] = [e.accessibleName() for e in dialog.dates]
        for edit, day in zip(dialog.dates, new_days, strict=True):
            edit.setDate(day)
        _click(qtbot, dialog.buttons.button(QDialogButtonBox.StandardButton.Save))
        seen["refused"] = dialog.errors.general.text()  # not ticked: out of window, refused
        seen["unchanged"] = [v.scheduled for v in roster.store.visits(patient_id=p.id)]
        _click(qtbot, dialog.confirm)
        _click(qtbot, dialog.buttons.button(QDialogButtonBox.StandardButton.Save))

    _on_modal(CallDialog, call)
    _open_call(qtbot, page, 0)
    assert seen["codes"] == [f"New date for {v.code}" for v in overdue]
    assert "outside its window" in seen["refused"]
    assert seen["unchanged"] == before
    assert [c.outcome for c in roster.store.calls()] == ["reached"]
    after = {v.id: v for v in roster.store.visits(patient_id=p.id)}
    assert [after[v.id].scheduled for v in overdue] == new_days
    for v in overdue:
        moved = after[v.id]
        assert moved.moved_reason == "Reached by phone; rebooked"
        assert MOVED_BY_HAND in moved.flags and OUT_OF_WINDOW in moved.flags
        assert moved.status(TODAY) in (VisitStatus.UPCOMING, VisitStatus.DUE)
    assert _lines(page) == []  # nothing overdue left to call about


def test_cancelling_the_rebooking_leaves_the_visits_as_they_were(window, roster, ctx, qtbot):
    p = add_patient(roster, "M001", "Margaret Smith", days_ago=12)
    ctx.changed.emit()
    page = show_page(window, window.phone_list)
    before = roster.store.visits(patient_id=p.id)
    opened = []

    def call(dialog):
        _click(qtbot, _outcome(dialog, "reached"))
        _on_modal(RebookDialog, rebook)
        _click(qtbot, dialog.buttons.button(QDialogButtonBox.StandardButton.Save))

    def rebook(dialog):
        opened.append(dialog)
        dialog.dates[0].setDate(TODAY + timedelta(days=3))
        _click(qtbot, dialog.confirm)
        _click(qtbot, dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel))

    _on_modal(CallDialog, call)
    _open_call(qtbot, page, 0)
    assert len(opened) == 1
    assert roster.store.visits(patient_id=p.id) == before
    assert [c.outcome for c in roster.store.calls()] == ["reached"]  # the call itself is kept
    assert len(_lines(page)) == 1


def test_a_call_that_did_not_reach_the_patient_opens_no_rebooking(window, roster, ctx, qtbot):
    add_patient(roster, "M001", "Margaret Smith", days_ago=12)
    ctx.changed.emit()
    page = show_page(window, window.phone_list)
    shown = []

    def call(dialog):
        _click(qtbot, _outcome(dialog, "no_answer"))
        _click(qtbot, dialog.buttons.button(QDialogButtonBox.StandardButton.Save))

    _on_modal(CallDialog, call)
    _on_modal(RebookDialog, shown.append, timeout_ms=300)
    _open_call(qtbot, page, 0)
    qtbot.wait(400)
    assert shown == []
    assert [c.outcome for c in roster.store.calls()] == ["no_answer"]
    assert len(_lines(page)) == 1


def test_rebooking_on_a_closed_day_needs_its_own_tick(window, roster, ctx, qtbot):
    """Rule 13 in the rebook dialog: a Saturday picked by hand is refused until confirmed."""
    p = add_patient(roster, "M001", "Margaret Smith", days_ago=13)  # D10's window closed
    ctx.changed.emit()
    page = show_page(window, window.phone_list)
    d10 = next(v for v in _overdue(roster, p.id) if v.code == "D10")  # not an any-day visit
    saturday = TODAY + timedelta(days=5)
    seen = {}

    def call(dialog):
        _click(qtbot, _outcome(dialog, "reached"))
        _on_modal(RebookDialog, rebook)
        _click(qtbot, dialog.buttons.button(QDialogButtonBox.StandardButton.Save))

    def rebook(dialog):
        row = [v.id for v in dialog.visits].index(d10.id)
        assert dialog.confirm_closed.isHidden()
        dialog.dates[row].setDate(saturday)
        qtbot.wait(50)  # the tick box just shown is laid out before it is clicked
        seen["warned"] = dialog.closed_notes[row].text()
        _click(qtbot, dialog.confirm)
        _click(qtbot, dialog.buttons.button(QDialogButtonBox.StandardButton.Save))
        seen["refused"] = dialog.errors.general.text()
        seen["still"] = roster.store.visit(d10.id).scheduled
        _click(qtbot, dialog.confirm_closed)
        _click(qtbot, dialog.buttons.button(QDialogButtonBox.StandardButton.Save))

    _on_modal(CallDialog, call)
    _open_call(qtbot, page, 0)
    assert seen["warned"] == "⚠ A closed day (closed on Sat)."
    assert "clinic is closed" in seen["refused"] and seen["still"] == d10.scheduled
    assert roster.store.visit(d10.id).scheduled == saturday
