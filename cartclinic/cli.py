"""`python -m cartclinic` / `cartclinic-admin`: the command line ward IT and scripts rely on.

Exit codes: 0 done; 1 input refused (each reason printed, nothing changed); 2 usage;
3 database problem (corrupt, locked, unreadable).
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
import unicodedata
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from cartclinic import local_files
from cartclinic.calendar import ClinicCalendar, parse_closed_weekdays
from cartclinic.dates import parse_date
from cartclinic.errors import InputRefused, RosterProblem, StoreError
from cartclinic.protocol import ProtocolLibrary, default_protocol_dir, load_protocol
from cartclinic.roster import Roster, WorklistEntry
from cartclinic.schedule import plan_visits
from cartclinic.status import days_late, visit_status
from cartclinic.store import open_maintenance
from cartclinic.store.audit import redact

EXIT_OK, EXIT_REFUSED, EXIT_USAGE, EXIT_DATABASE = 0, 1, 2, 3


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if not getattr(args, "handler", None):
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        if getattr(args, "who", None) or os.environ.get("CARTCLINIC_USER"):
            _who(args)  # a name that is no name is refused before anything is read or written
        return int(args.handler(args) or EXIT_OK)
    except InputRefused as exc:
        for reason in exc.reasons:
            print(f"refused: {reason}", file=sys.stderr)
        print("Nothing was changed.", file=sys.stderr)
        return EXIT_REFUSED
    except StoreError as exc:
        print(f"roster problem: {exc}", file=sys.stderr)
        return EXIT_DATABASE
    except BrokenPipeError:
        return EXIT_OK


class _Version(argparse.Action):
    """`--version`: looked up only when asked (the package metadata is not read on every run)."""

    def __init__(self, option_strings, dest, **kwargs) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, **kwargs)

    def __call__(self, parser, namespace, values, option_string=None) -> None:
        from cartclinic.version import version_line

        print(version_line("cartclinic-admin"))
        parser.exit(EXIT_OK)


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="cartclinic-admin", description="cartclinic: CAR-T follow-up roster (command line)"
    )
    p.add_argument("--version", action=_Version, help="print the version and exit")
    p.add_argument("--db", help="roster file, or postgresql://… for a shared roster "
                   "(default: $CARTCLINIC_DB or the user data folder)")
    p.add_argument("--who", help="name written to the audit trail (default: $CARTCLINIC_USER or the login name)")
    sub = p.add_subparsers(metavar="COMMAND")

    def cmd(name: str, handler: Callable[[argparse.Namespace], int], help: str) -> argparse.ArgumentParser:
        sp = sub.add_parser(name, help=help, description=help)
        sp.set_defaults(handler=handler)
        return sp

    cmd("init", _init, "create an empty roster")
    sp = cmd("demo", _demo, "fill the roster with realistic made-up patients")
    sp.add_argument("--patients", type=int, default=120)
    sp.add_argument("--seed", type=int, default=1)
    sp.add_argument("--lang", choices=["en", "zh"],
                    help="language of the made-up diagnoses and notes (default: the clinic's)")
    sp.add_argument("--today", help=argparse.SUPPRESS)
    sp = cmd("import", _import, "import patients from CSV, all or nothing")
    sp.add_argument("file", type=Path)
    sp.add_argument("--date-format", help="strptime format of the dates, e.g. %%d/%%m/%%Y")
    sp.add_argument("--today", help="the day the import counts as today, YYYY-MM-DD "
                    "(default: this PC's date; never later than it)")
    sp = cmd("results", _results, "import lab results from CSV (mrn, date, analyte, value, "
             "unit), all or nothing")
    sp.add_argument("file", type=Path)
    sp.add_argument("--date-format", help="strptime format of the dates, e.g. %%d/%%m/%%Y")
    sp.add_argument("--today", help="the day the import counts as today, YYYY-MM-DD "
                    "(default: this PC's date; never later than it)")
    sp = cmd("export", _export, "the roster as CSV, one row per treatment")
    sp.add_argument("--out", type=Path)
    sp = cmd("schedule", _schedule, "a schedule without touching the roster")
    sp.add_argument("--protocol", required=True, help="protocol id or TOML file")
    sp.add_argument("--infusion", required=True, help="day 0, YYYY-MM-DD")
    sp.add_argument("--today")
    sp.add_argument("--closed", default="sat,sun", help="closed weekdays, e.g. sat,sun or none")
    sp.add_argument("--holidays", help="holiday region CC[-SUBDIV], e.g. CN or US-CA")
    sp.add_argument("--closure", action="append", default=[], help="a closure date (repeatable)")
    sp.add_argument("--json", action="store_true")
    sp = cmd("due", _due, "the worklist: overdue visits plus visits due in [from, to]")
    sp.add_argument("--from", dest="start")
    sp.add_argument("--to", dest="end")
    sp.add_argument("--today")
    sp.add_argument("--json", action="store_true")
    sp = cmd("print", _print, "write a document as PDF")
    sp.add_argument("what", choices=["visit", "day", "letter", "sheets", "changed-letters"])
    sp.add_argument("key", help="VISIT_ID, DATE or MRN (changed-letters: the DATE since when)")
    sp.add_argument("--out", type=Path, required=True)
    sp.add_argument("--lang", choices=["en", "zh"],
                    help="the document's language (default: a letter in the patient's letter "
                         "language, the rest in the clinic's)")
    sp.add_argument("--today", help=argparse.SUPPRESS)
    sp = cmd("backup", _backup, "copy the roster and check the copy")
    sp.add_argument("--out", type=Path)
    sp = cmd("restore", _restore, "replace the roster with a backup (the current one is kept aside)")
    sp.add_argument("file", type=Path)
    cmd("check", _check, "check the roster file's integrity")
    sp = cmd("migrate-store", _move, "copy the whole roster, audit trail included, to a new "
             "file or an empty database on a server (or back)")
    sp.add_argument("source", type=_db_arg, metavar="FROM",
                    help="the roster to copy: a file, or postgresql://host/database; only read")
    sp.add_argument("dest", type=_db_arg, metavar="TO",
                    help="a file that does not exist yet, or postgresql://host/database (empty)")
    sp = cmd("move", _move, "the same as migrate-store, with --from (default: --db) and --to")
    sp.add_argument("--from", dest="source", type=_db_arg, metavar="SRC",
                    help="the roster to copy (default: --db); it is only read")
    sp.add_argument("--to", dest="dest", type=_db_arg, required=True, metavar="DST",
                    help="a file that does not exist yet, or postgresql://host/database (empty)")
    sp = cmd("audit", _audit, "the audit trail")
    sp.add_argument("--verify", action="store_true")
    sp.add_argument("--anchor", action="append", nargs="?", const="", metavar="ROW:HASH",
                    help="alone: print the chain's head to write down; with --verify: "
                         "check the trail against an anchor written down earlier")
    sp.add_argument("--export", type=Path, metavar="FILE.csv", help="write the trail as CSV")
    sp = cmd("access-request", _access_request, "one patient's full record with its audit rows, as JSON")
    sp.add_argument("mrn")
    sp.add_argument("--out", type=Path)
    sp.add_argument("--today", help=argparse.SUPPRESS)
    sp = cmd("staff", _staff, "add a sign-in, asking its PIN twice (ward IT, as the account that "
             "owns the roster: the way in to a roster with patients and no admin)")
    sp.add_argument("action", choices=["add", "reset-pin"],
                    help="add: a new sign-in; reset-pin: a new PIN for a sign-in (an admin's "
                         "job; the roster's OS account's when this PC lacks the PIN key the "
                         "roster's PINs were made with)")
    sp.add_argument("name")
    sp.add_argument("--admin", action="store_true", help="an admin (settings, staff, restore)")
    sp = cmd("protocols", _protocols, "list protocols, or check one file; 'upgrade' moves "
             "existing treatments onto the library's newer versions (listed first, --yes applies)")
    sp.add_argument("action", nargs="?", choices=["upgrade"])
    sp.add_argument("--validate", type=Path, metavar="FILE")
    sp.add_argument("--to", metavar="VERSION", help="upgrade: only onto protocols of this version")
    sp.add_argument("--yes", action="store_true", help="upgrade: apply it (otherwise nothing "
                                                       "is changed)")
    sp.add_argument("--json", action="store_true")
    sp.add_argument("--today", help=argparse.SUPPRESS)
    from cartclinic.cli_patient import add_commands  # patient, event, correct

    add_commands(cmd)
    return p


# -- helpers ------------------------------------------------------------------------------
def _is_url(text: object) -> bool:
    from cartclinic.store import is_server_url

    return isinstance(text, str) and is_server_url(text)


def _db_arg(text: str) -> str | Path:
    """--from/--to: a roster file (a path or sqlite:///path), or a server's URL kept as written
    (a Path would fold its //)."""
    from cartclinic.store import location_of

    return location_of(text)


def _db_path(args: argparse.Namespace) -> str | Path:
    """Where the roster is: a file's path (a plain path or sqlite:///…), or a server's address
    (kept as text), from --db, else $CARTCLINIC_DB, else the user data folder."""
    location = args.db or local_files.default_location()
    return _db_arg(location) if isinstance(location, str) else location.expanduser()


def _clinic_protocols(args: argparse.Namespace) -> list[Path]:
    """The clinic's own protocol folder beside the roster (for a roster on a server, this PC's
    folder for that server)."""
    folder = open_maintenance(_db_path(args)).clinic_folder()
    return [folder / "protocols"] if folder is not None else []


WAITING = "waiting for another program to finish writing…"


def _say_waiting_once() -> Callable[[float], None]:
    """The hook a write calls each second it waits for another program's write: one line on
    stderr the first time (DESIGN.md "The store": a second writer waits, saying so)."""
    said: list[float] = []

    def waiting(seconds: float) -> None:
        if not said:
            said.append(seconds)
            print(WAITING, file=sys.stderr, flush=True)
    return waiting


def _who(args: argparse.Namespace) -> str:
    """The name written to the audit trail. A name given must read as a name: no line break or
    other control character (it would fake a line of `audit`), nothing a spreadsheet runs as a
    formula (the audit export is opened in one), at most 80 characters as for a sign-in."""
    signed_in = getattr(args, "signed_in", None)
    if signed_in:  # the sign-in's own spelling of the name
        return signed_in
    name = args.who or os.environ.get("CARTCLINIC_USER")
    if name:
        name = name.strip()
        if any(unicodedata.category(c).startswith("C") for c in name):
            raise InputRefused("--who: the name holds a line break or another control "
                               "character; give the person's name as they sign in")
        if name[:1] in "=+-@":
            raise InputRefused(f"--who: a name cannot start with '{name[0]}'; give the "
                               "person's name as they sign in")
        if not 1 <= len(name) <= 80:
            raise InputRefused("--who: give a name of 1 to 80 characters")
    if not name:
        try:
            name = getpass.getuser()
        except Exception:  # no login name on some service accounts
            name = "unknown"
        name = f"{name} (command line)"
    return name


def _today(text: str | None) -> date:
    return _date_arg(text, "today") if text else date.today()


def _date_arg(text: str, field: str) -> date:
    try:
        return parse_date(text, field=field)
    except ValueError as exc:
        raise InputRefused(str(exc)) from None


def _open(args: argparse.Namespace, create: bool = True, *, admin: bool = False) -> Roster:
    """The roster, with the person at the keyboard signed in to it (`_sign_in`)."""
    roster = Roster.open(_db_path(args), create=create)
    roster.store.on_wait = _say_waiting_once()
    try:
        _sign_in(args, roster, admin=admin)
    except BaseException:
        roster.close()
        raise
    return roster


def _sign_in(args: argparse.Namespace, roster: Roster, *, admin: bool = False) -> None:
    """A roster that people sign in to is used from the command line as one of them: `--who`
    names an active sign-in and its PIN is asked for (typed unseen at a terminal; one line on
    standard input from a script), a wrong one counting towards the same lockout as in the
    window. The name then goes into the audit trail (`_who`). A roster nobody signs in to yet
    (a new one, a demo) is its OS account's, whose files are owner-only: the login name is
    written instead. `admin`: the command is one the window leaves to admins."""
    from cartclinic.users import Staff

    staff = Staff(roster.store)
    if not staff.users():
        return
    name = args.who or os.environ.get("CARTCLINIC_USER")
    if not name:
        raise InputRefused("--who: this roster has sign-ins; give your name as you sign in "
                           "(--who NAME) and type your PIN when it is asked for")
    user = staff.sign_in(_who(args), _ask_pin(f"PIN for {name.strip()}: "), datetime.now())
    if admin and user.role != "admin":
        raise InputRefused(f"--who: {user.name} is not an admin; this command is for the "
                           "ward's admins")
    args.signed_in = user.name


def _warn_if_clock_behind(roster: Roster) -> None:
    """For every command that reads today: a PC clock behind the roster's newest entry is
    named on stderr with both dates (the lists it gives would be wrong)."""
    from datetime import UTC

    from cartclinic.clock import clock_behind

    behind = clock_behind(roster.store, datetime.now(UTC))
    if behind is not None:
        print(behind.message(), file=sys.stderr)


def _note_read(roster: Roster, args: argparse.Namespace, what: str, detail: dict) -> None:
    """Patients' data read from the command line is said in the audit trail: who read what."""
    with roster.store.write(_who(args)):
        roster.store.note("read", {"command": what, **detail})


def _emit(text: str, out: Path | None) -> None:
    if out is None:
        sys.stdout.write(text)
        return
    try:
        local_files.write_owner_only(out, text)  # patients' records: created 0600, never chmod-ed after
    except OSError as exc:
        raise InputRefused(f"--out: cannot write {out}: {exc.strerror}") from None


# -- commands -----------------------------------------------------------------------------
def _init(args: argparse.Namespace) -> int:
    roster = _open(args)
    print(f"roster ready: {roster.store.path}")
    roster.close()
    return EXIT_OK


def _demo(args: argparse.Namespace) -> int:
    from cartclinic.demo import make_demo

    if not 1 <= args.patients <= 100_000:
        raise InputRefused("--patients: give a number from 1 to 100000")
    roster = _open(args, admin=True)
    try:
        n = make_demo(roster, args.patients, args.seed, _today(args.today), args.lang)
        print(f"demo roster: {n} patients in {roster.store.path}")
    finally:
        roster.close()
    return EXIT_OK


def _csv_text(path: Path) -> str:
    """A CSV file's text: UTF-8, or refused naming the likely encoding (roster_csv.decode_csv)."""
    from cartclinic.roster_csv import decode_csv

    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputRefused(f"{path}: cannot be read ({exc.strerror})") from None
    return decode_csv(raw, str(path))


def _import(args: argparse.Namespace) -> int:
    from cartclinic.roster_csv import import_csv

    text = _csv_text(args.file)
    today = _import_today(args.today)
    roster = _open(args)
    try:
        _warn_if_clock_behind(roster)
        n = import_csv(roster, text, _who(args), today, args.date_format)
    finally:
        roster.close()
    print(f"imported {n} patient{'s' if n != 1 else ''}")
    return EXIT_OK


def _results(args: argparse.Namespace) -> int:
    from cartclinic.results import import_results_csv

    text = _csv_text(args.file)
    today = _import_today(args.today)
    roster = _open(args, create=False)
    try:
        _warn_if_clock_behind(roster)
        n, patients = import_results_csv(roster, text, _who(args), today, args.date_format)
    finally:
        roster.close()
    print(f"imported {n} result{'s' if n != 1 else ''} for {patients} "
          f"patient{'s' if patients != 1 else ''}")
    return EXIT_OK


def _import_today(text: str | None) -> date:
    """--today may date an import earlier than this PC's date, never later: a later one would
    let births and infusions in the future through."""
    real = date.today()
    if not text:
        return real
    asked = _date_arg(text, "today")
    if asked > real:
        raise InputRefused(f"--today: {asked} is after this PC's date ({real}); an import cannot "
                           "be dated in the future. Leave --today out.")
    return asked


def _export(args: argparse.Namespace) -> int:
    from cartclinic.roster_csv import export_csv

    roster = _open(args, create=False)
    try:
        text = export_csv(roster)
        _emit(text, args.out)
        # every patient's record left the program: said in the audit trail like an access request
        with roster.store.write(_who(args)):
            roster.store.note("export", {"to": str(args.out) if args.out else "standard output",
                                         "patients": len(roster.store.patients())})
    finally:
        roster.close()
    return EXIT_OK


def _schedule(args: argparse.Namespace) -> int:
    today = _today(args.today)
    infusion = _date_arg(args.infusion, "infusion")
    source = Path(args.protocol)
    if source.suffix == ".toml" or source.exists():
        protocol = load_protocol(source)
    else:
        library = ProtocolLibrary([default_protocol_dir()] + (
            _clinic_protocols(args) if args.db else []))
        protocol = library.get(args.protocol)
    try:
        calendar = ClinicCalendar(
            closed_weekdays=parse_closed_weekdays(args.closed),
            holiday_region=args.holidays or None,
            closures=frozenset(_date_arg(c, "closure") for c in args.closure),
        )
    except ValueError as exc:
        raise InputRefused(str(exc)) from None
    rows = []
    for v in plan_visits(protocol, infusion, calendar):
        status = visit_status(today=today, window_start=v.window_start, window_end=v.window_end,
                              scheduled=v.scheduled, tracked_from=infusion)
        rows.append({
            "protocol": protocol.id, "code": v.code, "label": v.label, "kind": v.kind,
            "target": v.target.isoformat(), "window_start": v.window_start.isoformat(),
            "window_end": v.window_end.isoformat(), "scheduled": v.scheduled.isoformat(),
            "status": str(status), "days_late": days_late(status, v.scheduled, today),
            "flags": list(v.flags), "any_day": v.any_day, "assessments": list(v.assessments),
        })
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=1))
    else:
        print(f"{protocol.name} (version {protocol.version}); day 0 = {infusion}; as of {today}")
        _table(rows, [("code", 6), ("label", 40), ("scheduled", 10), ("window_start", 11),
                      ("window_end", 10), ("status", 9), ("flags", 0)])
    return EXIT_OK


def entry_json(e: WorklistEntry) -> dict[str, Any]:
    v = e.visit
    return {
        "visit_id": v.id, "patient_id": e.patient.id, "mrn": e.patient.mrn, "name": e.patient.name,
        "phone": e.patient.phone, "protocol": v.protocol_id, "product": e.treatment.product,
        "code": v.code, "label": v.label, "kind": v.kind, "target": v.target.isoformat(),
        "window_start": v.window_start.isoformat(), "window_end": v.window_end.isoformat(),
        "scheduled": v.scheduled.isoformat(), "status": str(e.status), "days_late": e.days_late,
        "flags": list(v.flags), "label_zh": v.label_zh,  # "" when its protocol has no Chinese
    }


def _due(args: argparse.Namespace) -> int:
    today = _today(args.today)
    start = _date_arg(args.start, "from") if args.start else today
    end = _date_arg(args.end, "to") if args.end else today + timedelta(days=7)
    if end < start:
        raise InputRefused(f"to: {end} is before from: {start}")
    roster = _open(args, create=False)
    try:
        _warn_if_clock_behind(roster)
        entries = roster.worklist(today, start, end)
        _note_read(roster, args, "due", {"today": today.isoformat(), "from": start.isoformat(),
                                         "to": end.isoformat(), "visits": len(entries)})
    finally:
        roster.close()
    from cartclinic import views

    # the sections of the worklist screen, each in the triage order (rules 14 and 15)
    sections = views.split_sections(entries, today, end)
    rows = [{**entry_json(e), "section": key} for key, group in sections for e in group]
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=1))
        return EXIT_OK
    cols = [("scheduled", 10), ("days_late", 4), ("name", 22), ("mrn", 10), ("phone", 18),
            ("code", 5), ("label", 34), ("window_start", 11), ("window_end", 10), ("protocol", 0)]
    print(f"Worklist as of {today}, {start} to {end}: "
          + ", ".join(f"{views.SECTION_TITLES[key].split(' (')[0]} {len(group)}"
                      for key, group in sections))
    for key, group in sections:
        print(f"\n{views.SECTION_TITLES[key]} ({len(group)})")
        _table([entry_json(e) for e in group],
               cols if key == views.OVERDUE else [("status", 8)] + cols)
    return EXIT_OK


def _table(rows: list[dict[str, Any]], cols: list[tuple[str, int]]) -> None:
    if not rows:
        print("  (none)")
        return
    titles = {"days_late": "late", "window_start": "window from", "window_end": "window to"}
    print("  ".join(_fit(titles.get(name, name), w) if w else titles.get(name, name)
                    for name, w in cols).rstrip())
    for r in rows:
        cells = []
        for name, w in cols:
            value = r[name]
            text = ", ".join(value) if isinstance(value, list) else str(value)
            if name == "days_late":
                text = str(value) if value else ""
            cells.append(_fit(text, w) if w else text)
        print("  ".join(cells))


def _fit(text: str, width: int) -> str:
    # East Asian characters take two columns in a terminal
    out, used = "", 0
    for ch in text:
        cw = 2 if "\u2e80" <= ch <= "\uffef" else 1
        if used + cw > width:
            out = out[:-1] + "…" if out else ""
            used = width
            break
        out += ch
        used += cw
    return out + " " * (width - used)


def _print(args: argparse.Namespace) -> int:
    from cartclinic.printing import print_document

    roster = _open(args, create=False)
    try:
        _warn_if_clock_behind(roster)
        pages = print_document(roster, args.what, args.key, args.out, _who(args), _today(args.today),
                               language=args.lang)
    finally:
        roster.close()
    print(f"{args.out}: {pages} page{'s' if pages != 1 else ''}")
    return EXIT_OK


def _backup(args: argparse.Namespace) -> int:
    roster = _open(args, create=False)
    try:
        # --out is written as asked; the default name never replaces an earlier backup
        upkeep = roster.store.maintenance()
        try:
            written = upkeep.backup(datetime.now(), out=Path(args.out) if args.out else None)
        except OSError as exc:
            where = args.out or upkeep.backup_folder()
            raise InputRefused(f"--out: cannot write {where}: {exc.strerror or exc}") from None
        with roster.store.write(_who(args)):
            roster.store.note("backup", {"to": str(written)})
    finally:
        roster.close()
    print(f"backup written and checked: {written}")
    return EXIT_OK


def _restore(args: argparse.Namespace) -> int:
    _restore_allowed(args)
    kept = open_maintenance(_db_path(args)).restore(Path(args.file), _who(args))
    print(f"restored {_db_path(args)} from {args.file}" + (f"; the previous file is kept as {kept}" if kept else ""))
    return EXIT_OK


def _restore_allowed(args: argparse.Namespace) -> None:
    """A restore replaces everybody's work: on a roster people sign in to, an admin's. A roster
    that cannot be opened (damaged: the case a restore is for) is left to its OS account."""
    path = _db_path(args)
    if not open_maintenance(path).exists():
        return
    try:
        roster = Roster.open(path, create=False)
    except RosterProblem:
        return
    try:
        _sign_in(args, roster, admin=True)
    finally:
        roster.close()


def _move(args: argparse.Namespace) -> int:
    """`migrate-store FROM TO` (or `move --from FROM --to TO`): the roster, every table and the
    audit trail, to a new store (docs/several-workstations.md). On a roster people sign in to,
    an admin's command."""
    from cartclinic.store.move import describe, move_roster

    source = args.source or _db_path(args)
    roster = Roster.open(source, create=False)
    try:
        _sign_in(args, roster, admin=True)
    finally:
        roster.close()
    moved = move_roster(source, args.dest, _who(args))
    print(f"moved {describe(source)} to {moved.dest}: " + ", ".join(
        f"{n} {table}" for table, n in moved.rows.items() if n) + "; its audit trail verifies")
    return EXIT_OK


def _check(args: argparse.Namespace) -> int:
    upkeep = open_maintenance(_db_path(args))
    path = upkeep.location
    if not upkeep.exists():
        raise RosterProblem(f"No roster at {path}.")
    verdict = upkeep.check(full=True)
    if verdict != "ok":
        good = upkeep.newest_good_backup()
        print(f"{path}: damaged ({verdict})", file=sys.stderr)
        if good:
            print(f"newest good backup: {good}", file=sys.stderr)
        return EXIT_DATABASE
    print(f"{path}: ok")
    local = upkeep.local_file()
    if local is not None:
        from cartclinic.disk_encryption import advice, disk_encryption

        print(advice(disk_encryption(local)))  # the roster itself is not encrypted: is its disk?
    return EXIT_OK


def _audit(args: argparse.Namespace) -> int:
    roster = _open(args, create=False)
    try:
        given = [a for a in (args.anchor or []) if a]
        if args.verify:
            from cartclinic.store.anchors import parse_hand_anchor

            try:
                hand = [parse_hand_anchor(a) for a in given]
            except ValueError as exc:
                raise InputRefused(str(exc)) from None
            problems = roster.store.verify_audit(hand)
            if problems:
                for p in problems:
                    print(p, file=sys.stderr)
                return EXIT_DATABASE
            count = sum(1 for _ in roster.store.audit_rows())
            print(f"audit trail intact: {count} rows, every clinical row matches its last audited value")
            return EXIT_OK
        if given:
            raise InputRefused("--anchor ROW:HASH: is checked with --verify "
                               "(audit --verify --anchor ROW:HASH); alone, --anchor takes no value")
        if args.anchor is not None:
            from cartclinic.store.anchors import short_form

            top = roster.store.audit_head()
            if top is None:
                print("the audit trail is empty: nothing to anchor yet")
                return EXIT_OK
            stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
            print(f"audit anchor: {short_form(*top)}   ({stamp}; write it down, with the date; "
                  f"check later with: audit --verify --anchor {short_form(*top)})")
            return EXIT_OK
        if args.export:
            import io

            from cartclinic.roster_csv import safe_csv_writer

            buf = io.StringIO()
            writer = safe_csv_writer(buf)  # no cell runs as a formula in a spreadsheet
            writer.writerow(["id", "at", "who", "action", "table", "row", "old", "new"])
            for row in roster.store.audit_rows():
                writer.writerow([row["id"], row["at"], row["who"], row["action"],
                                 row["table_name"], row["row_id"], redact(row["old"]) or "",
                                 redact(row["new"]) or ""])
            _emit(buf.getvalue(), args.export)
            return EXIT_OK
        for row in roster.store.audit_rows():
            print(f"{row['id']}\t{row['at']}\t{row['who']}\t{row['action']}\t{row['table_name']}\t{row['row_id']}")
    finally:
        roster.close()
    return EXIT_OK


def _access_request(args: argparse.Namespace) -> int:
    from cartclinic.access_request import patient_record

    roster = _open(args, create=False)
    try:
        _warn_if_clock_behind(roster)
        record = patient_record(roster, args.mrn, _today(args.today))
        with roster.store.write(_who(args)):
            roster.store.note("access_request", {"mrn": record["patient"]["mrn"]})
    finally:
        roster.close()
    _emit(json.dumps(record, ensure_ascii=False, indent=1) + "\n", args.out)
    return EXIT_OK


def _ask_pin(prompt: str) -> str:
    """A PIN from the keyboard, not echoed; from a pipe, one line (scripts and tests)."""
    if sys.stdin.isatty():
        return getpass.getpass(prompt)
    print(prompt, file=sys.stderr)
    return sys.stdin.readline().rstrip("\r\n")


def _staff(args: argparse.Namespace) -> int:
    from cartclinic.users import Staff, check_pin_format

    roster = Roster.open(_db_path(args), create=False)
    roster.store.on_wait = _say_waiting_once()
    try:
        staff = Staff(roster.store)
        # the first admin of a roster that has none is added by its OS account (ward IT), and
        # PINs made with a PIN key this PC lacks are reset by it; otherwise by an admin
        keyless = args.action == "reset-pin" and staff.pins_need_another_key()
        if staff.has_admin() and not keyless:
            _sign_in(args, roster, admin=True)
        pin = check_pin_format(_ask_pin(f"new PIN for {args.name} (4 to 8 digits): "))
        if check_pin_format(_ask_pin("the same PIN again: ")) != pin:
            raise InputRefused("PIN again: the two PINs differ; type the same PIN twice")
        if args.action == "reset-pin":
            user = staff.set_pin(args.name, pin, _who(args))
            print(f"{user.name} signs in to {_db_path(args)} with the new PIN")
            return EXIT_OK
        user = staff.add(args.name, pin, "admin" if args.admin else "nurse", _who(args))
    finally:
        roster.close()
    print(f"{user.name} can now sign in to {_db_path(args)} as {user.role}")
    return EXIT_OK


def _protocols(args: argparse.Namespace) -> int:
    if args.action == "upgrade":
        from cartclinic.cli_upgrade import upgrade

        roster = _open(args, create=False, admin=bool(args.yes))
        return upgrade(args, roster, _today(args.today), _who(args))
    if args.to or args.yes or args.json:
        raise InputRefused("--to/--yes/--json: only 'protocols upgrade' takes them")
    if args.validate:
        protocol = load_protocol(args.validate)
        n = len(protocol.occurrences())
        tracks = f", {len(protocol.tracks)} tracks" if protocol.tracks else ""
        print(f"{args.validate}: ok — {protocol.id} version {protocol.version}, {n} visits{tracks}")
        return EXIT_OK
    folders = [default_protocol_dir(), *_clinic_protocols(args)]
    library = ProtocolLibrary(folders)
    for protocol in library.all():
        print(f"{protocol.id:<25} {protocol.version:<8} {len(protocol.occurrences()):>3} visits  {protocol.name}")
    for problem in library.problems:
        print(f"skipped: {problem}", file=sys.stderr)
    return EXIT_OK
