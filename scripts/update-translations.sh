#!/usr/bin/env bash
# Refresh the interface translations: collect the strings from cartclinic_ui/ into the .ts source (existing
# translations are kept), then compile the .qm files the application loads. Translate new
# strings in the .ts with pyside6-linguist, then run this again.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${PYSIDE_BIN:-$(dirname "$(command -v python)")}
"$bin/pyside6-lupdate" $(find ui -name '*.py' | sort) \
  -ts resources/translations/cartclinic_zh_CN.ts -target-language zh_CN -no-obsolete
"$bin/pyside6-lrelease" resources/translations/cartclinic_zh_CN.ts \
  -qm resources/translations/cartclinic_zh_CN.qm
