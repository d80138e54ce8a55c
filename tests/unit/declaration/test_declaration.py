"""Declarations: strict loading, one-line errors (exit 2), policy files, the planted gaps, the CLI."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from analyzer.cli import main
from analyzer.common.files import LIMITS
from analyzer.declaration.load import load_declaration, normalise_domain
from analyzer.declaration.textfile import html_to_text
from analyzer.errors import EXIT_INPUT, InputError
from analyzer.kb.apptypes import load_app_types
from analyzer.kb.catalogue import load_kb
from tests.conftest import SAMPLES

REPO = SAMPLES.parent

MINIMAL = "schema: piflow.declaration/1\n"
FULL = """\
schema: piflow.declaration/1
package: com.example.maps
app_type: map-navigation
pi:
  - id: location.precise
    purposes: [navigation]
    necessary: true
    functions: 导航
  - device.android_id
third_parties:
  - name: AMap
    sdk: amap-location
    domains: [HTTPS://Restapi.AMap.com/v3, "*.amap.com."]
    pi: [location.precise]
    purposes: positioning
    role: entrusted
first_party_domains: [maps.example.com]
privacy_policy:
  url: https://maps.example.com/privacy
  text: 我们会收集您的位置信息和Android ID，用于导航。如需投诉，请发送邮件至 help@maps.example.com。
consent: {mechanism: dialog-on-first-launch, default_checked: false, withdrawable: true}
complaint_channel: help@maps.example.com
account_deletion: 我的-设置-注销账号
"""


def _write(tmp_path: Path, text: str, name: str = "app.yaml") -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def test_full_declaration(tmp_path: Path) -> None:
    d = load_declaration(_write(tmp_path, FULL))
    assert d.package == "com.example.maps" and d.app_type == "map-navigation"
    assert [p.pi for p in d.pi] == ["location.precise", "device.android_id"]
    assert d.pi[0].purposes == ("navigation",) and d.pi[0].necessary is True
    assert d.pi[0].functions == ("导航",)
    assert d.pi[1].necessary is None and d.pi[1].purposes == ()
    tp = d.third_parties[0]
    assert (tp.sdk, tp.role, tp.pi, tp.purposes) == (
        "amap-location",
        "entrusted",
        ("location.precise",),
        ("positioning",),
    )
    assert tp.domains == ("restapi.amap.com", "amap.com")
    assert d.first_party_domains == ("maps.example.com",)
    assert d.privacy_policy_url == "https://maps.example.com/privacy"
    assert d.policy is not None and set(d.policy.pi()) == {"location.precise", "device.android_id"}
    assert d.policy.has_complaint_channel
    assert d.consent is not None and d.consent.mechanism == "dialog-on-first-launch"
    assert d.declared_pi() == ("device.android_id", "location.precise")
    assert d.source.endswith("app.yaml")


def test_minimal_declaration_states_nothing(tmp_path: Path) -> None:
    d = load_declaration(_write(tmp_path, MINIMAL))
    assert (d.app_type, d.pi, d.policy, d.consent, d.complaint_channel) == (None, (), None, None, None)


BAD = [
    ("pi: [\n  - a\n", "malformed YAML"),
    ("schema: piflow.declaration/1\n\tpi: []\n", "malformed YAML"),
    ("- just\n- a list\n", "expected a mapping, got list"),
    ("", "expected a mapping, got nothing"),
    ("package: com.a.b\n", "missing key 'schema'"),
    ("schema: piflow.declaration/2\n", "schema: expected 'piflow.declaration/1'"),
    (MINIMAL + "colour: red\n", "colour: unknown key"),
    (MINIMAL + "app_typ: news\n", "app_typ: unknown key (did you mean 'app_type'?)"),
    (MINIMAL + "app_type: online-shoping\n", "app_type: 'online-shoping' is not one of the 39 app types"),
    (MINIMAL + "app_type: online-shoping\n", "did you mean 'online-shopping'?"),
    (MINIMAL + "app_type: 42\n", "app_type: 42 is not one of the 39 app types"),
    (MINIMAL + "pi: [device.imie]\n", "pi[0]: 'device.imie' is not a PI type id"),
    (MINIMAL + "pi: [device.imie]\n", "did you mean 'device.imei'?"),
    (
        MINIMAL + "pi:\n  - {id: contacts, purpose: x}\n",
        "pi[0].purpose: unknown key (did you mean 'purposes'?",
    ),
    (MINIMAL + "pi:\n  - {id: contacts, necessary: yes please}\n", "pi[0].necessary: expected true or false"),
    (MINIMAL + "pi:\n  - {purposes: [x]}\n", "pi[0]: missing key 'id'"),
    (MINIMAL + "pi: [contacts, contacts]\n", "PI type 'contacts' listed twice"),
    (MINIMAL + "pi: contacts\n", "pi: expected a list, got str"),
    (MINIMAL + "third_parties:\n  - {name: X, sdk: umeng}\n", "[0].sdk: 'umeng' is not an SDK id"),
    (MINIMAL + "third_parties:\n  - {name: X, role: partner}\n", "[0].role: 'partner' is not a role"),
    (
        MINIMAL + "third_parties:\n  - {name: X, domains: [not a domain]}\n",
        "third_parties[0].domains[0]: 'not a domain' is not a domain name",
    ),
    (MINIMAL + "third_parties:\n  - {name: X, pi: [device.imei, gps]}\n", "third_parties[0].pi[1]: 'gps'"),
    (MINIMAL + "first_party_domains: [localhost]\n", "first_party_domains[0]: 'localhost' is not a domain"),
    (MINIMAL + "consent: {mechanism: popup}\n", "consent.mechanism: 'popup' is not a consent mechanism"),
    (MINIMAL + "consent: {default_checked: 1}\n", "consent.default_checked: expected true or false, got int"),
    (MINIMAL + "privacy_policy: {}\n", "privacy_policy: give url, text or file"),
    (MINIMAL + "privacy_policy: {text: a, file: b.md}\n", "privacy_policy: give text or file, not both"),
    (MINIMAL + "privacy_policy: {url: ftp://x.test/p}\n", "policy.url: 'ftp://x.test/p' is not an http(s)"),
    (MINIMAL + "privacy_policy: {file: 'https://x.test/p.html'}\n", "must be a local file"),
    (MINIMAL + "privacy_policy: {file: missing.md}\n", "privacy-policy file not found"),
    (MINIMAL + "privacy_policy: {file: policy.pdf}\n", "privacy policy must be one of .txt, .md"),
    (MINIMAL + "package: not_a_package\n", "package: 'not_a_package' is not an Android package name"),
    (MINIMAL + "complaint_channel: [a, b]\n", "complaint_channel: expected a non-empty string, got list"),
    (MINIMAL + "schema: piflow.declaration/1\n", "key 'schema' given twice"),
    (MINIMAL + "1: x\n", "keys must be strings"),
]


@pytest.mark.parametrize("text, needle", BAD)
def test_bad_declaration_is_one_line(tmp_path: Path, text: str, needle: str) -> None:
    path = _write(tmp_path, text)
    with pytest.raises(InputError) as ei:
        load_declaration(path)
    msg = str(ei.value)
    assert needle in msg, msg
    assert msg.startswith(str(path)) and "\n" not in msg


def test_huge_declaration_is_refused(tmp_path: Path) -> None:
    path = _write(tmp_path, MINIMAL + "# " + "x" * LIMITS["declaration"] + "\n")
    with pytest.raises(InputError, match="declaration too large"):
        load_declaration(path)


def test_huge_policy_file_is_refused(tmp_path: Path) -> None:
    (tmp_path / "p.txt").write_bytes(b"a" * (4 << 20 | 1))
    with pytest.raises(InputError, match="privacy-policy file too large"):
        load_declaration(_write(tmp_path, MINIMAL + "privacy_policy: {file: p.txt}\n"))


def test_missing_declaration(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="declaration not found"):
        load_declaration(tmp_path / "nope.yaml")


def test_html_policy_file_is_reduced_to_text(tmp_path: Path) -> None:
    (tmp_path / "policy.html").write_text(
        "<html><head><title>隐私政策</title><style>p{color:red}</style></head><body>"
        "<h1>隐私政策</h1><p>我们会收集您的<b>手机号码</b>用于注册。</p>"
        "<script>var s='我们会收集您的通讯录';</script>"
        "<p>如需投诉，请联系 <a href='mailto:a@b.test'>a@b.test</a>。</p></body></html>",
        encoding="utf-8",
    )
    d = load_declaration(_write(tmp_path, MINIMAL + "privacy_policy: {file: policy.html}\n"))
    assert d.policy is not None
    assert d.policy.pi() == ("contact.phone_number",)  # the script's text is not policy text
    assert d.policy.has_complaint_channel


def test_gbk_policy_file(tmp_path: Path) -> None:
    (tmp_path / "p.txt").write_bytes("我们会收集您的位置信息。".encode("gbk"))
    d = load_declaration(_write(tmp_path, MINIMAL + "privacy_policy: {file: p.txt}\n"))
    assert d.policy is not None and d.policy.pi() == ("location.precise",)


def test_html_to_text_and_domains() -> None:
    assert html_to_text("<p>a&amp;b</p><div>c<br>d</div>") == "a&b\nc\nd"
    assert normalise_domain("http://user@Shop.Example.com:8080/x?y", "d") == "shop.example.com"
    with pytest.raises(Exception, match="is not a domain name"):
        normalise_domain("-bad-.com", "d")


# --------------------------------------------------------------------------- the samples


@pytest.mark.parametrize("name", ["tracker", "shop", "login", "weather"])
def test_sample_declarations_plant_what_their_readmes_say(name: str) -> None:
    exp = yaml.safe_load((SAMPLES / name / "expected.yaml").read_text(encoding="utf-8"))
    want = exp["declaration"]
    d = load_declaration(SAMPLES / name / "declaration.yaml")
    assert d.package == exp["package"] and d.app_type == want["app_type"]
    declared = sorted(p.pi for p in d.pi)
    assert declared == want["declared_pi"]
    # the gaps are real: the code reads these (reachable) and the declaration leaves them out; a type
    # of unknown kind (what the user typed) is judged against no declaration
    unknown = {t for t, v in load_kb().taxonomy.items() if v.kind_unknown}
    assert sorted(set(exp["pi_types"]) - set(declared) - unknown) == want["undeclared_pi"]
    sdks = sorted(t.sdk for t in d.third_parties if t.sdk)
    assert sdks == want["declared_sdks"]
    assert sorted(set(exp["sdks"]) - set(sdks)) == want["undeclared_sdks"]
    necessary = set(load_app_types()[d.app_type].necessary_pi)  # type: ignore[index]
    p = d.policy
    assert p is not None
    said = set(declared) | set(p.pi())  # declaring or describing it is admitting to collecting it
    assert sorted((set(exp["pi_types"]) | said) - necessary - unknown) == want["beyond_necessary_pi"]
    assert p.language == want["policy_language"]
    assert p.has_simplified_chinese is want["policy_simplified_chinese"]
    assert list(p.pi()) == want["policy_pi"]
    assert list(p.third_parties()) == want["policy_third_parties"]
    assert list(p.denied_pi()) == want["policy_denies"]
    assert (d.complaint_channel is not None or p.has_complaint_channel) is want["complaint_channel"]
    assert (d.account_deletion is not None or p.has_account_deletion) is want["account_deletion"]
    c = d.consent
    assert c is not None
    assert {
        "mechanism": c.mechanism,
        "default_checked": c.default_checked,
        "withdrawable": c.withdrawable,
    } == want["consent"]


# --------------------------------------------------------------------------- CLI


def test_cli_table_and_json() -> None:
    path = str(SAMPLES / "tracker" / "declaration.yaml")
    r = CliRunner().invoke(main, ["declaration", path])
    assert r.exit_code == 0, r.output
    assert "umeng-analytics" in r.stdout and "utilities" in r.stdout and "device.imei" in r.stdout
    r = CliRunner().invoke(main, ["declaration", path, "--format", "json"])
    assert r.exit_code == 0
    doc = json.loads(r.stdout)
    assert doc["schema"] == "piflow.declaration-report/1"
    assert doc["declaration"]["app_type"] == "utilities"
    assert doc["declaration"]["policy"]["pi_mentioned"] == ["device.android_id", "device.imei"]
    assert "device.mac" in {m["id"] for m in doc["declaration"]["policy"]["denials"]}
    assert doc["declared_pi"] == ["device.android_id", "device.imei"]


CLI_BAD = [
    ("pi: [\n", "malformed YAML"),
    (MINIMAL + "colour: red\n", "unknown key"),
    (MINIMAL + "app_type: shopping\n", "is not one of the 39 app types"),
    (MINIMAL + "pi: [device.imie]\n", "did you mean 'device.imei'?"),
    (MINIMAL + "# " + "x" * LIMITS["declaration"], "too large"),
]


@pytest.mark.parametrize("text, needle", CLI_BAD)
def test_cli_bad_input_exit_2(tmp_path: Path, text: str, needle: str) -> None:
    path = _write(tmp_path, text)
    r = CliRunner().invoke(main, ["declaration", str(path)])
    assert r.exit_code == EXIT_INPUT
    assert r.stdout == ""
    assert r.stderr.startswith("piflow: error: ") and needle in r.stderr
    assert r.stderr.count("\n") == 1 and "Traceback" not in r.stderr


@pytest.mark.parametrize("text, needle", CLI_BAD)
def test_subprocess_bad_input_exit_2(tmp_path: Path, text: str, needle: str) -> None:
    path = _write(tmp_path, text)
    proc = subprocess.run(
        [sys.executable, "-m", "analyzer.cli", "declaration", str(path)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=REPO,
    )
    assert proc.returncode == EXIT_INPUT
    assert proc.stdout == ""
    assert proc.stderr.count("\n") == 1 and needle in proc.stderr and "Traceback" not in proc.stderr


def test_subprocess_sample_ok() -> None:
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "analyzer.cli",
            "declaration",
            "--format",
            "json",
            str(SAMPLES / "shop" / "declaration.yaml"),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=REPO,
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["declaration"]["app_type"] == "online-shopping"


def test_the_documented_example_is_valid(tmp_path: Path) -> None:
    doc = (REPO / "docs" / "declaration.md").read_text(encoding="utf-8")
    example = doc.split("## A full example", 1)[1].split("```yaml\n", 1)[1].split("```", 1)[0]
    (tmp_path / "privacy-policy.md").write_text("我们会收集您的位置信息，用于导航。", encoding="utf-8")
    d = load_declaration(_write(tmp_path, example))
    assert d.app_type == "map-navigation" and len(d.pi) == 4 and len(d.third_parties) == 2
    assert d.policy is not None and d.policy.pi() == ("location.precise",)


def test_deeply_nested_yaml_is_one_line(tmp_path: Path) -> None:
    path = _write(tmp_path, MINIMAL + "pi: " + "[" * 5000 + "]" * 5000 + "\n")
    with pytest.raises(InputError) as ei:
        load_declaration(path)
    assert "malformed YAML" in str(ei.value) or "expected" in str(ei.value)
    assert "\n" not in str(ei.value)


def test_aliases_do_not_bypass_the_checks(tmp_path: Path) -> None:
    text = MINIMAL + "pi:\n  - {id: contacts, purposes: &a [x, y]}\n  - {id: comm.sms, purposes: [*a, *a]}\n"
    with pytest.raises(InputError, match=r"pi\[1\]\.purposes\[0\]: expected a non-empty string, got list"):
        load_declaration(_write(tmp_path, text))


def test_a_policy_url_is_recorded_never_fetched(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import socket

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("network used")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    d = load_declaration(_write(tmp_path, MINIMAL + "privacy_policy: {url: 'https://example.com/privacy'}\n"))
    assert d.privacy_policy_url == "https://example.com/privacy" and d.policy is None
