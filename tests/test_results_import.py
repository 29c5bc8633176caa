"""Lab results imported from the hospital's lab (issue 11, items 1 and 2): `results FILE.csv`
(mrn, date, analyte, value, unit), all or nothing, every bad line named; results land on the
patient with their canonical value, and flags and tracks follow them."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from helpers import add_patient, roster_state

from cartclinic.roster import Roster

DAY0 = date(2026, 6, 1)  # a Monday; b-all-cd19 2026-12 carries the IgG track from day 30


def cli(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "cartclinic", "--db", str(db), *args],
                          capture_output=True, text=True, encoding="utf-8", timeout=120)


# on a file and on a PostgreSQL server (issue 14)
pytestmark = pytest.mark.both_backends


@pytest.fixture
def db(roster_url: str) -> Path | str:
    path = roster_url if "://" in roster_url else Path(roster_url)
    r = Roster.open(path)
    add_patient(r, date(2026, 6, 1), mrn="A1", name="王秀英", infusion=DAY0)
    r.close()
    return path


def _csv(tmp_path: Path, *rows: str) -> Path:
    f = tmp_path / "lab.csv"
    f.write_text("mrn,date,analyte,value,unit\n" + "".join(r + "\n" for r in rows),
                 encoding="utf-8")
    return f


def _patient(db: Path, today: str) -> dict:
    done = cli(db, "patient", "A1", "--today", today, "--json")
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_results_import_igg_day_35_63_91_drives_the_track_and_the_flag(db, tmp_path):
    # day 35: IgG 3.2 g/L starts the IgG track; day 63: 350 mg/dL (3.5 g/L, low) moves the recheck
    f = _csv(tmp_path, "A1,2026-07-06,IgG,3.2,g/L", "a1,2026-08-03,immunoglobulin G,350,mg/dL")
    done = cli(db, "results", str(f), "--today", "2026-08-10")
    assert done.returncode == 0, done.stderr
    assert "imported 2 results for 1 patient" in done.stdout
    data = _patient(db, "2026-08-10")
    assert [(r["date"], r["canonical_value"], r["canonical_unit"], r["imported"])
            for r in data["results"]] == [("2026-07-06", 3.2, "g/L", True),
                                           ("2026-08-03", 3.5, "g/L", True)]
    igg = [v for v in data["visits"] if v["code"].startswith("IGG")]
    assert [(v["code"], v["target"], v["status"]) for v in igg] == [
        ("IGG1", "2026-09-03", "upcoming")]  # the latest result + 1 month (T2)
    (low,) = [f for f in data["flags"] if f["code"] == "igg_low"]
    assert "350 mg/dL = 3.5 g/L ≤ 4 g/L" in low["text"]
    # day 91: 6.1 g/L stops it (T3)
    f = _csv(tmp_path, "A1,2026-08-31,IgG,6.1,g/L")
    assert cli(db, "results", str(f), "--today", "2026-09-01").returncode == 0
    data = _patient(db, "2026-09-01")
    (igg1,) = [v for v in data["visits"] if v["code"].startswith("IGG")]
    assert igg1["status"] == "cancelled"
    assert "igg_low" not in {f["code"] for f in data["flags"]}
    r = Roster.open(db)
    try:
        visit = r.store.visit(igg1["visit_id"])
        assert visit.cancelled_reason == "stopped: IgG 6.1 g/L on 2026-08-31"
    finally:
        r.close()


def test_results_import_refuses_the_whole_file_naming_every_bad_line(db, tmp_path):
    f = _csv(tmp_path,
             "A1,2026-07-06,IgG,3.2,g/L",  # good, but the file is refused whole
             "A1,2026-07-06,IgG,3.2,mmol/L",  # a unit not on the list
             "A1,2026-07-06,IgG,-1,g/L",  # negative
             "A1,2026-07-06,IgG,low,g/L",  # not a number
             "A1,2099-01-01,IgG,3.2,g/L",  # in the future
             "A1,1901-01-01,IgG,3.2,g/L",  # before birth
             "A1,2026-07-06,Unobtainium,3,g/L",  # unknown analyte
             "Z9,2026-07-06,IgG,3.2,g/L")  # unknown MRN
    before = roster_state(db)
    done = cli(db, "results", str(f), "--today", "2026-08-10")
    assert done.returncode == 1
    for line in range(3, 10):
        assert f"line {line}: " in done.stderr, (line, done.stderr)
    assert "line 2:" not in done.stderr
    assert "g/L" in done.stderr.split("line 3: ")[1].split("\n")[0]  # the accepted units named
    assert roster_state(db) == before
