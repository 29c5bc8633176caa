"""The audit viewer's CSV export: no cell runs as a formula when opened in a spreadsheet."""

import csv
from dataclasses import replace

from ui_helpers import NOW, WHO, add_patient

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")  # cartclinic.roster_csv.FORMULA_START


def test_the_audit_viewer_export_neutralises_formulas(staff, roster, ctx, window, tmp_path):
    evil = '@HYPERLINK("http://evil.example","x")'  # a sign-in name: its cell is `who`
    staff.add(evil, "8642", "nurse", WHO)
    ctx.sign_in(staff.sign_in(evil, "8642", NOW))
    patient = add_patient(roster, "M001", "-Ann")
    changed = replace(roster.store.patient(patient.id), phone="+44 7700 900999")
    ctx.write(lambda: roster.update_patient(changed, ctx.who, ctx.today()))
    viewer = window.open_audit()
    out = viewer.export_csv(str(tmp_path / "audit.csv"))
    with open(out, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    assert any(cell == "'" + evil for row in rows for cell in row)
    for row in rows:
        for cell in row:
            assert cell[:1] not in FORMULA_START, f"{cell!r} would run as a formula"
