#!/usr/bin/env bash
# The README's first command: set up once, then open cartclinic on the default roster
# (or pass --db PATH and other options through).
#
# The first start installs into .venv (network needed) and writes a stamp, .venv/cartclinic-installed,
# naming what was installed: a hash of pyproject.toml and the Python version. Every later start
# whose stamp still matches runs no pip at all, so the ward PC starts with no network. After an
# upgrade (a new pyproject.toml) or a new Python, the stamp no longer matches and the next start
# installs again.
set -euo pipefail
cd "$(dirname "$0")/.."
venv=${CARTCLINIC_VENV:-.venv}

# what the stamp says: pyproject.toml's hash and the venv's Python version
wanted_stamp() {
  local py_version hash
  py_version=$("$venv/bin/python" -c 'import sys; print(sys.version.split()[0])' 2>/dev/null) || return 1
  hash=$(sha256sum pyproject.toml | cut -d' ' -f1)
  printf 'pyproject %s python %s\n' "$hash" "$py_version"
}

# 0 (true) when the venv already holds what pyproject.toml asks for: start without pip
installed() {
  [ -x "$venv/bin/python" ] && [ -f "$venv/cartclinic-installed" ] || return 1
  [ "$(wanted_stamp)" = "$(cat "$venv/cartclinic-installed")" ]
}

if [ "${1:-}" = "--install-decision" ]; then  # for the tests: say what a start would do
  if installed; then echo skip; else echo install; fi
  exit 0
fi

if ! installed; then
  bash scripts/setup.sh
  wanted_stamp > "$venv/cartclinic-installed"
fi
exec "$venv/bin/python" main.py "$@"
