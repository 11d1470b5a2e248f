"""The helpers of bench/kill_test.py and bench/load_test.py (the scripts themselves are not run here)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))


def _load(name: str):  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location(name, ROOT / "bench" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


live = _load("live_instance")
kill_test = _load("kill_test")

FORM = """
<form method="post"><input type="hidden" name="csrfmiddlewaretoken" value="abc123">
<select name="organization" id="id_organization">
  <option value="">---------</option>
  <option value="7">UBND xã</option>
  <option value="9" selected>Phòng Văn hóa</option>
</select>
<select name="section"><option value="">---------</option><option value="3">Thời sự</option></select>
</form>
"""


def test_percentile_by_nearest_rank():
    values = [float(n) for n in range(1, 101)]
    assert live.percentile(values, 50) == 50.0
    assert live.percentile(values, 99) == 99.0
    assert live.percentile(values, 100) == 100.0
    assert live.percentile([5.0], 99) == 5.0
    assert live.percentile([], 50) == 0.0


def test_form_parsing():
    assert live.csrf_token(FORM) == "abc123"
    assert live.selected_option(FORM, "organization") == "9"
    assert live.selected_option(FORM, "section") == "3"  # nothing selected: the first real option
    assert live.selected_option(FORM, "program") is None


def test_worker_recoveries_are_read_from_the_log(tmp_path: Path):
    log = tmp_path / "worker.log"
    log.write_text(
        "Task id=1 state=RUNNING\n"
        "recovered tasks left by dead workers: 2 run again, 1 jobs rebooked (exchange.reminders), 0 given up\n"
        "recovered tasks left by dead workers: 1 run again, 0 jobs rebooked (), 1 given up\n",
        encoding="utf-8",
    )
    assert kill_test.worker_recoveries(log) == {"sweeps": 2, "run_again": 3, "rebooked": 1, "given_up": 1}
    assert kill_test.worker_recoveries(tmp_path / "missing.log")["sweeps"] == 0


def test_attachments_sent_are_real_and_distinct():
    assert live.pdf_bytes("A").startswith(b"%PDF")
    assert live.png_bytes(1) != live.png_bytes(2)
    assert live.sha256(b"") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
