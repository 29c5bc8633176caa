"""File › Import lab results from CSV (issue 11, item 2, in the window): the file is checked
whole, what it would add is shown and confirmed, then all of it lands on the patients (flags and
tracks follow); a file with a bad line adds nothing and names the line."""

from datetime import timedelta

from PySide6.QtWidgets import QMessageBox
from ui_helpers import TODAY, add_patient, click_when_shown


def _answer(button):
    def press(box):
        if isinstance(box, QMessageBox):
            box.button(button).click()
    return press


def test_import_results_menu_confirms_then_adds_every_result(window, roster, ctx, qtbot, tmp_path):
    p = add_patient(roster, "M001", "王秀英", days_ago=80)
    taken = (TODAY - timedelta(days=40)).isoformat()
    f = tmp_path / "lab.csv"
    f.write_text("mrn,date,analyte,value,unit\n"
                 f"M001,{taken},IgG,350,mg/dL\nM001,{taken},CD4,150,cells/uL\n", encoding="utf-8")
    seen: list[str] = []

    def read_then(button):
        def press(box):
            seen.append(box.text())
            box.button(button).click()
        return press

    click_when_shown(read_then(QMessageBox.StandardButton.No))
    assert window.work.import_results(str(f)) == 0  # said No: nothing added
    assert "Add 2 result(s) for 1 patient(s)?" in seen[0] and "CD4 1, IgG 1" in seen[0]
    assert roster.results(p.id) == []
    click_when_shown(_answer(QMessageBox.StandardButton.Yes))
    accept_info = _answer(QMessageBox.StandardButton.Ok)  # "2 result(s) added."
    from PySide6.QtCore import QTimer

    QTimer.singleShot(500, lambda: click_when_shown(accept_info))
    assert window.work.import_results(str(f)) == 2
    got = [(r.name, r.canonical, r.canonical_unit) for r in roster.results(p.id)]
    assert sorted(got) == [("CD4", 150.0, "cells/µL"), ("IgG", 3.5, "g/L")]
    page = window.open_patient(p.id)
    assert any("IgG" in f and "3.5 g/L" in f for f in page.flags.text().splitlines())


def test_import_results_menu_adds_nothing_from_a_file_with_a_bad_line(
        window, roster, ctx, qtbot, tmp_path):
    p = add_patient(roster, "M001", "王秀英", days_ago=80)
    taken = (TODAY - timedelta(days=40)).isoformat()
    f = tmp_path / "lab.csv"
    f.write_text("mrn,date,analyte,value,unit\n"
                 f"M001,{taken},IgG,3.5,g/L\nM001,{taken},IgG,3.5,mmol/L\n", encoding="utf-8")
    seen: list[str] = []

    def read_and_close(box):
        seen.append(box.text() + " " + (box.detailedText() if isinstance(box, QMessageBox) else ""))
        box.close()

    click_when_shown(read_and_close)
    assert window.work.import_results(str(f)) == 0
    assert "line 3" in " ".join(seen)
    assert roster.results(p.id) == []
