"""The interface language per person (issue 12, item 3): kept with the person in the roster
(NULL: the PC's setting), chosen by the person from File › My language or by an admin in the
staff dialog; on signing in the window comes up in that person's language, and a visit's label
with it (the protocol's Chinese)."""

from __future__ import annotations

import pytest
from cartclinic_ui import i18n
from cartclinic_ui.main_window import MainWindow
from cartclinic_ui.staff_dialog import StaffDialog
from conftest import ADMIN_PIN, NURSE, NURSE_PIN
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox
from test_events import choose
from ui_helpers import WHO, add_patient, visible_texts

DOCTOR = WHO  # the admin of the staff fixture, an English-speaking doctor here


@pytest.fixture(autouse=True)
def english_after(qapp):
    yield
    i18n.install(qapp, "en")


def _window(ctx) -> MainWindow:
    # not through qtbot.addWidget: the window deletes itself when rebuilt
    w = MainWindow(ctx)
    w.show()
    return w


def _sign_in_at_the_lock(window: MainWindow, qtbot, name: str, pin: str) -> MainWindow:
    """Lock the window and sign in as `name` the way a person does: type, click OK. The window
    that shows afterwards (the same one, or the one built again in another language)."""
    replaced: list = []
    window.replaced.connect(replaced.append)
    window.lock()
    dialog = window.unlock_dialog
    dialog.name.clear()
    qtbot.keyClicks(dialog.name, name)
    qtbot.keyClicks(dialog.pin, pin)
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok),
                     Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not window.is_locked())
    QApplication.processEvents()
    return replaced[-1] if replaced else window


def _menus(window: MainWindow) -> list[str]:
    return [a.text() for a in window.menuBar().actions()]


def test_person_language_doctor_in_english_nurse_in_chinese_share_the_pc(
        staff, roster, ctx, qtbot):
    staff.set_language(NURSE, "zh", ctx.user)
    staff.set_language(DOCTOR, "en", ctx.user)
    add_patient(roster, days_ago=10)  # b-all-cd19: D10 is due today
    window = _window(ctx)
    assert _menus(window)[0] == "&File" and i18n.current() == "en"
    assert "D10 · Day 10 safety check" in visible_texts()

    nurse = _sign_in_at_the_lock(window, qtbot, NURSE, NURSE_PIN)
    assert nurse is not window and ctx.who == NURSE
    assert _menus(nurse)[0] == "文件(&F)" and i18n.current() == "zh"
    texts = visible_texts()
    assert "D10 · 第10天 安全性检查" in texts and "D10 · Day 10 safety check" not in texts

    doctor = _sign_in_at_the_lock(nurse, qtbot, DOCTOR, ADMIN_PIN)
    assert doctor is not nurse and ctx.who == DOCTOR
    assert _menus(doctor)[0] == "&File" and i18n.current() == "en"
    assert "D10 · Day 10 safety check" in visible_texts()
    doctor.close()


def test_person_language_the_same_language_keeps_the_window(staff, ctx, qtbot):
    staff.set_language(NURSE, "en", ctx.user)
    window = _window(ctx)
    assert _sign_in_at_the_lock(window, qtbot, NURSE, NURSE_PIN) is window
    window.close()


def test_person_language_without_one_is_the_pc_setting(staff, ctx, qtbot):
    """A person who chose none (and a roster without people) follows the PC's setting."""
    i18n.save_language("zh")
    assert staff.store.user_by_name(NURSE).language is None
    assert i18n.person_language(staff.store.user_by_name(NURSE)) == "zh"
    assert i18n.person_language(None) == "zh"
    window = _window(ctx)
    new = _sign_in_at_the_lock(window, qtbot, NURSE, NURSE_PIN)
    assert _menus(new)[0] == "文件(&F)"
    new.close()


def test_person_language_chosen_from_the_menu_is_kept_with_the_person(staff, ctx, qtbot):
    window = _window(ctx)
    replaced: list = []
    window.replaced.connect(replaced.append)
    (chinese,) = [a for a in window.language_actions.actions() if a.data() == "zh"]
    chinese.trigger()
    qtbot.waitUntil(lambda: bool(replaced))
    assert staff.store.user_by_name(DOCTOR).language == "zh" and ctx.user.language == "zh"
    assert i18n.saved_language() == "en"  # the PC's setting is left to the others
    new = replaced[0]
    assert _menus(new)[0] == "文件(&F)"
    assert [a.data() for a in new.language_actions.actions() if a.isChecked()] == ["zh"]
    new.close()


def test_person_language_set_by_the_admin_in_the_staff_dialog(staff, ctx, qtbot):
    dialog = StaffDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.select(NURSE)
    assert dialog.language.currentData() is None  # the PC's setting
    choose(qtbot, dialog.language, "zh")  # applied when picked
    assert staff.store.user_by_name(NURSE).language == "zh"
    row = next(r for r, u in enumerate(dialog.model.rows()) if u.name == NURSE)
    assert dialog.model.index(row, 3).data() == "中文"
    # a new person with a language of their own
    qtbot.keyClicks(dialog.name, "Dr Wang")
    choose(qtbot, dialog.new_language, "zh")
    qtbot.keyClicks(dialog.pin, "8642")
    qtbot.keyClicks(dialog.pin_again, "8642")
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    assert staff.store.user_by_name("Dr Wang").language == "zh"


def test_person_language_a_nurse_cannot_set_another_persons(staff, roster):
    from cartclinic.errors import InputRefused

    nurse = staff.store.user_by_name(NURSE)
    with pytest.raises(InputRefused, match="not an admin"):
        staff.set_language(DOCTOR, "zh", nurse)
    assert staff.set_language(NURSE, "zh", nurse).language == "zh"  # their own: yes
    with pytest.raises(InputRefused, match="language: 'fr' is not en or zh"):
        staff.set_language(NURSE, "fr", nurse)


def test_person_language_record_dialog_in_chinese_keeps_the_visits_own_items(
        roster, ctx, qtbot, qapp):
    """The checklist shows the protocol's Chinese; what is kept is which of the visit's items
    were done, as the protocol names them (the same record whoever's language)."""
    from cartclinic_ui.dialogs.record_visit import RecordVisitDialog

    assert i18n.install(qapp, "zh")
    p = add_patient(roster)  # b-all-cd19, day 0 ten days ago: D10 is due today
    visit = next(v for v in roster.store.visits(patient_id=p.id) if v.code == "D10")
    dialog = RecordVisitDialog(ctx, visit, p)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    from PySide6.QtWidgets import QLabel

    assert any("D10 · 第10天 安全性检查" in w.text() for w in dialog.findChildren(QLabel))
    items = [dialog.checklist.item(i).text() for i in range(dialog.checklist.count())]
    assert items == list(visit.assessments_in("zh")) and items[0] != visit.assessments[0]
    first = dialog.checklist.item(0)
    dialog.checklist.setFocus()
    dialog.checklist.setCurrentRow(0)
    qtbot.keyClick(dialog.checklist, Qt.Key.Key_Space)  # ticks the item, as a nurse does
    assert first.checkState() == Qt.CheckState.Checked
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Save),
                     Qt.MouseButton.LeftButton)
    (record,) = roster.store.records(p.id)
    assert record.assessments_done == (visit.assessments[0],)
