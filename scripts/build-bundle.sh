#!/usr/bin/env bash
# Build the bundled program, a folder a PC runs without Python: DIST/cartclinic/ with the window
# program `cartclinic` and the command line `cartclinic-admin` (packaging/cartclinic.spec).
#
#   scripts/build-bundle.sh [--python PY] [--dist DIR] [--work DIR]
#     --python  the Python with PyInstaller and cartclinic's dependencies installed
#               (default .venv/bin/python; `pip install -e ".[bundle]"` or ".[test]" puts it there)
#     --dist    where the program folder goes (default dist: dist/cartclinic/)
#     --work    the build's scratch folder (default build/bundle)
#
# It builds for the system it runs on (Linux here); docs/windows-build.md says how a hospital's IT
# builds the Windows one. No network: the program is installed from this checkout only, as
# plain packages in WORK/site (PyInstaller finds modules by folder, not through an editable
# install's import hook). About a minute on two cores.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
python=.venv/bin/python
dist=dist
work=build/bundle
while [ $# -gt 0 ]; do
  case "$1" in
    --python) python=$2; shift 2 ;;
    --dist) dist=$2; shift 2 ;;
    --work) work=$2; shift 2 ;;
    *) echo "build-bundle.sh: unknown option $1 (see the top of this file)" >&2; exit 1 ;;
  esac
done
absolute() { case $1 in /*) echo "$1" ;; */*) echo "$repo/$1" ;; *) echo "$1" ;; esac; }
python=$(absolute "$python")   # still found after the cd below (a bare name is looked up in PATH)
case $dist in /*) ;; *) dist=$repo/$dist ;; esac
case $work in /*) ;; *) work=$repo/$work ;; esac
if ! "$python" -c 'import PyInstaller' 2>/dev/null; then
  echo "build-bundle.sh: $python has no PyInstaller; install it with: $python -m pip install" \
    "'pyinstaller>=6,<7'" >&2
  exit 1
fi

rm -rf "$work" "$dist/cartclinic"
mkdir -p "$work/src"
# a clean copy of what the wheel is made of: no stale build/ output of an earlier build gets in
cp -r pyproject.toml README.md cartclinic ui resources "$work/src/"
find "$work/src" -name __pycache__ -prune -exec rm -rf {} +
PIP_NO_INDEX=1 "$python" -m pip install -q --disable-pip-version-check --no-deps \
  --no-build-isolation --target "$work/site" "$work/src"
# from the work folder (not the checkout), with the installed packages first on the path, so
# PyInstaller finds cartclinic, cartclinic_ui and cartclinic_resources as installed
cd "$work"
PYTHONPATH="$work/site" "$python" -m PyInstaller --noconfirm --log-level WARN \
  --distpath "$dist" --workpath "$work/pyinstaller" "$repo/packaging/cartclinic.spec"
echo "built $dist/cartclinic/ (cartclinic, cartclinic-admin)"
