"""`--version` on both commands (one lookup, cartclinic/version.py), and a start with no screen
that says what to do and exits 2 instead of Qt's abort (exit 134)."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from cartclinic_ui.start import NO_DISPLAY, no_display

from cartclinic.version import version

REPO = Path(__file__).resolve().parents[1]


def pyproject_version() -> str:
    return tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]


def run(args: list[str], env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(args, cwd=REPO, capture_output=True, text=True, timeout=60,
                          env={**os.environ, "PYTHONPATH": str(REPO)} if env is None else env)


def test_version_is_the_projects_version():
    assert version() == pyproject_version()


def test_version_falls_back_to_pyproject_when_not_installed(monkeypatch):
    from importlib import metadata

    def not_installed(name):
        raise metadata.PackageNotFoundError(name)

    monkeypatch.setattr(metadata, "version", not_installed)
    assert version() == pyproject_version()


@pytest.mark.parametrize(("command", "program"), [
    ([sys.executable, "main.py", "--version"], "cartclinic"),
    ([sys.executable, "-m", "cartclinic", "--version"], "cartclinic-admin"),
])
def test_version_on_both_commands(command, program):
    done = run(command)
    assert done.returncode == 0, done.stderr
    assert done.stdout == f"{program} {pyproject_version()}\n"


@pytest.mark.parametrize(("env", "platform", "expected"), [
    ({}, "linux", True),
    ({"QT_QPA_PLATFORM": ""}, "linux", True),
    ({"QT_QPA_PLATFORM": "xcb"}, "linux", True),
    ({"DISPLAY": ":0"}, "linux", False),
    ({"WAYLAND_DISPLAY": "wayland-0"}, "linux", False),
    ({"QT_QPA_PLATFORM": "offscreen"}, "linux", False),
    ({"QT_QPA_PLATFORM": "minimal"}, "linux", False),
    ({}, "win32", False),
    ({}, "darwin", False),
])
def test_no_display_decision(env, platform, expected):
    assert no_display(env, platform) is expected


def no_screen_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    return {**env, "QT_QPA_PLATFORM": "", "PYTHONPATH": str(REPO)}


def test_no_display_says_what_to_do_in_one_line_and_exits_2():
    done = run([sys.executable, "main.py"], no_screen_env())
    assert done.returncode == 2
    assert done.stderr == NO_DISPLAY + "\n"
    assert "QT_QPA_PLATFORM=offscreen" in done.stderr


def test_start_sh_with_no_display_exits_2(tmp_path):
    """`env -u DISPLAY QT_QPA_PLATFORM= bash scripts/start.sh`, on an installed venv (stamp
    present) whose python is this test's python."""
    import hashlib
    import platform

    venv = tmp_path / "venv"
    (venv / "bin").mkdir(parents=True)
    python = venv / "bin" / "python"
    python.write_text(f'#!/bin/sh\nexec "{sys.executable}" "$@"\n')
    python.chmod(0o755)
    digest = hashlib.sha256((REPO / "pyproject.toml").read_bytes()).hexdigest()
    (venv / "cartclinic-installed").write_text(
        f"pyproject {digest} python {platform.python_version()}\n")
    done = run(["bash", "scripts/start.sh"], {**no_screen_env(), "CARTCLINIC_VENV": str(venv)})
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr == NO_DISPLAY + "\n"
