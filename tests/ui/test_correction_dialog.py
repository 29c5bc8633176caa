"""Rule 11 on the patient page: "Entered in error…" for the selected entry shows what will be
put back, asks for a reason, and saves; the event stays listed, marked entered in error."""

from __future__ import annotations

from datetime import timedelta

from cartclinic_ui.dialogs.correction_dialog import CorrectionDialog
from PySide6.QtCore import Qt
from ui_helpers import TODAY, WHO, add_patient, click_when_shown, show_page


def _schedule(roster, patient_id):
    return [(v.code, v.scheduled, v.cancelled_reason, str(v.status(TODAY)))
            for v in roster.store.visits(patient_id=patient_id)]


def _fill_and_save(qtbot, seen: dict, reason: str):
    def act(dialog):
        if not isinstance(dialog, CorrectionDialog):
            return
        seen["entry"] = dialog.chosen()
        seen["preview"] = "\n".join(dialog.preview_lines())
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)  # no reason yet
        seen["refused"] = dialog.isVisible()
        qtbot.keyClicks(dialog.reason, reason)
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    return act


def test_rule_11_a_death_entered_in_error_from_the_patient_page(window, roster, qtbot):
    p = add_patient(roster, days_ago=40)
    before = _schedule(roster, p.id)
    event_id, _ = roster.record_event(p.id, "death", TODAY - timedelta(days=1), WHO, TODAY)
    window.ctx.changed.emit()
    page = show_page(window, window.open_patient(p.id))
    page.tabs.setCurrentWidget(page.events_table)
    page.events_table.selectRow(0)
    seen: dict = {}
    click_when_shown(_fill_and_save(qtbot, seen, "death was another patient's"))
    qtbot.mouseClick(page.correction_button, Qt.MouseButton.LeftButton)
    assert (seen["entry"].kind, seen["entry"].entry_id) == ("event", event_id)
    assert "cancelled → " in seen["preview"] and "M2" in seen["preview"]
    assert seen["refused"]  # a reason is required: the dialog stayed open
    assert _schedule(roster, p.id) == before
    shown = page.events.index(0, 1).data()
    assert "entered in error" in shown
    (c,) = roster.store.corrections(p.id)
    assert (c.reason, c.who) == ("death was another patient's", WHO)


def test_rule_11_a_missed_mark_entered_in_error_from_the_selected_visit(window, roster, qtbot):
    p = add_patient(roster, days_ago=40)
    before = _schedule(roster, p.id)
    d28 = next(v for v in roster.store.visits(patient_id=p.id) if v.code == "D28")
    roster.mark_missed(d28.id, WHO, TODAY)
    window.ctx.changed.emit()
    page = show_page(window, window.open_patient(p.id))
    proxy = page.schedule_proxy
    row = next(r for r in range(proxy.rowCount())
               if getattr(proxy.object_at(proxy.index(r, 0)), "id", None) == d28.id)
    page.table.setCurrentIndex(proxy.index(row, 0))
    seen: dict = {}
    click_when_shown(_fill_and_save(qtbot, seen, "she came that day"))
    qtbot.mouseClick(page.correction_button, Qt.MouseButton.LeftButton)
    assert (seen["entry"].kind, seen["entry"].entry_id) == ("missed", d28.id)
    assert "D28" in seen["preview"]
    assert _schedule(roster, p.id) == before


def test_rule_11_a_visit_that_stays_cancelled_by_another_event_says_which(window, roster, qtbot):
    """Lost to follow-up, then a withdrawal: correcting the loss leaves the visits cancelled by
    the withdrawal. The preview names it, never a bare "cancelled → cancelled"."""
    p = add_patient(roster, days_ago=40)
    lost_id, _ = roster.record_event(p.id, "lost_to_follow_up", TODAY - timedelta(days=10),
                                     WHO, TODAY)
    roster.record_event(p.id, "withdrawal", TODAY - timedelta(days=5), WHO, TODAY)
    window.ctx.changed.emit()
    page = show_page(window, window.open_patient(p.id))
    page.tabs.setCurrentWidget(page.events_table)
    proxy = page.events_proxy
    row = next(r for r in range(proxy.rowCount())
               if proxy.object_at(proxy.index(r, 0)).id == lost_id)
    page.events_table.selectRow(row)
    seen: dict = {}

    def look(dialog):
        if isinstance(dialog, CorrectionDialog):
            seen["entry"] = dialog.chosen()
            seen["lines"] = dialog.preview_lines()
            qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Cancel),
                             Qt.MouseButton.LeftButton)

    click_when_shown(look)
    qtbot.mouseClick(page.correction_button, Qt.MouseButton.LeftButton)
    assert (seen["entry"].kind, seen["entry"].entry_id) == ("event", lost_id)
    m2 = next(line for line in seen["lines"] if line.startswith("M2"))
    withdrawal = f"withdrawal of consent on {TODAY - timedelta(days=5)}"
    assert f"cancelled → cancelled ({withdrawal})" in m2.lower(), m2
    # the change before the visit's label, which is long and was pushing it out of sight
    assert m2.lower().index("cancelled →") < m2.index("Month 2"), m2


def test_rule_11_a_reschedule_entered_in_error_shows_the_day_the_visit_goes_back_from(
        window, roster, qtbot):
    p = add_patient(roster, days_ago=20)
    m2 = next(v for v in roster.store.visits(patient_id=p.id) if v.code == "M2")
    moved_to = m2.scheduled + timedelta(days=7)
    roster.reschedule(m2.id, moved_to, "patient away", WHO, TODAY, confirm_out_of_window=True)
    window.ctx.changed.emit()
    page = show_page(window, window.open_patient(p.id))
    proxy = page.schedule_proxy
    row = next(r for r in range(proxy.rowCount())
               if getattr(proxy.object_at(proxy.index(r, 0)), "id", None) == m2.id)
    page.table.setCurrentIndex(proxy.index(row, 0))
    seen: dict = {}

    def look(dialog):
        if isinstance(dialog, CorrectionDialog):
            seen["entry"] = dialog.chosen()
            seen["lines"] = dialog.preview_lines()
            qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Cancel),
                             Qt.MouseButton.LeftButton)

    click_when_shown(look)
    qtbot.mouseClick(page.correction_button, Qt.MouseButton.LeftButton)
    assert (seen["entry"].kind, seen["entry"].entry_id) == ("reschedule", m2.id)
    line = next(line for line in seen["lines"] if line.startswith("M2"))
    assert f"{moved_to.isoformat()} → {m2.scheduled.isoformat()}" in line, line
