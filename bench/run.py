"""Clinic-scale benchmarks with budgets measured against floors.

    python bench/run.py [--patients N] [--json FILE] [--only NAME …] [--smoke]

For each figure the figure and its floor are measured in the same run, interleaved, median of at
least five runs after a warm-up (fifteen for figures of a few milliseconds, nine starts). Prints a table (figure, value, floor, ratio, budget, ok), writes
the same rows as JSON with --json, and exits 1 when a budget is missed (--smoke reports budgets
without enforcing them: CI runs it at 300 patients so the benchmark keeps working).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from bench import core_figures, shared_figures, size_figures, ui_figures  # noqa: E402
from bench.generate import BIG_PATIENT_MRN, roster_file  # noqa: E402
from bench.measure import Figure  # noqa: E402
from cartclinic.roster import Roster  # noqa: E402

GROUPS = ("worklist", "search", "patient", "start", "sheet", "import", "schedules", "shared",
          "size")


def run(patients: int, only: set[str], import_runs: int) -> list[Figure]:
    path = roster_file(patients)
    figures: list[Figure] = []
    if "start" in only:
        figures += ui_figures.cold_start_and_memory(path, patients)
    roster = Roster.open(path)
    try:
        if "worklist" in only:
            figures += core_figures.worklist(roster)
        if "sheet" in only:
            figures += core_figures.documents(roster)
        if "schedules" in only:
            figures.append(core_figures.schedules(roster))
        if "import" in only:
            figures.append(core_figures.import_rows(roster, import_runs))
    finally:
        roster.close()
    if {"search", "patient"} & only:
        figures += ui_figures.in_window(path, BIG_PATIENT_MRN)
    if "shared" in only:  # the worklist and the import on a PostgreSQL server (issue 14)
        figures += shared_figures.shared(path, import_runs)
    if "size" in only:  # the file and the audit trail's share of it (issue 14)
        figures += size_figures.sizes(path, patients)
    return figures


def _verdict(ok: bool | None) -> str:
    return "—" if ok is None else "yes" if ok else "NO"


def table(figures: list[Figure]) -> str:
    head = f"{'figure':<58} {'value':>10} {'floor':>10} {'ratio':>6}  {'budget':<28} ok"
    lines = [head, "-" * len(head)]
    for f in figures:
        r = f.row()
        unit = r["unit"]
        floor = "" if r["floor"] is None else f"{r['floor']:.1f} {unit}"
        ratio = "" if r["ratio"] is None else f"{r['ratio']:.2f}"
        lines.append(f"{f.name:<58} {r['value']:>7.1f} {unit:<2} {floor:>10} {ratio:>6}  "
                     f"{f.budget:<28} {_verdict(f.ok)}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--patients", type=int, default=10_000)
    p.add_argument("--json", type=Path)
    p.add_argument("--only", nargs="*", choices=GROUPS, default=list(GROUPS))
    p.add_argument("--import-runs", type=int, default=5)
    p.add_argument("--smoke", action="store_true", help="report budgets, do not enforce them")
    args = p.parse_args(argv)
    started = time.perf_counter()
    figures = run(args.patients, set(args.only), args.import_runs)
    print(f"cartclinic benchmark: {args.patients:,} patients; {platform.processor() or platform.machine()}, "
          f"{os.cpu_count()} cores, Python {platform.python_version()}; "
          f"{time.perf_counter() - started:.0f} s")
    print(table(figures))
    if args.json:
        args.json.write_text(json.dumps([f.row() for f in figures], indent=1, ensure_ascii=False))
    missed = [f.name for f in figures if f.ok is False]
    if missed and not args.smoke:
        print(f"budget missed: {', '.join(missed)}", file=sys.stderr)
        return 1
    if missed:
        print(f"smoke run: budgets not enforced ({len(missed)} missed at this size)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
