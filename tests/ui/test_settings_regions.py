"""Holiday regions are chosen by name ("United Kingdom — Scotland (GB-SCT)") and kept by code;
a code the list does not name may still be typed (issue 12, item 5)."""

from dataclasses import replace

from cartclinic_ui.settings_dialog import SettingsDialog
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox


def _save(dialog, qtbot) -> None:
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Save),
                     Qt.MouseButton.LeftButton)


def test_holiday_region_is_shown_by_name_and_saved_by_code(ctx, roster, qtbot):
    roster.save_settings(replace(roster.settings(), holiday_region="CN"), "setup")
    dialog = SettingsDialog(ctx)
    qtbot.addWidget(dialog)
    assert dialog.region.currentText() == "China (CN)"
    names = [dialog.region.itemText(i) for i in range(dialog.region.count())]
    assert "United Kingdom — Scotland (GB-SCT)" in names
    assert names[0] == "None (weekends and closures only)"
    dialog.region.setCurrentIndex(names.index("United Kingdom — Scotland (GB-SCT)"))
    _save(dialog, qtbot)
    assert roster.settings().holiday_region == "GB-SCT"


def test_holiday_region_not_in_the_list_is_typed_as_a_code(ctx, roster, qtbot):
    dialog = SettingsDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.region.lineEdit().clear()
    qtbot.keyClicks(dialog.region.lineEdit(), "us-ca")
    _save(dialog, qtbot)
    assert roster.settings().holiday_region == "US-CA"
    again = SettingsDialog(ctx)
    qtbot.addWidget(again)
    assert again.region.currentText() == "US-CA"


def test_holiday_region_none_saves_no_region(ctx, roster, qtbot):
    roster.save_settings(replace(roster.settings(), holiday_region="CN"), "setup")
    dialog = SettingsDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.region.setCurrentIndex(0)
    _save(dialog, qtbot)
    assert roster.settings().holiday_region is None


def test_holiday_region_unknown_code_is_refused_in_the_dialog(ctx, roster, qtbot):
    dialog = SettingsDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.region.lineEdit().clear()
    qtbot.keyClicks(dialog.region.lineEdit(), "Atlantis (XX)")
    _save(dialog, qtbot)
    assert dialog.isVisible() or dialog.result() != dialog.DialogCode.Accepted
    assert "XX" in dialog.errors.labels["holiday region"].text()
    assert roster.settings().holiday_region != "XX"


def test_holiday_regions_are_named_in_chinese(ctx, qtbot, qapp):
    from cartclinic_ui import i18n

    try:
        assert i18n.install(qapp, "zh")
        dialog = SettingsDialog(ctx)
        qtbot.addWidget(dialog)
        names = [dialog.region.itemText(i) for i in range(dialog.region.count())]
        assert "中国 (CN)" in names and "英国 — 苏格兰 (GB-SCT)" in names
        assert names[0] == "不使用（仅周末和停诊日）"
    finally:
        i18n.install(qapp, "en")
