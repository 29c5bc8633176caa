#!/usr/bin/env bash
# Make the README's picture of the worklist, docs/worklist.png, from a made-up demo roster:
#   scripts/screenshot-readme.sh [PYTHON]
# scripts/screenshot.py runs the program on Qt's offscreen platform (a virtual 1366×768 screen,
# no display needed) and grabs its window; Chinese names need a CJK font (fonts-wqy-microhei).
# The demo is made as of today; the application is then opened on that same day, so the picture
# shows a real morning.
set -euo pipefail
cd "$(dirname "$0")/.."
python=${1:-${PYTHON:-python}}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
db="$work/demo.db"
"$python" -m cartclinic --db "$db" demo --patients 300 --seed 7 >/dev/null
# mark the demo roster as set up and give it an admin, so the first-run dialog does not cover
# the worklist
"$python" - "$db" <<'PY'
import sys
from dataclasses import replace
from cartclinic.roster import Roster
from cartclinic.users import Staff
roster = Roster.open(sys.argv[1])
s = roster.settings()
roster.save_settings(replace(s, clinic_name="Ward 7 CAR-T follow-up clinic",
                             extra={**s.extra, "configured": "1"}), "screenshot")
Staff(roster.store).add("Nurse Chen", "2468", "admin", "screenshot")
roster.close()
PY
mkdir -p docs
# QSettings (window geometry, last name) go to the throwaway folder, not the user's.
# tests/launch_signed_in.py signs Nurse Chen in with her PIN (read from stdin and checked as the
# sign-in dialog checks it); the program itself has no way to sign anyone in without a PIN.
printf '%s\n' 2468 | XDG_CONFIG_HOME="$work/config" XDG_DATA_HOME="$work/data" \
  XDG_STATE_HOME="$work/state" "$python" scripts/screenshot.py docs/worklist.png \
  --wait 7 --size 1366x768 -- tests/launch_signed_in.py \
  --db "$db" --who "Nurse Chen" --lang en --screen worklist >/dev/null
echo "docs/worklist.png"
