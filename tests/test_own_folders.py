"""Tests and the programs they start never read or write the user's own settings or data
folders (a test run once left its 800-pixel window size in the user's settings, and the real
program then opened small). conftest.py points the folders elsewhere before anything reads
them and fails the run at its end when the user's own cartclinic folders have changed."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import own_folders
from own_folders import real_folders, snapshot

REPO = Path(__file__).resolve().parents[1]


def outside_the_users_folders(path: Path) -> bool:
    path = Path(path).resolve()
    assert own_folders.APART is not None and own_folders.REAL_FOLDERS
    return path.is_relative_to(own_folders.APART.resolve()) and not any(
        path.is_relative_to(real) for real in own_folders.REAL_FOLDERS)


def test_the_default_roster_log_and_anchors_are_in_the_test_runs_own_folder():
    from cartclinic.store.sqlite import files

    assert outside_the_users_folders(files.data_dir())
    assert outside_the_users_folders(files.default_db_path())
    saved = os.environ.pop("CARTCLINIC_ANCHORS")
    try:
        from cartclinic.store.anchors import anchors_dir

        assert outside_the_users_folders(anchors_dir())
    finally:
        os.environ["CARTCLINIC_ANCHORS"] = saved


def test_a_program_a_test_starts_keeps_its_settings_in_the_test_runs_own_folder():
    """The application's own QSettings (as ui/app.py's make_app names them), in a subprocess."""
    code = ("from cartclinic_ui.app import make_app; from PySide6.QtCore import QSettings, QStandardPaths as S;"
            "make_app(['x']); print(QSettings().fileName());"
            "print(S.writableLocation(S.StandardLocation.AppDataLocation))")
    done = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(REPO)}, timeout=60)
    assert done.returncode == 0, done.stderr
    settings, data = done.stdout.splitlines()
    assert outside_the_users_folders(Path(settings)), settings
    assert outside_the_users_folders(Path(data)), data


def test_the_end_of_run_check_sees_a_file_written_in_a_users_folder(tmp_path):
    env = {"HOME": str(tmp_path / "home")}
    folders = real_folders(env)
    assert tmp_path / "home" / ".config" / "cartclinic" in folders
    before = snapshot(folders)
    settings = tmp_path / "home" / ".config" / "cartclinic" / "cartclinic.conf"
    settings.parent.mkdir(parents=True)
    settings.write_text("[ui]\ngeometry=800\n")
    assert snapshot(folders) != before


def test_the_benchmark_keeps_its_window_size_out_of_the_users_settings(tmp_path):
    """bench/run.py --smoke runs in the test command: the benchmark package points the folders
    away before its programs start (a user's HOME here, with no XDG folders set)."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("XDG_") and k not in ("CARTCLINIC_BENCH_FOLDERS", "CARTCLINIC_ANCHORS")}
    env.update(HOME=str(tmp_path / "home"), PYTHONPATH=str(REPO))
    code = ("import os, bench; from cartclinic_ui.app import make_app; from PySide6.QtCore import QSettings;"
            "from cartclinic.store.sqlite import files; make_app(['x']);"
            "print(os.environ['CARTCLINIC_BENCH_FOLDERS']); print(QSettings().fileName());"
            "print(files.data_dir())")
    done = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True,
                          env=env, timeout=60)
    assert done.returncode == 0, done.stderr
    folder, settings, data = (Path(line) for line in done.stdout.splitlines())
    assert settings.is_relative_to(folder) and data.is_relative_to(folder)
    assert not settings.is_relative_to(tmp_path / "home")
