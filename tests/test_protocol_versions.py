"""One protocol id and version always means the same visits: a clinic file with a shipped
protocol's id must carry another version, and a protocol whose id and version the roster
already holds with other visits is refused when used, so the snapshot kept with a treatment
always equals the visits made from it."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from helpers import add_patient

from cartclinic.errors import InputRefused
from cartclinic.protocol import ProtocolLibrary, default_protocol_dir, load_protocol
from cartclinic.roster import Roster
from cartclinic.store.sqlite.files import clinic_protocol_dir

TODAY = date(2026, 11, 27)
SHIPPED = default_protocol_dir() / "b-all-cd19.toml"


def _clinic_copy(folder: Path, version: str | None = None, name: str = "my-b-all.toml") -> Path:
    """The shipped b-all-cd19 with its day-28 visit moved to day 30 (and maybe a new version)."""
    text = SHIPPED.read_text(encoding="utf-8").replace("at = { days = 28 }", "at = { days = 30 }")
    assert "days = 30" in text
    if version is not None:
        shipped = load_protocol(SHIPPED).version
        text = text.replace(f'version = "{shipped}"', f'version = "{version}"')
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_clinic_protocol_with_a_shipped_id_and_version_is_refused_naming_file_id_version(
        tmp_path):
    path = _clinic_copy(tmp_path)
    version = load_protocol(SHIPPED).version
    lib = ProtocolLibrary([default_protocol_dir(), tmp_path])
    assert len(lib.problems) == 1
    for part in (str(path), "b-all-cd19", version):
        assert part in lib.problems[0]
    with pytest.raises(InputRefused) as refused:
        lib.get("b-all-cd19")
    assert str(path) in str(refused.value) and version in str(refused.value)
    assert "lbcl-cd19" in lib, "the other protocols are still there"


def test_registering_with_a_refused_protocol_is_refused_and_changes_nothing(roster_path):
    _clinic_copy(clinic_protocol_dir(roster_path))
    r = Roster.open(roster_path)
    try:
        with pytest.raises(InputRefused) as refused:
            add_patient(r, TODAY, protocols=("b-all-cd19",))
        assert "my-b-all.toml" in str(refused.value)
        assert r.store.patients() == []
    finally:
        r.close()


def test_a_clinic_protocol_with_its_own_version_replaces_the_shipped_one(roster_path):
    _clinic_copy(clinic_protocol_dir(roster_path), version="2026-11-clinic-1")
    r = Roster.open(roster_path)
    try:
        p = add_patient(r, TODAY, protocols=("b-all-cd19",), infusion=date(2026, 10, 1))
        t = r.store.treatments(p.id)[0]
        version, body = r.store.protocol_version(t.id, "b-all-cd19")
        assert version == "2026-11-clinic-1"
        assert {v.code: v.target for v in r.store.visits() if v.code == "D28"} == {
            "D28": date(2026, 10, 31)}  # day 30, as the clinic's file says
        assert any(v["code"] == "D28" and v["at"] == {"unit": "days", "amount": 30}
                   for v in json.loads(body)["visits"])
    finally:
        r.close()


def test_a_protocol_stored_under_the_same_id_and_version_with_other_visits_is_refused(
        roster_path):
    """The clinic edits its file but keeps the version: the roster already holds that id and
    version with the old visits, so the edited file is refused when it is used."""
    folder = clinic_protocol_dir(roster_path)
    path = _clinic_copy(folder, version="2026-11-clinic-1")
    r = Roster.open(roster_path)
    try:
        add_patient(r, TODAY, mrn="A1", protocols=("b-all-cd19",))
    finally:
        r.close()
    path.write_text(path.read_text(encoding="utf-8").replace("at = { days = 30 }",
                                                             "at = { days = 35 }"))
    r = Roster.open(roster_path)
    try:
        with pytest.raises(InputRefused) as refused:
            add_patient(r, TODAY, mrn="B2", name="Second", protocols=("b-all-cd19",))
        assert "b-all-cd19 version 2026-11-clinic-1" in str(refused.value)
        assert [p.mrn for p in r.store.patients()] == ["A1"], "nothing of B2 was kept"
        # every treatment's snapshot equals the visits made from it
        for t in r.store.treatments():
            _version, body = r.store.protocol_version(t.id, "b-all-cd19")
            at = {v["code"]: v["at"]["amount"] for v in json.loads(body)["visits"]}
            made = {v.code: (v.target - t.infusion_date).days
                    for v in r.store.visits() if v.treatment_id == t.id and v.code == "D28"}
            assert made == {"D28": at["D28"]} == {"D28": 30}
    finally:
        r.close()


def test_the_protocols_command_reports_the_refused_file(tmp_path):
    db = tmp_path / "r.db"
    path = _clinic_copy(clinic_protocol_dir(db))
    r = subprocess.run([sys.executable, "-m", "cartclinic", "--db", str(db), "protocols"],
                       capture_output=True, text=True, timeout=120, encoding="utf-8")
    assert r.returncode == 0
    assert f"skipped: {path}: id 'b-all-cd19' version" in r.stderr
