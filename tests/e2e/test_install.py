"""`pip install .` (a real wheel, not editable) gives a working piflow that finds its data."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO, sample_apk


def test_wheel_carries_policies_and_addons(tmp_path: Path) -> None:
    wheel_dir, target = tmp_path / "wheel", tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
                    "-q", "-w", str(wheel_dir), str(REPO)], check=True, timeout=300)
    wheels = list(wheel_dir.glob("piflow-*.whl"))
    assert len(wheels) == 1
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target),
                    str(wheels[0])], check=True, timeout=300)
    assert (target / "analyzer" / "policies" / "taxonomy.yaml").exists()
    assert (target / "analyzer" / "policies" / "framework.txt.gz").exists()
    assert (target / "analyzer" / "addons" / "__init__.py").exists()
    for data in ("templates/report.html.j2", "templates/report.js", "templates/report.css",
                 "vendor/cytoscape.min.js", "vendor/cytoscape.LICENSE"):  # the HTML report's assets
        assert (target / "analyzer" / "report" / "html" / data).exists(), data
    env = {k: v for k, v in os.environ.items() if k != "PIFLOW_POLICIES"}
    env["PYTHONPATH"] = str(target)
    code = ("import analyzer, analyzer.kb.catalogue as kb; print(analyzer.__file__); "
            "print(kb.policies_dir()); from analyzer.cli import main; main()")
    proc = subprocess.run([sys.executable, "-c", code, "scan", "-q", "--format", "json",
                           str(sample_apk("tracker"))], capture_output=True, text=True, env=env,
                          cwd=tmp_path, timeout=300)
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert lines[0].startswith(str(target))
    assert lines[1] == str(target / "analyzer" / "policies")
    assert '"device.imei"' in proc.stdout
    # the JSON Schema of saved results travels too: `piflow report` validates against it
    schema = target / "analyzer" / "schema" / "piflow.check-2.schema.json"
    assert schema.exists()
    saved = tmp_path / "r.json"
    code = ("import analyzer.kb.resources as r; print(r.schema_path('piflow.check-2.schema.json')); "
            "from analyzer.cli import main; main()")
    for args in (["check", str(sample_apk("tracker")), "--no-taint", "--format", "json", "-o", str(saved)],
                 ["report", str(saved), "--format", "sarif"]):
        proc = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, env=env,
                              cwd=tmp_path, timeout=300)
        assert proc.returncode == 0, proc.stderr
        assert proc.stdout.splitlines()[0] == str(schema)
    assert '"version": "2.1.0"' in proc.stdout
