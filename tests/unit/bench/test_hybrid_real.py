"""The real hybrid-app bench: truth pinned to the committed APKs and naming known ids; scoring, decoding."""

from __future__ import annotations

import json
from typing import Any

import pytest

from analyzer.kb.catalogue import load_kb
from bench import hybrid_real as hr


@pytest.mark.parametrize(("apk", "truth_file"),
                         [(hr.APK, hr.TRUTH), (hr.DEV_APK, hr.DEV_TRUTH), (hr.CDV_APK, hr.CDV_TRUTH)],
                         ids=["rn", "rn-dev", "cordova"])
def test_truth_is_pinned_and_names_known_ids(apk: Any, truth_file: Any) -> None:
    truth = json.loads(truth_file.read_text())
    hr.check_truth(apk, truth)  # exits when the APK's scripts are not the ones the truth was made from
    kb = load_kb()
    owners = {r["owner"] for r in truth["reads"]} | {p["owner"] for p in truth["packages"].values()}
    for owner in owners:
        assert owner == "app" or owner.startswith("library:") or owner in kb.sdks, owner
    for r in truth["reads"]:
        assert set(r["pi"]) <= set(kb.taxonomy), r
        assert r["owner"] != "?" and r["module"] is not None
    assert all(len(s["reads"]) >= 1 for s in truth["sends"])


@pytest.mark.parametrize("truth_file", [hr.TRUTH, hr.DEV_TRUTH], ids=["prod", "dev"])
def test_metro_modules_cover_the_reads(truth_file: Any) -> None:
    truth = json.loads(truth_file.read_text())
    mods = truth["modules"]
    assert len(mods) == truth["metro_modules"] and len({m["id"] for m in mods}) == len(mods)
    for r in truth["reads"]:
        line, col = map(int, r["at"].split(":"))
        m = hr.module_at(mods, line, col)
        assert m is not None and m["id"] == r["module"] and m["owner"] == r["owner"]
    assert hr.module_at(mods, 1, 1) is None  # the prelude is no module


def test_source_map_segments_decode() -> None:
    # "AAAA" = (0,0,0,0); ";" next line; "AACA" = col+0, same source, line+1, col+0; "IAAE" = col+4, col+2
    assert hr.segments("AAAA;AACA,IAAE") == [(0, 0, 0, 0, 0), (1, 0, 0, 1, 0), (1, 4, 0, 1, 2)]
    assert hr.utf16_to_byte("aé😀b") == [0, 1, 3, 3, 7, 8]
    assert hr.package_of("node_modules/@sentry/core/esm/x.js") == "@sentry/core"
    assert hr.package_of("node_modules/a/node_modules/b/i.js") == "b"
    assert hr.package_of("src/device.js") == "app"


A, X = "assets/www/js/a.js", "assets/www/plugins/p/x.js"


def _truth() -> dict[str, Any]:
    return {"kind": "files",
            "scripts": {A: {"owner": "app"}, X: {"owner": "appsflyer"}},
            "reads": [
                {"script": A, "at": "3:5", "module": A, "owner": "app", "member": "uuid",
                 "bridge": "cordova.device.uuid", "file": "js/a.js", "line": 3, "call": "device.uuid"},
                {"script": X, "at": "9:1", "module": X, "owner": "appsflyer", "member": "exec",
                 "bridge": None, "file": "x.js", "line": 9, "call": "exec"}],
            "sends": [{"script": A, "at": "4:5", "module": A, "owner": "app", "reads": [f"{A}:3:5"],
                       "file": "js/a.js", "line": 4, "call": "fetch"}]}


def test_scoring_matches_positions_and_owners() -> None:
    app = {"kind": "app", "id": "com.x"}
    doc = {"access": [
        {"kind": "js", "api": "device.uuid", "source_id": "js:cordova.device.uuid", "owner": app,
         "location": {"cls": "assets/www/js/a.js:3:2"}},
        {"kind": "js", "api": "t.exec", "source_id": "js:x", "owner": app,  # wrong owner: the plugin's
         "location": {"cls": "assets/www/plugins/p/x.js:9:1"}},
        {"kind": "dex", "api": "x", "location": {"cls": "com.x.A"}}],
        "endpoints": [{"host": "api.x.cn", "owner": {"kind": "sdk", "id": "appsflyer"},
                       "location": {"cls": "assets/www/plugins/p/x.js:2:1"}}],
        "script_leaks": [{"sink_api": "js:fetch", "sink_owner": app, "sink": {"cls": f"{A}:4:5"},
                          "sources": [{"location": {"cls": f"{A}:3:2"}}]}]}
    res = hr.score(doc, _truth())
    s = res["summary"]
    assert (s["found"], s["found_catalogued"], s["reported_reads"], s["reported_unmatched"]) == (2, 1, 2, 0)
    assert s["read_owner_accuracy"] == 0.5 and s["endpoint_owner_accuracy"] == 1.0
    assert (s["sends_found"], s["send_reads_found"]) == (1, 1)
    assert res["by_class"]["sdk"]["reported"] == 1 and res["by_class"]["sdk"]["owner_ok"] == 0
    doc["access"][1]["owner"] = {"kind": "sdk", "id": "appsflyer"}
    assert hr.score(doc, _truth())["summary"]["read_owner_accuracy"] == 1.0
