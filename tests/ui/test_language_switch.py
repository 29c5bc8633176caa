"""The interface language switches at once, without a restart (issue 12, item 6): Settings ›
Interface language › Save builds the main window again in the new language, signed in on the
same roster, with the same page in front."""

from cartclinic_ui import i18n
from cartclinic_ui.settings_dialog import SettingsDialog
from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox
from ui_helpers import add_patient


def _choose_language_in_settings(window, qtbot, language: str) -> list:
    """Open Settings from the window, pick the interface language, click Save; the windows that
    took the window's place."""
    replaced: list = []
    window.replaced.connect(replaced.append)

    def fill() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, SettingsDialog)
        dialog.ui_language.setCurrentIndex(dialog.ui_language.findData(language))
        qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Save),
                         Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, fill)
    window.open_settings()
    qtbot.waitUntil(lambda: bool(replaced), timeout=10_000)
    return replaced


def _menu_titles(window) -> list[str]:
    return [a.text() for a in window.menuBar().actions()]


def _window(ctx):
    # not through qtbot.addWidget: the window deletes itself when rebuilt, and qtbot would
    # close it again at the end of the test
    from cartclinic_ui.main_window import MainWindow

    w = MainWindow(ctx)
    w.show()
    return w


def test_language_switch_rebuilds_the_window_in_chinese_without_a_restart(
        roster, ctx, qtbot, qapp):
    window = _window(ctx)
    add_patient(roster, "M001", "王秀英", days_ago=10)
    ctx.changed.emit()
    window.show_page(window.roster_page)
    assert _menu_titles(window)[0] == "&File"
    try:
        new = _choose_language_in_settings(window, qtbot, "zh")[0]
        assert _menu_titles(new)[0] == "文件(&F)"
        assert new.tabs.tabText(0) == QCoreApplication.translate("MainWindow", "&Worklist") != "&Worklist"
        assert new.current_page() is new.roster_page  # the same page in front
        assert new.ctx is ctx and ctx.who  # still signed in, same roster
        assert i18n.saved_language() == "zh"
        # the old window is gone and a change reaches only the new one without error
        qtbot.waitUntil(lambda: not window.isVisible())
        ctx.changed.emit()
        QApplication.processEvents()
        back = _choose_language_in_settings(new, qtbot, "en")[0]
        assert _menu_titles(back)[0] == "&File"
        back.close()
    finally:
        i18n.install(qapp, "en")


def test_language_switch_not_changed_keeps_the_window(window, qtbot):
    """Saving the settings with the same language leaves the window as it is."""
    replaced: list = []
    window.replaced.connect(replaced.append)

    def save() -> None:
        dialog = QApplication.activeModalWidget()
        qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Save),
                         Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, save)
    window.open_settings()
    QApplication.processEvents()
    assert replaced == [] and window.isVisible()
