#!/usr/bin/env bash
# Set up what cartclinic needs: Debian packages (when run as root on Debian/Ubuntu) and a
# virtual environment in .venv with the project installed (editable) and, with --test, the
# test tools. Safe to run again: it only installs what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
extras=""
[ "${1:-}" = "--test" ] && extras="[test]"

if command -v dpkg >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1; then
  missing=$(grep -v '^\s*#' scripts/debian-packages.txt | grep -v '^\s*$' | while read -r pkg; do
    dpkg -s "$pkg" >/dev/null 2>&1 || echo "$pkg"; done | tr '\n' ' ')
  if [ -n "${missing// /}" ]; then
    if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
    echo "setup: installing Debian packages: $missing"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
  fi
fi

python=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$python" -m venv .venv
fi
.venv/bin/python -m pip install -q --disable-pip-version-check -e ".$extras"
