"""A throwaway PostgreSQL server for the tests of the shared roster (issue 14).

`initdb` in a temporary folder, `postgres` listening on a unix socket in that folder only (no
TCP port to collide with another run), fsync off: nothing in it outlives the test run. Each test
gets a database of its own (`new_database`). Debian's `postgresql` package provides the
binaries (`/usr/lib/postgresql/<version>/bin`); without them the tests that need a server skip,
unless `CARTCLINIC_REQUIRE_POSTGRES=1` (the test command sets it), which makes them fail.

initdb refuses to run as root: as root the server runs as the `postgres` user, its folder
handed to that user."""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
import time
from itertools import count
from pathlib import Path

REQUIRE_ENV = "CARTCLINIC_REQUIRE_POSTGRES"
USER = "cartclinic"
PORT = 5432  # the socket file's name only (listen_addresses is empty)


def find_bin() -> Path | None:
    """The newest installed PostgreSQL's bin folder, or None."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"),
                   key=lambda p: int(Path(p).parent.parent.name) if Path(p).parent.parent.name.isdigit() else 0)
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


class ServerUnavailable(Exception):
    pass


class PgServer:
    def __init__(self) -> None:
        bindir = find_bin()
        if bindir is None:
            raise ServerUnavailable(
                "PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb): "
                "apt-get install postgresql, or run scripts/setup.sh --test as root")
        try:
            import psycopg  # noqa: F401
        except ImportError:
            raise ServerUnavailable(
                "psycopg is not installed: pip install -e '.[test]' (it brings psycopg[binary])"
            ) from None
        self.bindir = bindir
        self.root = Path(tempfile.mkdtemp(prefix="cartclinic-pg-"))
        self.data = self.root / "data"
        self.socket_dir = self.root
        self._names = count(1)
        self._as: list[str] = []
        if os.geteuid() == 0:
            self._as = ["setpriv", "--reuid=postgres", "--regid=postgres", "--init-groups", "--"]
            shutil.chown(self.root, "postgres", "postgres")
        self.root.chmod(0o700)
        log = self.root / "initdb.log"
        with open(log, "wb") as out:
            done = subprocess.run(
                [*self._as, str(bindir / "initdb"), "-D", str(self.data), "-U", USER,
                 "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync", "--no-instructions"],
                stdout=out, stderr=subprocess.STDOUT, check=False)
        if done.returncode != 0:
            raise ServerUnavailable(f"initdb failed: {log.read_text(errors='replace')[-800:]}")
        with open(self.root / "server.log", "wb") as server_log:  # the server keeps its own copy
            self.proc = subprocess.Popen(
                [*self._as, str(bindir / "postgres"), "-D", str(self.data),
                 "-k", str(self.socket_dir), "-p", str(PORT), "-c", "listen_addresses=",
                 "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off",
                 "-c", "max_connections=60", "-c", "shared_buffers=32MB"],
                stdout=subprocess.DEVNULL, stderr=server_log)
        self._wait_ready()

    def _wait_ready(self) -> None:
        import psycopg

        deadline = time.monotonic() + 60
        while True:
            if self.proc.poll() is not None:
                raise ServerUnavailable("postgres stopped at once: " + (
                    self.root / "server.log").read_text(errors="replace")[-800:])
            try:
                psycopg.connect(self.url("postgres"), connect_timeout=2).close()
                return
            except psycopg.OperationalError:
                if time.monotonic() > deadline:
                    raise ServerUnavailable("postgres did not answer within a minute") from None
                time.sleep(0.1)

    def url(self, dbname: str) -> str:
        return f"postgresql://{USER}@/{dbname}?host={self.socket_dir}&port={PORT}"

    def new_database(self) -> str:
        """A fresh, empty database; its URL."""
        import psycopg

        name = f"roster_{os.getpid()}_{next(self._names)}"
        with psycopg.connect(self.url("postgres"), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()  # smart shutdown
            try:
                self.proc.wait(30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        shutil.rmtree(self.root, ignore_errors=True)
