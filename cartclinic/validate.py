"""Checking what a person typed or a file said, before anything reaches the roster.

Each check returns the clean value or raises `Refused(Reason(code, field, values))`, a
ValueError whose text is the English "field: what is wrong, what to do"; callers gather every
reason so a nurse sees all the problems of a row at once.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, timedelta

from cartclinic.reasons import Reason, Refused

MAX_NAME = 200
MAX_TEXT = 200
MAX_NOTES = 4000
MAX_MRN = 32
MAX_ADDRESS = 300
# The address field of a window envelope (DIN 5008) holds six lines: the name, then these.
MAX_ADDRESS_LINES = 5
MAX_RELATIONSHIP = 60
# An infusion this far ahead is a typo in the year, not a plan.
MAX_INFUSION_AHEAD = timedelta(days=60)
EARLIEST_INFUSION = date(2000, 1, 1)
EARLIEST_BIRTH = date(1900, 1, 1)

_MRN = re.compile(r"^[A-Z0-9][A-Z0-9./-]*$")
_PHONE = re.compile(r"^[0-9+()./ \-]*(?:(?:ext|x)\.? ?[0-9]+)?$", re.IGNORECASE)


# Direction overrides can make a name read differently on screen than it is stored.
_BIDI_CONTROLS = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
# Joiners are part of how some scripts are written (Persian, Indic), so they stay.
_JOINERS = set("\u200c\u200d")


def _has_control(text: str, allow_newlines: bool = False) -> bool:
    for ch in text:
        if allow_newlines and ch in "\n\t":
            continue
        if ch in _JOINERS:
            continue
        if unicodedata.category(ch) in ("Cc", "Cs", "Co", "Cf", "Cn") or ch in "\u2028\u2029":
            return True
    return False


def _has_symbol(text: str) -> bool:
    """Emoji and other pictographs have no place in a name on a clinical record."""
    return any(unicodedata.category(ch) in ("So", "Sk", "Sm", "Sc") for ch in text)


def normalise_mrn(raw: str) -> str:
    """Trimmed, NFKC (full-width digits become ASCII), upper-case: `a123 ` and `Ａ123` are A123."""
    mrn = unicodedata.normalize("NFKC", raw or "").strip().upper()
    if not mrn:
        raise Refused(Reason("mrn.empty", "mrn"))
    if len(mrn) > MAX_MRN:
        raise Refused(Reason("mrn.too_long", "mrn", {"length": len(mrn), "limit": MAX_MRN}))
    if not _MRN.match(mrn):
        raise Refused(Reason("mrn.characters", "mrn", {"mrn": _show(mrn)}))
    return mrn


def clean_name(raw: str) -> str:
    """NFC, inner runs of spaces folded: the same name typed twice is stored the same way."""
    raw = unicodedata.normalize("NFC", raw or "").strip()
    # checked before spaces are folded: a tab or line separator inside a name is a paste error
    if _has_control(raw):
        raise Refused(Reason("name.control", "name"))
    name = " ".join(raw.split())
    if not name:
        raise Refused(Reason("name.empty", "name"))
    if len(name) > MAX_NAME:
        raise Refused(Reason("name.too_long", "name", {"length": len(name), "limit": MAX_NAME}))
    if _has_control(name):
        raise Refused(Reason("name.control", "name"))
    if _has_symbol(name):
        raise Refused(Reason("name.symbols", "name"))
    return name


def clean_text(raw: str | None, field: str, *, required: bool = False, limit: int = MAX_TEXT,
               multiline: bool = False) -> str:
    text = unicodedata.normalize("NFC", raw or "").strip()
    if multiline:  # a note pasted from Windows keeps its line breaks, not their carriage returns
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if _has_control(text, allow_newlines=multiline):
        raise Refused(Reason("field.control", field))
    if not multiline:
        text = " ".join(text.split())
    if required and not text:
        raise Refused(Reason("field.empty", field))
    if len(text) > limit:
        raise Refused(Reason("field.too_long", field, {"length": len(text), "limit": limit}))
    if _has_control(text, allow_newlines=multiline):
        raise Refused(Reason("field.control", field))
    return text


def clean_phone(raw: str | None, field: str = "phone") -> str:
    phone = unicodedata.normalize("NFKC", raw or "").strip()
    if len(phone) > 40:
        raise Refused(Reason("phone.too_long", field, {"length": len(phone)}))
    if not _PHONE.match(phone):
        raise Refused(Reason("phone.characters", field, {"phone": _show(phone)}))
    return phone


def clean_address(raw: str | None) -> str:
    """A postal address as it goes in the envelope window: the text rules of every field, one
    line per line of the address, each line trimmed, blank lines dropped."""
    text = clean_text(raw, "address", limit=MAX_ADDRESS, multiline=True)
    if "\t" in text:
        raise Refused(Reason("address.tab", "address"))
    lines = [" ".join(line.split()) for line in text.split("\n")]
    lines = [line for line in lines if line]
    if len(lines) > MAX_ADDRESS_LINES:
        raise Refused(Reason("address.lines", "address",
                             {"lines": len(lines), "limit": MAX_ADDRESS_LINES}))
    return "\n".join(lines)


def clean_sex(raw: str | None) -> str:
    text = (raw or "").strip().upper()
    mapping = {"": "", "F": "F", "FEMALE": "F", "M": "M", "MALE": "M", "X": "X", "女": "F", "男": "M"}
    if text not in mapping:
        raise Refused(Reason("sex.unknown", "sex", {"sex": _show(raw or '')}))
    return mapping[text]


def clean_language(raw: str | None) -> str:
    """A patient's letter language: en or zh, or empty for the clinic's. Chinese and English
    spellings a spreadsheet may hold are taken too."""
    text = (raw or "").strip().casefold()
    mapping = {"": "", "en": "en", "english": "en", "英文": "en", "zh": "zh", "zh_cn": "zh",
               "zh-cn": "zh", "chinese": "zh", "中文": "zh"}
    if text not in mapping:
        raise Refused(Reason("language.unknown", "language", {"language": _show(raw or "")}))
    return mapping[text]


def check_birth(born: date | None, today: date) -> None:
    if born is None:
        raise Refused(Reason("birth.empty", "date_of_birth"))
    if born > today:
        raise Refused(Reason("birth.future", "date_of_birth", {"born": born}))
    if born < EARLIEST_BIRTH:
        raise Refused(Reason("birth.too_early", "date_of_birth",
                             {"born": born, "earliest": EARLIEST_BIRTH}))


def check_infusion(infusion: date, born: date | None, today: date) -> None:
    if infusion < EARLIEST_INFUSION:
        raise Refused(Reason("infusion.too_early", "infusion_date",
                             {"infusion": infusion, "earliest": EARLIEST_INFUSION}))
    if infusion > today + MAX_INFUSION_AHEAD:
        raise Refused(Reason("infusion.too_far", "infusion_date",
                             {"infusion": infusion, "days": MAX_INFUSION_AHEAD.days}))
    if born is not None and born > infusion:
        raise Refused(Reason("birth.after_infusion", "date_of_birth",
                             {"born": born, "infusion": infusion}))


def _show(text: str, limit: int = 40) -> str:
    text = "".join(ch if not _has_control(ch) else "?" for ch in text)
    return text if len(text) <= limit else text[:limit] + "…"
