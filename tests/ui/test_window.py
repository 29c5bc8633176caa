"""The main window: shortcuts, settings, calendar, printing, language."""

from datetime import timedelta

import pytest
from cartclinic_ui import i18n
from cartclinic_ui.settings_dialog import SettingsDialog
from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QMessageBox
from ui_helpers import TODAY, add_patient, click_when_shown, show_page


def _shortcuts(window) -> dict[str, object]:
    out = {}
    for action in window.findChildren(type(window.print_action)):
        for seq in action.shortcuts():
            out[seq.toString(QKeySequence.SequenceFormat.PortableText)] = action
    return out


@pytest.mark.parametrize("keys", ["Ctrl+F", "Ctrl+N", "Ctrl+P", "Esc", "Ctrl+R", "Ctrl+D",
                                  "Ctrl+M", "Ctrl+1", "Ctrl+2", "Ctrl+3", "Ctrl+4", "Ctrl+Q"])
def test_keyboard_shortcuts_exist(window, keys):
    assert keys in _shortcuts(window)


def test_ctrl_f_goes_to_search_and_esc_goes_home(window, qtbot):
    window.activateWindow()
    window.find_action.trigger()
    assert window.current_page() is window.roster_page
    window.close_tab_action.trigger()
    assert window.tabs.currentWidget() is window.worklist


def test_controls_have_accessible_names(window):
    from PySide6.QtWidgets import QLineEdit, QTableView

    for widget in window.findChildren(QTableView) + window.findChildren(QLineEdit):
        if widget.isVisibleTo(window) and not isinstance(widget.parent(), QTableView):
            assert widget.accessibleName(), widget


def test_rule_13_settings_list_the_visits_they_move_before_saving(window, roster, ctx, qtbot,
                                                                  monkeypatch):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QDialogButtonBox

    asked = []  # after saving: print the "your date has changed" letters?
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: asked.append(a[2]) or QMessageBox.StandardButton.Yes)

    add_patient(roster, days_ago=10)
    before = roster.store.visits()
    settings = roster.settings()
    dialog = SettingsDialog(ctx, parent=window)
    qtbot.addWidget(dialog)
    for i in range(5):  # close Monday to Friday too: six days closed
        dialog.weekdays[i].setChecked(i != 2)
    save = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save)
    listed = []

    def go_back(modal):
        listed.append([modal.table.item(r, 2).text() for r in range(modal.table.rowCount())])
        qtbot.mouseClick(modal.back_button, Qt.MouseButton.LeftButton)

    click_when_shown(go_back)
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    expected = roster.preview_settings(dialog.value(), TODAY)
    assert listed == [[f"{m.visit.code} · {m.visit.label}" for m in expected]] and expected
    assert roster.store.visits() == before and roster.settings() == settings, "nothing saved"
    assert dialog.result() != dialog.DialogCode.Accepted
    click_when_shown(lambda modal: qtbot.mouseClick(modal.confirm_button,
                                                    Qt.MouseButton.LeftButton))
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    assert dialog.result() == dialog.DialogCode.Accepted
    assert dialog.moved == len(expected)
    after = {v.id: v.scheduled for v in roster.store.visits()}
    assert all(after[m.visit.id] == m.scheduled for m in expected)
    assert len(asked) == 1 and "your date has changed" in asked[0] and dialog.letters_wanted
    assert [m.visit.id for m in dialog.moves] == [m.visit.id for m in expected]


def test_calendar_counts_and_day_list(window, roster, ctx):
    add_patient(roster, days_ago=10)
    ctx.changed.emit()
    page = show_page(window, window.calendar)
    counts = page.calendar.counts
    assert counts[TODAY] == 1
    assert sum(counts.values()) > 3
    assert page.model.rowCount() == 1  # today is selected
    day = next(d for d in sorted(counts) if d > TODAY)
    page.calendar.setSelectedDate(day)
    assert page.model.rowCount() == counts[day]


def test_chinese_translation_loads(qapp):
    try:
        assert i18n.install(qapp, "zh")
        assert QCoreApplication.translate("WorklistPage", "Overdue") == "逾期"
        assert QCoreApplication.translate("Labels", "missed") == "失约"
    finally:
        i18n.install(qapp, "en")
    assert QCoreApplication.translate("WorklistPage", "Overdue") == "Overdue"


def test_print_preview_renders_and_notes_the_print(window, roster, ctx, qtbot, tmp_path, monkeypatch):
    pytest.importorskip("cartclinic.documents.day_list", reason="documents still being written")
    from PySide6.QtWidgets import QFileDialog

    add_patient(roster, days_ago=10)
    ctx.changed.emit()
    window.printing.day_list(TODAY)
    qtbot.waitUntil(lambda: window.printing.last_preview is not None, timeout=20_000)
    preview = window.printing.last_preview
    assert preview.count >= 1
    out = tmp_path / "day.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    preview.save_pdf()
    assert out.read_bytes().startswith(b"%PDF")
    notes = [r for r in roster.store.audit_rows() if "print" in str(r.values())]
    assert notes
    preview.close()
    QApplication.processEvents()
    assert timedelta  # keeps the import list honest for readers


def test_pages_behind_other_tabs_read_the_roster_only_when_shown(window, roster, ctx, qtbot):
    reads = []
    page = window.roster_page
    real = page.refresh
    page.loader._load = lambda: (reads.append(1), real())
    add_patient(roster, days_ago=10)
    ctx.changed.emit()
    assert window.tabs.currentWidget() is window.worklist
    assert reads == [], "a hidden page is not read after a change"
    show_page(window, page)
    assert reads == [1] and page.model.rowCount() == 1, "it is read once shown, before it paints"
    add_patient(roster, "M002", "Second Patient", days_ago=5)
    ctx.changed.emit()
    assert reads == [1, 1] and page.model.rowCount() == 2, "a page on screen follows at once"
    show_page(window, window.worklist)
    show_page(window, page)
    assert reads == [1, 1], "shown again with nothing changed: not read again"
