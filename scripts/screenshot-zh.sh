#!/usr/bin/env bash
# Make the pictures of the program in Chinese that docs/chinese.md shows, in docs/pictures/:
#   scripts/screenshot-zh.sh [PYTHON]
# zh-worklist.png, zh-patient.png and zh-record.png are the program's window on a virtual
# 1366×768 screen (scripts/screenshot.py; a ward PC's screen is often no bigger), with the
# interface in Chinese; zh-visit-sheet.png and zh-letter.png are the first page of a visit sheet
# and of a patient letter as the program prints them in Chinese, drawn 1366 pixels wide.
# The demo roster is made as of today and the program opened on that same day, so the pictures
# show a real morning. Chinese needs a CJK font (fonts-wqy-microhei).
set -euo pipefail
cd "$(dirname "$0")/.."
python=${1:-${PYTHON:-python}}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# every step's settings, PIN key, audit anchors and log go to the throwaway folder, never the
# user's own (the PIN key the nurse's PIN is made with is then the one she signs in with)
export XDG_CONFIG_HOME="$work/config" XDG_DATA_HOME="$work/data" XDG_STATE_HOME="$work/state"
db="$work/demo.db"
out=docs/pictures
nurse="陈静"
# a Chinese clinic, set up, with its phone (a letter needs it) and one admin, before the demo: the
# demo of a Chinese clinic writes its made-up diagnoses and notes in Chinese
"$python" - "$db" "$nurse" <<'PY'
import sys
from dataclasses import replace

from cartclinic.roster import Roster
from cartclinic.users import Staff

roster = Roster.open(sys.argv[1])
s = roster.settings()
roster.save_settings(replace(s, clinic_name="第七病区 CAR-T 细胞治疗随访门诊",
                             clinic_phone="010-6666 8888", language="zh",
                             extra={**s.extra, "configured": "1"}), "screenshot")
Staff(roster.store).add(sys.argv[2], "2468", "admin", "screenshot")
roster.close()
PY
printf '%s\n' 2468 | "$python" -m cartclinic --db "$db" --who "$nurse" demo --patients 300 \
  --seed 7 >/dev/null 2>&1
# the visit and the patient the documents show, as the record picture chooses them
# (ui/screens.py): a clinic visit booked today, of a Chinese-named patient first
read -r visit mrn < <("$python" - "$db" <<'PY'
import sys
from datetime import date

from cartclinic.roster import Roster

roster = Roster.open(sys.argv[1])
today = date.today()
booked = [e for e in roster.worklist(today, today, today)
          if e.visit.scheduled == today and e.visit.kind != "registry"
          and not roster.letter_refusal(e.visit.patient_id)]
booked.sort(key=lambda e: not any("\u4e00" <= ch <= "\u9fff" for ch in e.patient.name))
print(booked[0].visit.id, booked[0].patient.mrn)
roster.close()
PY
)
mkdir -p "$out"
# tests/launch_signed_in.py signs the nurse in with her PIN (read from stdin and checked as the
# sign-in dialog checks it); the program itself has no way to sign anyone in without a PIN.
shot() {
  printf '%s\n' 2468 | "$python" scripts/screenshot.py "$out/$1" \
    --wait 7 --size 1366x768 -- tests/launch_signed_in.py \
    --db "$db" --who "$nurse" --lang zh --screen "$2" >/dev/null
  echo "$out/$1"
}
shot zh-worklist.png worklist
shot zh-patient.png patient-today
shot zh-record.png record
# the documents, printed as the program prints them (the clinic's language: Chinese)
# (printed by the nurse, as the application prints it: the command line asks a staff name's PIN)
printf '%s\n' 2468 | "$python" -m cartclinic --db "$db" --who "$nurse" print visit "$visit" \
  --out "$work/sheet.pdf" >/dev/null 2>&1
printf '%s\n' 2468 | "$python" -m cartclinic --db "$db" --who "$nurse" print letter "$mrn" \
  --out "$work/letter.pdf" >/dev/null 2>&1
"$python" - "$work/sheet.pdf" "$out/zh-visit-sheet.png" "$work/letter.pdf" "$out/zh-letter.png" <<'PY'
import sys

import pypdfium2 as pdfium

for pdf_path, png in zip(sys.argv[1::2], sys.argv[2::2]):
    pdf = pdfium.PdfDocument(pdf_path)
    page = pdf[0]
    page.render(scale=1366 / page.get_width()).to_pil().save(png)
    pdf.close()
    print(png)
PY
