"""A picture of the program's window, made with no screen (Qt's offscreen platform) and nothing
outside the repository and its dependencies:

    python scripts/screenshot.py OUT.png [--wait 7] [--size 1366x768] -- SCRIPT.py [ARGS...]

SCRIPT (main.py, or tests/launch_signed_in.py for a signed-in worklist) runs in this process on
a virtual screen of --size. Once the program's event loop has run for --wait seconds, its
largest window, with any dialog open over it, is grabbed into OUT.png and the program quits.
Exit 0 with the picture saved; 1 when the program ended before it opened a window (its own
message says why)."""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import runpy
import sys
import tempfile
from pathlib import Path


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="screenshot.py")
    parser.add_argument("out", type=Path)
    parser.add_argument("--wait", type=float, default=7.0)
    parser.add_argument("--size", default="1366x768")
    if "--" not in argv:
        parser.error("give the program to run after --")
    split = argv.index("--")
    args, command = parser.parse_args(argv[:split]), argv[split + 1:]
    if not command:
        parser.error("give the program to run after --")
    width, height = (int(n) for n in args.size.lower().split("x"))

    # one virtual screen of the asked size (Qt's offscreen platform reads it from a file)
    config = Path(tempfile.mkdtemp(prefix="screenshot-")) / "screen.json"
    config.write_text(json.dumps({"screens": [{"name": "screen", "x": 0, "y": 0, "width": width,
                                               "height": height, "logicalDpi": 96,
                                               "logicalBaseDpi": 96, "dpr": 1}]}))
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={config}"

    from PySide6.QtCore import QSize, QTimer
    from PySide6.QtGui import QPainter
    from PySide6.QtWidgets import QApplication, QDialog

    saved: list[Path] = []
    run_loop = QApplication.exec

    def grab() -> None:
        shown = [w for w in QApplication.topLevelWidgets() if w.isVisible()]
        if not shown:
            print("screenshot.py: the program shows no window", file=sys.stderr)
            QApplication.exit(1)
            return
        window = max(shown, key=lambda w: w.width() * w.height())
        window.resize(QSize(width, height))

        def save() -> None:
            args.out.parent.mkdir(parents=True, exist_ok=True)
            picture = window.grab()
            # a dialog open over the window (--screen record, settings …) is drawn where it is
            dialogs = [w for w in QApplication.topLevelWidgets()
                       if w is not window and w.isVisible() and isinstance(w, QDialog)]
            if dialogs:
                painter = QPainter(picture)
                for dialog in dialogs:
                    painter.drawPixmap(dialog.pos() - window.pos(), dialog.grab())
                painter.end()
            if picture.save(str(args.out)):
                saved.append(args.out)
            QApplication.quit()

        QTimer.singleShot(500, save)  # laid out again at the new size first

    def exec_and_grab(*_ignored) -> int:
        QTimer.singleShot(int(args.wait * 1000), grab)
        return run_loop()

    QApplication.exec = staticmethod(exec_and_grab)  # the program's own app.exec()
    sys.argv = list(command)
    sys.path.insert(0, str(Path(command[0]).resolve().parent))
    with contextlib.suppress(SystemExit):  # the program's own sys.exit
        runpy.run_path(command[0], run_name="__main__")
    config.unlink(missing_ok=True)
    config.parent.rmdir()
    if not saved:
        print(f"screenshot.py: no picture made ({' '.join(command)} ended first)", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
