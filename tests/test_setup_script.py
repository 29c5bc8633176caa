"""scripts/setup.sh without root and without sudo: the Debian packages only the tests use are
named, not installed, and setup goes on (it once stopped at `sudo: command not found`); as root
it installs them (CI is root on Debian). dpkg, apt-get and id are stand-ins here, and
`--debian-only` stops setup before the virtual environment, so nothing is installed."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def packages(name: str) -> list[str]:
    lines = (REPO / "scripts" / name).read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.strip().startswith("#")]


def run_setup(tmp_path: Path, uid: int, installed: set[str]) -> tuple[subprocess.CompletedProcess, str]:
    bin_ = tmp_path / "bin"
    bin_.mkdir(exist_ok=True)
    log = tmp_path / "apt.log"
    tools = {
        "dpkg": "case \" {} \" in *\" $2 \"*) exit 0;; esac\nexit 1\n".format(" ".join(installed)),
        "apt-get": f'echo "apt-get $*" >> "{log}"\n',
        "id": f'[ "$1" = "-u" ] && echo {uid} && exit 0\nexec /usr/bin/id "$@"\n',
    }
    for name, body in tools.items():
        (bin_ / name).write_text("#!/bin/sh\n" + body)
        (bin_ / name).chmod(0o755)
    env = {**os.environ, "PATH": f"{bin_}{os.pathsep}{os.environ['PATH']}"}
    done = subprocess.run(["bash", "scripts/setup.sh", "--test", "--debian-only"], cwd=REPO,
                          env=env, capture_output=True, text=True, timeout=60)
    return done, log.read_text() if log.exists() else ""


@pytest.mark.skipif(shutil.which("sudo") is not None, reason="this machine has a sudo")
def test_setup_without_root_or_sudo_names_the_test_packages_and_goes_on(tmp_path):
    done, apt = run_setup(tmp_path, 1000, installed=set(packages("debian-packages.txt")))
    assert done.returncode == 0, done.stderr
    assert "sudo" not in done.stderr.replace("(not root)", "")
    assert apt == ""  # nothing installed
    assert "only the tests and screenshots use" in done.stderr
    for pkg in packages("debian-packages-test.txt"):
        assert pkg in done.stderr


@pytest.mark.skipif(shutil.which("sudo") is not None, reason="this machine has a sudo")
def test_setup_without_root_or_sudo_names_missing_program_packages_and_goes_on(tmp_path):
    done, apt = run_setup(tmp_path, 1000, installed=set())
    assert done.returncode == 0, done.stderr
    assert apt == ""
    assert "Ask the PC's administrator to run: apt-get install libgl1" in done.stderr


def test_setup_as_root_installs_the_test_packages_too(tmp_path):
    done, apt = run_setup(tmp_path, 0, installed=set(packages("debian-packages.txt")))
    assert done.returncode == 0, done.stderr
    installs = [line for line in apt.splitlines() if " install " in line]
    assert len(installs) == 1
    assert installs[0].split()[-len(packages("debian-packages-test.txt")):] == packages(
        "debian-packages-test.txt")
