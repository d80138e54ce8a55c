"""The labelled traffic corpus: reproducible from its seed, big enough, and a floor on accuracy."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO

CORPUS = REPO / "bench" / "traffic_corpus"


def _load(path: Path) -> list[dict[str, object]]:
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines()[1:]]


def test_committed_corpus_is_what_the_generator_makes(tmp_path: Path) -> None:
    subprocess.run([sys.executable, str(REPO / "bench" / "traffic_corpus.py"), "--out", str(tmp_path)],
                   check=True, capture_output=True, timeout=120)
    assert (tmp_path / "corpus.jsonl").read_bytes() == (CORPUS / "corpus.jsonl").read_bytes()
    assert (tmp_path / "device-profile.yaml").read_bytes() == (CORPUS / "device-profile.yaml").read_bytes()


def test_corpus_shape() -> None:
    entries = _load(CORPUS / "corpus.jsonl")
    assert len(entries) >= 300
    with_pi = [e for e in entries if e["labels"]]
    assert len(with_pi) >= 150 and len(entries) - len(with_pi) >= 150
    sdks = {e["sdk"] for e in entries}
    assert {"umeng", "jpush", "getui", "bugly", "baidu", "amap", "tencent-gdt", "pangle", "firebase", "admob",
            "appsflyer"} <= sdks


def test_accuracy_floor() -> None:
    from analyzer.model import Confidence
    from analyzer.traffic.attribution import Attributor
    from analyzer.traffic.detect import Detector
    from analyzer.traffic.profile import load_profile
    from bench import traffic as bench

    entries = bench.load_corpus()
    det = Detector(load_profile(CORPUS / "device-profile.yaml"), Attributor(None))
    res = bench.accuracy(entries, det, Confidence.MEDIUM)
    assert res["precision"] >= 0.98 and res["recall"] >= 0.98, (res["false"], res["misses"])
    free = bench.accuracy(entries, Detector(None, Attributor(None)), Confidence.MEDIUM)
    assert free["precision"] >= 0.98 and free["recall"] >= 0.95, (free["false"], free["misses"])
