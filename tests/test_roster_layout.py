"""`Roster` split by job (issue 14 item 1): one module per job under cartclinic/roster/, each a
class `Roster` is made of, none over 400 lines, and no job's module importing another job's (a
job calls another's methods through `self`, so the modules stay apart)."""

from __future__ import annotations

import ast
from pathlib import Path

from cartclinic.roster import Roster
from cartclinic.roster.events import EventJobs
from cartclinic.roster.patients import PatientJobs
from cartclinic.roster.settings import SettingsJobs
from cartclinic.roster.visits import VisitJobs
from cartclinic.roster.worklist import WorklistJobs

PACKAGE = Path(__file__).resolve().parents[1] / "cartclinic" / "roster"
JOBS = ("patients", "visits", "events", "worklist", "settings")


def test_the_roster_is_made_of_one_class_per_job():
    assert Roster.__mro__[1:6] == (SettingsJobs, PatientJobs, WorklistJobs, VisitJobs, EventJobs)
    assert {p.stem for p in PACKAGE.glob("*.py")} == {*JOBS, "roster", "shared", "__init__"}


def test_each_job_does_its_own_work():
    """A few methods each job is there for, so a method moved to the wrong job is seen."""
    owns = {
        PatientJobs: ("register", "update_patient", "find_patient", "patient_state"),
        VisitJobs: ("record_visit", "reschedule", "mark_missed", "correct", "record_call"),
        EventJobs: ("record_event", "preview_event", "reinfuse", "sync_tracks"),
        WorklistJobs: ("worklist", "worklist_lines", "summaries"),
        SettingsJobs: ("settings", "calendar", "save_settings"),
    }
    for job, names in owns.items():
        for name in names:
            assert name in vars(job), f"{job.__name__} lacks {name}"


def test_no_job_module_is_over_400_lines():
    for path in PACKAGE.glob("*.py"):
        assert len(path.read_text(encoding="utf-8").splitlines()) <= 400, path.name


def test_no_job_module_imports_another_jobs_module():
    for job in JOBS:
        tree = ast.parse((PACKAGE / f"{job}.py").read_text(encoding="utf-8"))
        imported = {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module}
        others = {f"cartclinic.roster.{j}" for j in JOBS if j != job} | {"cartclinic.roster.roster"}
        assert not imported & others, f"{job}.py imports {imported & others}"
