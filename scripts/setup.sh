#!/usr/bin/env bash
# Set up what cartclinic needs: Debian packages (on Debian/Ubuntu) and a virtual environment in
# .venv with the project installed (editable) and, with --test, the test tools. Safe to run
# again: it only installs what is missing.
#
# Debian packages: as root they are installed. As another user, those the program needs to run
# (debian-packages.txt) are installed through sudo when there is a sudo; the test-only ones
# (debian-packages-test.txt) are never installed through sudo: setup names what is missing and
# goes on. `--debian-only` stops after the Debian packages (for the tests of this script).
set -euo pipefail
cd "$(dirname "$0")/.."
extras=""
debian_only=""
for arg in "$@"; do
  case "$arg" in
    --test) extras="[test]" ;;
    --debian-only) debian_only=1 ;;
  esac
done

missing_from() {
  grep -v '^\s*#' "$1" | grep -v '^\s*$' | while read -r pkg; do
    dpkg -s "$pkg" >/dev/null 2>&1 || echo "$pkg"; done | tr '\n' ' ' | sed 's/ *$//'
}

apt_install() {  # apt_install SUDO PACKAGES...
  local sudo=$1; shift
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

if command -v dpkg >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1; then
  run_missing=$(missing_from scripts/debian-packages.txt)
  test_missing=""
  [ -n "$extras" ] && test_missing=$(missing_from scripts/debian-packages-test.txt)
  if [ "$(id -u)" = 0 ]; then
    all="$run_missing $test_missing"
    if [ -n "${all// /}" ]; then
      echo "setup: installing Debian packages: ${all## }"
      # shellcheck disable=SC2086
      apt_install "" $all
    fi
  else
    if [ -n "$run_missing" ]; then
      if command -v sudo >/dev/null 2>&1; then
        echo "setup: installing Debian packages the program needs (sudo): $run_missing"
        # shellcheck disable=SC2086
        apt_install sudo $run_missing
      else
        echo "setup: Debian packages the program may need are missing: $run_missing." \
          "Ask the PC's administrator to run: apt-get install $run_missing (going on without them)" >&2
      fi
    fi
    if [ -n "$test_missing" ]; then
      echo "setup: not installing Debian packages only the tests and screenshots use" \
        "(not root): $test_missing. As root: apt-get install $test_missing" >&2
    fi
  fi
fi
[ -n "$debian_only" ] && exit 0

python=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$python" -m venv .venv
fi
.venv/bin/python -m pip install -q --disable-pip-version-check -e ".$extras"
