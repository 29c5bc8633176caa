"""The bundled program (packaging/cartclinic.spec, built by scripts/build-bundle.sh) runs with
no Python of its own: both executables say their version, the command line finds the shipped
protocols inside the bundle and makes a demo roster, and the window program opens, signs a
nurse in with her PIN (typed into its sign-in dialog on a virtual X screen, as she would) and
shows the worklist, of which a picture is taken.

Built once per session into a temporary folder (about a minute on two cores). Select with
`-m packaging`; leave out with `-m "not packaging"`."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import x11_screen

pytestmark = pytest.mark.packaging
pytest.importorskip("PyInstaller", reason="PyInstaller is one of the test tools (pyproject.toml)")

REPO = Path(__file__).resolve().parents[1]
PIN = "2468"
NURSE = "Nurse Chen"


def program_env() -> dict[str, str]:
    """No PYTHONPATH and no Python of the test run: the bundle must hold everything."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV")}
    env["PATH"] = os.pathsep.join(p for p in env.get("PATH", "").split(os.pathsep)
                                  if Path(sys.executable).parent != Path(p))
    return env


@pytest.fixture(scope="session")
def bundle(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("bundle")
    done = subprocess.run(
        ["bash", str(REPO / "scripts" / "build-bundle.sh"), "--python", sys.executable,
         "--dist", str(root / "dist"), "--work", str(root / "work")],
        capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    shutil.rmtree(root / "work", ignore_errors=True)  # PyInstaller's scratch, 50 MB
    return root / "dist" / "cartclinic"


def run(bundle: Path, program: str, *args: str, stdin: str = "") -> subprocess.CompletedProcess:
    exe = bundle / (f"{program}.exe" if os.name == "nt" else program)
    return subprocess.run([str(exe), *args], cwd=bundle.parent, input=stdin, capture_output=True,
                          text=True, timeout=120, env=program_env())


def version() -> str:
    import tomllib

    return tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]


def test_bundle_is_one_folder_with_both_programs_and_the_shipped_files(bundle):
    assert (bundle / "cartclinic").is_file() and (bundle / "cartclinic-admin").is_file()
    shipped = bundle / "_internal" / "cartclinic_resources"
    res = REPO / "resources"
    wanted = [*res.glob("*.toml"), *res.glob("protocols/*.toml"),
              *res.glob("protocols/history/*.toml"), *res.glob("translations/*.qm")]
    missing = [str(p.relative_to(res)) for p in wanted if not (shipped / p.relative_to(res)).is_file()]
    assert wanted and missing == []


def test_bundle_both_programs_print_the_version(bundle):
    for program in ("cartclinic", "cartclinic-admin"):
        done = run(bundle, program, "--version")
        assert done.returncode == 0, done.stderr
        assert done.stdout.strip() == f"{program} {version()}"


def test_bundle_admin_finds_the_shipped_protocols_inside_the_bundle(bundle):
    """shipped_path reads through the package cartclinic_resources, which the bundle holds."""
    done = run(bundle, "cartclinic-admin", "protocols")
    assert done.returncode == 0, done.stderr
    listed = {line.split()[0] for line in done.stdout.splitlines() if line.strip()}
    assert listed == {p.stem for p in (REPO / "resources" / "protocols").glob("*.toml")}


def test_bundle_window_program_without_a_display_exits_2_with_one_line(bundle):
    env = {k: v for k, v in program_env().items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    done = subprocess.run([str(bundle / "cartclinic")], capture_output=True, text=True,
                          timeout=60, env=env)
    assert done.returncode == 2
    assert len(done.stderr.strip().splitlines()) == 1 and "no screen" in done.stderr


@pytest.fixture(scope="session")
def demo_roster(bundle, tmp_path_factory) -> Path:
    """A demo roster made by the bundle's command line, with an admin who has a PIN."""
    db = tmp_path_factory.mktemp("bundle-roster") / "demo.db"
    done = run(bundle, "cartclinic-admin", "--db", str(db), "demo", "--patients", "60")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"demo roster: 60 patients in {db}"
    added = run(bundle, "cartclinic-admin", "--db", str(db), "staff", "add", NURSE, "--admin",
                stdin=f"{PIN}\n{PIN}\n")
    assert added.returncode == 0, added.stderr
    return db


def test_bundle_admin_makes_a_demo_roster_and_prints_a_day_list(bundle, demo_roster, tmp_path):
    out = tmp_path / "day.pdf"
    done = run(bundle, "cartclinic-admin", "--db", str(demo_roster), "--who", NURSE, "print",
               "day", "2026-12-01", "--out", str(out), stdin=f"{PIN}\n")
    assert done.returncode == 0, done.stderr
    assert out.read_bytes().startswith(b"%PDF")


def start_window(bundle: Path, screen: x11_screen.Screen, db: Path, lang: str) -> subprocess.Popen:
    env = {**program_env(), "DISPLAY": screen.display}
    env.pop("QT_QPA_PLATFORM", None)  # Qt's own choice on an X display: xcb, the bundle's plugin
    return subprocess.Popen([str(bundle / "cartclinic"), "--db", str(db), "--who", NURSE,
                             "--lang", lang], env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def stop(program: subprocess.Popen) -> None:
    if program.poll() is None:
        program.terminate()
    program.communicate(timeout=60)


@pytest.fixture
def screen():
    why_not = x11_screen.available()
    if why_not:
        pytest.skip(f"no virtual X screen: {why_not}")
    with x11_screen.Screen("1366x768") as s:
        yield s


def test_bundle_window_program_signs_in_and_shows_the_worklist(bundle, demo_roster, screen,
                                                               tmp_path):
    """The built program on a (virtual) screen: the sign-in dialog takes the nurse's PIN as
    typed keys, then the worklist opens; its picture is saved for a person to look at
    (the path is printed with -s)."""
    program = start_window(bundle, screen, demo_roster, "en")
    try:
        sign_in = screen.wait_for_window("Sign in", program=program)
        screen.type_into(sign_in, [*PIN, "Return"])
        window = screen.wait_for_window(f"signed in: {NURSE}", program=program)
        out = Path(os.environ.get("CARTCLINIC_BUNDLE_SHOT") or tmp_path / "bundle-worklist.png")
        program_alive_after_grab = screen.grab_when_painted(window, out, program)
    finally:
        stop(program)
    assert program_alive_after_grab
    print(f"\nthe bundled program's worklist: {out}")
    from PySide6.QtGui import QImage

    picture = QImage(str(out))
    assert picture.width() >= 800 and picture.height() >= 500
    colours = {picture.pixel(x, y) for x in range(0, picture.width(), 23)
               for y in range(0, picture.height(), 17)}
    assert len(colours) > 20  # drawn: text, headers and rows, not one blank colour


def test_bundle_window_program_speaks_chinese_from_its_own_translation(bundle, demo_roster,
                                                                       screen):
    """--lang zh: the .qm inside the bundle is found and loaded (the sign-in title is 登录)."""
    program = start_window(bundle, screen, demo_roster, "zh")
    try:
        screen.wait_for_window("登录", program=program)
    finally:
        stop(program)
