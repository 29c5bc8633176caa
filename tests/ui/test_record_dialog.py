"""The record dialog as a nurse drives it from the keyboard: Tab goes from value to value and
never through a unit or into the date; the date changes only from its calendar, with its warnings
shown at once and confirmed on Save; Esc with something entered asks before throwing it away."""

from datetime import date

import pytest
from cartclinic_ui.dialogs.date_choice import CalendarChoice
from cartclinic_ui.dialogs.record_visit import RecordVisitDialog, UnitChoice
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from ui_helpers import TODAY, add_patient, click_when_shown

from cartclinic.analytes import analyte

SUNDAY = date(2026, 3, 1)  # the day before TODAY: inside D10's window (02-28 to 03-04), closed


@pytest.fixture
def dialog(roster, ctx, qtbot):
    p = add_patient(roster)  # day 0 ten days before TODAY: D10 is due today
    visit = next(v for v in roster.store.visits(patient_id=p.id) if v.code == "D10")
    d = RecordVisitDialog(ctx, visit, p)
    qtbot.addWidget(d)
    d.show()
    qtbot.waitExposed(d)
    return d


def _pick_in_calendar(*keys):
    """On the next calendar shown: press these keys in it, then Enter (which takes the day)."""
    from pytestqt.qtbot import QtBot

    def pick(modal):
        assert isinstance(modal, CalendarChoice)
        for key in (*keys, Qt.Key.Key_Return):
            QtBot.keyClick(modal.calendar.focusWidget() or modal.calendar, key)

    click_when_shown(pick)


def _answer(text_part: str, seen: list | None = None):
    """On the next message box shown: note its text, click the button whose text has `text_part`."""
    def click(modal):
        assert isinstance(modal, QMessageBox)
        if seen is not None:
            seen.append(modal.text())
        next(b for b in modal.buttons() if text_part in b.text().replace("&", "")).click()

    click_when_shown(click)


def _tab_stops(qtbot, dialog) -> list:
    dialog.done_on.change_button.setFocus()
    seen = [QApplication.focusWidget()]
    for _ in range(30):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        widget = QApplication.focusWidget()
        if widget is seen[0]:
            break
        seen.append(widget)
    return seen


def test_tab_order_goes_from_value_to_value_and_skips_the_units(dialog, qtbot):
    stops = _tab_stops(qtbot, dialog)
    assert not any(isinstance(w, UnitChoice) for w in stops)
    values = [value for _, value, _ in dialog.lab_edits]
    assert [w for w in stops if w in values] == values  # IgG, CD19 B cells, CD4, ... in order
    assert stops[:3] == [dialog.done_on.change_button, dialog.checklist, dialog.status]
    assert dialog.notes in stops


def test_tab_and_arrow_keys_cannot_change_the_done_date(dialog, qtbot):
    dialog.done_on.change_button.setFocus()
    for _ in range(len(_tab_stops(qtbot, dialog)) + 1):
        widget = QApplication.focusWidget()
        for key in (Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown):
            qtbot.keyClick(widget, key)
        qtbot.keyClick(widget, Qt.Key.Key_Tab)
    assert dialog.done_on.date() == TODAY
    assert not dialog.done_on.text.focusPolicy() & Qt.FocusPolicy.TabFocus


def test_a_unit_not_on_the_list_cannot_be_entered(dialog, qtbot):
    for name, _value, unit in dialog.lab_edits:
        assert not unit.isEditable() and unit.lineEdit() is None
        assert tuple(unit.itemText(i) for i in range(unit.count())) == analyte(name).units
    igg_value, igg_unit = dialog.lab_edits[0][1], dialog.lab_edits[0][2]
    qtbot.mouseClick(igg_unit, Qt.MouseButton.LeftButton)  # it opens its list
    igg_unit.hidePopup()
    qtbot.keyClicks(igg_unit, "Z")
    assert igg_unit.currentText() in analyte("IgG").units
    qtbot.keyClicks(igg_value, "5.1")
    assert dialog.labs()[0].unit in ("g/L", "mg/dL")


def test_units_are_chosen_canonical_first_and_saved_as_chosen(dialog, roster, qtbot):
    name, value, unit = dialog.lab_edits[0]
    assert (name, unit.currentText()) == ("IgG", "g/L")
    unit.setCurrentIndex(unit.findText("mg/dL"))  # as a click in its list does
    qtbot.keyClicks(value, "510")
    qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Save), Qt.MouseButton.LeftButton)
    assert dialog.result() == dialog.DialogCode.Accepted
    (record,) = roster.store.records(dialog.patient.id)
    assert [(lab.name, lab.value, lab.unit) for lab in record.labs] == [("IgG", "510", "mg/dL")]


def test_escape_with_input_asks_and_keep_editing_keeps_the_dialog(dialog, roster, qtbot):
    qtbot.keyClicks(dialog.lab_edits[0][1], "3.1")
    seen: list[str] = []
    _answer("Keep editing", seen)
    qtbot.keyClick(dialog.lab_edits[0][1], Qt.Key.Key_Escape)
    assert seen and "D10" in seen[0]
    assert dialog.isVisible() and dialog.lab_edits[0][1].text() == "3.1"
    _answer("Discard")
    qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Cancel), Qt.MouseButton.LeftButton)
    assert not dialog.isVisible() and dialog.result() == dialog.DialogCode.Rejected
    assert roster.store.records(dialog.patient.id) == []


def test_escape_with_nothing_entered_closes_without_asking(dialog, qtbot):
    qtbot.keyClick(dialog.lab_edits[0][1], Qt.Key.Key_Escape)
    assert not dialog.isVisible() and dialog.result() == dialog.DialogCode.Rejected


def test_choosing_an_out_of_window_date_shows_the_warning_at_once(dialog, qtbot):
    assert dialog.window_note.isHidden()
    _pick_in_calendar(*[Qt.Key.Key_Left] * 5)  # Wednesday 2026-02-25
    qtbot.mouseClick(dialog.done_on.change_button, Qt.MouseButton.LeftButton)
    assert dialog.done_on.date() == date(2026, 2, 25)
    assert not dialog.window_note.isHidden()
    assert dialog.window_note.text() == (
        "⚠ 2026-02-25 is outside the window of D10 (2026-02-28 to 2026-03-04).")


def test_choosing_a_closed_day_shows_the_warning_at_once(dialog, qtbot):
    _pick_in_calendar(Qt.Key.Key_Left)
    qtbot.mouseClick(dialog.done_on.change_button, Qt.MouseButton.LeftButton)
    assert dialog.done_on.date() == SUNDAY
    assert dialog.window_note.text() == "⚠ The clinic was closed on 2026-03-01 (closed on Sun)."


def test_the_calendar_cancelled_leaves_the_date(dialog, qtbot):
    def cancel(modal):
        qtbot.keyClick(modal.calendar.focusWidget() or modal.calendar, Qt.Key.Key_Left)
        modal.reject()

    click_when_shown(cancel)
    qtbot.mouseClick(dialog.done_on.change_button, Qt.MouseButton.LeftButton)
    assert dialog.done_on.date() == TODAY and dialog.window_note.isHidden()


def test_saving_an_out_of_window_date_needs_a_confirmation(dialog, roster, qtbot):
    _pick_in_calendar(*[Qt.Key.Key_Left] * 5)
    qtbot.mouseClick(dialog.done_on.change_button, Qt.MouseButton.LeftButton)
    save = dialog.buttons.button(dialog.buttons.StandardButton.Save)
    seen: list[str] = []
    _answer("Change the date", seen)
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    assert "outside the window of D10" in seen[0]
    assert dialog.isVisible() and roster.store.records(dialog.patient.id) == []
    _answer("Save with this date")
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    assert dialog.result() == dialog.DialogCode.Accepted
    assert roster.store.records(dialog.patient.id)[0].done_on == date(2026, 2, 25)
    assert dialog.warnings == ("2026-02-25 is outside the window of D10 (2026-02-28 to 2026-03-04)",)


def test_saving_on_a_closed_day_needs_a_confirmation(dialog, roster, qtbot):
    _pick_in_calendar(Qt.Key.Key_Left)
    qtbot.mouseClick(dialog.done_on.change_button, Qt.MouseButton.LeftButton)
    seen: list[str] = []
    _answer("Change the date", seen)
    qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Save), Qt.MouseButton.LeftButton)
    assert "closed" in seen[0] and roster.store.records(dialog.patient.id) == []


def test_a_date_in_the_window_on_an_open_day_saves_without_asking(dialog, roster, qtbot):
    qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Save), Qt.MouseButton.LeftButton)
    assert dialog.result() == dialog.DialogCode.Accepted
    assert roster.store.records(dialog.patient.id)[0].done_on == TODAY


def test_the_calendar_shades_the_visits_window(dialog, qtbot):
    from PySide6.QtCore import QDate

    shaded = {}

    def look(modal):
        for d in (QDate(2026, 2, 27), QDate(2026, 2, 28), QDate(2026, 3, 4), QDate(2026, 3, 5)):
            shaded[d.toString("yyyy-MM-dd")] = modal.calendar.dateTextFormat(d).background().style() != Qt.BrushStyle.NoBrush
        modal.reject()

    click_when_shown(look)
    qtbot.mouseClick(dialog.done_on.change_button, Qt.MouseButton.LeftButton)
    assert shaded == {"2026-02-27": False, "2026-02-28": True, "2026-03-04": True, "2026-03-05": False}
