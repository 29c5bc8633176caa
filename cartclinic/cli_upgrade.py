"""`protocols upgrade [--to VERSION] [--yes] [--json]`: existing treatments onto the library's
newer protocol versions. Without --yes it lists, per treatment, the visits that would be added,
moved, changed or cancelled and changes nothing; with --yes a checked backup is written first,
then exactly those changes are made in one transaction (see `cartclinic.protocol_upgrade`)."""

from __future__ import annotations

import argparse
from datetime import date, datetime

from cartclinic.protocol_upgrade import (
    ADD,
    CANCEL,
    CHANGE,
    MOVE,
    UpgradePlan,
    apply_upgrade,
    plan_json,
    plan_upgrade,
)
from cartclinic.roster import Roster
from cartclinic.store import files

_WORDS = {ADD: "add", MOVE: "move", CHANGE: "change", CANCEL: "cancel"}


def upgrade(args: argparse.Namespace, roster: Roster, today: date, who: str) -> int:
    backup = None
    try:
        if args.yes:
            plan = plan_upgrade(roster, today, args.to)  # refuses a bad --to before the backup
            if plan.to_apply:
                backup = roster.store.backup(files.backup_names(roster.store.path,
                                                                datetime.now()))
                with roster.store.write(who):
                    roster.store.note("backup", {"to": str(backup),
                                                 "before": "protocol upgrade"})
                plan = apply_upgrade(roster, who, today, args.to)
        else:
            plan = plan_upgrade(roster, today, args.to)
    finally:
        roster.close()
    if args.json:
        print(plan_json(plan))
    else:
        _print(plan, applied=args.yes)
        if backup is not None:
            print(f"A backup was written first: {backup} (restore it to take the whole "
                  "upgrade back).")
    return 0


def _print(plan: UpgradePlan, *, applied: bool) -> None:
    if not plan.treatments:
        print("Every treatment already follows the library's version of its protocols; "
              "nothing to upgrade.")
        return
    for t in plan.treatments:
        head = (f"{t.mrn} {t.name}, treatment of {t.day0}, {t.protocol_id} "
                f"{t.from_version} -> {t.to_version}")
        if t.skipped:
            print(f"{head}: skipped ({t.skipped})")
            continue
        print(f"{head}: {len(t.changes)} change{'s' if len(t.changes) != 1 else ''}")
        for c in t.changes:
            before, after = c.before, c.after
            if c.action == ADD and after is not None:
                what = (f"scheduled {after.scheduled}, window {after.window_start} to "
                        f"{after.window_end}: {after.label}")
            elif c.action == CANCEL and before is not None:
                what = f"was scheduled {before.scheduled}: {before.label}"
            elif before is not None and after is not None and c.action == MOVE:
                what = (f"{before.scheduled} (window {before.window_start} to "
                        f"{before.window_end}) -> {after.scheduled} (window "
                        f"{after.window_start} to {after.window_end})")
            elif before is not None and after is not None:
                gained = [a for a in after.assessments if a not in before.assessments]
                lost = [a for a in before.assessments if a not in after.assessments]
                what = "; ".join(filter(None, [
                    f"label '{after.label}'" if after.label != before.label else "",
                    f"kind {after.kind}" if after.kind != before.kind else "",
                    f"adds {', '.join(gained)}" if gained else "",
                    f"drops {', '.join(lost)}" if lost else "",
                ])) or "assessment order"
            else:
                what = ""
            print(f"  {_WORDS[c.action]:<7}{c.code:<8}{what}")
        for code, why in t.kept:
            print(f"  keep   {code:<8}{why}")
    counts = plan.counts()
    done = "Done" if applied else "Would do"
    print(f"{done}: {len(plan.to_apply)} treatment(s); {counts[ADD]} visit(s) added, "
          f"{counts[MOVE]} moved, {counts[CHANGE]} changed, {counts[CANCEL]} cancelled; "
          f"{sum(1 for t in plan.treatments if t.skipped)} skipped.")
    if not applied:
        print("Nothing was changed. Add --yes to apply it (a backup is written first).")
