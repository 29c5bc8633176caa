from hypothesis import given, settings
from hypothesis import strategies as st

from cartclinic.documents.fonts import document_font
from cartclinic.documents.textfit import (
    ELLIPSIS,
    fit_block,
    fit_line,
    truncate,
    width_of,
    wrap,
    wrap_limited,
)

FONT = document_font().name
WORDS = st.text(alphabet=st.sampled_from("abcdefghij ZÅöéñ-王秀英随访请于年月日。，（）"),
                max_size=400)


def test_fitting_text_is_left_alone() -> None:
    assert truncate("王秀英", FONT, 10, 200) == "王秀英"


def test_cut_text_ends_with_an_ellipsis_and_fits() -> None:
    cut = truncate("Zoë Ångström-Núñez " * 10, FONT, 10, 120)
    assert cut.endswith(ELLIPSIS)
    assert width_of(cut, FONT, 10) <= 120


def test_an_accent_is_never_cut_from_its_letter() -> None:
    decomposed = "Zoe\u0308" * 30  # e + combining diaeresis
    for width in range(20, 200, 3):
        cut = truncate(decomposed, FONT, 10, width)
        assert not cut.removesuffix(ELLIPSIS).endswith("e") or cut == decomposed


def test_chinese_wraps_between_characters() -> None:
    lines = wrap("请于二零二七年一月十二日来院复查如该日不便请致电我们", FONT, 10, 60)
    assert len(lines) > 1
    assert "".join(lines) == "请于二零二七年一月十二日来院复查如该日不便请致电我们"


def test_chinese_lines_never_begin_with_a_full_stop_or_end_with_an_opening_bracket() -> None:
    text = "请于2027年4月19日来院复查。如该日不便，请先致电我们（010-6666 8888）。" * 3
    for width in range(60, 400, 7):
        lines = wrap(text, FONT, 10, width)
        assert "".join(lines).replace(" ", "") == text.replace(" ", "")  # a space may break
        assert not any(line[0] in "。，）" for line in lines[1:]), (width, lines)
        assert not any(line[-1] == "（" for line in lines[:-1]), (width, lines)


def test_a_word_longer_than_the_line_is_broken() -> None:
    lines = wrap("x" * 300, FONT, 10, 50)
    assert all(width_of(line, FONT, 10) <= 50 for line in lines)
    assert "".join(lines) == "x" * 300


def test_fit_line_shrinks_before_cutting() -> None:
    text, size = fit_line("Zoë Ångström-Núñez", FONT, 16, 100, 8)
    assert size < 16 and width_of(text, FONT, size) <= 100


def test_fit_block_uses_two_lines_before_cutting() -> None:
    lines, size = fit_block("Zoë Ångström-Núñez " * 3, FONT, 16, 11, 200, 2)
    assert len(lines) == 2 and not lines[-1].endswith(ELLIPSIS)
    lines, size = fit_block("Zoë Ångström-Núñez " * 30, FONT, 16, 11, 200, 2)
    assert size == 11 and lines[-1].endswith(ELLIPSIS)


@settings(max_examples=150, deadline=None)
@given(text=WORDS, width=st.floats(20, 400), size=st.floats(6, 16))
def test_wrapped_lines_fit_and_lose_nothing(text: str, width: float, size: float) -> None:
    lines = wrap(text, FONT, size, width)
    assert all(width_of(line, FONT, size) <= width for line in lines)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")


@settings(max_examples=150, deadline=None)
@given(text=WORDS, width=st.floats(20, 400), lines=st.integers(1, 3))
def test_limited_wrap_fits_and_marks_what_was_cut(text: str, width: float, lines: int) -> None:
    kept = wrap_limited(text, FONT, 9, width, lines)
    assert len(kept) <= lines
    assert all(width_of(line, FONT, 9) <= width for line in kept)
    if len(wrap(text, FONT, 9, width)) > lines:
        assert kept[-1].endswith(ELLIPSIS)
