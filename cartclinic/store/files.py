"""The roster file on disk: where it lives, who may read it, whether it is sound, its backups.

SQLite on a network share corrupts under locking that the share does not honour, so such a place
is refused. Files are created owner-only because they hold patients' records.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import stat
import sys
import threading
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from cartclinic.errors import RosterProblem

APP_NAME = "cartclinic"
NETWORK_FILESYSTEMS = {
    "nfs", "nfs4", "cifs", "smb", "smbfs", "smb2", "smb3", "afs", "ncpfs", "9p", "sshfs",
    "fuse.sshfs", "davfs", "fuse.davfs2", "glusterfs", "ceph", "fuse.rclone", "lustre",
}


def data_dir() -> Path:
    from platformdirs import user_data_dir  # only when no --db is given

    return Path(user_data_dir(APP_NAME, appauthor=False))


def default_db_path() -> Path:
    env = os.environ.get("CARTCLINIC_DB")
    return Path(env) if env else data_dir() / "roster.db"


def clinic_protocol_dir(db_path: Path) -> Path:
    """The clinic's own protocols live beside the roster, so a backup of the folder keeps both."""
    return db_path.parent / "protocols"


def backup_dir(db_path: Path) -> Path:
    return db_path.parent / "backups"


def refuse_network_share(path: Path) -> None:
    text = str(path)
    if text.startswith("\\\\") or text.startswith("//"):
        raise RosterProblem(
            f"The roster {path} is on a network share. SQLite files on shares are damaged by "
            "locking the share does not honour. Keep the roster on this PC's own disk "
            "(use --db with a local path) and let the backups go to the share."
        )
    fs = _filesystem_of(path)
    if fs in NETWORK_FILESYSTEMS:
        raise RosterProblem(
            f"The roster {path} is on a network file system ({fs}). SQLite files on shares are "
            "damaged by locking the share does not honour. Keep the roster on this PC's own "
            "disk (use --db with a local path)."
        )


def _filesystem_of(path: Path) -> str | None:
    """The file-system type of the mount holding `path` (Linux `/proc/mounts`); None elsewhere."""
    mounts = Path("/proc/mounts")
    if sys.platform != "linux" or not mounts.exists():
        return None
    target = path.resolve()
    best, best_fs = "", None
    for line in mounts.read_text(errors="replace").splitlines():
        parts = line.split()
        if len(parts) < 3:
            continue
        point = parts[1].replace("\\040", " ")
        if (str(target) == point or str(target).startswith(point.rstrip("/") + "/")) and len(
            point
        ) > len(best):
            best, best_fs = point, parts[2]
    return best_fs


def create_owner_only(path: Path) -> None:
    """Create an empty file readable by its owner only (SQLite gives -wal/-shm the same mode)."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    os.close(fd)


def make_owner_only(path: Path) -> None:
    with contextlib.suppress(OSError):
        os.chmod(path, stat.S_IRUSR | stat.S_IWUSR)


def check_file(path: Path, *, full: bool = False) -> str:
    """'ok', or what SQLite says is wrong, read through a read-only connection (never writes)."""
    return _check(path, full=full, opened=None)


def _check(path: Path, *, full: bool, opened: Callable[[sqlite3.Connection], None] | None) -> str:
    pragma = "integrity_check" if full else "quick_check"
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        try:
            if opened is not None:
                opened(conn)
            rows = conn.execute(f"PRAGMA {pragma}").fetchall()
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        return str(exc)
    result = "; ".join(str(r[0]) for r in rows)
    return "ok" if result == "ok" else result


class CheckOnThread:
    """`quick_check` of a roster on a thread of its own, so a large file (a second per gigabyte)
    is checked while the worklist is already on screen. It starts on `start()`, or at the latest
    when its verdict is first asked for; the store holds back every write until `verdict()` has
    said 'ok'. `stop()` interrupts it (closing the program early): the verdict is then None,
    which lets nothing be written."""

    def __init__(self, path: Path) -> None:
        self._path = path
        self._done = threading.Event()
        self._lock = threading.Lock()
        self._conn: sqlite3.Connection | None = None
        self._stopped = False
        self._verdict: str | None = None
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        with self._lock:
            if self._thread is not None:
                return
            if self._stopped:  # stopped before it began: it never will
                self._done.set()
                return
            self._thread = threading.Thread(target=self._run, name="roster quick_check", daemon=True)
            self._thread.start()

    def _run(self) -> None:
        try:
            verdict = _check(self._path, full=False, opened=self._opened)
            with self._lock:
                self._verdict = None if self._stopped else verdict
                self._conn = None
        finally:
            self._done.set()

    def _opened(self, conn: sqlite3.Connection) -> None:
        with self._lock:
            if self._stopped:  # interrupt() is a no-op before a statement runs
                raise sqlite3.OperationalError("stopped")
            self._conn = conn

    def verdict(self, timeout: float | None = None) -> str | None:
        """'ok', what is wrong, or None if the check was stopped (or has not ended by `timeout`)."""
        self.start()
        self._done.wait(timeout)
        return self._verdict

    def ended(self) -> bool:
        return self._done.is_set()

    def started(self) -> bool:
        return self._thread is not None

    def stop(self) -> None:
        with self._lock:
            self._stopped = True
            if self._thread is None:
                self._done.set()
                return
        # interrupt() is the one sqlite3 call meant for another thread; it is lost if it comes
        # just before the statement starts, hence again until the thread has ended
        while not self._done.wait(0.02):
            with self._lock:
                if self._conn is not None:
                    self._conn.interrupt()
        self._thread.join()


def backup_to(conn: sqlite3.Connection, dest: Path) -> Path:
    """Copy a live roster with SQLite's online backup API, owner-only, and check the copy."""
    dest.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    tmp = dest.with_name(dest.name + ".part")
    if tmp.exists():
        tmp.unlink()
    create_owner_only(tmp)
    target = sqlite3.connect(tmp)
    try:
        conn.backup(target)
        target.execute("PRAGMA journal_mode=DELETE")
    finally:
        target.close()
    verdict = check_file(tmp, full=True)
    if verdict != "ok":
        tmp.unlink(missing_ok=True)
        raise RosterProblem(f"The backup written to {dest} failed its check ({verdict}); kept none.")
    os.replace(tmp, dest)
    make_owner_only(dest)
    return dest


def backup_name(db_path: Path, when: datetime, tag: str = "") -> Path:
    stamp = when.strftime("%Y%m%d-%H%M%S")
    return backup_dir(db_path) / f"{db_path.stem}-{stamp}{('-' + tag) if tag else ''}.db"


def newest_good_backup(db_path: Path) -> Path | None:
    """The most recent backup that passes `quick_check`, for the way out of a damaged roster."""
    folder = backup_dir(db_path)
    if not folder.is_dir():
        return None
    for candidate in sorted(folder.glob("*.db"), key=lambda p: p.stat().st_mtime, reverse=True):
        if check_file(candidate) == "ok":
            return candidate
    return None
