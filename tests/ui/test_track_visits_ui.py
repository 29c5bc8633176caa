"""A track visit as a nurse meets it: recording a visit with a low IgG in the record dialog makes
the IGG1 recheck, and the patient page lists it with the treatment's other visits."""

from __future__ import annotations

import shutil
from datetime import date, timedelta
from pathlib import Path

from cartclinic_ui.dialogs.record_visit import RecordVisitDialog
from PySide6.QtCore import Qt
from ui_helpers import TODAY, WHO, show_page, visible_texts

from cartclinic.model import Patient
from cartclinic.roster import NewTreatment

DOCS = Path(__file__).resolve().parents[2] / "docs"


def test_t2_recording_a_low_igg_in_the_dialog_makes_the_recheck_on_the_page(window, roster,
                                                                             qtbot):
    folder = roster.store.path.parent / "protocols"
    folder.mkdir()
    shutil.copy(DOCS / "tracks-cart.toml", folder)
    day0 = TODAY - timedelta(days=35)  # 2026-01-26: D28 is due today, day 35
    p = roster.register(
        Patient(mrn="T001", name="Track Patient", date_of_birth=date(1970, 5, 1),
                diagnosis="Relapsed B-ALL"),
        [NewTreatment(product="tisagenlecleucel", target="CD19", infusion_date=day0,
                      protocols=("b-all-cd19", "tracks-cart"), tracked_from=day0)],
        WHO, TODAY)
    d28 = next(v for v in roster.store.visits(patient_id=p.id) if v.code == "D28")
    dialog = RecordVisitDialog(window.ctx, d28, p)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    name, value, unit = dialog.lab_edits[0]
    assert name == "IgG"
    unit.setCurrentIndex(unit.findText("mg/dL"))
    qtbot.keyClicks(value, "350")  # 3.5 g/L: <= 4 starts the IgG track
    qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Save),
                     Qt.MouseButton.LeftButton)
    assert dialog.result() == dialog.DialogCode.Accepted
    igg1 = next(v for v in roster.store.visits(patient_id=p.id) if v.code == "IGG1")
    assert (igg1.target, igg1.scheduled) == (date(2026, 4, 2), date(2026, 4, 2))
    window.ctx.changed.emit()
    show_page(window, window.open_patient(p.id))
    texts = visible_texts()
    assert "IGG1" in texts
    assert "IgG recheck (immunoglobulin replacement while low)" in texts
