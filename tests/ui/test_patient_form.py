"""The patient form: the date of birth starts empty and is required; the address and next of kin
are saved and shown where a nurse looks when the patient cannot be reached; a letter asks for
the clinic's phone first when it is not set."""

from dataclasses import replace
from datetime import date, timedelta

from cartclinic_ui.dialogs.call_dialog import CallDialog
from cartclinic_ui.dialogs.patient_dialog import PatientDialog
from PySide6.QtCore import Qt
from ui_helpers import TODAY, WHO, add_patient, show_page


def _save(qtbot, dialog) -> None:
    qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Save),
                     Qt.MouseButton.LeftButton)


def _retype(qtbot, edit, text: str) -> None:
    edit.selectAll()
    qtbot.keyClick(edit, Qt.Key.Key_Delete)
    qtbot.keyClicks(edit, text)


def _type_lines(qtbot, edit, lines: list[str]) -> None:
    for i, line in enumerate(lines):
        if i:
            qtbot.keyClick(edit, Qt.Key.Key_Return)
        qtbot.keyClicks(edit, line)


def test_the_form_opens_with_an_empty_date_of_birth_and_save_is_refused_until_one_is_given(
        window, ctx, roster, qtbot):
    dialog = PatientDialog(ctx, parent=window)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.born.text() == ""  # not 1970-01-01
    assert dialog.born.placeholderText() == "YYYY-MM-DD"
    qtbot.keyClicks(dialog.mrn, "A-2001")
    dialog.name.setText("王秀英")  # QTest types ASCII only
    qtbot.keyClicks(dialog.diagnosis, "Relapsed B-ALL")
    t = dialog.treatment
    t.product.setCurrentText("tisagenlecleucel (Kymriah)")
    t.infusion.setDate(TODAY - timedelta(days=10))
    t.tracked.setDate(TODAY - timedelta(days=10))
    t.check_protocol("b-all-cd19")
    born_error = dialog.errors.labels["date_of_birth"]
    for typed, says in (("", "empty; the date of birth is required"),
                        ("1950-02-30", "'1950-02-30' does not exist in the calendar"),
                        ("03/04/1950", "is not an ISO date"),
                        ((TODAY + timedelta(days=1)).isoformat(), "is in the future")):
        _retype(qtbot, dialog.born, typed)
        _save(qtbot, dialog)
        assert dialog.isVisible() and dialog.result() != dialog.DialogCode.Accepted, typed
        assert not born_error.isHidden() and says in born_error.text(), born_error.text()
        assert roster.store.patients() == []
    _retype(qtbot, dialog.born, "1946-02-11")
    _save(qtbot, dialog)
    assert dialog.result() == dialog.DialogCode.Accepted
    (p,) = roster.store.patients()
    assert p.date_of_birth == date(1946, 2, 11)


def test_the_address_and_next_of_kin_fields_save_and_show_on_the_patient_page(
        window, ctx, roster, qtbot):
    p = add_patient(roster, "M001", "王秀英")
    dialog = PatientDialog(ctx, roster.store.patient(p.id), parent=window)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.born.text() == "1970-05-01"  # an edit shows the date it has
    _type_lines(qtbot, dialog.address, ["Flat 3, 14 Riverside Road ", "", "London", "SE1 7PB"])
    dialog.next_of_kin.setText("李伟")  # QTest types ASCII only
    dialog.relationship.setText("儿子")
    qtbot.keyClicks(dialog.kin_phone, "+86 139 0000 1111")
    _save(qtbot, dialog)
    assert dialog.result() == dialog.DialogCode.Accepted
    saved = roster.store.patient(p.id)
    assert saved.address == "Flat 3, 14 Riverside Road\nLondon\nSE1 7PB"  # blank line dropped
    assert (saved.next_of_kin, saved.next_of_kin_relationship, saved.next_of_kin_phone) == (
        "李伟", "儿子", "+86 139 0000 1111")
    page = window.open_patient(p.id)
    details = page.details.text()
    assert "Next of kin: 李伟 (儿子) · ☎ +86 139 0000 1111" in details
    # right under the line with the patient's own phone
    assert details.index("+44 7700 900123") < details.index("Next of kin")
    assert "Address: Flat 3, 14 Riverside Road, London, SE1 7PB" in details
    call = CallDialog(ctx, saved, None, window)
    qtbot.addWidget(call)
    assert any("Next of kin: 李伟 (儿子)" in label.text() for label in call.findChildren(
        type(page.details)))


def test_a_refused_address_is_shown_beside_its_field(window, ctx, roster, qtbot):
    p = add_patient(roster, "M001", "Margaret Smith")
    dialog = PatientDialog(ctx, roster.store.patient(p.id), parent=window)
    qtbot.addWidget(dialog)
    dialog.show()
    _type_lines(qtbot, dialog.address, ["1", "2", "3", "4", "5", "6"])
    qtbot.keyClicks(dialog.kin_phone, "+44 1")
    _save(qtbot, dialog)
    assert dialog.result() != dialog.DialogCode.Accepted
    assert "6 lines; at most 5" in dialog.errors.labels["address"].text()
    assert "give the name" in dialog.errors.labels["next_of_kin"].text()
    assert roster.store.patient(p.id).address == ""


def test_a_patient_with_no_next_of_kin_says_so_on_the_page(window, roster):
    p = add_patient(roster, "M001", "Margaret Smith")
    page = window.open_patient(p.id)
    assert "Next of kin: none given" in page.details.text()


def test_print_letter_without_a_clinic_phone_asks_for_it_then_prints(window, ctx, roster, qtbot):
    p = add_patient(roster, "M001", "王秀英")
    assert roster.settings().clinic_phone == ""
    page = window.open_patient(p.id)
    qtbot.mouseClick(page.letter_button, Qt.MouseButton.LeftButton)
    prompt = window.printing.phone_prompt
    assert prompt is not None and prompt.isVisible()
    assert window.printing.last_preview is None  # nothing printed before the number is given
    qtbot.keyClicks(prompt.phone, "ring the ward")
    _save(qtbot, prompt)
    assert prompt.isVisible() and "may only hold digits" in prompt.errors.labels[
        "clinic phone"].text()
    _retype(qtbot, prompt.phone, "+86 10 6000 0000")
    _save(qtbot, prompt)
    assert not prompt.isVisible()
    assert roster.settings().clinic_phone == "+86 10 6000 0000"
    qtbot.waitUntil(lambda: window.printing.last_preview is not None, timeout=20_000)
    window.printing.last_preview.close()


def test_cancelling_the_clinic_phone_prompt_prints_nothing(window, ctx, roster, qtbot):
    p = add_patient(roster, "M001", "Margaret Smith")
    page = window.open_patient(p.id)
    qtbot.mouseClick(page.letter_button, Qt.MouseButton.LeftButton)
    prompt = window.printing.phone_prompt
    qtbot.mouseClick(prompt.buttons.button(prompt.buttons.StandardButton.Cancel),
                     Qt.MouseButton.LeftButton)
    assert not prompt.isVisible()
    assert window.printing.last_preview is None
    assert roster.settings().clinic_phone == ""


def test_a_nurse_is_told_an_admin_must_set_the_clinic_phone(window, ctx, roster, staff, qtbot):
    p = add_patient(roster, "M001", "Margaret Smith")
    ctx.user = roster.store.user_by_name("Nurse Lee")
    page = window.open_patient(p.id)
    qtbot.mouseClick(page.letter_button, Qt.MouseButton.LeftButton)
    prompt = window.printing.phone_prompt
    qtbot.keyClicks(prompt.phone, "+86 10 6000 0000")
    _save(qtbot, prompt)
    assert prompt.isVisible() and "not an admin" in prompt.errors.general.text()
    assert roster.settings().clinic_phone == ""
    assert window.printing.last_preview is None


def test_the_phone_list_shows_the_next_of_kin_of_the_patient_chosen(window, ctx, roster, qtbot):
    p = add_patient(roster, days_ago=60)  # the early visits are overdue: on the phone list
    roster.update_patient(replace(p, next_of_kin="Li Wei", next_of_kin_relationship="son",
                                  next_of_kin_phone="+44 7700 900999"), WHO, TODAY)
    ctx.changed.emit()
    page = show_page(window, window.phone_list)
    assert page.model.rowCount() >= 1
    page.table.setFocus()
    page.table.selectRow(0)
    assert "Next of kin: Li Wei (son) · ☎ +44 7700 900999" in page.history.text()


def test_letter_language_is_chosen_on_the_patient_form(window, ctx, roster, qtbot):
    p = add_patient(roster, "M001", "王秀英")
    dialog = PatientDialog(ctx, roster.store.patient(p.id), parent=window)
    qtbot.addWidget(dialog)
    dialog.show()
    items = [dialog.language.itemText(i) for i in range(dialog.language.count())]
    assert items == ["The clinic's (English)", "English", "中文"]
    assert dialog.language.currentIndex() == 0  # a new patient follows the clinic
    dialog.language.setCurrentIndex(items.index("中文"))
    _save(qtbot, dialog)
    assert dialog.result() == dialog.DialogCode.Accepted
    assert roster.store.patient(p.id).language == "zh"
    again = PatientDialog(ctx, roster.store.patient(p.id), parent=window)
    qtbot.addWidget(again)
    assert again.language.currentText() == "中文"
