"""Automatic backups: checked, owner-only, after N changes, rotated 7 daily + 4 weekly."""

from __future__ import annotations

import os
import stat
from datetime import datetime, timedelta

from helpers import add_patient

from cartclinic.backups import after_change, auto_backup
from cartclinic.store.sqlite.files import backup_dir, check_file
from cartclinic.store.sqlite.rotation import KEEP_DAILY, KEEP_WEEKLY, rotate


def test_auto_backup_is_checked_owner_only_and_audited(roster, today):
    add_patient(roster, today)
    path = auto_backup(roster.store, datetime(2026, 11, 27, 7, 0))
    assert check_file(path, full=True) == "ok"
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert any(r["row_id"] == "backup" for r in roster.store.audit_rows())


def test_a_backup_follows_every_n_changes(roster, today):
    now = datetime(2026, 11, 27, 9, 0)
    add_patient(roster, today, mrn="A1")
    assert after_change(roster.store, 2, now) is None
    add_patient(roster, today, mrn="B2", name="Two")
    assert after_change(roster.store, 2, now) is not None
    assert roster.store.changes_since_backup == 0


def test_rotation_keeps_seven_daily_and_four_weekly(tmp_path):
    folder = tmp_path
    start = datetime(2026, 11, 27, 18, 0)
    made = []
    for days_ago in range(0, 60):
        for hour in (8, 17):
            when = start - timedelta(days=days_ago, hours=18 - hour)
            p = folder / f"roster-{when:%Y%m%d-%H%M%S}-auto.db"
            p.write_bytes(b"x")
            made.append((when, p))
    (folder / "roster-20200101-000000-before-restore.db").write_bytes(b"keep me")
    rotate(folder, "roster")
    left = sorted(p.name for p in folder.glob("roster-*-auto.db"))
    assert len(left) == KEEP_DAILY + KEEP_WEEKLY
    newest_days = {(start - timedelta(days=d)).strftime("%Y%m%d") for d in range(KEEP_DAILY)}
    for day in newest_days:
        assert f"roster-{day}-170000-auto.db" in left  # newest of each day
    assert (folder / "roster-20200101-000000-before-restore.db").exists()


def test_rotation_of_the_real_folder(roster, today):
    add_patient(roster, today)
    for d in range(12):
        auto_backup(roster.store, datetime(2026, 11, 1, 8, 0) + timedelta(days=d))
    assert len(list(backup_dir(roster.store.path).glob("*-auto.db"))) <= KEEP_DAILY + KEEP_WEEKLY


def test_backup_file_uses_its_own_connection_on_another_thread(roster, today):
    import threading

    from cartclinic.backups import backup_file

    add_patient(roster, today)
    result = {}
    worker = threading.Thread(target=lambda: result.setdefault(
        "path", backup_file(roster.store.path, datetime(2026, 11, 27, 7, 0))))
    worker.start()
    add_patient(roster, today, mrn="B2", name="Meanwhile")  # the GUI thread goes on writing
    worker.join(timeout=60)
    assert check_file(result["path"], full=True) == "ok"
    assert stat.S_IMODE(os.stat(result["path"]).st_mode) == 0o600


def test_a_damaged_roster_is_offered_only_its_own_backups_never_another_rosters(tmp_path):
    """A training roster beside the ward's keeps its backups in the same folder: the way out
    of a damaged ward roster must not be the training roster's newer backup."""
    from cartclinic.roster import Roster
    from cartclinic.store.sqlite import files

    ward, training = Roster.open(tmp_path / "ward.db"), Roster.open(tmp_path / "training.db")
    ward_backup = ward.store.backup(next(files.backup_names(ward.store.path, datetime.now())))
    other = training.store.backup(next(files.backup_names(training.store.path, datetime.now())))
    lookalike = files.backup_dir(ward.store.path) / "ward-old-20261201-100000.db"
    training.store.backup(lookalike)  # a roster named ward-old.db is another roster too
    ward.close()
    training.close()
    later = ward_backup.stat().st_mtime + 60
    os.utime(other, (later, later))
    os.utime(lookalike, (later, later))
    assert files.newest_good_backup(tmp_path / "ward.db") == ward_backup
    assert files.newest_good_backup(tmp_path / "training.db") == other
