"""The window on a roster shared on a PostgreSQL server (issue 14): another workstation's save
shows in the lists without closing what the nurse has open, and a save to a visit someone else
changed meanwhile is refused saying who and when. On the throwaway server of tests/pg_server.py."""

import time
from dataclasses import replace

import pytest
from cartclinic_ui.dialogs.record_visit import RecordVisitDialog
from cartclinic_ui.models.base import OBJECT_ROLE
from PySide6.QtWidgets import QDialogButtonBox
from ui_helpers import TODAY, WHO, add_patient

from cartclinic import views
from cartclinic.roster import Roster

MAYA, YANG = "Maya Nguyen", "杨平"


@pytest.fixture
def roster(pg_server):
    """The window's roster: a fresh database on the test server (overrides conftest's file)."""
    r = Roster.open(pg_server.new_database())
    s = r.settings()
    r.save_settings(replace(s, clinic_name="Test clinic", extra={"configured": "1"}), WHO)
    yield r
    r.close()


@pytest.fixture
def other_workstation(roster):
    other = Roster.open(roster.store.url)
    yield other
    other.close()


def _due_names(window) -> set[str]:
    model = window.worklist.sections[views.DUE_TODAY].model
    return {model.index(r, 0).data(OBJECT_ROLE).visit.patient_name
            for r in range(model.rowCount())}


def _heard(window, names: set[str]) -> bool:
    """The timer's look (`watch_roster`), until the server has delivered the other's change."""
    end = time.monotonic() + 10
    while _due_names(window) != names and time.monotonic() < end:
        window.watch_roster()
        time.sleep(0.05)
    return _due_names(window) == names


def test_another_workstations_save_shows_in_the_lists_and_closes_nothing(
        roster, ctx, window, qtbot, other_workstation):
    p = add_patient(roster, "M001", MAYA)
    ctx.changed.emit()
    visit = next(v for v in roster.store.visits(patient_id=p.id) if v.code == "D10")
    dialog = RecordVisitDialog(ctx, visit, p, window)
    qtbot.addWidget(dialog)
    dialog.show()
    add_patient(other_workstation, "M002", YANG)
    assert _heard(window, {MAYA, YANG})
    assert dialog.isVisible(), "a nurse's open dialog is not closed by someone else's save"
    assert window.outside_notice is None or not window.outside_notice.isVisible()
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert not dialog.isVisible()
    assert len(ctx.roster.store.records(p.id)) == 1


def test_two_nurses_recording_the_same_visit_the_second_is_told_who_was_first(
        roster, ctx, window, qtbot, other_workstation):
    p = add_patient(roster, "M001", MAYA)
    ctx.changed.emit()
    visit = ctx.roster.store.visit(next(
        v.id for v in roster.store.visits(patient_id=p.id) if v.code == "D10"))
    dialog = RecordVisitDialog(ctx, visit, p, window)
    qtbot.addWidget(dialog)
    dialog.show()
    # the other workstation marks the same visit missed while this dialog is open
    other_workstation.mark_missed(visit.id, "Nurse Office", TODAY)
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert dialog.isVisible(), "refused: the dialog stays open with the reason"
    said = dialog.errors.general.text()
    assert "Nurse Office changed this visit at another workstation" in said
    assert "Nothing of this change was saved" in said
    assert ctx.roster.store.records(p.id) == [], "nothing saved over the other nurse's mark"
    assert ctx.roster.store.visit(visit.id).missed_on == TODAY
    # looked at again, the nurse may still record it (the record clears the missed mark)
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert not dialog.isVisible()
    assert len(ctx.roster.store.records(p.id)) == 1


def test_another_workstations_save_reads_again_only_the_page_of_its_patient(
        roster, ctx, window, other_workstation, monkeypatch):
    a = add_patient(roster, "M001", MAYA)
    b = add_patient(roster, "M002", YANG)
    roster.store.take_changes()  # the two made above, outside the window
    ctx.changed.emit()
    page_a, page_b = window.open_patient(a.id), window.open_patient(b.id)
    read_again: dict[str, int] = {"a": 0, "b": 0}
    for key, page in (("a", page_a), ("b", page_b)):
        real = page.refresh

        def counted(real=real, key=key) -> None:
            read_again[key] += 1
            real()
        monkeypatch.setattr(page, "refresh", counted)
    patient = other_workstation.store.patient(a.id)
    other_workstation.update_patient(replace(patient, phone="+44 7700 900456"), "Nurse Office",
                                     TODAY)
    end = time.monotonic() + 10
    while not read_again["a"] and time.monotonic() < end:
        window.watch_roster()
        time.sleep(0.05)
    assert read_again["a"], "the page of the patient changed at the other workstation"
    assert "+44 7700 900456" in page_a.details.text()
    assert read_again["b"] == 0, "another patient's page was read again for nothing"
