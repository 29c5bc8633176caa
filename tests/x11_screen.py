"""A virtual X screen (Xvfb) on which a test starts a real program and types into it as a
person would, through the X server's XTEST extension (libXtst, reached with ctypes), then
takes a picture of one of its windows.

The bundled program (tests/test_bundle.py) is a finished executable: no test code runs inside
it, so the only way to sign in is the way a nurse does, typing the PIN into the sign-in dialog.
Nothing here is part of the shipped program."""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

c_ulong_p = ctypes.POINTER(ctypes.c_ulong)


class WindowAttributes(ctypes.Structure):  # Xlib's XWindowAttributes
    _fields_ = [("x", ctypes.c_int), ("y", ctypes.c_int), ("width", ctypes.c_int),
                ("height", ctypes.c_int), ("border_width", ctypes.c_int), ("depth", ctypes.c_int),
                ("visual", ctypes.c_void_p), ("root", ctypes.c_ulong), ("c_class", ctypes.c_int),
                ("bit_gravity", ctypes.c_int), ("win_gravity", ctypes.c_int),
                ("backing_store", ctypes.c_int), ("backing_planes", ctypes.c_ulong),
                ("backing_pixel", ctypes.c_ulong), ("save_under", ctypes.c_int),
                ("colormap", ctypes.c_ulong), ("map_installed", ctypes.c_int),
                ("map_state", ctypes.c_int), ("all_event_masks", ctypes.c_long),
                ("your_event_mask", ctypes.c_long), ("do_not_propagate_mask", ctypes.c_long),
                ("override_redirect", ctypes.c_int), ("screen", ctypes.c_void_p)]


IS_VIEWABLE = 2


def available() -> str | None:
    """None when a virtual screen can be made here, else why not."""
    if not shutil.which("Xvfb"):
        return "no Xvfb (Debian package xvfb)"
    for lib in ("X11", "Xtst"):
        if not ctypes.util.find_library(lib):
            return f"no lib{lib} (Debian package lib{lib.lower()}6)"
    return None


class Screen:
    """`with Screen() as screen:` an Xvfb of `size` on a free display number."""

    def __init__(self, size: str = "1366x768"):
        self.size = size
        self.proc: subprocess.Popen | None = None
        self.display = ""
        self._x11 = self._xtst = None
        self._dpy = None

    def __enter__(self) -> Screen:
        read, write = os.pipe()
        self.proc = subprocess.Popen(
            ["Xvfb", "-displayfd", str(write), "-screen", "0", f"{self.size}x24", "-nolisten",
             "tcp"], pass_fds=(write,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(write)
        with os.fdopen(read) as f:
            number = f.readline().strip()
        if not number:
            raise RuntimeError("Xvfb did not start")
        self.display = f":{number}"
        self._open()
        return self

    def __exit__(self, *exc) -> None:
        if self._dpy:
            self._x11.XCloseDisplay(self._dpy)
        if self.proc:
            self.proc.terminate()
            self.proc.wait(timeout=30)

    # -- Xlib through ctypes -------------------------------------------------------------
    def _open(self) -> None:
        x11 = self._x11 = ctypes.CDLL(ctypes.util.find_library("X11"))
        xtst = self._xtst = ctypes.CDLL(ctypes.util.find_library("Xtst"))
        x11.XOpenDisplay.restype = ctypes.c_void_p
        x11.XOpenDisplay.argtypes = [ctypes.c_char_p]
        x11.XDefaultRootWindow.restype = ctypes.c_ulong
        x11.XDefaultRootWindow.argtypes = [ctypes.c_void_p]
        x11.XQueryTree.argtypes = [ctypes.c_void_p, ctypes.c_ulong, c_ulong_p, c_ulong_p,
                                   ctypes.POINTER(c_ulong_p), ctypes.POINTER(ctypes.c_uint)]
        x11.XFetchName.argtypes = [ctypes.c_void_p, ctypes.c_ulong,
                                   ctypes.POINTER(ctypes.c_char_p)]
        x11.XFree.argtypes = [ctypes.c_void_p]
        x11.XInternAtom.restype = ctypes.c_ulong
        x11.XInternAtom.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int]
        x11.XGetWindowProperty.argtypes = [
            ctypes.c_void_p, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_long, ctypes.c_long,
            ctypes.c_int, ctypes.c_ulong, c_ulong_p, ctypes.POINTER(ctypes.c_int), c_ulong_p,
            c_ulong_p, ctypes.POINTER(ctypes.c_void_p)]
        x11.XStringToKeysym.restype = ctypes.c_ulong
        x11.XStringToKeysym.argtypes = [ctypes.c_char_p]
        x11.XKeysymToKeycode.restype = ctypes.c_ubyte
        x11.XKeysymToKeycode.argtypes = [ctypes.c_void_p, ctypes.c_ulong]
        x11.XSetInputFocus.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_int,
                                       ctypes.c_ulong]
        x11.XRaiseWindow.argtypes = [ctypes.c_void_p, ctypes.c_ulong]
        x11.XSync.argtypes = [ctypes.c_void_p, ctypes.c_int]
        x11.XCloseDisplay.argtypes = [ctypes.c_void_p]
        x11.XGetWindowAttributes.argtypes = [ctypes.c_void_p, ctypes.c_ulong,
                                             ctypes.POINTER(WindowAttributes)]
        xtst.XTestFakeKeyEvent.argtypes = [ctypes.c_void_p, ctypes.c_uint, ctypes.c_int,
                                           ctypes.c_ulong]
        self._dpy = x11.XOpenDisplay(self.display.encode())
        if not self._dpy:
            raise RuntimeError(f"cannot open the display {self.display}")

    def windows(self) -> dict[int, str]:
        """The top-level windows on the screen (children of the root: there is no window
        manager; mapped, so shown) with their titles."""
        x11, dpy = self._x11, self._dpy
        root_ret, parent_ret = ctypes.c_ulong(), ctypes.c_ulong()
        children, count = c_ulong_p(), ctypes.c_uint()
        x11.XSync(dpy, 0)
        if not x11.XQueryTree(dpy, x11.XDefaultRootWindow(dpy), ctypes.byref(root_ret),
                              ctypes.byref(parent_ret), ctypes.byref(children),
                              ctypes.byref(count)):
            return {}
        found = {}
        attributes = WindowAttributes()
        for i in range(count.value):
            if not x11.XGetWindowAttributes(dpy, children[i], ctypes.byref(attributes)) or \
                    attributes.map_state != IS_VIEWABLE:
                continue
            title = self._title(children[i])
            if title is not None:
                found[children[i]] = title
        if children:
            x11.XFree(children)
        return found

    def _title(self, wid: int) -> str | None:
        """_NET_WM_NAME (UTF-8: Qt sets it, and a title like "Ward 7 — cartclinic" is not
        Latin-1, so WM_NAME alone would not hold it), else WM_NAME."""
        x11, dpy = self._x11, self._dpy
        utf8 = x11.XInternAtom(dpy, b"UTF8_STRING", 0)
        prop = x11.XInternAtom(dpy, b"_NET_WM_NAME", 0)
        kind, fmt, n, left = ctypes.c_ulong(), ctypes.c_int(), ctypes.c_ulong(), ctypes.c_ulong()
        data = ctypes.c_void_p()
        if x11.XGetWindowProperty(dpy, wid, prop, 0, 4096, 0, utf8, ctypes.byref(kind),
                                  ctypes.byref(fmt), ctypes.byref(n), ctypes.byref(left),
                                  ctypes.byref(data)) == 0 and data.value:
            try:
                if kind.value == utf8 and fmt.value == 8:
                    return ctypes.string_at(data.value, n.value).decode("utf-8", "replace")
            finally:
                x11.XFree(data)
        name = ctypes.c_char_p()
        if x11.XFetchName(dpy, wid, ctypes.byref(name)) and name.value is not None:
            title = name.value.decode("latin-1")
            x11.XFree(name)
            return title
        return None

    def wait_for_window(self, part_of_title: str, timeout: float = 60.0,
                        program: subprocess.Popen | None = None) -> int:
        """The id of the first window whose title holds `part_of_title`, once there is one."""
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            for wid, title in self.windows().items():
                if part_of_title in title:
                    return wid
            if program is not None and program.poll() is not None:
                raise RuntimeError(f"the program ended (exit {program.returncode}) before a "
                                   f"window titled {part_of_title!r} opened")
            time.sleep(0.02)
        raise TimeoutError(f"no window titled {part_of_title!r} within {timeout} s; "
                           f"windows: {sorted(self.windows().values())}")

    def type_into(self, wid: int, keys: list[str], focus: bool = True) -> None:
        """Give the window the keyboard (unless `focus` is False: it has it already) and press
        each key (X keysym names: "2", "Return")."""
        x11, dpy = self._x11, self._dpy
        if focus:
            x11.XRaiseWindow(dpy, wid)
            x11.XSetInputFocus(dpy, wid, 1, 0)  # RevertToPointerRoot, CurrentTime
            x11.XSync(dpy, 0)
            time.sleep(0.3)
        for key in keys:
            code = x11.XKeysymToKeycode(dpy, x11.XStringToKeysym(key.encode()))
            if not code:
                raise ValueError(f"no key for {key!r}")
            self._xtst.XTestFakeKeyEvent(dpy, code, 1, 0)
            self._xtst.XTestFakeKeyEvent(dpy, code, 0, 0)
            x11.XSync(dpy, 0)
            time.sleep(0.05)

    def grab_when_painted(self, wid: int, out: Path, program: subprocess.Popen,
                          timeout: float = 60.0) -> bool:
        """Pictures of the window until two in a row are the same (painted and settled); the
        last one is in `out`. True when the program was still running after it."""
        previous = b""
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            time.sleep(0.5)
            self.grab(wid, out)
            now = out.read_bytes()
            if now == previous:
                break
            previous = now
        return program.poll() is None

    def grab(self, wid: int, out: Path) -> None:
        """A PNG of the window, taken by Qt (this environment's PySide6) on this display."""
        code = ("import sys\n"
                "from PySide6.QtGui import QGuiApplication\n"
                "app = QGuiApplication(sys.argv[:1])\n"
                "ok = app.primaryScreen().grabWindow(int(sys.argv[1])).save(sys.argv[2])\n"
                "sys.exit(0 if ok else 1)\n")
        env = {**os.environ, "DISPLAY": self.display, "QT_QPA_PLATFORM": "xcb"}
        subprocess.run([sys.executable, "-c", code, str(wid), str(out)], env=env, check=True,
                       timeout=60)
