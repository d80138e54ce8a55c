"""Loading the knowledge base: indexes work, malformed data files fail with one clear line."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from analyzer.cli import main
from analyzer.errors import EXIT_INPUT, PolicyError
from analyzer.kb.catalogue import load_kb
from analyzer.kb.resources import policies_dir
from tests.conftest import sample_apk


def test_indexes() -> None:
    kb = load_kb()
    assert ("Landroid/telephony/TelephonyManager;", "getDeviceId") in kb.calls
    assert kb.sdk_for_class("com.umeng.commonsdk.UMConfigure").id == "umeng-analytics"  # type: ignore[union-attr]
    assert kb.sdk_for_class("com.example.Main") is None
    assert kb.sdk_for_host("alog.umeng.com").id == "umeng-analytics"  # type: ignore[union-attr]
    assert kb.sdk_for_host("umeng.com.evil.example") is None
    assert "android_id" in kb.settings


def test_sdk_init_methods_belong_to_their_sdk() -> None:
    kb = load_kb()
    assert "com.umeng.commonsdk.UMConfigure.init" in kb.sdks["umeng-analytics"].init
    with_init = [s for s in kb.sdks.values() if s.init]
    assert len(with_init) >= 10
    for sdk in with_init:
        for name in sdk.init:
            owner = kb.sdk_for_class(name.rpartition(".")[0])
            assert owner is not None and owner.id == sdk.id, name


def _copy(tmp: Path) -> Path:
    dst = tmp / "policies"
    shutil.copytree(policies_dir(), dst)
    return dst


@pytest.mark.parametrize("file, text, words", [
    ("taxonomy.yaml", "types: [\n  - id: x\n", "malformed YAML"),
    ("sources.yaml", "sources:\n- {id: a, kind: call, class: A, method: b, pi: [no.such.type]}\n",
     "not in the taxonomy"),
    ("sources.yaml", "sources:\n- {id: a, kind: call, class: A, method: b, pi: [contacts], colour: red}\n",
     "unknown key"),
    ("sinks.yaml", "sinks:\n- {id: s, class: A, method: b, sink: carrier-pigeon, args: [0]}\n",
     "sink must be one of"),
    ("sdks.yaml", "sdks: 5\n", "expected a mapping"),
    ("sdks.yaml", "sdks:\n- {id: a, name: A, company: C, country: CN, category: push, code: [com.a],"
                  " init: com.a.X.init}\n", "init must be a list"),
    ("sdks.yaml", "sdks:\n- {id: a, name: A, company: C, country: CN, category: push, code: [com.a],"
                  " init: [com.b.X.init]}\n", "outside the SDK's code prefixes"),
    ("sdks.yaml", "sdks:\n- {id: a, name: A, company: C, country: CN, category: push, code: [com.a],"
                  " init: [com.a.X.]}\n", "not a class.method name"),
    ("sdks.yaml", "sdks:\n- {id: a, name: A, company: C, country: CN, category: push, code: [com.a],"
                  " manifest: [A_KEY]}\n- {id: b, name: B, company: C, country: CN, category: push,"
                  " code: [com.b], manifest: [A_KEY]}\n", "A_KEY is listed by a and b"),
    ("sdks.yaml", "sdks:\n- {id: a, name: A, company: C, country: CN, category: push, code: [com.a],"
                  " resources: [app id]}\n", "resources must be a list of names"),
    ("sdks.yaml", "sdks:\n- {id: a, name: A, company: C, country: CN, category: push, code: [com.a],"
                  " authorities: [initprovider]}\n", "start with a dot"),
    ("sdks.yaml", "sdks:\n- {id: a, name: A, company: C, country: CN, category: push, code: [com.a],"
                  " exodus: [3, zero]}\n", "exodus must be"),
])
def test_malformed_policy_files(tmp_path: Path, file: str, text: str, words: str) -> None:
    d = _copy(tmp_path)
    (d / file).write_text(text, encoding="utf-8")
    with pytest.raises(PolicyError, match=words):
        load_kb(d)


def test_cli_reports_bad_policies_in_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    d = _copy(tmp_path)
    (d / "sdks.yaml").write_text("sdks:\n  - [unclosed\n", encoding="utf-8")
    monkeypatch.setenv("PIFLOW_POLICIES", str(d))
    res = CliRunner().invoke(main, ["scan", "-q", str(sample_apk("notes"))])
    assert res.exit_code == EXIT_INPUT
    lines = [ln for ln in res.output.splitlines() if ln.strip()]
    assert len(lines) == 1 and "sdks.yaml" in lines[0] and "malformed YAML" in lines[0]


def test_manifest_and_resource_indexes() -> None:
    kb = load_kb()
    assert kb.meta_data["UMENG_APPKEY"] == "umeng-analytics"
    assert kb.string_names["firebase_database_url"] == "google-firebase-database"
    assert kb.sdks["facebook-audience-network"].exodus == (65, 47)
    found = kb.sdk_for_authority("com.example.app.firebaseinitprovider")
    assert found is not None and found.id == "google-firebase-core"
    assert kb.sdk_for_authority(".firebaseinitprovider") is None  # nothing before the ending
    assert kb.sdk_for_authority("com.example.app.provider") is None
