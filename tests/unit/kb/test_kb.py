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


def _sdks_only(tmp: Path, sdks_yaml: str) -> Path:
    """A copy of the policies whose sdks.yaml is ``sdks_yaml``, without the files that name other SDKs
    (wire schemas, where a branch has them)."""
    d = _copy(tmp)
    shutil.rmtree(d / "wire", ignore_errors=True)
    (d / "sdks.yaml").write_text(sdks_yaml, encoding="utf-8")
    return d


_SDK_A = ("- {id: a, name: A, company: C, country: US, category: analytics, code: [com.a],"
          " network: [vendor.com]")


@pytest.mark.parametrize("hosts, words", [
    ("[{host: eu.vendor.com, region: EU, role: tracking}]", "role 'tracking' is not one of"),
    ("[{host: eu.vendor.com, region: eu, role: ingest}]", "region 'eu' is not a short upper-case code"),
    ("[{host: eu.vendor.com, region: EU, country: EU, role: ingest}]", "country 'EU' is not an ISO"),
    ("[{host: eu.vendor.com, region: EU, country: deu, role: ingest}]", "country 'deu' is not an ISO"),
    ("[{host: 'https://eu.vendor.com/', role: ingest}]", "is not a lower-case host name"),
    ("[{host: EU.vendor.com, role: ingest}]", "is not a lower-case host name"),
    ("[{host: eu.vendor.com, region: EU}]", "missing"),
    ("[{host: eu.vendor.com, role: ingest, colour: red}]", "unknown key"),
    ("[{host: eu.vendor.com, role: ingest}, {host: eu.vendor.com, role: cdn}]", "listed twice"),
    ("{eu.vendor.com: ingest}", "hosts must be a list"),
    ("[eu.vendor.com]", "expected a mapping"),
])
def test_malformed_sdk_hosts(tmp_path: Path, hosts: str, words: str) -> None:
    d = _copy(tmp_path)
    (d / "sdks.yaml").write_text(f"sdks:\n{_SDK_A}, hosts: {hosts}}}\n", encoding="utf-8")
    with pytest.raises(PolicyError, match=words) as err:
        load_kb(d)
    assert str(err.value).startswith("sdks.yaml: a: hosts") and "\n" not in str(err.value)


@pytest.mark.parametrize("other", [
    "network: [eu.vendor.com]",                                   # another SDK's network signature
    "network: [], hosts: [{host: eu.vendor.com, role: cdn}]",     # another SDK's hosts entry
])
def test_a_host_is_claimed_by_one_sdk_only(tmp_path: Path, other: str) -> None:
    d = _copy(tmp_path)
    (d / "sdks.yaml").write_text(
        f"sdks:\n{_SDK_A}, hosts: [{{host: eu.vendor.com, region: EU, role: ingest}}]}}\n"
        f"- {{id: b, name: B, company: D, country: US, category: ads, code: [com.b], {other}}}\n",
        encoding="utf-8")
    with pytest.raises(PolicyError, match=r"host eu\.vendor\.com is claimed by a and b"):
        load_kb(d)


def test_a_host_in_its_own_sdks_network_and_hosts_is_fine(tmp_path: Path) -> None:
    d = _sdks_only(
        tmp_path,
        "sdks:\n- {id: a, name: A, company: C, country: US, category: analytics, code: [com.a],"
        " network: [eu.vendor.com], hosts: [{host: eu.vendor.com, region: EU, role: ingest}]}\n")
    assert load_kb(d).host_info("eu.vendor.com").region == "EU"  # type: ignore[union-attr]


def test_host_info_takes_the_longest_entry_of_the_sdk_that_owns_the_host(tmp_path: Path) -> None:
    d = _sdks_only(
        tmp_path,
        f"sdks:\n{_SDK_A}, hosts: [{{host: ingest.vendor.com, region: US, country: US, role: crash}},"
        " {host: ingest.de.vendor.com, region: EU, country: DE, role: crash},"
        " {host: de.vendor.com, region: EU, country: DE, role: api},"
        " {host: cdn.vendor.com, role: cdn}]}\n"
        "- {id: b, name: B, company: D, country: CN, category: ads, code: [com.b],"
        " network: [ads.ingest.vendor.com], hosts: [{host: cdn.b.example, role: cdn}]}\n"
        "- {id: c, name: C, company: E, country: CN, category: push, code: [com.c],"
        " network: [], hosts: [{host: push.example.cn, region: CN, country: CN, role: push}]}\n")
    kb = load_kb(d)
    de = kb.host_info("o4507.ingest.de.vendor.com")
    assert de is not None and (de.host, de.region, de.country, de.role, de.sdk) == (
        "ingest.de.vendor.com", "EU", "DE", "crash", "a")
    assert kb.host_info("ingest.de.vendor.com") == de                 # exact
    assert kb.host_info("O1.Ingest.Vendor.Com.").country == "US"        # type: ignore[union-attr]
    assert kb.host_info("x.de.vendor.com").role == "api"              # type: ignore[union-attr]
    assert kb.host_info("x.eu.vendor.com") is None                    # no entry of a's covers it
    assert kb.host_info("www.vendor.com") is None                     # a's host, no facts
    assert kb.host_info("x.ads.ingest.vendor.com") is None            # b's host: a's entry is not b's
    assert kb.sdk_for_host("x.ads.ingest.vendor.com").id == "b"       # type: ignore[union-attr]
    assert kb.host_info("ingest.de.vendor.com.evil.example") is None
    push = kb.host_info("push.example.cn")
    assert push is not None and push.role == "push"
    assert kb.sdk_for_host("a.push.example.cn").id == "c"             # type: ignore[union-attr]  # a signature too


def test_regional_hosts_of_the_shipped_knowledge_base() -> None:
    kb = load_kb()
    for host, sdk, region, country, role in [
        ("eu.i.posthog.com", "posthog", "EU", "DE", "ingest"),
        ("us.i.posthog.com", "posthog", "US", "US", "ingest"),
        ("api.eu.amplitude.com", "amplitude", "EU", "DE", "ingest"),
        ("o4507.ingest.de.sentry.io", "sentry", "EU", "DE", "crash"),
        ("o1.ingest.us.sentry.io", "sentry", "US", "US", "crash"),
        ("app.eu.adjust.com", "adjust", "EU", "", "attribution"),
        ("app.adjust.net.in", "adjust", "IN", "", "attribution"),
        ("connect-dre.dbankcloud.cn", "huawei-agconnect", "EU", "DE", "config"),
        ("api-in.mixpanel.com", "mixpanel", "IN", "IN", "ingest"),
        ("proj.eu-central-1.log.aliyuncs.com", "aliyun-sls", "EU", "DE", "ingest"),  # inside log.aliyuncs.com
    ]:
        info = kb.host_info(host)
        assert info is not None, host
        assert (info.sdk, info.region, info.country, info.role) == (sdk, region, country, role), host
        assert kb.sdk_for_host(host).id == sdk  # type: ignore[union-attr]


def test_the_sdks_header_defines_every_host_role() -> None:
    from analyzer.kb.catalogue import HOST_ROLES

    header = "\n".join(ln for ln in (policies_dir() / "sdks.yaml").read_text(encoding="utf-8").splitlines()
                       if ln.startswith("#"))
    for role in HOST_ROLES:
        assert f"#                          {role} " in header, role
