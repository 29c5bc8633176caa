"""Recording an event through the real dialog (rule 11: nothing preselected, the visits it
cancels listed, saved only after an explicit confirmation) and what the patient's page shows
afterwards (rule 12: the state with its date, no letter, no visit actions)."""

from datetime import date, timedelta

import pytest
from cartclinic_ui.dialogs.event_dialog import EventConfirmation, EventDialog
from cartclinic_ui.dialogs.treatment_dialog import TreatmentDialog
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox
from ui_helpers import TODAY, WHO, add_patient, click_when_shown, show_page

from cartclinic.roster import NewTreatment
from cartclinic.status import OPEN_STATUSES, VisitStatus


def open_visits(roster, patient_id):
    return [v for v in roster.store.visits(patient_id=patient_id)
            if v.status(TODAY) in OPEN_STATUSES]


def choose(qtbot, combo, data):
    """Pick an item as a nurse does with the keyboard: open the list (F4), arrow down to the
    item, Enter. A closed list does not change from the arrow keys (test below)."""
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_F4)
    view = combo.view()
    qtbot.waitUntil(view.isVisible)
    wanted = combo.findData(data)
    for _ in range(combo.count()):
        if view.currentIndex().row() == wanted:
            break
        qtbot.keyClick(view, Qt.Key.Key_Down)
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert combo.currentData() == data


def test_the_event_kind_changes_only_when_the_list_is_opened(ctx, roster, qtbot, event_dialog):
    """A Tab too many then an arrow key, a typed letter or the wheel passing over must not
    turn "choose what happened" into a death: only an opened list picks."""
    dialog = event_dialog(ctx, add_patient(roster), qtbot)
    dialog.kind.setFocus()
    for key in (Qt.Key.Key_Down, Qt.Key.Key_Up, Qt.Key.Key_End, Qt.Key.Key_PageDown):
        qtbot.keyClick(dialog.kind, key)
    qtbot.keyClicks(dialog.kind, "dl")
    assert dialog.kind.currentData() is None
    assert not dialog.save_button.isEnabled()
    choose(qtbot, dialog.kind, "death")
    assert dialog.kind.currentData() == "death"


@pytest.fixture
def event_dialog():
    """The dialog, shown; at the end closed without its "discard?" question (a question left
    open would hold the test run; pytest-qt closes the widgets it was given before this)."""
    made = []

    def make(ctx, patient, qtbot) -> EventDialog:
        dialog = EventDialog(ctx, patient)
        made.append(dialog)
        dialog.show()
        return dialog
    yield make
    for dialog in made:
        dialog.has_input = lambda: False
        dialog.close()
        dialog.deleteLater()


def test_rule_11_no_event_kind_is_preselected_and_save_waits_for_one(ctx, roster, qtbot, event_dialog):
    p = add_patient(roster)
    dialog = event_dialog(ctx, p, qtbot)
    assert dialog.kind.currentData() is None
    assert not dialog.save_button.isEnabled()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)  # does nothing
    assert dialog.isVisible() and roster.store.events(p.id) == []
    choose(qtbot, dialog.kind, "death")
    assert dialog.save_button.isEnabled()


def test_rule_11_a_death_lists_the_visits_it_cancels_and_going_back_writes_nothing(
        ctx, roster, qtbot, event_dialog):
    p = add_patient(roster)
    before = roster.store.visits(patient_id=p.id)
    to_cancel = open_visits(roster, p.id)
    dialog = event_dialog(ctx, p, qtbot)
    choose(qtbot, dialog.kind, "death")
    seen = {}

    def look_then_go_back(modal):
        assert isinstance(modal, EventConfirmation)
        seen["rows"] = modal.rows()
        seen["summary"] = modal.summary.text()
        seen["goes_on"] = modal.goes_on.text()
        qtbot.mouseClick(modal.back_button, Qt.MouseButton.LeftButton)

    click_when_shown(look_then_go_back)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert [row[0] for row in seen["rows"]] == [v.code for v in to_cancel]
    first = to_cancel[0]
    assert seen["rows"][0][1] == first.label
    assert seen["rows"][0][2].startswith(first.scheduled.isoformat())
    assert f"These {len(to_cancel)} visits will be cancelled" in seen["summary"]
    assert "No letter and no visit action" in seen["goes_on"]
    # nothing written, the form still open
    assert roster.store.events(p.id) == []
    assert roster.store.visits(patient_id=p.id) == before
    assert dialog.isVisible()


def test_rule_11_a_confirmed_death_is_written_and_cancels_the_listed_visits(
        ctx, roster, qtbot, event_dialog):
    p = add_patient(roster)
    to_cancel = {v.id for v in open_visits(roster, p.id)}
    dialog = event_dialog(ctx, p, qtbot)
    choose(qtbot, dialog.kind, "death")
    click_when_shown(lambda modal: qtbot.mouseClick(modal.confirm_button,
                                                    Qt.MouseButton.LeftButton))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
    (event,) = roster.store.events(p.id)
    assert (event.kind, event.event_date) == ("death", TODAY)
    cancelled = {v.id for v in roster.store.visits(patient_id=p.id)
                 if v.cancelled_by_event == event.id}
    assert cancelled == to_cancel
    assert open_visits(roster, p.id) == []


def test_rule_11_a_relapse_says_what_goes_on(ctx, roster, qtbot, event_dialog):
    p = add_patient(roster, days_ago=20)
    dialog = event_dialog(ctx, p, qtbot)
    choose(qtbot, dialog.kind, "relapse")
    seen = {}

    def look(modal):
        seen["codes"] = [row[0] for row in modal.rows()]
        seen["goes_on"] = modal.goes_on.text()
        qtbot.mouseClick(modal.confirm_button, Qt.MouseButton.LeftButton)

    click_when_shown(look)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    response = [v for v in roster.store.visits(patient_id=p.id) if v.kind == "response"]
    assert seen["codes"] == [v.code for v in sorted(response, key=lambda v: v.scheduled)]
    assert "Safety, monitoring, long-term and registry visits go on" in seen["goes_on"]
    assert all(v.status(TODAY) == VisitStatus.CANCELLED for v in response)


def test_rule_11_escape_with_a_kind_chosen_asks_before_closing(ctx, roster, qtbot, event_dialog):
    p = add_patient(roster)
    dialog = event_dialog(ctx, p, qtbot)
    choose(qtbot, dialog.kind, "withdrawal")
    asked = []

    def answer(button):
        def press(modal):
            assert isinstance(modal, QMessageBox)
            asked.append(modal.text())
            qtbot.mouseClick(modal.button(button), Qt.MouseButton.LeftButton)
        return press

    click_when_shown(answer(QMessageBox.StandardButton.Cancel))
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert asked and dialog.isVisible()
    click_when_shown(answer(QMessageBox.StandardButton.Discard))
    dialog.close()  # the window's close button
    assert len(asked) == 2 and not dialog.isVisible()
    assert dialog.result() == QDialog.DialogCode.Rejected
    assert roster.store.events(p.id) == []


def test_rule_11_escape_on_an_untouched_form_closes_at_once(ctx, roster, qtbot, event_dialog):
    p = add_patient(roster)
    dialog = event_dialog(ctx, p, qtbot)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible() and QApplication.activeModalWidget() is None


def test_rule_9_a_re_infusion_lists_the_earlier_visits_it_supersedes(ctx, roster, qtbot):
    p = add_patient(roster, days_ago=300)
    day0 = TODAY - timedelta(days=30)
    old = roster.store.treatments(p.id)[0]
    superseded = [v for v in roster.store.visits(treatment_id=old.id)
                  if v.scheduled >= day0 and v.status(TODAY) != VisitStatus.DONE]
    dialog = TreatmentDialog(ctx, p, reinfusion=True)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.fields.product.lineEdit(), "tisagenlecleucel")
    qtbot.keyClicks(dialog.fields.target, "CD19")
    dialog.fields.infusion.setDate(QDate(day0.year, day0.month, day0.day))
    dialog.fields.check_protocol("b-all-cd19")
    seen = {}

    def look(modal):
        seen["codes"] = [row[0] for row in modal.rows()]
        qtbot.mouseClick(modal.back_button, Qt.MouseButton.LeftButton)

    click_when_shown(look)
    qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Save),
                     Qt.MouseButton.LeftButton)
    assert seen["codes"] == [v.code for v in superseded]
    assert len(roster.store.treatments(p.id)) == 1  # went back: nothing saved
    click_when_shown(lambda modal: qtbot.mouseClick(modal.confirm_button,
                                                    Qt.MouseButton.LeftButton))
    qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Save),
                     Qt.MouseButton.LeftButton)
    assert len(roster.store.treatments(p.id)) == 2
    assert all(roster.store.visit(v.id).cancelled_reason
               == f"superseded by re-infusion on {day0.isoformat()}" for v in superseded)


# -- rule 12 on the patient's page ------------------------------------------------------------
def test_rule_12_after_a_death_the_header_says_so_and_letters_and_visit_actions_are_off(
        window, ctx, roster, qtbot):
    p = add_patient(roster, days_ago=60)
    roster.record_event(p.id, "death", TODAY - timedelta(days=2), WHO, TODAY)
    window.open_patient(p.id)
    page = window.current_page()
    assert page.state_badge.isVisible()
    assert page.state_badge.text() == (
        "Deceased on 2026-02-28: no letters and no visit actions.")
    assert not page.letter_button.isEnabled()
    assert page.letter_button.toolTip() == page.state_badge.text()
    assert not page.event_button.isEnabled()
    assert page.flags.isHidden()  # no clinical flag to act on ("vaccines from ...")
    # a visit chosen in the schedule: the actions stay off, saying why
    row = next(r for r in range(page.schedule_proxy.rowCount())
               if page.schedule_proxy.index(r, 0).data() == "D1")
    page.table.selectRow(row)
    for action in (page.row_actions.record, page.row_actions.reschedule,
                   page.row_actions.missed):
        assert not action.isEnabled()
        assert action.toolTip() == page.state_badge.text()
    assert page.row_actions.sheet.isEnabled()  # a sheet for the record can still be printed
    roster_page = show_page(window, window.roster_page)
    assert roster_page.model.index(0, 8).data() == "deceased on 2026-02-28"


def test_rule_12_a_relapse_shows_on_the_header_until_a_response(window, ctx, roster, qtbot):
    p = add_patient(roster, days_ago=60)
    roster.record_event(p.id, "relapse", TODAY - timedelta(days=5), WHO, TODAY)
    window.open_patient(p.id)
    page = window.current_page()
    assert page.disease_badge.isVisible()
    assert page.disease_badge.text() == "Relapse on 2026-02-25: no response recorded since"
    assert page.letter_button.isEnabled() and not page.state_badge.isVisible()
    m2 = next(v for v in roster.store.visits(patient_id=p.id) if v.code == "M2")
    ctx.write(lambda: roster.record_visit(m2.id, TODAY, WHO, TODAY, disease_status="CR"))
    assert not page.disease_badge.isVisible()


def test_rule_12_visit_actions_from_another_list_refuse_a_deceased_patient(
        window, ctx, roster, qtbot, monkeypatch):
    p = add_patient(roster, days_ago=60)
    d1 = next(v for v in roster.store.visits(patient_id=p.id) if v.code == "D1")
    roster.record_event(p.id, "death", TODAY, WHO, TODAY)
    told = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: told.append(a[2]))
    assert not window.visit_actions.record(d1, window)
    assert told == ["Deceased on 2026-03-02: no letters and no visit actions."]


def test_rule_9_the_patient_page_lists_each_treatment_with_its_own_day_count(
        window, ctx, roster, qtbot):
    p = add_patient(roster, days_ago=300)
    roster.reinfuse(p.id, NewTreatment("tisagenlecleucel", TODAY - timedelta(days=30),
                                       ("b-all-cd19",), "CD19", TODAY - timedelta(days=30)),
                    WHO, TODAY)
    window.open_patient(p.id)
    page = window.current_page()
    text = page.details.text()
    assert "<b>Day +300</b>" in text and "<b>Day +30</b>" in text
    assert date(2026, 1, 31).isoformat() in text  # the new day 0


def test_rule_9_the_timeline_counts_each_visit_from_its_own_day_0(window, ctx, roster, qtbot):
    p = add_patient(roster, days_ago=300)  # infused 2025-05-06
    day0 = TODAY - timedelta(days=30)      # re-infused 2026-01-31
    new = roster.reinfuse(p.id, NewTreatment("tisagenlecleucel", day0, ("b-all-cd19",), "CD19",
                                             day0), WHO, TODAY)
    window.open_patient(p.id)
    page = window.current_page()
    assert page.span_100.isChecked()  # the new infusion's first 100 days
    assert page.timeline._day0() == day0
    visits = {(v.treatment_id == new, v.code): v for v in roster.store.visits(patient_id=p.id)}
    d28 = visits[(True, "D28")]  # target Saturday 28 Feb, placed on the Friday
    assert (d28.target, d28.scheduled) == (date(2026, 2, 28), date(2026, 2, 27))
    assert page.timeline.day_of(d28) == 27
    assert visits[(False, "M6")].scheduled == date(2025, 11, 6)
    assert page.timeline.day_of(visits[(False, "M6")]) == 184
    page.span_15y.click()
    assert page.timeline._day0() == date(2025, 5, 6)


def test_rule_11_a_death_after_a_re_infusion_says_which_treatment_each_visit_is_of(
        ctx, roster, qtbot, event_dialog):
    p = add_patient(roster, days_ago=300)  # infused 2025-05-06, its overdue visits still open
    day0 = TODAY - timedelta(days=30)
    roster.reinfuse(p.id, NewTreatment("tisagenlecleucel", day0, ("b-all-cd19",), "CD19", day0),
                    WHO, TODAY)
    dialog = event_dialog(ctx, p, qtbot)
    choose(qtbot, dialog.kind, "death")
    seen = {}

    def look(modal):
        table = modal.visits
        seen["columns"] = table.columnCount()
        seen["treatments"] = {table.item(r, 3).text() for r in range(table.rowCount())}
        qtbot.mouseClick(modal.back_button, Qt.MouseButton.LeftButton)

    click_when_shown(look)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert seen["columns"] == 4
    assert seen["treatments"] == {"day 0 2025-05-06", "day 0 2026-01-31"}
    assert roster.store.events(p.id)[-1].kind == "re_infusion"  # the death was not written
