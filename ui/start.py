"""The program's entry point. It holds Python's cycle collector off while the program starts,
then hands over to `ui.app`.

Starting creates some hundred thousand objects that live as long as the program: modules,
classes, Qt wrappers, the worklist's lines. The collector would walk all of them several times
while they are made (a full pass took 14 ms of a 340 ms start at 10,000 patients) and free
nothing. Once the worklist has painted, `settle()` moves everything alive into the permanent
generation and turns the collector back on: later collections, during a search keystroke say,
no longer walk the start's objects either.

It is held only while the program loads and builds its window: a dialog that waits for a
person (first run, sign-in, a damaged roster's backup) settles it first, and the program holds
it again for the window once someone has signed in. A window that never paints (started
minimised) gets the collector back after half a minute.

This module imports nothing of Qt or of the program, so the collector is off before they load.
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Mapping


def hold() -> None:
    """The collector off until `settle()`; counting references still frees almost everything."""
    gc.disable()


def settle() -> None:
    """The collector runs again. What the start left as cyclic garbage is collected first,
    then everything still alive (the start's objects) is moved out of its way for good."""
    gc.collect()
    gc.freeze()
    gc.enable()


NO_DISPLAY = ("cartclinic: no screen to open a window on (DISPLAY and WAYLAND_DISPLAY are "
              "unset): start it from the desktop session of the ward PC, or for a test run set "
              "QT_QPA_PLATFORM=offscreen.")


def no_display(env: Mapping[str, str], platform: str) -> bool:
    """True when Qt would find no screen and abort (exit 134): on Linux and other X11/Wayland
    systems with neither DISPLAY nor WAYLAND_DISPLAY set and no platform chosen that needs
    none (offscreen, minimal, vnc, eglfs, linuxfb...). Windows and macOS always have a screen
    of their own."""
    if platform.startswith(("win", "darwin", "cygwin")):
        return False
    chosen = env.get("QT_QPA_PLATFORM", "").split(":")[0].strip()
    if chosen and chosen not in ("xcb", "wayland", "wayland-egl"):
        return False
    return not env.get("DISPLAY") and not env.get("WAYLAND_DISPLAY")


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv[1:]
    if "--version" in args:
        from cartclinic.version import version_line

        print(version_line("cartclinic"))
        return 0
    if no_display(os.environ, sys.platform):
        print(NO_DISPLAY, file=sys.stderr)
        return 2
    hold()
    try:
        from cartclinic_ui.app import main as run

        return run(argv)
    finally:
        settle()
