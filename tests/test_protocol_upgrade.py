"""`protocols upgrade`: existing treatments move onto the corrected defaults explicitly, never
silently. A trial lists per treatment what would be added, moved, changed or cancelled and
changes no byte of the roster; `--yes` makes exactly the listed changes, in one transaction,
audited; done, missed, cancelled, prior and hand-moved visits are never touched."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from helpers import WHO, add_patient

from cartclinic.errors import InputRefused
from cartclinic.protocol import default_protocol_dir
from cartclinic.protocol_upgrade import apply_upgrade, plan_json, plan_lines, plan_upgrade
from cartclinic.roster import NewTreatment, Roster
from cartclinic.store.sqlite.files import clinic_protocol_dir

TODAY = date(2026, 11, 27)
D = date.fromisoformat
HISTORY = default_protocol_dir() / "history"


def _with_2026_11(db: Path, build) -> None:
    """Build the roster while the library holds the 2026-11 defaults (as a roster made before
    the 2026-12 defaults shipped), then take them away: the library is the 2026-12 defaults."""
    folder = clinic_protocol_dir(db)
    folder.mkdir(parents=True, exist_ok=True)
    for f in HISTORY.glob("*.toml"):
        shutil.copy(f, folder / f.name)
    r = Roster.open(db)
    try:
        build(r)
    finally:
        r.close()
    shutil.rmtree(folder)


def _visit(r: Roster, mrn: str, code: str, protocol: str | None = None, treatment: int = -1):
    p = r.find_patient(mrn)
    t = r.store.treatments(p.id)[treatment]
    return next(v for v in r.store.visits(treatment_id=t.id)
                if v.code == code and (protocol is None or v.protocol_id == protocol))


def _ward(r: Roster) -> None:
    add_patient(r, TODAY, mrn="A1", infusion=D("2026-11-10"),
                protocols=("b-all-cd19", "registry-cibmtr"))
    add_patient(r, TODAY, mrn="C3", name="Chen Wei", infusion=D("2026-08-01"),
                protocols=("mm-bcma",))
    r.record_visit(_visit(r, "C3", "M3").id, D("2026-11-01"), WHO, TODAY)   # done
    r.mark_missed(_visit(r, "C3", "D84").id, WHO, TODAY)                     # missed
    r.reschedule(_visit(r, "C3", "M9").id, D("2027-05-03"), "patient away", WHO, TODAY)
    d4 = add_patient(r, TODAY, mrn="D4", name="Died Patient", infusion=D("2025-01-10"))
    r.record_event(d4.id, "death", D("2026-06-01"), WHO, TODAY)
    e5 = add_patient(r, TODAY, mrn="E5", name="Re Infused", infusion=D("2024-01-10"),
                     protocols=("lbcl-cd19",))
    r.reinfuse(e5.id, NewTreatment(product="axicabtagene", infusion_date=D("2026-10-01"),
                                   protocols=("lbcl-cd19",)), WHO, TODAY)


@pytest.fixture
def ward(tmp_path) -> Path:
    db = tmp_path / "ward" / "roster.db"
    db.parent.mkdir()
    _with_2026_11(db, _ward)
    return db


def _cli(db: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "cartclinic", "--db", str(db), "--who", WHO,
                           "protocols", "upgrade", "--today", TODAY.isoformat(), *args],
                          capture_output=True, text=True, timeout=120, encoding="utf-8")


def _bytes(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _rows(db: Path) -> dict[int, dict]:
    r = Roster.open(db)
    try:
        return {v.id: r.store.visit_row(v.id) for v in r.store.visits()}
    finally:
        r.close()


def test_upgrade_trial_changes_no_byte_of_the_roster(ward):
    before = _bytes(ward.parent)
    trial = _cli(ward)
    assert trial.returncode == 0, trial.stderr
    assert "Nothing was changed. Add --yes" in trial.stdout
    assert "A1 Margaret Smith, treatment of 2026-11-10, b-all-cd19 2026-11 -> 2026-12" in trial.stdout
    as_json = _cli(ward, "--json")
    assert as_json.returncode == 0 and json.loads(as_json.stdout)["treatments"]
    assert _bytes(ward.parent) == before


def test_upgrade_lists_per_treatment_what_would_change_and_what_is_kept(ward):
    plan = json.loads(_cli(ward, "--json").stdout)
    by = {(t["mrn"], t["treatment"], t["protocol"]): t for t in plan["treatments"]}
    assert set(by) == {
        ("A1", "2026-11-10", "b-all-cd19"), ("A1", "2026-11-10", "registry-cibmtr"),
        ("C3", "2026-08-01", "mm-bcma"), ("D4", "2025-01-10", "b-all-cd19"),
        ("E5", "2024-01-10", "lbcl-cd19"), ("E5", "2026-10-01", "lbcl-cd19")}
    a1 = by["A1", "2026-11-10", "b-all-cd19"]
    acts = [(c["action"], c["code"]) for c in a1["changes"]]
    assert acts == [("move", "D10")] + [("add", f"Y{n}") for n in range(16, 26)]
    d10 = a1["changes"][0]
    assert (d10["before"]["window_start"], d10["before"]["window_end"],
            d10["after"]["window_start"], d10["after"]["window_end"]) == (
        "2026-11-19", "2026-11-21", "2026-11-18", "2026-11-22")
    pre = by["A1", "2026-11-10", "registry-cibmtr"]["changes"]
    assert [(c["action"], c["code"], c["after"]["target"]) for c in pre] == [
        ("add", "PRE", "2026-12-10")]
    c3 = by["C3", "2026-08-01", "mm-bcma"]
    assert [(c["action"], c["code"]) for c in c3["changes"]][:4] == [
        ("change", "D56"), ("change", "M6"), ("change", "M12"), ("add", "Y16")]
    assert {k["code"]: k["why"] for k in c3["kept"]} == {
        "M3": "done", "D84": "missed", "M9": "moved by hand (patient away)"}
    assert by["D4", "2025-01-10", "b-all-cd19"]["skipped"] == (
        "deceased since 2026-06-01: follow-up ended")
    assert by["E5", "2024-01-10", "lbcl-cd19"]["skipped"] == (
        "superseded by the re-infusion on 2026-10-01")
    e5 = by["E5", "2026-10-01", "lbcl-cd19"]
    assert {"code": "W3", "why": "not added: its window closed on 2026-10-24"} in e5["kept"]
    assert [(c["action"], c["code"]) for c in e5["changes"]][:3] == [
        ("change", "M3"), ("change", "M6"), ("change", "M12")]


def test_upgrade_apply_makes_exactly_the_listed_changes(ward):
    listed = json.loads(_cli(ward, "--json").stdout)
    before = _rows(ward)
    applied = _cli(ward, "--yes", "--json")
    assert applied.returncode == 0, applied.stderr
    assert json.loads(applied.stdout) == listed, "what is applied is what was listed"
    after = _rows(ward)
    changes = [(t, c) for t in listed["treatments"] if not t["skipped"] for c in t["changes"]]
    touched = {c["visit_id"] for _t, c in changes if c["visit_id"] is not None}
    # every visit not listed is byte for byte as it was
    assert {i: row for i, row in after.items() if i in before and i not in touched} == {
        i: row for i, row in before.items() if i not in touched}
    # the added ones are exactly the listed adds, with the listed dates
    new_rows = [after[i] for i in sorted(set(after) - set(before))]
    adds = [(t["treatment_id"], c["code"], c["after"]["scheduled"])
            for t, c in changes if c["action"] == "add"]
    assert sorted((r["treatment_id"], r["code"], r["scheduled"]) for r in new_rows) == sorted(adds)
    for _t, c in changes:
        if c["action"] in ("move", "change"):
            row = after[c["visit_id"]]
            assert (row["target"], row["window_start"], row["window_end"], row["scheduled"],
                    row["label"], json.loads(row["assessments"])) == (
                c["after"]["target"], c["after"]["window_start"], c["after"]["window_end"],
                c["after"]["scheduled"], c["after"]["label"], c["after"]["assessments"])
            assert row["moved_reason"] == "", "an upgrade is not a move by hand"
    # the treatments now keep the new version; the skipped ones the old
    r = Roster.open(ward)
    try:
        for t in listed["treatments"]:
            version, _ = r.store.protocol_version(t["treatment_id"], t["protocol"])
            assert version == ("2026-11" if t["skipped"] else "2026-12"), t
        assert r.store.verify_audit() == []
    finally:
        r.close()
    again = _cli(ward)
    assert "Every treatment already follows" not in again.stdout  # the skipped ones stay listed
    assert "0 visit(s) added, 0 moved, 0 changed, 0 cancelled; 2 skipped" in again.stdout


def test_upgrade_never_touches_done_missed_or_hand_moved_visits(ward):
    before = _rows(ward)
    r = Roster.open(ward)
    try:
        kept = {c: _visit(r, "C3", c).id for c in ("M3", "D84", "M9")}
        apply_upgrade(r, WHO, TODAY)
    finally:
        r.close()
    after = _rows(ward)
    assert all(after[i] == before[i] for i in kept.values())


def _clinic_version_without(db: Path, drop: str, version: str) -> None:
    """A clinic's b-all-cd19 of its own version: the 2026-12 default without one visit."""
    text = (default_protocol_dir() / "b-all-cd19.toml").read_text(encoding="utf-8")
    start = text.index(f'[[visit]]\ncode = "{drop}"')
    end = text.index("[[visit]]", start + 5)
    text = text[:start] + text[end:]
    text = text.replace('version = "2026-12"', f'version = "{version}"')
    folder = clinic_protocol_dir(db)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "b-all-cd19.toml").write_text(text, encoding="utf-8")


def test_upgrade_cancels_an_open_visit_the_new_version_drops_and_corrections_take_it_back(ward):
    _clinic_version_without(ward, "M18", "2026-12-ward-1")
    trial = _cli(ward, "--to", "2026-12-ward-1")
    assert trial.returncode == 0, trial.stderr
    assert "  cancel M18     was scheduled 2028-05-10" in trial.stdout
    assert "mm-bcma" not in trial.stdout, "--to names only the protocols of that version"
    assert _cli(ward, "--to", "2026-12-ward-1", "--yes").returncode == 0
    r = Roster.open(ward)
    try:
        m18 = _visit(r, "A1", "M18", "b-all-cd19")
        d10 = _visit(r, "A1", "D10", "b-all-cd19")
        assert m18.cancelled_reason == "protocol upgrade to b-all-cd19 version 2026-12-ward-1"
        assert (d10.window_start, d10.window_end) == (D("2026-11-18"), D("2026-11-22"))
        # each cancellation and move is an entry the corrections machinery takes back, listed
        # on the patient's page as such
        listed = {(e.kind, e.entry_id): e.text
                  for e in r.correctable_entries(r.find_patient("A1").id)}
        assert listed[("cancellation", m18.id)] == (
            "cancellation of M18 on 2026-11-27: protocol upgrade to b-all-cd19 version "
            "2026-12-ward-1")
        assert ("reschedule", d10.id) in listed
        r.correct("cancellation", m18.id, "upgrade applied to the wrong ward", WHO, TODAY)
        r.correct("reschedule", d10.id, "upgrade applied to the wrong ward", WHO, TODAY)
        m18, d10 = _visit(r, "A1", "M18"), _visit(r, "A1", "D10")
        assert m18.cancelled_reason == ""
        assert (d10.window_start, d10.window_end) == (D("2026-11-19"), D("2026-11-21"))
    finally:
        r.close()


def test_upgrade_refuses_an_unknown_version_and_changes_nothing(ward):
    before = _bytes(ward.parent)
    bad = _cli(ward, "--to", "2031-01", "--yes")
    assert bad.returncode == 1
    assert "--to: no protocol of the library has version '2031-01'" in bad.stderr
    assert _bytes(ward.parent) == before


def test_a_treatment_keeps_its_version_and_a_new_one_gets_the_corrected_defaults(ward):
    r = Roster.open(ward)
    try:
        a1 = r.find_patient("A1")
        t = r.store.treatments(a1.id)[0]
        assert r.store.protocol_version(t.id, "b-all-cd19")[0] == "2026-11"
        d10 = _visit(r, "A1", "D10")
        assert (d10.window_start, d10.window_end) == (D("2026-11-19"), D("2026-11-21"))
        assert not any(v.code == "Y16" for v in r.store.visits(treatment_id=t.id))
        new = add_patient(r, TODAY, mrn="N9", name="New Patient", infusion=D("2026-11-10"))
        t9 = r.store.treatments(new.id)[0]
        assert r.store.protocol_version(t9.id, "b-all-cd19")[0] == "2026-12"
        d10 = _visit(r, "N9", "D10")
        assert (d10.window_start, d10.window_end) == (D("2026-11-18"), D("2026-11-22"))
        assert plan_upgrade(r, TODAY).counts()["add"] > 0, "the old ones still to upgrade"
    finally:
        r.close()


def test_upgrade_applies_only_the_list_a_person_read(ward):
    """The dialog's case: the list was read, then the roster changed; the upgrade is refused and
    nothing is changed."""
    r = Roster.open(ward)
    try:
        read = plan_upgrade(r, TODAY)
        r.mark_missed(_visit(r, "C3", "D56").id, WHO, TODAY)  # a nurse, meanwhile
        before = {v.id: r.store.visit_row(v.id) for v in r.store.visits()}
        with pytest.raises(InputRefused) as refused:
            apply_upgrade(r, WHO, TODAY, expected=read)
        assert "the roster changed since the list was made" in str(refused.value)
        assert {v.id: r.store.visit_row(v.id) for v in r.store.visits()} == before
        t = r.store.treatments(r.find_patient("A1").id)[0]
        assert r.store.protocol_version(t.id, "b-all-cd19")[0] == "2026-11"
        apply_upgrade(r, WHO, TODAY, expected=plan_upgrade(r, TODAY))
        assert r.store.protocol_version(t.id, "b-all-cd19")[0] == "2026-12"
    finally:
        r.close()


# -- tracks: an upgrade to a version with tracks lists and makes their visits at once -------------


def _low_igg_ward(r: Roster) -> None:
    """A treatment on the 2026-11 lbcl-cd19 (no tracks) with a low IgG taken after day 0 + 30:
    no track visit, since that version has no track."""
    from cartclinic.model import PatientResult

    p = add_patient(r, TODAY, mrn="T1", name="Track Patient", infusion=D("2026-06-01"),
                    protocols=("lbcl-cd19",))
    r.add_results([PatientResult(p.id, D("2026-11-20"), "IgG", "3.1", "g/L", 3.1, "g/L")], WHO)


def test_upgrade_to_a_version_with_tracks_lists_the_track_visit_and_makes_it_at_once(tmp_path):
    db = tmp_path / "ward" / "roster.db"
    db.parent.mkdir()
    _with_2026_11(db, _low_igg_ward)
    r = Roster.open(db)
    try:
        p = r.find_patient("T1")
        assert not [v for v in r.store.visits(patient_id=p.id) if v.code.startswith("IGG")]
        plan = plan_upgrade(r, TODAY)
        (t,) = [t for t in plan.treatments if t.mrn == "T1"]
        track = [c for c in t.changes if c.track]
        # the IgG recheck follows the result of 2026-11-20 by a month (T2), listed as a track's
        assert [(c.action, c.code, c.after.target) for c in track] == [
            ("add", "IGG1", D("2026-12-20"))]
        assert any("IGG1" in line and "(track, from the results)" in line
                   for line in plan_lines(plan, applied=False))
        done = apply_upgrade(r, WHO, TODAY, expected=plan)
        assert plan_json(done) == plan_json(plan)
        (igg,) = [v for v in r.store.visits(patient_id=p.id) if v.code.startswith("IGG")]
        assert (igg.code, igg.target) == ("IGG1", D("2026-12-20"))
        # the next sync (any later write) finds the tracks already in step: nothing changes
        with r.store.write(WHO):
            assert r.sync_tracks(p.id) == 0
        assert r.store.verify_audit() == []
    finally:
        r.close()


def test_upgrade_leaves_an_open_track_visit_to_its_track_instead_of_cancelling_it(tmp_path):
    """A treatment already on a version with tracks, moved onto a later one that keeps the
    track: its open track visit is not "no longer in the version" (its code is the track's)."""
    from cartclinic.model import PatientResult

    db = tmp_path / "roster.db"
    r = Roster.open(db)
    try:
        p = add_patient(r, TODAY, mrn="T2", name="Track Patient", infusion=D("2026-06-01"),
                        protocols=("b-all-cd19",))
        r.add_results([PatientResult(p.id, D("2026-11-20"), "IgG", "3.1", "g/L", 3.1, "g/L")],
                      WHO)
        (igg,) = [v for v in r.store.visits(patient_id=p.id) if v.code == "IGG1"]
        _clinic_version_without(db, "M18", "2027-01")  # a later clinic version, track kept
        r.close()
        r = Roster.open(db)
        plan = plan_upgrade(r, TODAY)
        (t,) = [t for t in plan.treatments if t.mrn == "T2"]
        assert "IGG1" not in [c.code for c in t.changes]
        apply_upgrade(r, WHO, TODAY, expected=plan)
        after = r.store.visit(igg.id)
        assert (after.cancelled_reason, after.target) == ("", igg.target)
    finally:
        r.close()
