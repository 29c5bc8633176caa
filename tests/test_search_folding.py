"""Search folds accents and finds Chinese names by their Pinyin, full or by initials, as nurses
type on a Pinyin keyboard (issue 12, item 4)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cartclinic.views import fold, matches

# (the row's text, a query, whether it is found)
SEARCH_TABLE = [
    # accents fold both ways
    ("Tomás García", "tomas", True),
    ("Tomás García", "TOMÁS", True),
    ("Tomas Garcia", "tomás", True),
    ("Tomás García", "garcia tomas", True),
    ("Zoë Müller", "zoe muller", True),
    ("Renée O'Brien", "renee", True),
    ("Łukasz Nowak", "nowak", True),
    ("Łukasz Nowak", "lukasz", True),
    ("Søren Bjørn", "soren bjorn", True),
    ("Tomás García", "tomasz", False),
    # Chinese: the characters themselves, full Pinyin with or without spaces, initials
    ("黄秀英", "黄", True),
    ("黄秀英", "秀英", True),
    ("黄秀英", "huang xiuying", True),
    ("黄秀英", "huangxiuying", True),
    ("黄秀英", "Huang Xiu Ying", True),
    ("黄秀英", "hxy", True),
    ("黄秀英", "HXY", True),
    ("黄秀英", "xiuying", True),
    ("黄秀英", "wang", False),
    ("黄秀英", "hxz", False),
    ("王秀英 M001 +86 138 2233 6425", "wxy 138", True),
    ("王秀英 M001 +86 138 2233 6425", "wang m001", True),
    # a surname read in its other ways: 曾 is zeng as a surname (ceng otherwise), 单 is shan
    ("曾伟", "zengwei", True),
    ("曾伟", "zw", True),
    ("曾伟", "cengwei", True),
    ("单丽", "shan li", True),
    ("单丽", "sl", True),
    # two names in one text: each has its readings
    ("李明 (next of kin 张伟)", "zhang wei", True),
    ("李明 (next of kin 张伟)", "lm zw", True),
]


@pytest.mark.parametrize(("text", "query", "found"), SEARCH_TABLE)
def test_search_folds_accents_and_reads_pinyin(text: str, query: str, found: bool) -> None:
    assert matches(text, query) is found


@given(st.text())
def test_search_a_text_always_finds_itself(text: str) -> None:
    assert matches(text, text)


@given(st.text(alphabet=st.characters(codec="latin-1")))
def test_search_folding_is_idempotent(text: str) -> None:
    assert fold(fold(text)) == fold(text)
