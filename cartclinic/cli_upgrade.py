"""`protocols upgrade [--to VERSION] [--yes] [--json]`: existing treatments onto the library's
newer protocol versions. Without --yes it lists, per treatment, the visits that would be added,
moved, changed or cancelled and changes nothing; with --yes a checked backup is written first,
then exactly those changes are made in one transaction (see `cartclinic.protocol_upgrade`)."""

from __future__ import annotations

import argparse
from datetime import date, datetime

from cartclinic.protocol_upgrade import apply_upgrade, plan_json, plan_lines, plan_upgrade
from cartclinic.roster import Roster


def upgrade(args: argparse.Namespace, roster: Roster, today: date, who: str) -> int:
    backup = None
    try:
        if args.yes:
            plan = plan_upgrade(roster, today, args.to)  # refuses a bad --to before the backup
            if plan.to_apply:
                backup = roster.store.maintenance().backup(datetime.now())
                with roster.store.write(who):
                    roster.store.note("backup", {"to": str(backup),
                                                 "before": "protocol upgrade"})
                plan = apply_upgrade(roster, who, today, args.to, expected=plan)
        else:
            plan = plan_upgrade(roster, today, args.to)
    finally:
        roster.close()
    if args.json:
        print(plan_json(plan))
    else:
        print("\n".join(plan_lines(plan, applied=args.yes)))
        if backup is not None:
            print(f"A backup was written first: {backup} (restore it to take the whole "
                  "upgrade back).")
    return 0
