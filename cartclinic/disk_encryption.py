"""Whether the disk holding the roster is encrypted: the protection at rest the program relies
on (docs/reliability.md, threat model). The roster itself is not encrypted, so a stolen disk,
PC or backup is read by anyone unless the disk is; the program says which it found, on
`check` and in Help › About, rather than assume.

Linux: the block device under the roster's file system, followed down through device-mapper
layers (LVM over LUKS), is a dm-crypt device (`/sys/dev/block/M:m/dm/uuid` starts `CRYPT-`).
Windows: BitLocker's status of the roster's drive (`manage-bde -status X:`); written for ward
PCs, not run by the tests (which run on Linux). Anything else, or a file system with no block
device of its own (tmpfs, overlay, a network share), is "unknown"."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ENCRYPTED, NOT_ENCRYPTED, UNKNOWN = "encrypted", "not encrypted", "unknown"
SYS_BLOCK = Path("/sys/dev/block")


def disk_encryption(path: Path, *, sys_block: Path = SYS_BLOCK) -> str:
    """ENCRYPTED, NOT_ENCRYPTED or UNKNOWN for the disk holding `path` (or its folder)."""
    where = path if path.exists() else path.parent
    try:
        if sys.platform == "win32":
            return _bitlocker(where)
        if sys.platform.startswith("linux"):
            st = os.stat(where)
            return _linux(os.major(st.st_dev), os.minor(st.st_dev), sys_block)
    except OSError:
        return UNKNOWN
    return UNKNOWN


def _linux(major: int, minor: int, sys_block: Path) -> str:
    device = sys_block / f"{major}:{minor}"
    if major == 0 or not device.exists():  # tmpfs, overlay, btrfs subvolumes, NFS
        return UNKNOWN
    return ENCRYPTED if _crypt_below(device.resolve(), 0) else NOT_ENCRYPTED


def _crypt_below(device: Path, depth: int) -> bool:
    """The device, or a device it is built on (its `slaves`), is a dm-crypt mapping."""
    if depth > 8:
        return False
    uuid = device / "dm" / "uuid"
    if uuid.exists() and uuid.read_text(encoding="ascii", errors="replace").startswith("CRYPT-"):
        return True
    slaves = device / "slaves"
    if not slaves.is_dir():
        return False
    return any(_crypt_below(s.resolve(), depth + 1) for s in slaves.iterdir())


def _bitlocker(where: Path) -> str:
    drive = os.path.splitdrive(str(where.resolve()))[0]
    if not drive or drive.startswith("\\\\"):
        return UNKNOWN
    # the window program has no console: without CREATE_NO_WINDOW, Help > About would flash one
    flags = getattr(subprocess, "CREATE_NO_WINDOW", 0)
    done = subprocess.run(["manage-bde", "-status", drive], capture_output=True, text=True,
                          timeout=20, check=False, creationflags=flags)
    return bitlocker_verdict(done.stdout) if done.returncode == 0 else UNKNOWN


def bitlocker_verdict(status: str) -> str:
    """The verdict from `manage-bde -status` output (English Windows)."""
    for line in status.splitlines():
        if line.strip().startswith("Protection Status:"):
            return ENCRYPTED if "Protection On" in line else NOT_ENCRYPTED
    return UNKNOWN


def advice(verdict: str) -> str:
    """One line for `check` and Help › About."""
    if verdict == ENCRYPTED:
        return "disk: encrypted (a stolen disk does not give the roster away)"
    if verdict == NOT_ENCRYPTED:
        return ("disk: NOT encrypted: the roster and its backups can be read from a stolen disk; "
                "ask ward IT to turn on disk encryption (BitLocker, LUKS)")
    return ("disk: encryption unknown (no block device of its own, or not checkable here); "
            "ward IT should make sure the disk is encrypted")
