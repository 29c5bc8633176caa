"""Every file holding patients' records is created owner-only (0600): the exports, the audit
trail, access requests, the roster's lock and `.inuse` note, backups and before-restore copies.

The subprocesses run with umask 022 (a file created without an explicit mode would be 0644);
files made in-process are made with `os.chmod` switched off, so a file that is only chmod-ed
after its data is written fails here."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest
from helpers import add_admin, add_patient

from cartclinic.backups import auto_backup
from cartclinic.store.sqlite import files
from cartclinic.store.sqlite.restore import restore

TODAY = "2026-11-27"


def _mode(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def _run(*args: str, db: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        # as the roster's admin (helpers.add_admin) where it has one: the PIN on standard input
        [sys.executable, "-m", "cartclinic", "--db", str(db), "--who", "Ward Admin", *args],
        input="2468\n", capture_output=True, text=True, timeout=120, encoding="utf-8",
        preexec_fn=lambda: os.umask(0o022))


@pytest.fixture
def no_chmod(monkeypatch):
    def refuse(*_a, **_k):
        raise AssertionError("chmod after writing: the file was readable by others meanwhile")

    monkeypatch.setattr(os, "chmod", refuse)
    monkeypatch.setattr(Path, "chmod", refuse)


@pytest.fixture
def cli_roster(tmp_path) -> Path:
    db = tmp_path / "r.db"
    assert _run("demo", "--patients", "3", "--today", TODAY, db=db).returncode == 0
    from cartclinic.roster import Roster

    r = Roster.open(db)
    add_admin(r)  # its backups are restored below: a roster with patients needs its admin
    r.close()
    return db


@pytest.mark.parametrize("command", [
    ("export", "--out"), ("audit", "--export"), ("access-request", "MRN", "--out")])
def test_cli_exports_are_created_owner_only(cli_roster, tmp_path, command):
    out = tmp_path / "out.file"
    args = list(command)
    if "MRN" in args:
        from cartclinic.roster import Roster

        r = Roster.open(cli_roster)
        args[args.index("MRN")] = r.store.patients()[0].mrn
        r.close()
    r = _run(*args, str(out), db=cli_roster)
    assert r.returncode == 0, r.stderr
    assert _mode(out) == 0o600
    # a file already there, readable by all, is replaced by an owner-only one
    out.unlink()
    out.write_text("old")
    out.chmod(0o644)
    assert _run(*args, str(out), db=cli_roster).returncode == 0
    assert _mode(out) == 0o600 and out.read_text(encoding="utf-8") != "old"


def test_cli_backups_and_before_restore_copies_are_owner_only(cli_roster, tmp_path):
    out = tmp_path / "b.db"
    assert _run("backup", "--out", str(out), db=cli_roster).returncode == 0
    assert _run("backup", db=cli_roster).returncode == 0
    assert _run("restore", str(out), db=cli_roster).returncode == 0
    made = list(files.backup_dir(cli_roster).glob("*.db"))
    assert [p for p in made if p.name.endswith("-before-restore.db")]
    assert _mode(out) == 0o600
    assert {p.name: _mode(p) for p in made} == {p.name: 0o600 for p in made}


def test_written_files_are_created_owner_only_not_chmod_ed(tmp_path, no_chmod):
    out = tmp_path / "export.csv"
    files.write_owner_only(out, "mrn,name\n")
    assert _mode(out) == 0o600


def test_backups_and_before_restore_copies_are_created_owner_only(roster, today, tmp_path,
                                                                  no_chmod):
    add_admin(roster)
    add_patient(roster, today)
    made = auto_backup(roster.store, datetime(2026, 11, 27, 7, 0))
    by_hand = roster.store.backup(tmp_path / "by-hand.db")
    roster.close()
    kept = restore(roster.store.path, made, "nurse Test")
    assert kept is not None and kept.name.endswith("-before-restore.db")
    for path in (made, by_hand, kept):
        assert _mode(path) == 0o600, path


def test_the_lock_and_inuse_files_are_created_owner_only(tmp_path):
    from cartclinic_ui.roster_lock import RosterLock, info_path, lock_path

    db = tmp_path / "ward.db"
    old = os.umask(0o022)
    try:
        lock = RosterLock(db)
        lock.acquire("Nurse Chen")
        try:
            assert _mode(lock_path(db)) == 0o600
            assert _mode(info_path(db)) == 0o600
        finally:
            lock.release()
    finally:
        os.umask(old)


def test_the_applications_exports_are_created_owner_only_over_a_stale_part(tmp_path, no_chmod):
    from cartclinic_ui.exports import write_private

    out = tmp_path / "record.json"
    stale = tmp_path / ".record.json.part"  # left by a program killed mid-export, readable by all
    stale.write_text("old")
    old = os.umask(0o022)
    try:
        write_private(out, "{}\n")
    finally:
        os.umask(old)
    assert _mode(out) == 0o600 and out.read_text() == "{}\n"


@pytest.mark.parametrize("command", [
    ("export", "--out"), ("audit", "--export"), ("access-request", "MRN", "--out")])
@pytest.mark.parametrize("target", ["the roster", "a backup"])
def test_an_export_never_replaces_the_roster_or_a_backup(cli_roster, tmp_path, command, target):
    """A file name picked in a hurry that is the roster (or a backup of it) is refused: the
    export would otherwise replace the patients' records with a CSV."""
    if target == "the roster":
        victim = cli_roster
    else:
        victim = tmp_path / "kept.db"
        assert _run("backup", "--out", str(victim), db=cli_roster).returncode == 0
    args = list(command)
    if "MRN" in args:
        from cartclinic.roster import Roster

        r = Roster.open(cli_roster)
        args[args.index("MRN")] = r.store.patients()[0].mrn
        r.close()
    def patients() -> list:
        import sqlite3

        conn = sqlite3.connect(victim)
        try:
            return conn.execute("SELECT * FROM patients ORDER BY id").fetchall()
        finally:
            conn.close()

    before = patients()
    r = _run(*args, str(victim), db=cli_roster)
    assert r.returncode == 1, r.stdout
    assert "is a database" in r.stderr and "choose another file name" in r.stderr
    assert files.check_file(victim) == "ok"
    assert patients() == before and before


def test_a_backup_is_never_written_over_the_roster_itself(cli_roster, tmp_path):
    """`backup --out` naming the roster replaced the live file (under the application too, if
    it was open, whose next changes went to the replaced file)."""
    import shutil

    before = cli_roster.read_bytes()
    link = tmp_path / "same.db"
    os.link(cli_roster, link)  # the roster by another name
    for target in (cli_roster, link, Path(f"{cli_roster}-wal")):
        r = _run("backup", "--out", str(target), db=cli_roster)
        assert r.returncode == 1, (target, r.stdout)
        assert "is the roster itself" in r.stderr and "Nothing was changed" in r.stderr
        assert os.path.samefile(link, cli_roster), "the roster file was replaced"
    assert cli_roster.read_bytes() == before
    shutil.copy(cli_roster, tmp_path / "copy.db")  # an earlier backup by --out: replaced
    assert _run("backup", "--out", str(tmp_path / "copy.db"), db=cli_roster).returncode == 0
