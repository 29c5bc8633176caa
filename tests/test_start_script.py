"""scripts/start.sh installs once, then starts with no network and no pip: a stamp in the venv
names what was installed (pyproject.toml's hash, the Python version); a start whose stamp
matches runs neither setup.sh nor pip. The venv here is a stand-in (its `python` runs the real
one for the stamp's version question and otherwise only says how it was started), so nothing is
installed and the program does not open."""

from __future__ import annotations

import hashlib
import os
import platform
import stat
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
START = REPO / "scripts" / "start.sh"


def fake_venv(tmp_path: Path) -> Path:
    venv = tmp_path / "venv"
    (venv / "bin").mkdir(parents=True)
    python = venv / "bin" / "python"
    python.write_text(
        "#!/bin/sh\n"
        f'if [ "$1" = "-c" ]; then exec "{sys.executable}" "$@"; fi\n'
        'echo "started: $*"\n')
    python.chmod(python.stat().st_mode | stat.S_IEXEC)
    return venv


def no_network_path(tmp_path: Path) -> str:
    """A PATH whose pip, pip3, sudo and apt-get fail loudly, ahead of the system's."""
    bad = tmp_path / "bad-bin"
    bad.mkdir(exist_ok=True)
    for name in ("pip", "pip3", "sudo", "apt-get"):
        tool = bad / name
        tool.write_text("#!/bin/sh\necho \"$0 was run\" >&2\nexit 99\n")
        tool.chmod(0o755)
    return f"{bad}{os.pathsep}{os.environ['PATH']}"


def stamp_for_this_checkout() -> str:
    digest = hashlib.sha256((REPO / "pyproject.toml").read_bytes()).hexdigest()
    return f"pyproject {digest} python {platform.python_version()}\n"


def run_start(tmp_path: Path, venv: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "CARTCLINIC_VENV": str(venv), "PATH": no_network_path(tmp_path),
           "PIP_NO_INDEX": "1"}
    return subprocess.run(["bash", str(START), *args], env=env, capture_output=True, text=True,
                          timeout=60)


def test_start_with_a_matching_stamp_runs_no_pip_and_starts_the_program(tmp_path):
    venv = fake_venv(tmp_path)
    (venv / "cartclinic-installed").write_text(stamp_for_this_checkout())
    done = run_start(tmp_path, venv, "--db", "/tmp/x.db")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "started: main.py --db /tmp/x.db"
    assert "was run" not in done.stderr  # neither pip nor sudo nor apt-get


def test_start_decides_to_skip_install_only_when_the_stamp_matches(tmp_path):
    venv = fake_venv(tmp_path)
    stamp = venv / "cartclinic-installed"
    assert run_start(tmp_path, venv, "--install-decision").stdout.strip() == "install"  # none yet
    stamp.write_text(stamp_for_this_checkout())
    assert run_start(tmp_path, venv, "--install-decision").stdout.strip() == "skip"
    stamp.write_text("pyproject 0000 python 3.11.0\n")  # an older pyproject.toml or Python
    assert run_start(tmp_path, venv, "--install-decision").stdout.strip() == "install"


def test_start_decides_to_install_when_there_is_no_venv(tmp_path):
    done = run_start(tmp_path, tmp_path / "no-venv", "--install-decision")
    assert done.stdout.strip() == "install"
