"""A PC clock behind the roster's newest entry is named, never silently trusted: `due` with a
clock a year back showed 0 overdue and 0 due and said nothing."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from cartclinic.clock import clock_behind
from cartclinic.roster import Roster


def _written_at(roster: Roster, moment: datetime, monkeypatch) -> None:
    """One audit entry stamped `moment`, as a PC whose clock said so would have written it."""
    import cartclinic.store.sqlite.store as sqlite_store

    class Clock(datetime):
        @classmethod
        def now(cls, tz=None):
            return moment.astimezone(tz) if tz else moment.replace(tzinfo=None)

    monkeypatch.setattr(sqlite_store, "datetime", Clock)
    with roster.store.write("Nurse Chen"):
        roster.store.note("print", {"what": "day list"})
    monkeypatch.setattr(sqlite_store, "datetime", datetime)


def test_a_clock_behind_the_newest_entry_is_found_with_both_dates(tmp_path, monkeypatch):
    roster = Roster.open(tmp_path / "r.db")
    try:
        newest = datetime(2027, 3, 1, 9, 15, tzinfo=UTC)
        _written_at(roster, newest, monkeypatch)
        behind = clock_behind(roster.store, newest - timedelta(days=365))
        assert behind is not None and behind.newest == newest
        assert "2026-03-01 09:15 UTC" in behind.message() and "2027-03-01 09:15 UTC" in behind.message()
        assert "Set the PC's date and time" in behind.message()
        assert clock_behind(roster.store, newest) is None
        assert clock_behind(roster.store, newest + timedelta(minutes=1)) is None
    finally:
        roster.close()


def test_an_empty_roster_has_no_clock_to_doubt(tmp_path):
    roster = Roster.open(tmp_path / "r.db")
    try:
        assert clock_behind(roster.store, datetime(2000, 1, 1, tzinfo=UTC)) is None
    finally:
        roster.close()


def _cli(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "cartclinic", "--db", str(db), "--who", "t",
                           *args], capture_output=True, text=True, timeout=120, encoding="utf-8")


@pytest.mark.parametrize("command", [("due",), ("print", "day", "{today}", "--out", "{out}")])
def test_the_command_line_warns_on_stderr_when_the_clock_is_behind(tmp_path, monkeypatch,
                                                                  command):
    db = tmp_path / "r.db"
    assert _cli(db, "demo", "--patients", "5").returncode == 0
    args = [a.format(today=datetime.now().date().isoformat(), out=tmp_path / "day.pdf")
            for a in command]
    quiet = _cli(db, *args)
    assert quiet.returncode == 0, quiet.stderr
    assert "clock" not in quiet.stderr, "a right clock: no warning"
    # an entry written a year from now: this PC's clock is a year behind the roster
    ahead = datetime.now(UTC).replace(microsecond=0) + timedelta(days=365)
    roster = Roster.open(db)
    try:
        _written_at(roster, ahead, monkeypatch)
    finally:
        roster.close()
    warned = _cli(db, *args)
    assert warned.returncode == 0, warned.stderr
    assert "clock is behind" in warned.stderr
    assert f"{ahead:%Y-%m-%d %H:%M} UTC" in warned.stderr
    assert f"{datetime.now(UTC):%Y-%m-%d}" in warned.stderr
