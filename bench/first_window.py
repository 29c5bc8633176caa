"""Time to the first window as a nurse meets it: `bash scripts/start.sh` (or another command)
started on a virtual X screen with no network, timed from the spawn until the sign-in dialog is
on the screen; then the PIN is typed and the time until the worklist's window is there is timed
too. Each run starts the program afresh; the median of the runs is printed.

    python bench/first_window.py [--runs 5] [--patients 300] [-- COMMAND ...]

COMMAND defaults to `bash scripts/start.sh` (run it once before, with the network, so that its
first start has installed everything; here it runs with PIP_NO_INDEX=1, so a start that tried to
install would fail). `-- dist/cartclinic/cartclinic` times the bundled program instead. The
roster is a demo roster of --patients made for the run, with an admin whose PIN is typed; the
settings and data folders are throwaway ones. Needs Xvfb and libXtst (scripts/setup.sh --test).
Not part of bench/run.py: it needs a real X server and measures the start script as a whole.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

import x11_screen  # noqa: E402

NURSE, PIN = "Nurse Chen", "2468"


def make_roster(folder: Path, patients: int, env: dict[str, str]) -> Path:
    db = folder / "roster.db"
    python = ROOT / ".venv" / "bin" / "python"
    subprocess.run([str(python), "-m", "cartclinic", "--db", str(db), "demo", "--patients",
                    str(patients)], check=True, env=env, cwd=ROOT, stdout=subprocess.DEVNULL)
    subprocess.run([str(python), "-m", "cartclinic", "--db", str(db), "staff", "add", NURSE,
                    "--admin"], input=f"{PIN}\n{PIN}\n", text=True, check=True, env=env, cwd=ROOT,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return db


def one_run(screen: x11_screen.Screen, command: list[str], db: Path,
            env: dict[str, str]) -> tuple[float, float]:
    """Seconds from spawn to the sign-in dialog, and from the PIN's Enter to the worklist."""
    env = {**env, "DISPLAY": screen.display}
    env.pop("QT_QPA_PLATFORM", None)
    started = time.perf_counter()
    program = subprocess.Popen([*command, "--db", str(db), "--who", NURSE, "--lang", "en"],
                               env=env, cwd=ROOT, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE, text=True)
    try:
        sign_in = screen.wait_for_window("Sign in", program=program)
        first = time.perf_counter() - started
        screen.type_into(sign_in, list(PIN))
        entered = time.perf_counter()
        screen.type_into(sign_in, ["Return"], focus=False)
        screen.wait_for_window(f"signed in: {NURSE}", program=program)
        worklist = time.perf_counter() - entered
    finally:
        if program.poll() is None:
            program.terminate()
        program.communicate(timeout=60)
    return first, worklist


def main(argv: list[str]) -> int:
    split = argv.index("--") if "--" in argv else len(argv)
    parser = argparse.ArgumentParser(prog="first_window.py")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--patients", type=int, default=300)
    args = parser.parse_args(argv[:split])
    command = argv[split + 1:] or ["bash", "scripts/start.sh"]
    why_not = x11_screen.available()
    if why_not:
        print(f"first_window.py: {why_not}", file=sys.stderr)
        return 1
    work = Path(tempfile.mkdtemp(prefix="first-window-"))
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env.update({"PIP_NO_INDEX": "1", "XDG_CONFIG_HOME": str(work / "config"),
                "XDG_DATA_HOME": str(work / "data"), "XDG_STATE_HOME": str(work / "state"),
                "CARTCLINIC_ANCHORS": str(work / "anchors"),
                "CARTCLINIC_PIN_KEY": str(work / "pin-key")})
    db = make_roster(work, args.patients, env)
    firsts, worklists = [], []
    with x11_screen.Screen("1366x768") as screen:
        for n in range(args.runs):
            first, worklist = one_run(screen, command, db, env)
            firsts.append(first)
            worklists.append(worklist)
            print(f"run {n + 1}: sign-in dialog {first * 1000:.0f} ms after the start; "
                  f"worklist {worklist * 1000:.0f} ms after the PIN", flush=True)
    print(f"median of {args.runs} ({' '.join(command)}, {args.patients} patients): "
          f"first window {statistics.median(firsts) * 1000:.0f} ms, "
          f"worklist after the PIN {statistics.median(worklists) * 1000:.0f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
