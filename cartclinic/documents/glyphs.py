"""Replacing characters the font cannot draw with ones that mean the same.

Lab units arrive as "×10⁹/L"; a font without "⁹" prints a blank, and "×10 /L" or, after a naive
Unicode normalisation, "×109/L" is a wrong number on a clinical sheet. Superscript and
subscript runs the font lacks become "^9" and "_2"; other missing characters are replaced by
their compatibility form only when the font draws that form. Anything else is left alone, so
the PDF shows the font's missing-glyph box rather than silently dropping a character.
"""

import unicodedata
from functools import cache

from reportlab.pdfbase import pdfmetrics

_SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾", "0123456789+-=()")
_SUBSCRIPTS = str.maketrans("₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎", "0123456789+-=()")


@cache
def _glyphs(font: str) -> frozenset[int] | None:
    """The code points the font draws, or None when unknown (the built-in CID font)."""
    face = getattr(pdfmetrics.getFont(font), "face", None)
    mapping = getattr(face, "charToGlyph", None)
    return frozenset(mapping) if mapping is not None else None


def drawable(text: str, font: str) -> str:
    glyphs = _glyphs(font)
    if glyphs is None or all(ord(ch) in glyphs for ch in text):
        return text
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
            out.append(compat if all(ord(c) in glyphs for c in compat) else ch)
            i += 1
    return "".join(out)
