"""Import takes UTF-8 text only, and says what a file is when it is not: a GB18030 file whose
bytes happen to be valid UTF-8 (叶伟 reads as Ҷΰ, 毛平 as ëƽ) is refused, never imported as
those letters. And no option lets an import accept a birth in the future."""

from __future__ import annotations

import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest

from cartclinic.errors import InputRefused
from cartclinic.roster_csv import decode_csv, name_looks_wrong

HEADER = "mrn,name,date_of_birth,diagnosis,product,infusion_date,protocol\n"
GB18030_ROWS = (HEADER + "A1,叶伟,1950-01-01,LBCL,axi,2026-01-05,lbcl-cd19\n"
                "A2,毛平,1960-02-02,LBCL,axi,2026-01-06,lbcl-cd19\n")


def run(*args: str, db: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "cartclinic", "--db", str(db), "--who", "t",
                           *args], capture_output=True, text=True, timeout=120, encoding="utf-8")


def test_the_gb18030_bytes_are_valid_utf8_the_case_under_test():
    raw = GB18030_ROWS.encode("gb18030")
    assert b"\xd2\xb6\xce\xb0" in raw and b"\xc3\xab\xc6\xbd" in raw  # 叶伟, 毛平
    assert "Ҷΰ" in raw.decode("utf-8") and "ëƽ" in raw.decode("utf-8")


def test_a_gb18030_file_that_is_also_valid_utf8_is_refused_naming_gb18030(tmp_path):
    src = tmp_path / "ward.csv"
    src.write_bytes(GB18030_ROWS.encode("gb18030"))
    db = tmp_path / "r.db"
    r = run("import", str(src), db=db)
    assert r.returncode == 1, r.stdout
    assert "line 2: name: 'Ҷΰ'" in r.stderr and "'叶伟'" in r.stderr
    assert "line 3: name: 'ëƽ'" in r.stderr and "'毛平'" in r.stderr
    assert "likely GB18030" in r.stderr and 'save it as "CSV UTF-8"' in r.stderr
    assert "Nothing was changed." in r.stderr
    assert "Ҷΰ" not in run("export", db=db).stdout


def test_a_file_that_is_not_utf8_is_refused_with_its_likely_encoding(tmp_path):
    src = tmp_path / "ward.csv"
    src.write_bytes((HEADER + "A3,王秀英,1950-01-01,LBCL,axi,2026-01-05,lbcl-cd19\n"
                     "A4,张伟,1950-01-01,LBCL,axi,2026-01-05,lbcl-cd19\n").encode("gb18030"))
    r = run("import", str(src), db=tmp_path / "r.db")
    assert r.returncode == 1
    assert "is not UTF-8 text (byte" in r.stderr and "it looks like GB18030" in r.stderr
    assert 'save it as "CSV UTF-8"' in r.stderr


@pytest.mark.parametrize("name", [
    "王秀英", "Иван Петров", "Νίκος Παπαδόπουλος", "Zoë Müller", "Nguyễn Thị Ơn", "Lǚ Xiǎo",
    "Ștefan Țurcan", "O'Brien-Smith", "José María", "Łukasz Żółć", "山田 はなこ", "김민준",
    "Ó Briain",
])
def test_real_names_read_as_utf8_are_accepted(name):
    assert name_looks_wrong(name) is None
    text = HEADER + f"A1,{name},1950-01-01,LBCL,axi,2026-01-05,lbcl-cd19\n"
    assert decode_csv(text.encode("utf-8"), "f.csv") == text
    assert decode_csv(b"\xef\xbb\xbf" + text.encode("utf-8"), "f.csv") == text


@pytest.mark.parametrize("name", ["Ҷΰ", "ëƽ", "Jоhn"])  # the last one with a Cyrillic о
def test_names_that_read_wrongly_are_caught(name):
    assert name_looks_wrong(name)
    with pytest.raises(InputRefused):
        decode_csv((HEADER + f"A1,{name},1950-01-01,LBCL,axi,2026-01-05,lbcl-cd19\n")
                   .encode("utf-8"), "f.csv")


# -- no hidden option widens what import accepts --------------------------------------------
def test_import_today_cannot_be_later_than_the_real_date_so_a_future_birth_is_refused(tmp_path):
    src = tmp_path / "in.csv"
    src.write_text(HEADER + "F1,Future Born,2029-03-01,LBCL,axi,2026-01-05,lbcl-cd19\n",
                   encoding="utf-8")
    db = tmp_path / "r.db"
    r = run("import", str(src), "--today", "2035-01-01", db=db)
    assert r.returncode == 1 and "--today: 2035-01-01 is after this PC's date" in r.stderr
    r = run("import", str(src), db=db)
    assert r.returncode == 1 and "date_of_birth" in r.stderr
    assert "F1" not in run("export", db=db).stdout
    tomorrow = (date.today() + timedelta(days=1)).isoformat()
    assert run("import", str(src), "--today", tomorrow, db=db).returncode == 1
    assert "--today" in run("import", "--help", db=db).stdout, "no hidden date option"


@pytest.mark.parametrize(("codec", "names", "named"), [
    ("gb18030", ["王秀英", "张伟"], "GB18030"),
    ("big5", ["陳大文", "林美玲"], "Big5"),
    ("cp1251", ["Иван Петров", "Ольга Смирнова"], "Windows-1251"),
    ("shift_jis", ["山田花子"], "Shift-JIS"),
])
def test_the_likely_encoding_named_is_the_one_that_reads_the_names(codec, names, named):
    text = HEADER + "".join(f"A{i},{n},1950-01-01,LBCL,axi,2026-01-05,lbcl-cd19\n"
                            for i, n in enumerate(names))
    with pytest.raises(InputRefused) as refused:
        decode_csv(text.encode(codec), "f.csv")
    assert f"it looks like {named}" in str(refused.value)


@pytest.mark.parametrize("kind, raw", [
    ("xlsx", b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00" + bytes(range(256)) * 4),
    ("xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(range(256)) * 4),
])
def test_a_workbook_chosen_instead_of_its_csv_is_refused_saying_so(tmp_path, kind, raw):
    """The commonest slip: the spreadsheet itself picked, not the CSV saved from it. Said as
    such, not as an unknown encoding."""
    src = tmp_path / f"ward.{kind}"
    src.write_bytes(raw)
    r = run("import", str(src), db=tmp_path / "r.db")
    assert r.returncode == 1, r.stdout
    assert "workbook" in r.stderr and "not a CSV file" in r.stderr and "CSV UTF-8" in r.stderr
