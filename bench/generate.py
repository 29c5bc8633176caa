"""A realistic roster for the benchmarks: N patients (default 10,000) made by the demo generator
(the default protocols mixed as in a real centre, infusions over ten years, re-infusions, events,
most past visits recorded with results), plus one patient with three treatments and about 120
visits for the patient-page figure. Seeded and dated, so a given (N, seed) is always the same
roster; the file is cached under bench/.cache.
"""

from __future__ import annotations

import shutil
import sys
import time
from datetime import date
from pathlib import Path

from cartclinic.demo import make_demo
from cartclinic.model import Patient
from cartclinic.roster import NewTreatment, Roster

BENCH_TODAY = date(2026, 11, 27)
CACHE = Path(__file__).resolve().parent / ".cache"
BIG_PATIENT_MRN = "BENCH-BIG"


def roster_file(patients: int, seed: int = 2026) -> Path:
    """The cached roster for (patients, seed), made on first use."""
    CACHE.mkdir(exist_ok=True)
    path = CACHE / f"roster-{patients}-{seed}.db"
    if path.exists():
        return path
    tmp = path.with_suffix(".part")
    for leftover in CACHE.glob(tmp.name + "*"):
        leftover.unlink()
    started = time.perf_counter()
    roster = Roster.open(tmp)
    try:
        make_demo(roster, patients, seed, BENCH_TODAY)
        _big_patient(roster)
        roster.store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        roster.close()
    for suffix in ("", ".seal"):
        src = Path(str(tmp) + suffix)
        if src.exists():
            shutil.move(src, Path(str(path) + suffix))
    print(f"generated {path.name} in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    return path


def _big_patient(roster: Roster) -> None:
    """Three treatments (two re-infusions), about 120 visits in all."""
    today = BENCH_TODAY
    p = roster.register(
        Patient(mrn=BIG_PATIENT_MRN, name="王秀英", date_of_birth=date(1946, 2, 11), sex="F",
                phone="+86 138 0000 0000", diagnosis="Relapsed B-cell ALL"),
        [NewTreatment("tisagenlecleucel (Kymriah)", date(2016, 3, 15),
                      ("b-all-cd19", "registry-cibmtr"), "CD19", date(2016, 3, 15))],
        "bench", today)
    assert p.id is not None
    for day0 in (date(2019, 5, 6), date(2023, 9, 18)):
        roster.reinfuse(p.id, NewTreatment("obecabtagene (Aucatzyl)", day0, ("b-all-cd19",),
                                           "CD19", day0), "bench", today)
