#!/usr/bin/env bash
# The README's second command: set up everything the tests need on a fresh Debian machine,
# then run the whole suite headless (lint, tests, benchmark smoke when present).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --test
export QT_QPA_PLATFORM=offscreen
# the shared-roster tests run on a throwaway PostgreSQL server: one that cannot start fails the run
# (without the variable they skip, saying why)
export CARTCLINIC_REQUIRE_POSTGRES=1
echo "== ruff"
.venv/bin/ruff check .
echo "== pytest"
.venv/bin/python -m pytest -p no:cacheprovider "$@"
if [ -f bench/run.py ]; then
  echo "== benchmark smoke (300 patients)"
  .venv/bin/python bench/run.py --patients 300 --smoke
fi
