"""The roster file on disk: where it lives, who may read it, whether it is sound, its backups.

SQLite on a network share corrupts under locking that the share does not honour, so such a place
is refused. Files are created owner-only because they hold patients' records.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import sqlite3
import sys
import threading
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime
from pathlib import Path

from cartclinic.errors import InputRefused, RosterProblem
from cartclinic.local_files import (  # noqa: F401  (the backend's own callers reach them here)
    WINDOWS_HELD,
    clinic_protocol_dir,
    create_owner_only,
    data_dir,
    default_db_path,
    disk_full_message,
    folder_writable,
    make_owner_only,
    owner_only_umask,
    replace_file,
    write_owner_only,
)

NETWORK_FILESYSTEMS = {
    "nfs", "nfs4", "cifs", "smb", "smbfs", "smb2", "smb3", "afs", "ncpfs", "9p", "sshfs",
    "fuse.sshfs", "davfs", "fuse.davfs2", "glusterfs", "ceph", "fuse.rclone", "lustre",
}


def backup_dir(db_path: Path) -> Path:
    return db_path.parent / "backups"


def refuse_network_share(path: Path) -> None:
    text = str(path)
    if is_unc(text) or is_unc(str(_resolved(path))):
        raise RosterProblem(
            f"The roster {path} is on a network share. SQLite files on shares are damaged by "
            "locking the share does not honour. Keep the roster on this PC's own disk "
            "(use --db with a local path) and let the backups go to the share."
        )
    drive = mapped_network_drive(path)
    if drive:
        raise RosterProblem(
            f"The roster {path} is on {drive}, a network drive. SQLite files on shares are "
            "damaged by locking the share does not honour. Keep the roster on this PC's own "
            "disk (use --db with a local path such as C:\\...) and let the backups go to the share."
        )
    fs = _filesystem_of(path)
    if fs in NETWORK_FILESYSTEMS:
        raise RosterProblem(
            f"The roster {path} is on a network file system ({fs}). SQLite files on shares are "
            "damaged by locking the share does not honour. Keep the roster on this PC's own "
            "disk (use --db with a local path)."
        )


def is_unc(text: str) -> bool:
    """A Windows network path: `\\\\server\\share\\...`, `//server/share/...` or the long form
    `\\\\?\\UNC\\server\\share` (but not `\\\\?\\C:\\...`, a local disk's long form)."""
    if text[:4] in ("\\\\?\\", "\\\\.\\", "//?/", "//./"):
        return text[4:8].upper() in ("UNC\\", "UNC/")
    return text.startswith(("\\\\", "//"))


def _resolved(path: Path) -> Path:
    try:
        return Path(path).resolve()  # on Windows a mapped drive may resolve to its UNC path
    except OSError:
        return Path(path)


DRIVE_REMOTE = 4  # GetDriveTypeW's answer for a network (mapped) drive


def mapped_network_drive(path: Path, *, windows: bool = sys.platform == "win32",
                         drive_type: Callable[[str], int] | None = None) -> str | None:
    """The drive (`Z:`) when `path` is on a mapped network drive of Windows, else None.
    `drive_type` is kernel32's GetDriveTypeW (given by the tests, which cannot run Windows)."""
    if not windows:
        return None
    import ntpath

    drive = ntpath.splitdrive(str(path))[0]
    if len(drive) != 2 or drive[1] != ":":
        return None  # no drive letter (a UNC path is refused on its own)
    if drive_type is None:
        import ctypes

        drive_type = ctypes.windll.kernel32.GetDriveTypeW  # type: ignore[attr-defined]
    return drive.upper() if drive_type(drive + "\\") == DRIVE_REMOTE else None


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


SQLITE_HEADER = b"SQLite format 3\x00"


def refuse_replacing_a_database(path: Path) -> None:
    """An export (CSV, JSON) never goes over a SQLite file: a name picked in a hurry that is
    the roster itself, or one of its backups, would otherwise be replaced by the export."""
    try:
        with open(path, "rb") as f:
            head = f.read(len(SQLITE_HEADER))
    except OSError:
        return  # no such file (or none this user can read): nothing to keep
    if head == SQLITE_HEADER:
        raise InputRefused(
            f"{path}: is a database (the roster or a backup of it) and is not replaced by an "
            "export; choose another file name")


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


def _user() -> str:
    import getpass

    try:
        return getpass.getuser()
    except Exception:  # no login name on some service accounts
        return "this user"


def unwritable_folder_message(folder: Path, what: str) -> str:
    return (
        f"The folder {folder} cannot be written by {_user()}, so {what}. The roster itself is "
        "not damaged and nothing was changed. Ask ward IT to give this user write access to "
        "that folder (SQLite needs to create files beside the roster)."
    )


def is_disk_full(exc: BaseException) -> bool:
    if isinstance(exc, OSError) and not isinstance(exc, sqlite3.Error):
        return exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG)
    return isinstance(exc, sqlite3.Error) and "full" in str(exc).lower()


def is_permission_problem(exc: BaseException) -> bool:
    if isinstance(exc, OSError):
        return exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS)
    text = str(exc).lower()
    return isinstance(exc, sqlite3.Error) and ("readonly" in text or "read-only" in text)


def _try_lock(fd: int) -> bool:
    """An exclusive advisory lock on an open file, held by a backup while it writes its `.part`
    (True where there are no such locks: Windows refuses to delete an open file anyway)."""
    try:
        import fcntl
    except ImportError:
        return True
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def remove_stale_parts(folder: Path) -> list[Path]:
    """Delete the `.db.part` files a killed backup left in `folder`; one still being written
    by a running backup (it holds a lock on it) is left alone. Returns what was deleted."""
    removed: list[Path] = []
    if not folder.is_dir():
        return removed
    for part in folder.glob("*.db.part"):
        try:
            fd = os.open(part, os.O_RDONLY)
        except OSError:
            continue
        try:
            if _try_lock(fd):
                part.unlink(missing_ok=True)
                removed.append(part)
        except OSError:
            pass
        finally:
            os.close(fd)
    return removed


def _reserve(candidates: Iterable[Path], overwrite: bool) -> tuple[Path, Path, int]:
    """The first candidate that is neither a file (unless `overwrite`) nor being written, with
    its `.part` created owner-only (O_EXCL: two backups in the same second get different
    names) and locked."""
    for dest in candidates:
        if dest.exists() and not overwrite:
            continue
        tmp = dest.with_name(dest.name + ".part")
        try:
            fd = os.open(tmp, os.O_CREAT | os.O_EXCL | os.O_RDWR, 0o600)
        except FileExistsError:
            continue
        # locked, and still the file at that name (not removed meanwhile as stale by another
        # program's `remove_stale_parts` between our creating and locking it)
        if _try_lock(fd) and _same_file(fd, tmp):
            return dest, tmp, fd
        os.close(fd)
    raise RuntimeError("no free backup name")  # the candidates are endless in practice


def _same_file(fd: int, path: Path) -> bool:
    try:
        return os.path.samestat(os.fstat(fd), os.stat(path))
    except OSError:
        return False


def backup_to(conn: sqlite3.Connection, dest: Path | Iterable[Path]) -> Path:
    """Copy a live roster with SQLite's online backup API, owner-only, and check the copy.

    `dest` is the file to write (replaced if it exists), or names to try in turn, the first
    one free being taken (no backup is ever written over another). The copy is written to a
    `.part` file created 0600 and renamed when checked; a `.part` left by a killed backup is
    removed by the next backup into the same folder. A full disk or a folder this user cannot
    write is named as such (RosterProblem), never as damage."""
    overwrite = isinstance(dest, Path)
    candidates = iter([dest] if isinstance(dest, Path) else dest)
    first = next(candidates)
    folder = first.parent
    if overwrite:
        _refuse_the_roster_itself(conn, first)
    fd = -1
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        if overwrite:
            first.with_name(first.name + ".part").unlink(missing_ok=True)
        if folder.name == "backups":
            remove_stale_parts(folder)
        dest, tmp, fd = _reserve(_chain(first, candidates), overwrite)
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
        replace_file(tmp, dest)
    except (OSError, sqlite3.Error) as exc:
        if fd >= 0:
            with contextlib.suppress(OSError):
                tmp.unlink()
        if is_disk_full(exc):
            raise RosterProblem(disk_full_message(folder, "the backup could not be written")) from None
        if is_permission_problem(exc) and folder.is_dir() and not folder_writable(folder):
            raise RosterProblem(unwritable_folder_message(folder, "no backup can be written there")) from None
        raise
    finally:
        if fd >= 0:
            os.close(fd)
    return dest


def _refuse_the_roster_itself(conn: sqlite3.Connection, dest: Path) -> None:
    """A backup written over the roster it copies (or its -wal, -shm) would replace the live
    file under every program that has it open: their next changes would be lost."""
    row = conn.execute("PRAGMA database_list").fetchone()
    if not row or not row[2]:
        return
    roster = Path(row[2])
    own = [roster, Path(f"{roster}-wal"), Path(f"{roster}-shm"), Path(f"{roster}.seal")]
    target = dest.expanduser().absolute()
    if any(target == p or (target.exists() and p.exists() and os.path.samefile(target, p))
           for p in own):
        raise InputRefused(f"{dest}: is the roster itself (or a file SQLite keeps beside it); "
                           "a backup is never written over it. Choose another file name")


def _chain(first: Path, rest: Iterator[Path]) -> Iterator[Path]:
    yield first
    yield from rest


def backup_name(db_path: Path, when: datetime, tag: str = "", seq: int = 0) -> Path:
    """`<stem>-<YYYYmmdd-HHMMSS>[-<seq>][-<tag>].db` in the roster's backup folder."""
    stamp = when.strftime("%Y%m%d-%H%M%S")
    parts = [db_path.stem, stamp] + ([str(seq)] if seq else []) + ([tag] if tag else [])
    return backup_dir(db_path) / ("-".join(parts) + ".db")


def free_names(path: Path) -> Iterator[Path]:
    """`path`, then `<stem>-2.db`, `<stem>-3.db`...: names for `backup_to` to take the first free."""
    yield path
    n = 2
    while True:
        yield path.with_name(f"{path.stem}-{n}{path.suffix}")
        n += 1


def backup_names(db_path: Path, when: datetime, tag: str = "") -> Iterator[Path]:
    """Names for a backup made at `when`: the plain one, then -2, -3... for a second one in
    the same second."""
    yield backup_name(db_path, when, tag)
    n = 2
    while True:
        yield backup_name(db_path, when, tag, n)
        n += 1


def newest_good_backup(db_path: Path) -> Path | None:
    """The most recent backup that passes `quick_check`, for the way out of a damaged roster."""
    folder = backup_dir(db_path)
    if not folder.is_dir():
        return None
    # another roster in the same folder (a training or demo roster) keeps its backups there
    # too: only this roster's own are offered (and the copies before an upgrade, which name
    # the upgrade, not the roster)
    own = re.compile(rf"^(?:{re.escape(db_path.stem)}-\d{{8}}-\d{{6}}|before-).*\.db$")
    mine = [p for p in folder.glob("*.db") if own.match(p.name)]
    for candidate in sorted(mine, key=lambda p: p.stat().st_mtime, reverse=True):
        if check_file(candidate) == "ok":
            return candidate
    return None


def remove_roster_files(path: Path) -> None:
    """A roster file and the -wal and -shm files SQLite keeps beside it, gone."""
    for p in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        p.unlink(missing_ok=True)


def rename_roster(part: Path, final: Path) -> None:
    """The finished roster file under its name, with its seal; the anchors kept for the
    temporary name are set aside."""
    from cartclinic.store import anchors
    from cartclinic.store.sqlite import seal

    replace_file(part, final)
    if seal.seal_path(part).exists():
        replace_file(seal.seal_path(part), seal.seal_path(final))
    anchors.retire(part)
