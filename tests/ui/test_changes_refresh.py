"""The application is told what changed (issue 14 item 1): a save on one patient reads that
patient's page again and leaves the pages of other patients as they are; a restore or an
outside change reads them all."""

from __future__ import annotations

from cartclinic_ui.dialogs.patient_dialog import PatientDialog
from PySide6.QtCore import Qt
from ui_helpers import add_patient

from cartclinic.changes import EVERYTHING


def _count_refreshes(page, monkeypatch) -> list[int]:
    counted: list[int] = []
    real = page.refresh

    def refresh() -> None:
        counted.append(1)
        real()

    monkeypatch.setattr(page, "refresh", refresh)
    return counted


def test_a_save_reads_again_only_the_page_of_the_patient_it_changed(window, ctx, roster, qtbot,
                                                                     monkeypatch):
    a = add_patient(roster, "A001", "Margaret Smith")
    b = add_patient(roster, "B002", "Li Wei")
    page_a, page_b = window.open_patient(a.id), window.open_patient(b.id)
    roster.store.take_changes()  # the two made above, outside the window
    refreshed_a, refreshed_b = _count_refreshes(page_a, monkeypatch), _count_refreshes(page_b, monkeypatch)
    dialog = PatientDialog(ctx, roster.store.patient(a.id), parent=window)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.phone.selectAll()
    qtbot.keyClick(dialog.phone, Qt.Key.Key_Delete)
    qtbot.keyClicks(dialog.phone, "+44 7700 900999")
    qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Save),
                     Qt.MouseButton.LeftButton)
    assert dialog.result() == dialog.DialogCode.Accepted
    assert refreshed_a and "+44 7700 900999" in page_a.details.text()
    assert refreshed_b == [], "the other patient's page was read again for nothing"


def test_a_change_of_everything_reads_every_page_again(window, ctx, roster, monkeypatch):
    a = add_patient(roster, "A001", "Margaret Smith")
    b = add_patient(roster, "B002", "Li Wei")
    pages = [window.open_patient(a.id), window.open_patient(b.id)]
    counts = [_count_refreshes(p, monkeypatch) for p in pages]
    ctx.changes.emit(EVERYTHING)  # what a restore or a change made outside says
    assert all(counts)
