"""The review's flags and events as a nurse meets them: a secondary malignancy recorded through
the event dialog (nothing preselected, confirmed) raises a task on the patient page that stays
until marked done (confirmed too); the record dialog offers the disease's own statuses and an
arrow key on the focused combo does not change it; Settings chooses the jurisdiction."""

from datetime import date, timedelta

from cartclinic_ui.dialogs.record_visit import RecordVisitDialog
from cartclinic_ui.settings_dialog import SettingsDialog
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox
from test_events import choose, event_dialog  # noqa: F401 (a fixture)
from ui_helpers import TODAY, WHO, add_patient, click_when_shown

from cartclinic.model import Patient
from cartclinic.roster import NewTreatment


def test_review_secondary_malignancy_task_on_the_patient_page_until_marked_done(
        ctx, roster, qtbot, window, event_dialog):  # noqa: F811
    p = add_patient(roster, days_ago=200)
    window.open_patient(p.id)
    page = window.current_page()
    assert page.task_label.isHidden() and page.task_button.isHidden()
    dialog = event_dialog(ctx, p, qtbot)
    assert dialog.kind.currentData() is None
    choose(qtbot, dialog.kind, "t_cell_malignancy")
    assert "Report to the manufacturer and arrange sample testing" in dialog.preview.text()
    seen = {}

    def confirm(modal):
        seen["summary"], seen["goes_on"] = modal.summary.text(), modal.goes_on.text()
        qtbot.mouseClick(modal.confirm_button, Qt.MouseButton.LeftButton)

    click_when_shown(confirm)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert seen["summary"] == "No visit will be cancelled."
    assert "report to the manufacturer and arrange sample testing" in seen["goes_on"]
    assert [e.kind for e in roster.store.events(p.id)] == ["t_cell_malignancy"]
    assert page.task_label.isVisible()
    assert page.task_label.text() == ("⚠ Task: report to the manufacturer and arrange sample "
                                      "testing (new malignancy recorded 2026-03-02)")
    assert "Report to the manufacturer" not in page.flags.text()  # said once, on its own line
    # "No" keeps it
    click_when_shown(lambda m: qtbot.mouseClick(m.button(QMessageBox.StandardButton.No),
                                                Qt.MouseButton.LeftButton))
    qtbot.mouseClick(page.task_button, Qt.MouseButton.LeftButton)
    assert page.task_label.isVisible() and len(roster.open_tasks(p.id)) == 1
    asked = []

    def yes(modal):
        asked.append(modal.text())
        qtbot.mouseClick(modal.button(QMessageBox.StandardButton.Yes), Qt.MouseButton.LeftButton)

    click_when_shown(yes)
    qtbot.mouseClick(page.task_button, Qt.MouseButton.LeftButton)
    assert "reported to the manufacturer" in asked[0]
    assert roster.open_tasks(p.id) == []
    assert page.task_label.isHidden() and page.task_button.isHidden()
    (task,) = roster.store.tasks(p.id)
    assert (task.done_on, task.done_by) == (TODAY, WHO)


def test_review_patient_page_shows_the_product_countdown(ctx, roster, qtbot, window):
    p = add_patient(roster, days_ago=3)  # tisagenlecleucel (Kymriah), US by default
    window.open_patient(p.id)
    text = window.current_page().flags.text()
    assert "stay near the centre: 11 days left (until 2026-03-13; Kymriah, US)" in text
    assert "daily monitoring: 4 days left (until 2026-03-06; Kymriah, US)" in text


def record_dialog(roster, ctx, qtbot, diagnosis):
    p = roster.register(
        Patient(mrn="D1", name="Dee Status", date_of_birth=date(1960, 1, 2), diagnosis=diagnosis),
        [NewTreatment(product="Carvykti", target="BCMA", infusion_date=TODAY - timedelta(days=10),
                      protocols=("mm-bcma",), tracked_from=TODAY - timedelta(days=10))],
        WHO, TODAY)
    visit = next(v for v in roster.store.visits(patient_id=p.id) if v.code == "D10")
    d = RecordVisitDialog(ctx, visit, p)
    qtbot.addWidget(d)
    d.show()
    qtbot.waitExposed(d)
    return d


def choices(dialog):
    return [dialog.status.itemData(i) for i in range(1, dialog.status.count())]


def test_review_record_dialog_disease_status_choices_by_disease(roster, ctx, qtbot):
    d = record_dialog(roster, ctx, qtbot, "Relapsed multiple myeloma")
    assert choices(d) == ["sCR", "CR", "VGPR", "PR", "MR", "SD", "PD", "MRD-negative",
                          "not assessed"]
    assert d.status.itemText(3) == "VGPR — very good partial response"
    assert d.status_note.text() == "IMWG criteria, myeloma (from the diagnosis)"


def test_review_record_dialog_unknown_disease_offers_every_status_with_a_note(roster, ctx, qtbot):
    d = record_dialog(roster, ctx, qtbot, "Amyloidosis")
    assert {"CR", "CMR", "relapse CD19-negative", "VGPR"} <= set(choices(d))
    assert d.status_note.text().startswith("Every status: the diagnosis does not say")


def test_review_record_dialog_status_not_turned_by_arrow_key_or_wheel(roster, ctx, qtbot):
    d = record_dialog(roster, ctx, qtbot, "Relapsed multiple myeloma")
    d.status.setFocus()
    for key in (Qt.Key.Key_Down, Qt.Key.Key_Up, Qt.Key.Key_End, Qt.Key.Key_PageDown):
        qtbot.keyClick(d.status, key)
    qtbot.keyClicks(d.status, "s")
    assert d.status.currentIndex() == 0  # still "(not given)"
    wheel = QWheelEvent(QPointF(5, 5), QPointF(d.status.mapToGlobal(QPoint(5, 5))), QPoint(0, 0),
                        QPoint(0, -120), Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
                        Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(d.status, wheel)
    assert d.status.currentIndex() == 0
    d.status.setCurrentIndex(d.status.findData("VGPR"))  # as a click in its list does
    assert d.status.currentData() == "VGPR"
    d.has_input = lambda: False


def test_review_settings_choose_the_jurisdiction_and_prophylaxis_months(roster, ctx, qtbot):
    dialog = SettingsDialog(ctx)
    qtbot.addWidget(dialog)
    assert dialog.jurisdiction.currentData() == "US"
    assert (dialog.antiviral.value(), dialog.pjp.value(), dialog.entecavir.value()) == (12, 6, 12)
    dialog.jurisdiction.setCurrentIndex(dialog.jurisdiction.findData("UK"))
    dialog.pjp.setValue(12)
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Save),
                     Qt.MouseButton.LeftButton)
    s = roster.settings()
    assert (s.jurisdiction, s.pjp_months) == ("UK", 12)
