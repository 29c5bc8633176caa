#!/usr/bin/env bash
# The README's first command: set up, then open cartclinic on the default roster
# (or pass --db PATH and other options through).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec .venv/bin/python main.py "$@"
