"""The window says the core's reasons in its own language and puts each beside the widget of
its field (`Reason.field`); it never reads the words of a message to decide anything
(issue 12 item 2)."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

import pytest
from cartclinic_ui import i18n
from cartclinic_ui.dialogs.patient_dialog import PatientDialog
from cartclinic_ui.dialogs.sign_in import SignInDialog
from cartclinic_ui.reasons import said
from conftest import NURSE
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from cartclinic.reasons import Reason

UI = Path(__file__).resolve().parents[2] / "ui"

# What reading a message looks like: splitting or searching the words of a reason, an error's
# text or a translated sentence, or the English list `InputRefused.reasons` (the window uses
# `.why`, the typed reasons).
_PARSING = [
    re.compile(r"\bsplit_reason\b"),
    re.compile(r"\.reasons\b(?!\s+import)"),
    re.compile(r"\b(?:str\(\w+\)|exc|err|error|reason|r|w|message|msg|text|why|warning|refused)"
               r"\s*\.\s*(?:startswith|endswith|split|rsplit|partition|rpartition|find|index)\("),
    re.compile(r"[\"'][^\"']*[\"']\s+(?:not\s+)?in\s+(?:str\(|exc\b|reason\b|r\b|w\b|message\b|"
               r"msg\b|text\b|why\b|warning\b)"),
]
# Lines that split something other than a message.
_NOT_A_MESSAGE = ('env.get("QT_QPA_PLATFORM", "").split(":")',)


def _parsing_lines(source: str) -> list[str]:
    return [line.strip() for line in source.splitlines()
            if any(p.search(line) for p in _PARSING)
            and not any(ok in line for ok in _NOT_A_MESSAGE)]


@pytest.mark.parametrize("old", [
    'field, text = split_reason(reason)',
    'self.errors.show([not_a_date, *(r for r in others if not r.startswith("date_of_birth:"))])',
    'if "(s)" in text or text.startswith("The event"):',
    'head, sep, rest = reason.partition(": ")',
    'self.preview.setText("\\n".join(exc.reasons))',
    'if "wrong PIN" in str(exc):',
])
def test_the_parsing_check_catches_what_the_window_used_to_do(old):
    assert _parsing_lines(old) == [old]


def test_the_window_never_reads_the_words_of_a_message():
    found = {str(path.relative_to(UI)): lines for path in sorted(UI.rglob("*.py"))
             if (lines := _parsing_lines(path.read_text(encoding="utf-8")))}
    assert found == {}


@pytest.fixture
def chinese(qapp):
    assert i18n.install(qapp, "zh")
    yield
    i18n.install(qapp, "en")


def _click(qtbot, buttons: QDialogButtonBox, which) -> None:
    qtbot.mouseClick(buttons.button(which), Qt.MouseButton.LeftButton)


def test_refusal_in_chinese_is_chinese_beside_the_field_it_names(chinese, window, ctx, qtbot):
    dialog = PatientDialog(ctx, parent=window)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.name.setText("王秀英")
    qtbot.keyClicks(dialog.born, "1950-02-30")
    dialog.treatment.check_protocol("b-all-cd19")
    _click(qtbot, dialog.buttons, QDialogButtonBox.StandardButton.Save)
    assert dialog.isVisible()
    labels = dialog.errors.labels
    assert labels["mrn"].text() == "未填写；病历号为必填"
    assert labels["diagnosis"].text() == "未填写；此项为必填"
    assert labels["date_of_birth"].text() == "日历上没有“1950-02-30”这一天"
    for field in ("mrn", "diagnosis", "date_of_birth"):
        assert not labels[field].isHidden(), field
    assert labels["name"].isHidden() and labels["phone"].isHidden()
    assert ctx.roster.store.patients() == []


def test_wrong_pin_in_chinese_is_said_beside_the_pin(chinese, staff, ctx, qtbot):
    dialog = SignInDialog(staff, "Ward 7", ctx.now)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.name.setText(NURSE)
    qtbot.keyClicks(dialog.pin, "0000")
    _click(qtbot, dialog.buttons, QDialogButtonBox.StandardButton.Ok)
    assert dialog.isVisible() and dialog.user is None
    assert dialog.errors.labels["pin"].text() == "PIN 码错误；还可以再试 4 次"
    assert dialog.errors.labels["name"].isHidden() and dialog.errors.general.isHidden()


def test_a_reason_whose_field_the_form_lacks_is_said_whole_above_it(chinese, staff, ctx, qtbot):
    dialog = SignInDialog(staff, "Ward 7", ctx.now)
    qtbot.addWidget(dialog)
    dialog.errors.show([Reason("move.past", "new date", {"day": "2026-01-02"})])
    assert dialog.errors.general.text() == "新日期：2026-01-02 已经过去"
    assert not dialog.errors.general.isHidden()


def test_a_reason_is_said_in_english_when_the_window_speaks_english(qapp):
    i18n.install(qapp, "en")
    reason = Reason("visit.cannot_cancel", "visit", {"visit": "M3",
                                                     "status": Reason("status.done")})
    assert said(reason) == "visit M3: is done; it cannot be cancelled"
    assert said(reason, beside_field=True) == "is done; it cannot be cancelled"


def test_message_box_buttons_are_chinese_in_chinese_mode(chinese, qtbot):
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(QMessageBox.Icon.Question, "标题", "文字",
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
                      | QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Cancel)
    qtbot.addWidget(box)
    box.show()
    assert sorted(b.text() for b in box.buttons()) == sorted(["是(&Y)", "否(&N)", "保存", "取消"])
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                               | QDialogButtonBox.StandardButton.Close)
    assert sorted(b.text() for b in buttons.buttons()) == sorted(["确定", "关闭"])


@pytest.mark.parametrize(("language", "sex", "shown"), [
    ("zh", "F", "性别 女"), ("zh", "M", "性别 男"), ("en", "F", "sex F"), ("en", "M", "sex M"),
])
def test_patient_page_says_the_sex_in_the_interface_language(qapp, window, roster, qtbot,
                                                             language, sex, shown):
    from dataclasses import replace

    from ui_helpers import TODAY, WHO, add_patient, show_page

    p = add_patient(roster)
    roster.update_patient(replace(p, sex=sex), WHO, TODAY)
    try:
        assert i18n.install(qapp, language)
        page = show_page(window, window.open_patient(p.id))
        page.refresh()
        assert shown in page.details.text().replace("：", " ").replace(":", " ")
    finally:
        i18n.install(qapp, "en")


def test_record_dialog_and_patient_page_name_the_analytes_in_chinese(chinese, window, ctx,
                                                                    roster, qtbot):
    from cartclinic_ui.dialogs.record_visit import RecordVisitDialog
    from PySide6.QtWidgets import QLabel
    from ui_helpers import TODAY, WHO, add_patient, show_page

    from cartclinic.model import LabResult

    p = add_patient(roster, days_ago=30)
    d28 = next(v for v in roster.store.visits(patient_id=p.id) if v.code == "D28")
    dialog = RecordVisitDialog(ctx, d28, p)
    qtbot.addWidget(dialog)
    shown = {label.text() for label in dialog.findChildren(QLabel)}
    assert {"免疫球蛋白G", "血小板", "铁蛋白", "C 反应蛋白"} <= shown
    assert not {"IgG", "Platelets", "Ferritin", "CRP"} & shown
    roster.record_visit(d28.id, TODAY, WHO, TODAY, labs=[LabResult("Platelets", "45", "×10⁹/L")])
    page = show_page(window, window.open_patient(p.id))
    page.refresh()
    assert "血小板 45 ×10⁹/L" in page.recent.text()
    assert [panel.name for panel in page.chart.panels if panel.points] == ["血小板"]


@pytest.mark.parametrize(("language", "says", "not_said"), [
    ("zh", "留在中心附近：还剩", "stay near the centre"),
    ("en", "stay near the centre:", "留在中心附近"),
])
def test_flag_banner_is_said_in_the_interface_language(qapp, window, roster, qtbot, language,
                                                      says, not_said):
    from ui_helpers import add_patient, show_page

    p = add_patient(roster, days_ago=5)
    try:
        assert i18n.install(qapp, language)
        page = show_page(window, window.open_patient(p.id))
        page.refresh()
        assert says in page.flags.text() and not_said not in page.flags.text(), page.flags.text()
    finally:
        i18n.install(qapp, "en")


def test_schedule_note_the_program_wrote_is_said_in_chinese(chinese, window, roster, qtbot):
    from cartclinic_ui.models import schedule_model as sm
    from ui_helpers import TODAY, WHO, add_patient, show_page

    p = add_patient(roster, days_ago=5)
    d7 = next(v for v in roster.store.visits(patient_id=p.id) if v.code == "D7")
    roster.reschedule(d7.id, TODAY + timedelta(days=3), "family visit", WHO, TODAY,
                      shift_later=True, confirm=True)
    page = show_page(window, window.open_patient(p.id))
    page.refresh()
    model = page.schedule
    notes = {model.data(model.index(row, sm.COL_NOTE)) for row in range(model.rowCount())}
    assert "随 D7 一起改期：family visit" in notes, notes
    assert not any(n and "shifted with" in n for n in notes)


def test_results_import_refusal_in_chinese_names_the_line_and_the_field(
        chinese, window, roster, tmp_path):
    from ui_helpers import TODAY, add_patient, click_when_shown

    add_patient(roster, "M001", "王秀英", days_ago=80)
    taken = (TODAY - timedelta(days=40)).isoformat()
    f = tmp_path / "lab.csv"
    f.write_text("mrn,date,analyte,value,unit\n"
                 f"M001,{taken},IgG,3.5,g/L\nM001,{taken},IgG,3.5,mmol/L\n", encoding="utf-8")
    seen: list[str] = []

    def read_and_close(box):
        seen.append(box.text())
        box.close()

    click_when_shown(read_and_close)
    assert window.work.import_results(str(f)) == 0
    assert "第 3 行：单位：“mmol/L”不是 IgG 的单位；请用 g/L 或 mg/dL" in seen[0], seen
    assert "line 3" not in seen[0]
