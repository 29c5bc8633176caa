"""Work on visits from the worklist: record, reschedule, mark missed, events, calls."""

from datetime import timedelta

from cartclinic_ui.dialogs.call_dialog import CallDialog
from cartclinic_ui.dialogs.event_dialog import EventDialog
from cartclinic_ui.dialogs.record_visit import RecordVisitDialog
from cartclinic_ui.dialogs.reschedule import RescheduleDialog
from cartclinic_ui.models.base import OBJECT_ROLE
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog
from ui_helpers import TODAY, add_patient, click_when_shown, show_page

from cartclinic import views
from cartclinic.model import TERMINAL_EVENTS
from cartclinic.status import OPEN_STATUSES, VisitStatus


def _due_entries(window):
    model = window.worklist.sections[views.DUE_TODAY].model
    return [model.index(r, 0).data(OBJECT_ROLE) for r in range(model.rowCount())]


def test_record_a_visit_and_the_worklist_shrinks(window, roster, ctx, qtbot):
    add_patient(roster, "M001", "王秀英")
    add_patient(roster, "M002", "Margaret Smith")
    ctx.changed.emit()
    before = _due_entries(window)
    assert len(before) == 2
    line = before[0]
    # as the visit actions do: the line is a brief; the dialog gets the full visit and patient
    visit, patient = roster.store.visit(line.visit.id), roster.store.patient(line.visit.patient_id)
    assert (patient.name, patient.mrn, visit.assessments) == (
        line.visit.patient_name, line.visit.mrn, line.visit.assessments)
    dialog = RecordVisitDialog(ctx, visit, patient, window)
    qtbot.addWidget(dialog)
    assert dialog.checklist.count() == len(visit.assessments)
    dialog.checklist.item(0).setCheckState(dialog.checklist.item(0).checkState().Checked)
    dialog.lab_edits[0][1].setText("3.1")  # IgG
    assert dialog.window_note.isHidden()
    dialog._save()
    assert dialog.result() == dialog.DialogCode.Accepted
    assert len(_due_entries(window)) == 1
    record = roster.store.records(patient.id)[0]
    assert record.labs[0].name == "IgG" and record.assessments_done == (visit.assessments[0],)


def test_record_warns_outside_the_window(ctx, roster, qtbot):
    p = add_patient(roster)
    visit = next(v for v in roster.store.visits(patient_id=p.id) if v.code == "D10")
    dialog = RecordVisitDialog(ctx, visit, p)
    qtbot.addWidget(dialog)
    dialog.done_on.set_date(TODAY - timedelta(days=5))
    assert not dialog.window_note.isHidden()


def _save_button(dialog):
    from PySide6.QtWidgets import QDialogButtonBox
    return dialog.buttons.button(QDialogButtonBox.StandardButton.Save)


def test_reschedule_to_an_open_day_in_the_window_asks_nothing(window, roster, ctx, qtbot):
    p = add_patient(roster)  # infused Friday 20 February; D14 window Thu 5 - Sun 8 March
    d14 = next(v for v in roster.store.visits(patient_id=p.id) if v.code == "D14")
    dialog = RescheduleDialog(ctx, d14, p, window)
    qtbot.addWidget(dialog)
    dialog.new_date.set_date(TODAY + timedelta(days=3))  # Thursday 5 March
    assert dialog.window_note.isHidden()
    qtbot.keyClicks(dialog.reason, "patient asked")
    qtbot.mouseClick(_save_button(dialog), Qt.MouseButton.LeftButton)
    assert dialog.result() == dialog.DialogCode.Accepted
    assert roster.store.visit(d14.id).scheduled == TODAY + timedelta(days=3)


def test_rule_13_reschedule_dialog_names_a_closed_day_before_saving_and_asks_to_confirm(
        window, roster, ctx, qtbot):
    from cartclinic.schedule import CLOSED_DAY

    p = add_patient(roster)
    d14 = next(v for v in roster.store.visits(patient_id=p.id) if v.code == "D14")
    dialog = RescheduleDialog(ctx, d14, p, window)
    qtbot.addWidget(dialog)
    saturday = TODAY + timedelta(days=5)  # inside D14's window, but the clinic is closed
    dialog.new_date.set_date(saturday)
    assert not dialog.window_note.isHidden()
    assert "is a closed day (closed on Sat)" in dialog.window_note.text()
    qtbot.keyClicks(dialog.reason, "only day the family can drive")
    shown = []

    def go_back(modal):
        shown.append(modal.table.item(0, 5).text())
        qtbot.mouseClick(modal.back_button, Qt.MouseButton.LeftButton)

    click_when_shown(go_back)
    qtbot.mouseClick(_save_button(dialog), Qt.MouseButton.LeftButton)
    assert shown == ["closed day"]
    assert roster.store.visit(d14.id) == d14, "Go back saves nothing"
    assert dialog.result() != dialog.DialogCode.Accepted
    click_when_shown(lambda modal: qtbot.mouseClick(modal.confirm_button,
                                                    Qt.MouseButton.LeftButton))
    qtbot.mouseClick(_save_button(dialog), Qt.MouseButton.LeftButton)
    moved = roster.store.visit(d14.id)
    assert moved.scheduled == saturday and CLOSED_DAY in moved.flags


def test_reschedule_out_of_window_is_confirmed_first(window, roster, ctx, qtbot):
    p = add_patient(roster)
    d14 = next(v for v in roster.store.visits(patient_id=p.id) if v.code == "D14")
    dialog = RescheduleDialog(ctx, d14, p, window)
    qtbot.addWidget(dialog)
    far = d14.window_end + timedelta(days=12)  # Friday 20 March
    dialog.new_date.set_date(far)
    assert "outside its window" in dialog.window_note.text()
    qtbot.keyClicks(dialog.reason, "transport")
    click_when_shown(lambda modal: qtbot.mouseClick(modal.confirm_button,
                                                    Qt.MouseButton.LeftButton))
    qtbot.mouseClick(_save_button(dialog), Qt.MouseButton.LeftButton)
    assert roster.store.visit(d14.id).scheduled == far


def test_reschedule_needs_a_reason(ctx, roster, qtbot):
    p = add_patient(roster)
    d10 = next(v for v in roster.store.visits(patient_id=p.id) if v.code == "D10")
    dialog = RescheduleDialog(ctx, d10, p)
    qtbot.addWidget(dialog)
    dialog._save()
    assert dialog.result() != dialog.DialogCode.Accepted
    assert not dialog.errors.labels["reason"].isHidden()


def test_a_death_cancels_the_future_visits(window, roster, ctx, qtbot):
    p = add_patient(roster)
    ctx.changed.emit()
    open_before = [v for v in roster.store.visits(patient_id=p.id)
                   if v.status(TODAY) in OPEN_STATUSES]
    dialog = EventDialog(ctx, p, window)
    qtbot.addWidget(dialog)
    dialog.kind.setCurrentIndex(dialog.kind.findData("death"))
    assert "death" in TERMINAL_EVENTS
    assert f"{len(open_before)} future visits will be cancelled" in dialog.preview.text()
    # saved only after the confirmation (rule 11; tests/ui/test_events.py clicks through it)
    click_when_shown(lambda modal: modal.confirm_button.click())
    dialog.save_button.click()
    assert dialog.result() == dialog.DialogCode.Accepted
    after = roster.store.visits(patient_id=p.id)
    assert all(v.status(TODAY) in (VisitStatus.CANCELLED, VisitStatus.PRIOR) for v in after)
    assert _due_entries(window) == []
    assert show_page(window, window.roster_page).model.index(0, 8).data() == f"deceased on {TODAY}"


def test_mark_missed_from_the_worklist(window, roster, ctx, monkeypatch):
    add_patient(roster)
    ctx.changed.emit()
    entry = _due_entries(window)[0]
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("no show", True))
    assert window.visit_actions.mark_missed(entry, window)
    assert roster.store.visit(entry.visit.id).missed_on == TODAY
    assert _due_entries(window) == []


def test_phone_list_keeps_call_outcomes(window, roster, ctx, qtbot):
    p = add_patient(roster, days_ago=60)
    # tracked from the infusion 60 days ago: the early visits are overdue
    ctx.changed.emit()
    page = show_page(window, window.phone_list)
    assert page.model.rowCount() >= 1
    line = page.model.index(0, 0).data(OBJECT_ROLE)
    assert line.calls == ()
    entry = line.entries[0]
    dialog = CallDialog(ctx, entry.patient, entry.visit, window)
    qtbot.addWidget(dialog)
    dialog.outcome.button(1).setChecked(True)  # no answer
    dialog._save()
    line = page.model.index(0, 0).data(OBJECT_ROLE)
    assert [(c.outcome, c.who, c.called_on) for c in line.calls] == [("no_answer", ctx.who, TODAY)]
    assert p.id == line.patient.id


def test_the_reschedule_and_event_dates_cannot_be_moved_by_tab_and_arrow_keys(ctx, roster,
                                                                               qtbot):
    """A nurse tabbing through a form and pressing an arrow key never moves a visit's new date
    or an event's date (the date is text; only the calendar behind "Change…" changes it)."""
    p = add_patient(roster)
    d14 = next(v for v in roster.store.visits(patient_id=p.id) if v.code == "D14")
    reschedule = RescheduleDialog(ctx, d14, p)
    event = EventDialog(ctx, p)
    for dialog, field in ((reschedule, reschedule.new_date), (event, event.day)):
        qtbot.addWidget(dialog)
        dialog.show()
        before = field.date()
        for _ in range(12):
            qtbot.keyClick(dialog.focusWidget() or dialog, Qt.Key.Key_Tab)
            for key in (Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown):
                qtbot.keyClick(dialog.focusWidget() or dialog, key)
        assert field.date() == before
