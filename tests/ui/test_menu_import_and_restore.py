"""The menu's import refuses a file that is not UTF-8 text of names, naming its likely
encoding, as the command line does; the menu's restore names a full disk."""

from PySide6.QtWidgets import QMessageBox

HEADER = "mrn,name,date_of_birth,diagnosis,product,infusion_date,protocol\n"


def test_the_menu_import_refuses_a_gb18030_file_that_is_valid_utf8(roster, window, tmp_path,
                                                                  monkeypatch):
    told = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: told.append(a[2]))
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: told.append(a[2]))
    src = tmp_path / "ward.csv"
    src.write_bytes((HEADER + "A1,叶伟,1950-01-01,LBCL,axi,2026-01-05,lbcl-cd19\n"
                     "A2,毛平,1960-02-02,LBCL,axi,2026-01-06,lbcl-cd19\n").encode("gb18030"))
    assert window.work.import_csv(str(src)) == 0
    assert len(told) == 1 and "GB18030" in told[0] and "叶伟" in told[0]
    assert roster.store.patients() == []


def test_the_menu_restore_names_a_full_disk(staff, roster, ctx, window, monkeypatch):
    from ui_helpers import add_patient

    from cartclinic.errors import RosterProblem
    from cartclinic.store.sqlite import restore as restore_module

    add_patient(roster, "M001", "Kept")
    told = []
    monkeypatch.setattr(QMessageBox, "critical", lambda *a, **k: told.append(a[2]))
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: told.append(a[2]))

    def full(*_a, **_k):
        raise RosterProblem("The disk holding /ward is full, so the backup could not be written.")

    monkeypatch.setattr(restore_module, "restore", full)
    assert not window.work.restore(str(roster.store.path))
    assert told and "is full" in told[0]
    assert ctx.roster.store.patients(), "the roster is open again"
