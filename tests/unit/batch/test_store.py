"""Batch store, inputs and summary without a cluster: real check documents of the sample apps."""

from __future__ import annotations

import io
import sqlite3
import stat
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console

from analyzer.batch.inputs import Item, expand, sha256_of
from analyzer.batch.progress import live_bar
from analyzer.batch.runner import Tally
from analyzer.batch.store import STORE_NAME, Store, facts_of, verdict
from analyzer.batch.summary import BASE_COLUMNS, SEVERITY_COLUMNS, summary
from analyzer.check.document import to_json
from analyzer.check.run import CheckRequest, run_check
from analyzer.declaration.load import load_declaration
from analyzer.errors import InputError
from tests.conftest import SAMPLES, sample_apk

TRACKER = SAMPLES / "tracker"


@pytest.fixture(scope="module")
def tracker_doc() -> dict[str, Any]:
    req = CheckRequest(target=TRACKER / "tracker.apk", captures=(TRACKER / "capture",))
    return to_json(run_check(req, load_declaration(TRACKER / "declaration.yaml")), "en")


@pytest.fixture(scope="module")
def notes_doc() -> dict[str, Any]:
    return to_json(run_check(CheckRequest(target=sample_apk("notes"))), "en")


def _result(doc: dict[str, Any] | None, status: str = "ok", reason: str = "") -> dict[str, Any]:
    return {"status": status, "reason": reason, "doc": doc, "seconds": 0.5, "peak_rss_mb": 120.0,
            "started": 1.0, "finished": 1.5, "worker": "test"}


def test_facts_of_a_check_with_code_and_traffic(tracker_doc: dict[str, Any]) -> None:
    f = facts_of(tracker_doc)
    assert f.package == "com.piflow.sample.tracker" and f.version_name == "1.0"
    assert f.pi_types["device.imei"] == "code+traffic"
    assert [s[0] for s in f.sdks] == ["umeng-analytics"]
    assert f.hosts == {"alog.umeng.com": True}


def test_verdicts(tracker_doc: dict[str, Any], notes_doc: dict[str, Any]) -> None:
    assert verdict("ok", tracker_doc) == "fail"  # high findings (Art 9(1))
    assert verdict("over_budget", tracker_doc) == "fail"
    assert verdict("ok", notes_doc) == "pass"
    assert verdict("over_budget", notes_doc) == "incomplete"
    assert verdict("error", None) == "error"


def test_store_rows_replace_and_permissions(tmp_path: Path, tracker_doc: dict[str, Any],
                                            notes_doc: dict[str, Any]) -> None:
    out = tmp_path / "out"
    out.mkdir(mode=0o700)
    with Store(out / STORE_NAME) as st:
        st.write("a" * 64, TRACKER / "tracker.apk", 100, (60.0, 2048.0), _result(tracker_doc))
        st.write("b" * 64, sample_apk("notes"), 100, (60.0, 2048.0), _result(notes_doc))
        st.write("c" * 64, Path("bad.apk"), 10, (60.0, 2048.0), _result(None, "error", "bad.apk: not an APK"))
        assert st.done() == {"a" * 64, "b" * 64, "c" * 64}
        assert st.done(retry=True) == {"a" * 64, "b" * 64}
        n_findings = len(tracker_doc["findings"])
        db = st.db
        assert db.execute("SELECT count(*) FROM findings f JOIN scans s ON s.id = f.scan_id "
                          "WHERE s.sha256 = ?", ("a" * 64,)).fetchone()[0] == n_findings
        # the same SHA-256 again replaces its rows: nothing duplicated
        st.write("a" * 64, TRACKER / "tracker.apk", 100, (60.0, 2048.0), _result(tracker_doc))
        assert db.execute("SELECT count(*) FROM scans").fetchone()[0] == 3
        assert db.execute("SELECT count(*) FROM findings").fetchone()[0] == \
            n_findings + len(notes_doc["findings"])
        assert db.execute("SELECT count(*) FROM apps").fetchone()[0] == 2
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        with pytest.raises(ValueError):
            st.write("d" * 64, Path("x.apk"), 1, (60.0, 2048.0), _result(None, "weird"))
        assert "d" * 64 not in st.done()
        assert st.find("com.piflow.sample.tracker")["sha256"] == "a" * 64
        assert st.find("bbbbbbbb")["sha256"] == "b" * 64
        with pytest.raises(InputError):
            st.find("com.example.none")
    assert stat.S_IMODE((out / STORE_NAME).stat().st_mode) == 0o600


def test_summary_columns_and_counts(tmp_path: Path, tracker_doc: dict[str, Any],
                                    notes_doc: dict[str, Any]) -> None:
    with Store(tmp_path / STORE_NAME) as st:
        st.write("a" * 64, TRACKER / "tracker.apk", 100, (60.0, 2048.0), _result(tracker_doc))
        st.write("b" * 64, sample_apk("notes"), 100, (60.0, 2048.0), _result(notes_doc))
        st.write("c" * 64, Path("bad.apk"), 10, (60.0, 2048.0), _result(None, "error", "bad.apk: corrupt"))
        df = summary(st)
    assert list(df.columns[: len(BASE_COLUMNS)]) == BASE_COLUMNS
    assert all(c in df.columns for c in SEVERITY_COLUMNS)
    assert len(df) == 3
    bad = df[df.status == "error"].iloc[0]
    assert bad.package == "" and bad.reason == "bad.apk: corrupt" and bad.findings == 0
    t = df[df.package == "com.piflow.sample.tracker"].iloc[0]
    assert t.third_party_hosts == "alog.umeng.com" and t.sdks == "umeng-analytics"
    assert "device.imei" in t.pi_types.split(";")
    assert t.findings == len(tracker_doc["findings"])
    assert t.sev_high == sum(f["severity"] == "high" for f in tracker_doc["findings"])
    assert t["art_9(1)"] == sum(f["order24"]["article"] == "Art 9(1)" for f in tracker_doc["findings"])
    assert t.verdict == "fail"


def test_store_refuses_other_files(tmp_path: Path) -> None:
    p = tmp_path / "x.sqlite"
    p.write_text("not a database at all, just text " * 50)
    with pytest.raises(InputError, match="not a piflow batch store"):
        Store(p, create=False)
    other = tmp_path / "other.sqlite"
    sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.close()
    with pytest.raises(InputError, match="not a piflow batch store"):
        Store(other, create=False)
    with pytest.raises(InputError, match="no such batch store"):
        Store(tmp_path / "missing", create=False)


def test_inputs_folder_glob_list_and_manifest(tmp_path: Path) -> None:
    formats = [SAMPLES / "formats" / n
               for n in ("tracker-decoded", "tracker.aab", "tracker.apks", "tracker.xapk")]
    assert [i.apk for i in expand([str(SAMPLES)])] == sorted([*SAMPLES.rglob("*.apk"), *formats])  # by path
    # the apktool projects under samples/*/src are smali only: named, not found by a walk
    assert len(expand([str(SAMPLES / "*" / "*.apk")])) == len(list(SAMPLES.glob("*/*.apk")))
    lst = tmp_path / "apks.tsv"
    (tmp_path / "a.apk").write_bytes(sample_apk("notes").read_bytes())
    (tmp_path / "cap").mkdir()
    (tmp_path / "decl.yaml").write_text((TRACKER / "declaration.yaml").read_text())
    lst.write_text("# a comment\n\na.apk\tcap\tdecl.yaml\n" + f"{sample_apk('shop')}\t-\t-\n")
    items = expand([str(lst), str(sample_apk("shop"))])  # shop named twice: once
    assert items == [Item(tmp_path / "a.apk", (tmp_path / "cap",), tmp_path / "decl.yaml"),
                     Item(sample_apk("shop"))]
    man = tmp_path / "m.yaml"
    man.write_text("apps:\n  - a.apk\n  - apk: a.apk\n    time_budget: 5\n"
                   f"  - apk: {sample_apk('login')}\n    memory_budget: 300\n    captures: [cap]\n")
    items = expand([str(man)])
    assert [i.apk.name for i in items] == ["a.apk", "login.apk"]
    assert items[1].memory_budget == 300.0 and items[1].captures == (tmp_path / "cap",)
    assert sha256_of(tmp_path / "a.apk") == sha256_of(sample_apk("notes"))


@pytest.mark.parametrize("text, words", [
    ("apps: [\n", "malformed YAML"),
    ("- a.apk\n", "one key, 'apps'"),
    ("apps:\n  - apk: missing.apk\n", "no such file"),
    ("apps:\n  - apk: a.apk\n    colour: red\n", "unknown key 'colour'"),
    ("apps:\n  - apk: a.apk\n    time_budget: -1\n", "positive number"),
    ("apps:\n  - apk: a.apk\n    captures: 3\n", "captures must be"),
])
def test_bad_manifests(tmp_path: Path, text: str, words: str) -> None:
    (tmp_path / "a.apk").write_bytes(b"PK")
    man = tmp_path / "m.yaml"
    man.write_text(text)
    with pytest.raises(InputError, match=words):
        expand([str(man)])


def test_bad_list_files(tmp_path: Path) -> None:
    lst = tmp_path / "l.txt"
    lst.write_text("a.apk\tb\tc\td\n")
    with pytest.raises(InputError, match=r"l\.txt:1: expected"):
        expand([str(lst)])
    lst.write_text("\n\nmissing.apk\n")
    with pytest.raises(InputError, match=r"l\.txt:3: APK"):
        expand([str(lst)])
    with pytest.raises(InputError, match="no such file, folder or glob"):
        expand([str(tmp_path / "nothing-here")])


def test_live_bar_shows_the_tally() -> None:
    buf = io.StringIO()
    console = Console(file=buf, force_terminal=True, width=200)
    with live_bar(console) as update:
        update(Tally(total=10, skipped=2, done=3, failed=1, over_budget=1))
    out = buf.getvalue()
    assert "done 3 · failed 1 · over budget 1 · remaining 3 · skipped 2" in out and "APKs/min" in out
    quiet = io.StringIO()
    with live_bar(Console(file=quiet, force_terminal=True), enabled=False) as update:
        update(Tally(total=1))
    assert quiet.getvalue() == ""


@pytest.mark.parametrize("fmt", ["json", "table", "html"])
def test_report_formats_of_a_stored_app(tmp_path: Path, tracker_doc: dict[str, Any], fmt: str) -> None:
    from click.testing import CliRunner

    from analyzer.cli import main

    with Store(tmp_path / STORE_NAME) as st:
        st.write("a" * 64, TRACKER / "tracker.apk", 100, (60.0, 2048.0), _result(tracker_doc))
    out = tmp_path / f"report.{fmt}"
    result = CliRunner().invoke(main, ["batch", "report", str(tmp_path), "--app", "com.piflow.sample.tracker",
                                       "--format", fmt, "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    text = out.read_text(encoding="utf-8")
    if fmt == "json":
        import json

        assert json.loads(text)["check"]["findings"] == tracker_doc["findings"]
    elif fmt == "table":
        assert "status: ok" in text and "alog.umeng.com" in text
    else:
        assert "<html" in text.lower() and "com.piflow.sample.tracker" in text


def test_queue_is_largest_first_hashes_lazily_and_counts_once(tmp_path: Path, notes_doc: dict[str, Any],
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    from analyzer.batch import runner

    sizes = {"small": 10, "big": 5000, "mid": 700, "stored": 9000}
    apks = {}
    for name, n in sizes.items():
        apks[name] = tmp_path / f"{name}.apk"
        apks[name].write_bytes(name.encode() * n)
    copy = tmp_path / "copy-of-mid.apk"  # the same bytes under another path: one task
    copy.write_bytes(apks["mid"].read_bytes())
    hashed: list[str] = []
    monkeypatch.setattr(runner, "sha256_of", lambda p: hashed.append(p.name) or sha256_of(p))
    out = tmp_path / "out"
    out.mkdir(mode=0o700)
    with Store(out / STORE_NAME) as st:
        st.write(sha256_of(apks["stored"]), apks["stored"], 1, (60.0, 2048.0), _result(notes_doc))
        tally = Tally()
        items = [Item(apks["small"]), Item(copy), Item(apks["mid"]), Item(apks["big"]), Item(apks["stored"]),
                 Item(apks["small"])]  # the same path twice: one item
        queue = runner._Queue(items, st, runner.BatchOptions(out=out), tally)
        assert tally.total == 5 and not hashed  # nothing hashed before the first pop
        first = queue.pop()
        assert first is not None and first.item.apk == apks["big"] and first.size == 5000 * 3
        assert tally.skipped == 1 and hashed == ["stored.apk", "big.apk"]  # the stored one is largest
        queue.again(first)  # lost with a dead worker before it started: next to go, attempt counted
        again = queue.pop()
        assert again is not None and again.item.apk == apks["big"] and again.attempt == 1
        rest = [queue.pop(), queue.pop(), queue.pop()]
        assert [j.item.apk.name if j else None for j in rest] == ["mid.apk", "small.apk", None]
        assert tally.total == 4 and tally.skipped == 1 and not queue  # the copy counted once


def test_summary_csv_cells_a_spreadsheet_would_run_are_text(tmp_path: Path) -> None:
    import pandas as pd

    from analyzer.batch.summary import export

    df = pd.DataFrame({"package": ["=1+cmd|' /C calc'!A0", "com.example.app", "@SUM(A1)"],
                       "version_name": ["-2+3", "+1", "1.0"], "findings": [-1, 2, 3]})
    out = tmp_path / "s.csv"
    export(df, out)
    text = out.read_text(encoding="utf-8")
    assert "'=1+cmd" in text and "'@SUM" in text and "'-2+3" in text and "'+1" in text
    assert "\n'" not in text.replace("\n'=", "").replace("\n'@", "")  # only those cells are changed
    back = pd.read_csv(out)
    assert list(back["findings"]) == [-1, 2, 3] and back["package"][1] == "com.example.app"


def test_a_packed_app_without_findings_is_incomplete_not_a_pass() -> None:
    from analyzer.batch.store import verdict

    doc: dict[str, Any] = {"findings": [], "graph": {"graph": {"static_incomplete": "packed by X"}}}
    assert verdict("ok", doc) == "incomplete"
    doc["graph"]["graph"] = {}
    assert verdict("ok", doc) == "pass"
