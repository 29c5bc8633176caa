"""The main window: shortcuts, settings, calendar, printing, language."""

from datetime import timedelta

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QMessageBox
from ui_helpers import TODAY, add_patient, show_page

from ui import i18n
from ui.settings_dialog import SettingsDialog


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


def test_settings_say_how_many_visits_moved(window, roster, ctx, qtbot, monkeypatch):
    add_patient(roster, days_ago=10)
    told = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: told.append(a[2]))
    dialog = SettingsDialog(ctx, parent=window)
    qtbot.addWidget(dialog)
    for i in range(5):  # close Monday to Friday too: six days closed
        dialog.weekdays[i].setChecked(i != 2)
    dialog._save()
    assert dialog.result() == dialog.DialogCode.Accepted
    assert dialog.moved > 0
    assert any(str(dialog.moved) in text for text in told)


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
