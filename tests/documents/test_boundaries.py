"""The documents package stands alone: standard library and reportlab, nothing else."""

import ast
import sys
from pathlib import Path

from cartclinic.documents import sample

PACKAGE = Path(sample.__file__).parent


def test_documents_import_only_the_standard_library_and_reportlab() -> None:
    allowed = set(sys.stdlib_module_names) | {"reportlab"}
    # and the one helper that replaces a finished file safely on every OS (retried while
    # Windows holds it): a PDF is written like every other file
    allowed_modules = {"cartclinic.local_files"}
    for module in PACKAGE.glob("*.py"):
        for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                names = [node.module or ""]
            else:
                continue
            for name in names:
                assert name.split(".")[0] in allowed or name in allowed_modules, \
                    f"{module.name} imports {name}"


def test_modules_stay_small() -> None:
    for module in PACKAGE.glob("*.py"):
        assert len(module.read_text(encoding="utf-8").splitlines()) <= 400, module.name


def test_sample_script_writes_one_of_each(tmp_path: Path) -> None:
    assert sample.main([str(tmp_path)]) == 0
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == ["day-list.pdf", "letter-en.pdf", "letter-zh.pdf", "visit-sheets.pdf"]
    assert sample.main([]) == 2
