"""One font for every document: a file on this machine that draws Latin and Chinese text.

Patients' names come in any script (王秀英, Zoë Ångström-Núñez), and a PDF that relies on the
viewer's fonts prints boxes on the ward PC that lacks them, so the font is embedded (reportlab
subsets a TrueType font automatically). Only when no usable file exists do we fall back to
reportlab's built-in CID font, which is not embedded; that is logged, because such a PDF may print
badly elsewhere.
"""

import logging
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFont

from .glyphs import glyph_table

log = logging.getLogger(__name__)

FONT_NAME = "CartClinicSans"
FALLBACK_CID_FONT = "STSong-Light"

# A font must have a glyph for each of these, or it would print boxes for common names and
# for the words of our own Chinese letter.
_MUST_DRAW = "AZaz09éëÅñ—…王秀英李娜张伟随访请于年月日星期"

# Known homes of CJK TrueType fonts, tried after fontconfig. A .ttc holds several faces; the
# index picks the one we want (0 is the regular face in each of these).
_WINDOWS_FONTS = Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts"
KNOWN_FONT_FILES: tuple[tuple[str, int], ...] = (
    ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", 0),
    ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 0),
    ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 2),
    ("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf", 0),
    ("/usr/share/fonts/truetype/arphic/uming.ttc", 0),
    (str(_WINDOWS_FONTS / "msyh.ttc"), 0),
    (str(_WINDOWS_FONTS / "msyh.ttf"), 0),
    (str(_WINDOWS_FONTS / "simhei.ttf"), 0),
    (str(_WINDOWS_FONTS / "simsun.ttc"), 0),
    ("/System/Library/Fonts/PingFang.ttc", 0),
    ("/System/Library/Fonts/STHeiti Light.ttc", 0),
    ("/Library/Fonts/Arial Unicode.ttf", 0),
)


@dataclass(frozen=True)
class DocumentFont:
    """The font registered with reportlab for this process."""

    name: str             # reportlab font name to draw with
    path: str | None      # the font file, None for the built-in CID fallback
    subfont_index: int
    embedded: bool        # False only for the CID fallback


_lock = threading.Lock()  # PDFs are written on worker threads; register exactly once
_registered: DocumentFont | None = None


def document_font() -> DocumentFont:
    """The font to draw with, found and registered on first use, then cached."""
    global _registered
    with _lock:
        if _registered is None:
            _registered = _register()
        return _registered


def clear_cache() -> None:
    """Forget the chosen font (for tests, or after fonts were installed while running)."""
    global _registered
    with _lock:
        _registered = None
        glyph_table.cache_clear()


def candidate_font_files() -> list[tuple[str, int]]:
    """Font files worth trying, best first, without duplicates. Existence is checked later."""
    seen: set[tuple[str, int]] = set()
    found: list[tuple[str, int]] = []
    for candidate in (*_fontconfig_files(), *KNOWN_FONT_FILES):
        if candidate not in seen:
            seen.add(candidate)
            found.append(candidate)
    return found


def _register() -> DocumentFont:
    for path, index in candidate_font_files():
        if not os.path.isfile(path):
            continue
        font = _load_ttf(path, index)
        if font is not None:
            pdfmetrics.registerFont(font)
            log.debug("documents use font %s (face %d)", path, index)
            return DocumentFont(FONT_NAME, path, index, embedded=True)
    log.warning(
        "No Chinese-capable TrueType font found on this computer (for example install "
        "fonts-wqy-microhei); using the built-in %s font, which is not embedded in the PDF "
        "and may print badly on another computer.",
        FALLBACK_CID_FONT,
    )
    pdfmetrics.registerFont(UnicodeCIDFont(FALLBACK_CID_FONT))
    return DocumentFont(FALLBACK_CID_FONT, None, 0, embedded=False)


def _load_ttf(path: str, index: int) -> TTFont | None:
    """The font if reportlab accepts it and it draws what we need, else None."""
    try:
        font = TTFont(FONT_NAME, path, subfontIndex=index)
    except Exception as exc:  # reportlab refuses CFF outlines, damaged files, ...
        log.debug("font %s (face %d) refused: %s", path, index, exc)
        return None
    glyphs = font.face.charToGlyph
    missing = [ch for ch in _MUST_DRAW if ord(ch) not in glyphs]
    if missing:
        log.debug("font %s (face %d) lacks %s", path, index, "".join(missing))
        return None
    return font


def _fontconfig_files() -> Iterator[tuple[str, int]]:
    """What fontconfig offers for Chinese: its best match first, then every zh font."""
    if sys.platform == "win32":
        return
    for tool, args in (
        ("fc-match", ["-f", "%{file}|%{index}\n", ":lang=zh"]),
        ("fc-list", ["-f", "%{file}|%{index}\n", ":lang=zh"]),
    ):
        exe = shutil.which(tool)
        if exe is None:
            continue
        try:
            out = subprocess.run(
                [exe, *args], capture_output=True, text=True, timeout=10, check=False
            ).stdout
        except (OSError, subprocess.SubprocessError) as exc:
            log.debug("%s failed: %s", tool, exc)
            continue
        for line in sorted(out.splitlines()) if tool == "fc-list" else out.splitlines():
            path, _, index = line.partition("|")
            if path:
                yield path, int(index) if index.strip().isdigit() else 0
