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


def hold() -> None:
    """The collector off until `settle()`; counting references still frees almost everything."""
    gc.disable()


def settle() -> None:
    """The collector runs again. What the start left as cyclic garbage is collected first,
    then everything still alive (the start's objects) is moved out of its way for good."""
    gc.collect()
    gc.freeze()
    gc.enable()


def main(argv: list[str] | None = None) -> int:
    hold()
    try:
        from ui.app import main as run

        return run(argv)
    finally:
        settle()
