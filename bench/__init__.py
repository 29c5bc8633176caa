"""Clinic-scale benchmarks (bench/run.py).

Importing the package points the settings and data folders (QSettings' window size, language,
last name; platformdirs' default roster, log, anchors) into a throwaway folder, once per run:
the benchmark and the programs it starts (they inherit the variables) never read or write the
user's own, and the user's program does not open at the benchmark's window size afterwards."""

import atexit as _atexit
import os as _os
import shutil as _shutil
import tempfile as _tempfile

if not _os.environ.get("CARTCLINIC_BENCH_FOLDERS"):
    _os.environ["CARTCLINIC_BENCH_FOLDERS"] = _tempfile.mkdtemp(prefix="cartclinic-bench-")
    _atexit.register(_shutil.rmtree, _os.environ["CARTCLINIC_BENCH_FOLDERS"], True)
    for _var in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME"):
        _os.environ[_var] = _os.path.join(_os.environ["CARTCLINIC_BENCH_FOLDERS"], _var.lower())
    _os.environ.setdefault("CARTCLINIC_ANCHORS",
                           _os.path.join(_os.environ["CARTCLINIC_BENCH_FOLDERS"], "anchors"))
