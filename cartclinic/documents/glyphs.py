"""Replacing characters the font cannot draw with ones that mean the same.

Lab units arrive as "×10⁹/L"; a font without "⁹" prints a blank, and "×10 /L" or, after a naive
Unicode normalisation, "×109/L" is a wrong number on a clinical sheet. Superscript and
subscript runs the font lacks become "^9" and "_2"; other missing characters are replaced by
their compatibility form only when the font draws that form. Anything else is left alone, so
the PDF shows the font's missing-glyph box rather than silently dropping a character.

The built-in CID fallback font has no glyph table to ask; it is known to lack the typographic
signs our own layouts use (middle dot, en dash, ellipsis, times, micro), so those become ASCII.
"""

import unicodedata
from functools import cache

from reportlab.pdfbase import pdfmetrics

_SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾", "0123456789+-=()")
_SUBSCRIPTS = str.maketrans("₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎", "0123456789+-=()")
_CID_SAFE = {"\u00b7": "|", "\u2013": "-", "\u2212": "-", "\u2026": "...", "\u00d7": "x",
             "\u00b5": "u", "\u00b1": "+/-"}
_NO_GLYPHS: frozenset[int] = frozenset()


@cache
def glyph_table(font: str) -> frozenset[int] | None:
    """The code points the font draws, or None when unknown (the built-in CID font)."""
    face = getattr(pdfmetrics.getFont(font), "face", None)
    mapping = getattr(face, "charToGlyph", None)
    return frozenset(mapping) if mapping is not None else None


def drawable(text: str, font: str) -> str:
    glyphs = glyph_table(font)
    if glyphs is None:
        text = "".join(_CID_SAFE.get(ch, ch) for ch in text)
        return _replace_missing(text, _NO_GLYPHS, scripts_only=True)
    if all(ord(ch) in glyphs for ch in text):
        return text
    return _replace_missing(text, glyphs, scripts_only=False)


def _replace_missing(text: str, glyphs: frozenset[int], *, scripts_only: bool) -> str:
    out: list[str] = []
    i = 0
    while i < len(text):
        ch = text[i]
        if ord(ch) in glyphs:
            out.append(ch)
            i += 1
            continue
        for table, mark in ((_SUPERSCRIPTS, "^"), (_SUBSCRIPTS, "_")):
            if ch.translate(table) != ch:
                run_end = i
                while run_end < len(text) and text[run_end].translate(table) != text[run_end]:
                    run_end += 1
                out.append(mark + text[i:run_end].translate(table))
                i = run_end
                break
        else:
            compat = unicodedata.normalize("NFKC", ch)
            fits = not scripts_only and all(ord(c) in glyphs for c in compat)
            out.append(compat if fits else ch)
            i += 1
    return "".join(out)
