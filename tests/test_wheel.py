"""The wheel holds the whole program: built from the checkout, installed into a fresh virtual
environment with no network, its `cartclinic-admin` lists the shipped protocols and makes a demo
roster, run from a folder where the checkout is not importable.

The wheel is built once per session without build isolation (setuptools from the test tools),
so the test needs no network. The fresh environment gets the dependencies from the environment
running the tests (a .pth line naming its site-packages folders, which adds those folders only:
the editable install's import hook there is not run), and its own site-packages comes first, so
the program it runs is the wheel's. Select these tests with `-m packaging`."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

pytestmark = pytest.mark.packaging

REPO = Path(__file__).resolve().parents[1]
# the checkout's folders and the names they install under (pyproject.toml's package-dir)
INSTALLED_AS = {"cartclinic": "cartclinic", "ui": "cartclinic_ui",
                "resources": "cartclinic_resources"}
# what the wheel's build reads: the packages' folders, pyproject.toml and the README it names
BUILD_INPUTS = ("pyproject.toml", "README.md", *INSTALLED_AS)


def project_version() -> str:
    return tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]


def checkout_packages() -> set[str]:
    """Every package of the checkout (a folder with __init__.py) by its installed dotted name."""
    found = set()
    for folder, name in INSTALLED_AS.items():
        for init in (REPO / folder).rglob("__init__.py"):
            parts = init.parent.relative_to(REPO / folder).parts
            found.add(".".join((name, *parts)))
    return found


def shipped_files() -> list[str]:
    """The files the program reads at run time from resources/, as paths inside the wheel."""
    res = REPO / "resources"
    wanted = [*res.glob("*.toml"), *res.glob("protocols/*.toml"),
              *res.glob("protocols/history/*.toml"), *res.glob("translations/*.qm")]
    return sorted(f"cartclinic_resources/{p.relative_to(res).as_posix()}" for p in wanted)


@pytest.fixture(scope="session")
def wheel(tmp_path_factory) -> Path:
    """The wheel, built from a copy of the checkout's build inputs (so no build/ folder or
    egg-info is left in the checkout, and nothing stale from an earlier build gets in)."""
    work = tmp_path_factory.mktemp("wheel-build")
    src = work / "src"
    src.mkdir()
    skip = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info")
    for name in BUILD_INPUTS:
        path = REPO / name
        if path.is_dir():
            shutil.copytree(path, src / name, ignore=skip)
        else:
            shutil.copy2(path, src / name)
    out = work / "dist"
    done = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index",
         "--disable-pip-version-check", "-q", "-w", str(out), str(src)],
        cwd=work, capture_output=True, text=True, timeout=300,
        env={**without_pythonpath(), "PIP_NO_INDEX": "1"})
    assert done.returncode == 0, done.stdout + done.stderr
    (built,) = out.glob("cartclinic-*.whl")
    return built


def without_pythonpath() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}


def dependency_folders() -> list[str]:
    """The site-packages folders the test run imports its dependencies from."""
    folders = [p for p in sys.path if Path(p).name in ("site-packages", "dist-packages")]
    return [p for p in dict.fromkeys(folders) if Path(p).is_dir()]


@pytest.fixture(scope="session")
def installed(wheel, tmp_path_factory) -> dict[str, Path]:
    """A fresh virtual environment with the wheel installed, no network, no dependencies
    fetched; returns its bin folder, its site-packages and an empty working folder."""
    root = tmp_path_factory.mktemp("wheel-venv")
    venv = root / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True,
                   timeout=120)
    bindir = venv / ("Scripts" if os.name == "nt" else "bin")
    python = bindir / ("python.exe" if os.name == "nt" else "python")
    site = Path(subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True, text=True, check=True, timeout=60).stdout.strip())
    (site / "zz_test_dependencies.pth").write_text("\n".join(dependency_folders()) + "\n")
    done = subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--no-index",
         "--no-deps", "--disable-pip-version-check", "-q", str(wheel)],
        cwd=root, capture_output=True, text=True, timeout=300,
        env={**without_pythonpath(), "PIP_NO_INDEX": "1"})
    assert done.returncode == 0, done.stdout + done.stderr
    cwd = root / "elsewhere"
    cwd.mkdir()
    return {"bin": bindir, "python": python, "site": site, "cwd": cwd}


def run_installed(installed, program: str, *args: str) -> subprocess.CompletedProcess:
    exe = installed["bin"] / (f"{program}.exe" if os.name == "nt" else program)
    return subprocess.run([str(exe), *args], cwd=installed["cwd"], capture_output=True,
                          text=True, timeout=120, env={**without_pythonpath(), "PIP_NO_INDEX": "1"})


def test_wheel_holds_every_package_of_the_checkout(wheel):
    """pyproject.toml lists the packages by name: a subpackage added to cartclinic/ or ui/ and
    forgotten there would be missing from the wheel, and the installed program would fail."""
    with zipfile.ZipFile(wheel) as z:
        names = z.namelist()
    in_wheel = {n.rsplit("/", 1)[0].replace("/", ".") for n in names if n.endswith("/__init__.py")}
    missing = checkout_packages() - in_wheel
    assert not missing, f"packages missing from the wheel (add them to pyproject.toml): {missing}"


def test_wheel_installs_no_top_level_ui_package(wheel, installed):
    with zipfile.ZipFile(wheel) as z:
        top = {n.split("/", 1)[0] for n in z.namelist()}
    version = project_version()
    assert top == {"cartclinic", "cartclinic_ui", "cartclinic_resources",
                   f"cartclinic-{version}.dist-info"}
    assert not (installed["site"] / "ui").exists()
    done = subprocess.run([str(installed["python"]), "-c", "import ui"], cwd=installed["cwd"],
                          capture_output=True, text=True, timeout=60, env=without_pythonpath())
    assert done.returncode != 0 and "No module named 'ui'" in done.stderr


def test_wheel_holds_the_protocols_history_tables_and_chinese_translation(wheel):
    with zipfile.ZipFile(wheel) as z:
        names = set(z.namelist())
    wanted = shipped_files()
    assert "cartclinic_resources/translations/cartclinic_zh_CN.qm" in wanted
    assert any(w.startswith("cartclinic_resources/protocols/history/") for w in wanted)
    assert [w for w in wanted if w not in names] == []


def test_installed_program_is_the_wheels_not_the_checkout(installed):
    """Run from another folder with no PYTHONPATH, every package and the shipped files come
    from the fresh environment's site-packages."""
    code = ("import cartclinic, cartclinic_ui, cartclinic_resources\n"
            "from cartclinic.shipped import shipped_path\n"
            "for m in (cartclinic, cartclinic_ui, cartclinic_resources): print(m.__file__)\n"
            "print(shipped_path('translations', 'cartclinic_zh_CN.qm'))\n")
    done = subprocess.run([str(installed["python"]), "-c", code], cwd=installed["cwd"],
                          capture_output=True, text=True, timeout=60, env=without_pythonpath())
    assert done.returncode == 0, done.stderr
    paths = [Path(line) for line in done.stdout.splitlines()]
    site = installed["site"].resolve()
    for path in paths:
        assert path.resolve().is_relative_to(site), path
    assert paths[-1].is_file()


def test_installed_commands_print_the_version(installed):
    for program in ("cartclinic-admin", "cartclinic"):
        done = run_installed(installed, program, "--version")
        assert done.returncode == 0, done.stderr
        assert done.stdout.strip() == f"{program} {project_version()}"


def test_installed_admin_lists_every_shipped_protocol(installed):
    done = run_installed(installed, "cartclinic-admin", "protocols")
    assert done.returncode == 0, done.stderr
    listed = {line.split()[0] for line in done.stdout.splitlines() if line.strip()}
    shipped = {p.stem for p in (REPO / "resources" / "protocols").glob("*.toml")}
    assert shipped and listed == shipped


def test_installed_admin_makes_a_demo_roster(installed):
    db = installed["cwd"].parent / "demo.db"
    done = run_installed(installed, "cartclinic-admin", "--db", str(db), "demo", "--patients", "12")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"demo roster: 12 patients in {db}"
    listed = run_installed(installed, "cartclinic-admin", "--db", str(db), "export")
    assert listed.returncode == 0, listed.stderr
    assert len(listed.stdout.strip().splitlines()) >= 13  # a header and a row per treatment
