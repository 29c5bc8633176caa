"""Protection at rest (issue 15, item 3): the program checks whether the roster's disk is
encrypted and says so on `check` and in Help › About. A fake /sys/dev/block tree stands for the
device layouts; the real machine's answer is whatever it is (here: a plain virtual disk)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from cartclinic.disk_encryption import (
    ENCRYPTED,
    NOT_ENCRYPTED,
    UNKNOWN,
    _linux,
    advice,
    bitlocker_verdict,
    disk_encryption,
)


def _device(root: Path, name: str, *, dm_uuid: str | None = None, slaves=()) -> Path:
    device = root / "devices" / name
    (device / "slaves").mkdir(parents=True)
    if dm_uuid is not None:
        (device / "dm").mkdir()
        (device / "dm" / "uuid").write_text(dm_uuid + "\n", encoding="ascii")
    for slave in slaves:
        (device / "slaves" / slave.name).symlink_to(slave)
    return device


@pytest.fixture
def sys_block(tmp_path) -> Path:
    """vda2 (a partition) under LUKS (dm-0) under LVM (dm-1); vdb plain; dm-2 LVM on vdb."""
    root = tmp_path / "sys"
    block = root / "dev" / "block"
    block.mkdir(parents=True)
    vda2 = _device(root, "vda2")
    luks = _device(root, "dm-0", dm_uuid="CRYPT-LUKS2-abc-luks", slaves=[vda2])
    lvm = _device(root, "dm-1", dm_uuid="LVM-xyz", slaves=[luks])
    vdb = _device(root, "vdb")
    lvm_plain = _device(root, "dm-2", dm_uuid="LVM-plain", slaves=[vdb])
    for numbers, device in (("254:2", vda2), ("253:0", luks), ("253:1", lvm), ("254:16", vdb),
                            ("253:2", lvm_plain)):
        (block / numbers).symlink_to(device)
    return block


@pytest.mark.parametrize("numbers, verdict", [
    ((253, 0), ENCRYPTED),  # the file system on the LUKS mapping itself
    ((253, 1), ENCRYPTED),  # LVM over LUKS
    ((254, 16), NOT_ENCRYPTED),  # a plain disk
    ((253, 2), NOT_ENCRYPTED),  # LVM over a plain disk
    ((254, 2), NOT_ENCRYPTED),  # the partition under LUKS, read directly
    ((0, 45), UNKNOWN),  # tmpfs, overlay, NFS: no block device
    ((8, 99), UNKNOWN),  # a device the tree does not know
])
def test_disk_encryption_linux_layouts(sys_block, numbers, verdict):
    assert _linux(*numbers, sys_block) == verdict


@pytest.mark.parametrize("output, verdict", [
    ("Volume C: [OS]\n    Conversion Status:    Fully Encrypted\n"
     "    Protection Status:    Protection On\n", ENCRYPTED),
    ("Volume D: []\n    Conversion Status:    Fully Decrypted\n"
     "    Protection Status:    Protection Off\n", NOT_ENCRYPTED),
    ("ERROR: An attempt to access a required resource was denied.\n", UNKNOWN),
])
def test_disk_encryption_bitlocker_status_read(output, verdict):
    assert bitlocker_verdict(output) == verdict


def test_disk_encryption_of_this_machine_is_one_of_the_three(tmp_path):
    assert disk_encryption(tmp_path / "roster.db") in (ENCRYPTED, NOT_ENCRYPTED, UNKNOWN)


def test_disk_encryption_is_said_by_check(tmp_path):
    db = tmp_path / "roster.db"
    run = [sys.executable, "-m", "cartclinic", "--db", str(db)]
    assert subprocess.run(run + ["init"], capture_output=True, timeout=120).returncode == 0
    done = subprocess.run(run + ["check"], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert advice(disk_encryption(db)) in done.stdout
