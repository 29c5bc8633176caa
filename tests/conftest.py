"""Shared fixtures: a fresh roster file per test and a frozen today."""

from __future__ import annotations

import os
import tempfile
from datetime import date
from pathlib import Path

import pytest
from hypothesis import settings
from own_folders import keep_apart, real_folders, snapshot

# the user's own settings and data folders: noted as they are, then out of reach of every test
# and of every program a test starts (checked again at the end of the run)
REAL_FOLDERS = real_folders()
REAL_BEFORE = snapshot(REAL_FOLDERS)
keep_apart()
# before anything imports Qt: no display on CI
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# audit anchors never go to the user's config, also from module-wide fixtures (see anchors_apart)
os.environ.setdefault("CARTCLINIC_ANCHORS", tempfile.mkdtemp(prefix="cartclinic-anchors-"))
# and the PC's PIN key (cartclinic/pin_key.py) is the test run's own, never the user's
os.environ.setdefault("CARTCLINIC_PIN_KEY", os.path.join(
    tempfile.mkdtemp(prefix="cartclinic-pin-key-"), "pin-key"))

settings.register_profile("ci", derandomize=True, deadline=None, print_blob=True)
settings.load_profile("ci")

TODAY = date(2026, 11, 27)


def pytest_sessionfinish(session, exitstatus):
    """The run fails when it has changed anything in the user's own cartclinic folders."""
    changed = sorted(set(snapshot(REAL_FOLDERS).items()) ^ set(REAL_BEFORE.items()))
    if changed:
        names = sorted({name for name, _ in changed})
        print("\nThe test run changed the user's own folders: " + ", ".join(names))
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


@pytest.fixture(autouse=True)
def anchors_apart(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Audit anchors of each test's rosters in a folder of its own, never the user's config
    (the command-line tests' subprocesses inherit the variable)."""
    folder = tmp_path / "anchors-apart"
    monkeypatch.setenv("CARTCLINIC_ANCHORS", str(folder))
    return folder


@pytest.fixture
def today() -> date:
    return TODAY


@pytest.fixture
def roster_path(tmp_path: Path) -> Path:
    return tmp_path / "roster.db"


# -- both backends (issue 14) -------------------------------------------------------------------
# A test marked `both_backends` (or a module with `pytestmark = pytest.mark.both_backends`) runs
# once on a SQLite file and once on a throwaway PostgreSQL server (tests/pg_server.py): its
# `roster` and `roster_url` are then the server's. Without PostgreSQL installed the server runs
# skip, saying why, unless CARTCLINIC_REQUIRE_POSTGRES=1 (the test command), which fails them.
BACKENDS = ("sqlite", "postgres")


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "both_backends: run on SQLite and on a throwaway PostgreSQL server")
    config.addinivalue_line(
        "markers", "sqlite_only(why): in a both_backends module, runs on SQLite only, saying why")


def pytest_generate_tests(metafunc):
    marked = metafunc.definition.get_closest_marker
    if "backend" in metafunc.fixturenames and marked("both_backends") and not marked(
            "sqlite_only"):
        metafunc.parametrize("backend", BACKENDS, indirect=True)


@pytest.fixture(scope="session")
def pg_server():
    from pg_server import REQUIRE_ENV, PgServer, ServerUnavailable

    try:
        server = PgServer()
    except ServerUnavailable as exc:
        if os.environ.get(REQUIRE_ENV) == "1":
            pytest.fail(f"the PostgreSQL test server could not start ({REQUIRE_ENV}=1): {exc}",
                        pytrace=False)
        pytest.skip(f"no PostgreSQL test server: {exc}")
    yield server
    server.stop()


@pytest.fixture
def backend(request) -> str:
    return getattr(request, "param", "sqlite")


@pytest.fixture
def roster_url(backend: str, roster_path: Path, request) -> str:
    """Where the test's roster is: a file (as text) or a fresh database on the test server."""
    if backend == "postgres":
        return request.getfixturevalue("pg_server").new_database()
    return str(roster_path)


@pytest.fixture
def roster(roster_url: str, backend: str, roster_path: Path):
    from cartclinic.roster import Roster

    r = Roster.open(roster_url if backend == "postgres" else roster_path)
    yield r
    r.close()
