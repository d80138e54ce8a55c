"""Checks for the third-party SDK database policies/sdks.yaml."""

from __future__ import annotations

import datetime
import json
import re
from pathlib import Path

import pytest
import tldextract
import yaml

from tests.conftest import REPO

SDKS_PATH = REPO / "policies" / "sdks.yaml"

CATEGORIES = {
    "analytics",
    "ads",
    "push",
    "crash",
    "maps_location",
    "payment",
    "social",
    "login",
    "device_id",
    "risk_control",
    "im_rtc",
    "cloud_storage",
    "customer_service",
    "identity_verification",
    "update",
    "attribution",
    "ab_testing",
    "marketing",
    "game",
    "network",
    "ui",
    "health",
    "other",
}
REQUIRED_KEYS = {"id", "name", "company", "country", "category", "cn_market", "code", "network"}
OPTIONAL_KEYS = {"exodus", "website", "privacy_policy", "description", "init", "entry", "manifest",
                 "resources", "authorities", "hosts"}
EXODUS_PATH = Path("/work/shared/reference/exodus-trackers.json")

# Prefixes too generic to identify one SDK (besides anything with fewer than two segments).
GENERIC_PREFIXES = {
    "com.google",
    "com.google.android",
    "com.google.android.gms",
    "com.android",
    "android",
    "androidx",
    "java",
    "javax",
    "kotlin",
    "com.tencent",
    "com.alibaba",
    "com.alipay",
    "com.baidu",
    "com.huawei",
    "com.xiaomi",
    "com.facebook",
    "com.amazon",
    "com.microsoft",
    "com.bytedance",
    "com.qq",
    "cn.com",
    "com.sina",
    "com.netease",
    "com.meituan",
    "com.jd",
    "io",
    "org.apache",
    "okhttp3",
    "com.squareup",
}
# Registrable domains a company shares across many products or that belong to
# infrastructure providers: they may only appear with a product-specific host in front.
SHARED_DOMAINS = {
    "google.com",
    "googleapis.com",
    "gstatic.com",
    "google.cn",
    "g.cn",
    "firebase.com",
    "facebook.com",
    "fbcdn.net",
    "amazonaws.com",
    "akamaihd.net",
    "akadns.net",
    "edgesuite.net",
    "herokudns.com",
    "stackpathdns.com",
    "cloudfront.net",
    "apple.com",
    "qq.com",
    "tencent.com",
    "gtimg.cn",
    "qcloud.com",
    "myqcloud.com",
    "baidu.com",
    "baidubce.com",
    "alibaba.com",
    "aliyun.com",
    "aliyuncs.com",
    "taobao.com",
    "alipay.com",
    "yandex.net",
    "yandex.com",
    "yandex.ru",
    "my.com",
    "microsoft.com",
    "microsoftonline.com",
    "azure.com",
    "unity3d.com",
    "unity.com",
    "hicloud.com",
    "dbankcloud.cn",
    "dbankcloud.com",
    "dbankcloud.ru",
    "huawei.com",
    "xiaomi.com",
    "xiaomi.net",
    "miui.com",
    "snssdk.com",
    "bytedance.com",
    "kuaishou.com",
    "douyin.com",
    "weibo.com",
    "sina.com.cn",
    "163.com",
    "126.net",
    "netease.com",
    "jd.com",
    "meituan.com",
    "twitter.com",
    "daum.net",
}

# Every signature that lies inside another SDK's signature. Allowed only when both
# SDKs are different products of the same company (lookups use the longest match).
# (kind, inner sdk id, inner signature, outer sdk id, outer signature)
ALLOWED_NESTED = {
    ("code", "amap-location", "com.amap.api.fence", "amap", "com.amap.api"),
    ("code", "amap-location", "com.amap.api.location", "amap", "com.amap.api"),
    ("code", "amap-map", "com.amap.api.maps", "amap", "com.amap.api"),
    ("code", "amap-map", "com.amap.api.maps2d", "amap", "com.amap.api"),
    ("code", "amap-navi", "com.amap.api.navi", "amap", "com.amap.api"),
    ("code", "amap-search", "com.amap.api.services", "amap", "com.amap.api"),
    ("code", "easemob-kefu", "com.hyphenate.helpdesk", "easemob", "com.hyphenate"),
    ("code", "geetest-onelogin", "com.geetest.onelogin", "geetest", "com.geetest"),
    (
        "code",
        "google-places",
        "com.google.android.gms.location.places",
        "google-location",
        "com.google.android.gms.location",
    ),
    (
        "code",
        "google-play-integrity",
        "com.google.android.play.core.integrity",
        "google-play-core",
        "com.google.android.play.core",
    ),
    ("code", "huawei-ads-identifier", "com.huawei.hms.ads.identifier", "huawei-ads", "com.huawei.hms.ads"),
    ("code", "huawei-agc-apms", "com.huawei.agconnect.apms", "huawei-agconnect", "com.huawei.agconnect"),
    ("code", "huawei-agc-auth", "com.huawei.agconnect.auth", "huawei-agconnect", "com.huawei.agconnect"),
    ("code", "huawei-agc-crash", "com.huawei.agconnect.crash", "huawei-agconnect", "com.huawei.agconnect"),
    (
        "code",
        "huawei-agc-remote-config",
        "com.huawei.agconnect.remoteconfig",
        "huawei-agconnect",
        "com.huawei.agconnect",
    ),
    (
        "code",
        "google-adid",
        "com.google.android.gms.ads.identifier",
        "google-admob",
        "com.google.android.gms.ads",
    ),
    ("code", "google-ima", "com.google.ads.interactivemedia", "google-admob", "com.google.ads"),
    ("code", "jiguang-janalytics", "cn.jiguang.analytics", "jpush", "cn.jiguang"),
    ("code", "jiguang-jshare", "cn.jiguang.share", "jpush", "cn.jiguang"),
    ("code", "jiguang-jverification", "cn.jiguang.verifysdk", "jpush", "cn.jiguang"),
    ("code", "mobtech-mobpush", "com.mob.pushsdk", "mobtech-core", "com.mob"),
    ("code", "mobtech-secverify", "com.mob.secverify", "mobtech-core", "com.mob"),
    ("code", "tencent-httpdns", "com.tencent.msdk.dns", "tencent-msdk", "com.tencent.msdk"),
    ("network", "amap-location", "apilocate.amap.com", "amap", "amap.com"),
    ("network", "baidu-location", "loc.map.baidu.com", "baidu-map", "map.baidu.com"),
}

# Entries other code and the sample apps depend on:
# id -> (code prefixes that must be present, network: all of / at least one of)
REQUIRED_ENTRIES = {
    "umeng-analytics": ({"com.umeng.analytics", "com.umeng.commonsdk"}, {"umeng.com"}, set()),
    "tencent-bugly": ({"com.tencent.bugly"}, {"bugly.qq.com"}, set()),
    "wechat-opensdk": ({"com.tencent.mm.opensdk"}, set(), {"weixin.qq.com", "api.weixin.qq.com"}),
    "jpush": ({"cn.jpush.android", "cn.jiguang"}, set(), set()),
    "msa-oaid": ({"com.bun.miitmdid", "com.bun.supplier"}, set(), set()),
    "amap-location": ({"com.amap.api.location"}, set(), set()),
    "google-firebase-analytics": (set(), set(), set()),
    "google-admob": (set(), set(), set()),
}

ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
COUNTRY_RE = re.compile(r"^[A-Z]{2}$")
JAVA_SEGMENT_RE = re.compile(r"^[A-Za-z_$][A-Za-z0-9_$]*$")
JAVA_RESERVED = {
    "abstract",
    "assert",
    "boolean",
    "break",
    "byte",
    "case",
    "catch",
    "char",
    "class",
    "const",
    "continue",
    "default",
    "do",
    "double",
    "else",
    "enum",
    "extends",
    "false",
    "final",
    "finally",
    "float",
    "for",
    "goto",
    "if",
    "implements",
    "import",
    "instanceof",
    "int",
    "interface",
    "long",
    "native",
    "new",
    "null",
    "package",
    "private",
    "protected",
    "public",
    "return",
    "short",
    "static",
    "strictfp",
    "super",
    "switch",
    "synchronized",
    "this",
    "throw",
    "throws",
    "transient",
    "true",
    "try",
    "void",
    "volatile",
    "while",
}
HOST_LABEL_RE = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")

_EXTRACT = tldextract.TLDExtract(suffix_list_urls=())


# --- helpers -------------------------------------------------------------------------------


def exodus_ids(sdk: dict) -> list[int]:
    """The Exodus ids an entry restates (``exodus`` is one id or a list)."""
    raw = sdk.get("exodus")
    return [] if raw is None else raw if isinstance(raw, list) else [raw]


def load_db() -> dict:
    with SDKS_PATH.open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def prefix_problem(prefix: object) -> str | None:
    """Why `prefix` is not an acceptable code signature, or None if it is."""
    if not isinstance(prefix, str) or not prefix:
        return "not a non-empty string"
    segments = prefix.split(".")
    if len(segments) < 2:
        return "fewer than two dotted segments"
    for seg in segments:
        if not JAVA_SEGMENT_RE.match(seg) or seg in JAVA_RESERVED:
            return f"segment {seg!r} is not a Java identifier"
    if prefix in GENERIC_PREFIXES:
        return "too generic"
    return None


def registrable_domain(host: str) -> str:
    parts = _EXTRACT(host)
    if not parts.domain or not parts.suffix:
        return ""
    return f"{parts.domain}.{parts.suffix}"


def host_problem(host: object) -> str | None:
    """Why `host` is not an acceptable network signature, or None if it is."""
    if not isinstance(host, str) or not host:
        return "not a non-empty string"
    if host != host.lower():
        return "not lower case"
    labels = host.split(".")
    if len(labels) < 2 or not all(HOST_LABEL_RE.match(label) for label in labels):
        return "not a well-formed host name"
    if len(host) > 253:
        return "too long"
    domain = registrable_domain(host)
    if not domain:
        return "no registrable domain (public suffix or single label)"
    if host == domain and domain in SHARED_DOMAINS:
        return "bare domain shared across many products"
    return None


def code_nested(inner: str, outer: str) -> bool:
    return inner.startswith(outer + ".")


def host_nested(inner: str, outer: str) -> bool:
    return inner.endswith("." + outer)


def lookup_class(class_name: str, sdks: list[dict]) -> str | None:
    """Id of the SDK whose longest code prefix matches `class_name` on a package boundary."""
    matches = [
        (len(prefix), sdk["id"])
        for sdk in sdks
        for prefix in sdk["code"]
        if class_name == prefix or code_nested(class_name, prefix)
    ]
    return max(matches)[1] if matches else None


def host_signatures(sdk: dict) -> list[str]:
    """The SDK's network signatures: its `network` entries and the hosts of its `hosts` list."""
    return [*sdk["network"], *(h["host"] for h in sdk.get("hosts", []) if h["host"] not in sdk["network"])]


def lookup_host(host: str, sdks: list[dict]) -> str | None:
    """Id of the SDK whose longest network signature matches `host`."""
    host = host.lower().rstrip(".")
    matches = [
        (len(sig), sdk["id"])
        for sdk in sdks
        for sig in host_signatures(sdk)
        if host == sig or host_nested(host, sig)
    ]
    return max(matches)[1] if matches else None


def nested_pairs(sdks: list[dict], kind: str) -> set[tuple[str, str, str, str, str]]:
    """Signatures inside another SDK's (a host of an SDK's `hosts` inside its own `network` is by design)."""
    check = code_nested if kind == "code" else host_nested
    owners = [(sig, sdk["id"]) for sdk in sdks
              for sig in (sdk[kind] if kind == "code" else host_signatures(sdk))]
    return {
        (kind, inner_id, inner, outer_id, outer)
        for inner, inner_id in owners
        for outer, outer_id in owners
        if check(inner, outer) and (inner_id != outer_id or kind == "code")
    }


# --- fixtures ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def db() -> dict:
    return load_db()


@pytest.fixture(scope="module")
def sdks(db: dict) -> list[dict]:
    return db["sdks"]


@pytest.fixture(scope="module")
def by_id(sdks: list[dict]) -> dict[str, dict]:
    return {sdk["id"]: sdk for sdk in sdks}


# --- structure -----------------------------------------------------------------------------


def test_top_level(db: dict) -> None:
    assert set(db) == {"version", "checked", "exodus_left_out", "sdks"}
    assert db["version"] == 1
    assert str(db["checked"]) == "2026-11-23"
    assert isinstance(db["checked"], (str, datetime.date))
    assert isinstance(db["sdks"], list)


def test_header_names_sources_and_date() -> None:
    header = []
    for line in SDKS_PATH.read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            break
        header.append(line)
    text = "\n".join(header)
    for needle in (
        "Exodus",
        "/work/shared/reference",
        "MIIT",
        "CAICT",
        "2026-11-23",
        "longest",
        "package boundary",
    ):
        assert needle in text, f"header comment should mention {needle!r}"


def test_counts(sdks: list[dict]) -> None:
    assert len(sdks) >= 764
    assert sum(1 for sdk in sdks if sdk.get("cn_market") is True) >= 100


def test_ids_unique_and_well_formed(sdks: list[dict]) -> None:
    ids = [sdk.get("id") for sdk in sdks]
    bad = [i for i in ids if not isinstance(i, str) or not ID_RE.match(i)]
    assert not bad, f"malformed ids: {bad}"
    dups = sorted({i for i in ids if ids.count(i) > 1})
    assert not dups, f"duplicate ids: {dups}"


def test_keys_and_types(sdks: list[dict]) -> None:
    problems = []
    for sdk in sdks:
        sid = sdk.get("id")
        keys = set(sdk)
        if REQUIRED_KEYS - keys:
            problems.append(f"{sid}: missing {sorted(REQUIRED_KEYS - keys)}")
        if keys - REQUIRED_KEYS - OPTIONAL_KEYS:
            problems.append(f"{sid}: unknown keys {sorted(keys - REQUIRED_KEYS - OPTIONAL_KEYS)}")
        for key in ("name", "company"):
            if not isinstance(sdk.get(key), str) or not sdk.get(key, "").strip():
                problems.append(f"{sid}: {key} must be a non-empty string")
        if not isinstance(sdk.get("cn_market"), bool):
            problems.append(f"{sid}: cn_market must be true or false")
        for key in ("code", "network"):
            if not isinstance(sdk.get(key), list):
                problems.append(f"{sid}: {key} must be a list")
        if not (sdk.get("code") or sdk.get("network")):
            problems.append(f"{sid}: needs at least one code or network signature")
        if "exodus" in sdk and not all(
            isinstance(i, int) and not isinstance(i, bool) and i >= 1 for i in exodus_ids(sdk)
        ):
            problems.append(f"{sid}: exodus must be a positive integer or a list of them")
        for key in ("manifest", "resources", "authorities"):
            names = sdk.get(key, [])
            if not isinstance(names, list) or not all(isinstance(n, str) and n.split() == [n] for n in names):
                problems.append(f"{sid}: {key} must be a list of names")
        if not all(str(a).startswith(".") for a in sdk.get("authorities", [])):
            problems.append(f"{sid}: authorities are endings starting with a dot")
        if "website" in sdk and not re.match(r"^https?://\S+$", str(sdk["website"])):
            problems.append(f"{sid}: website must be an http(s) URL")
        if "description" in sdk and (
            not isinstance(sdk["description"], str) or "\n" in sdk["description"].strip()
        ):
            problems.append(f"{sid}: description must be a one-line string")
    assert not problems, "\n".join(problems)


def test_privacy_policy_links_are_https_urls_with_their_evidence(sdks: list[dict]) -> None:
    """``privacy_policy:`` is one https URL, and its line marks its evidence ([V], [V-partial] or [U])."""
    with_link = [s for s in sdks if "privacy_policy" in s]
    assert len(with_link) >= 20, "the major SDKs carry their vendor's privacy-policy link"
    bad = [s["id"] for s in with_link
           if not isinstance(s["privacy_policy"], str)
           or not re.match(r"^https://[a-z0-9.-]+\.[a-z]{2,}([/?#]\S*)?$", s["privacy_policy"])]
    assert not bad, f"privacy_policy must be one https URL: {bad}"
    lines = [ln for ln in SDKS_PATH.read_text(encoding="utf-8").splitlines()
             if ln.lstrip().startswith("privacy_policy:")]
    assert len(lines) == len(with_link)
    unmarked = [ln.strip() for ln in lines if not re.search(r"#\s*\[(V|V-partial|U)\]", ln)]
    assert not unmarked, f"privacy_policy lines without their evidence mark: {unmarked}"


def test_the_loader_keeps_the_privacy_policy_link_and_refuses_a_bad_one(tmp_path: Path) -> None:
    from analyzer.errors import PolicyError
    from analyzer.kb.catalogue import _load_sdks, load_kb

    assert load_kb().sdks["umeng-analytics"].privacy_policy == "https://www.umeng.com/page/policy"
    entry = ("version: 1\nsdks:\n  - {id: x-sdk, name: X, company: X Inc, country: US, category: other,\n"
             "     code: [com.xsdk], network: [], privacy_policy: %s}\n")
    good = tmp_path / "good.yaml"
    good.write_text(entry % "https://x.example.com/privacy", encoding="utf-8")
    assert _load_sdks(good)["x-sdk"].privacy_policy == "https://x.example.com/privacy"
    for link in ("http://x.example.com/privacy", "javascript:alert(1)", "'https://x.example.com/a b'"):
        bad = tmp_path / "bad.yaml"
        bad.write_text(entry % link, encoding="utf-8")
        with pytest.raises(PolicyError, match="privacy_policy"):
            _load_sdks(bad)


def test_category_in_enum(sdks: list[dict]) -> None:
    bad = [(sdk["id"], sdk.get("category")) for sdk in sdks if sdk.get("category") not in CATEGORIES]
    assert not bad, f"unknown categories: {bad}"


def test_country_is_two_upper_case_letters(sdks: list[dict]) -> None:
    bad = [
        (sdk["id"], sdk.get("country"))
        for sdk in sdks
        if not isinstance(sdk.get("country"), str) or not COUNTRY_RE.match(sdk["country"])
    ]
    assert not bad, f"bad country codes: {bad}"


# --- signatures ----------------------------------------------------------------------------


def test_prefix_validator_rejects_bad_prefixes() -> None:
    for bad in (
        "com",
        "com.tencent",
        "com.google.android.gms",
        "io",
        "com.foo.",
        "com..foo",
        "com\\.foo",
        "com.foo.*",
        ".foo.bar",
        "com.github.backtrace-labs",
        "com.1foo",
        "com.new.sdk",
        "",
    ):
        assert prefix_problem(bad), bad
    for good in (
        "com.umeng.analytics",
        "io.agora",
        "cn.jiguang",
        "com.qq.e",
        "im.zego",
        "org.mozilla.fenix.GleanMetrics",
    ):
        assert prefix_problem(good) is None, good


def test_code_prefixes_well_formed_and_specific(sdks: list[dict]) -> None:
    bad = [(sdk["id"], p, prefix_problem(p)) for sdk in sdks for p in sdk["code"] if prefix_problem(p)]
    assert not bad, "\n".join(map(str, bad))


def test_host_validator_rejects_bad_hosts() -> None:
    for bad in (
        "com",
        "com.cn",
        "co.uk",
        "localhost",
        "qq.com",
        "baidu.com",
        "google.com",
        "googleapis.com",
        "facebook.com",
        "Umeng.com",
        "*.umeng.com",
        "umeng\\.com",
        "-a.umeng.com",
        "umeng.com/path",
        "1.2.3.4:80",
        "a..b.com",
        "",
    ):
        assert host_problem(bad), bad
    for good in (
        "umeng.com",
        "bugly.qq.com",
        "api.weixin.qq.com",
        "map.baidu.com",
        "fcm.googleapis.com",
        "go.link",
        "ad.cauly.co.kr",
    ):
        assert host_problem(good) is None, good


def test_network_entries_well_formed(sdks: list[dict]) -> None:
    bad = [(sdk["id"], h, host_problem(h)) for sdk in sdks for h in host_signatures(sdk) if host_problem(h)]
    assert not bad, "\n".join(map(str, bad))


def test_no_redundant_signatures_within_an_sdk(sdks: list[dict]) -> None:
    problems = []
    for sdk in sdks:
        for kind, check in (("code", code_nested), ("network", host_nested)):
            sigs = sdk[kind]
            if len(sigs) != len(set(sigs)):
                problems.append(f"{sdk['id']}: repeated {kind} signature")
            problems += [
                f"{sdk['id']}: {a} is already covered by {b}" for a in sigs for b in sigs if check(a, b)
            ]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("kind", ["code", "network"])
def test_no_signature_in_two_sdks(sdks: list[dict], kind: str) -> None:
    owners: dict[str, list[str]] = {}
    for sdk in sdks:
        for sig in set(sdk[kind] if kind == "code" else host_signatures(sdk)):
            owners.setdefault(sig, []).append(sdk["id"])
    dups = {sig: ids for sig, ids in owners.items() if len(ids) > 1}
    assert not dups, f"{kind} signatures listed by several SDKs: {dups}"


def test_nested_signatures_match_allow_list(sdks: list[dict]) -> None:
    actual = nested_pairs(sdks, "code") | nested_pairs(sdks, "network")
    unexpected = sorted(actual - ALLOWED_NESTED)
    stale = sorted(ALLOWED_NESTED - actual)
    assert not unexpected, f"nested signatures not in the allow-list: {unexpected}"
    assert not stale, f"allow-list entries no longer present: {stale}"


def test_allowed_nested_pairs_are_same_company_different_product(by_id: dict[str, dict]) -> None:
    for _kind, inner_id, _inner, outer_id, _outer in ALLOWED_NESTED:
        assert inner_id != outer_id
        assert by_id[inner_id]["company"] == by_id[outer_id]["company"], (inner_id, outer_id)


def test_nested_pair_detection_finds_collisions() -> None:
    fake = [
        {"id": "a", "code": ["com.vendor"], "network": ["vendor.com"]},
        {"id": "b", "code": ["com.vendor.ads"], "network": ["ads.vendor.com"]},
        {"id": "c", "code": ["com.vendorx"], "network": ["xvendor.com"],
         "hosts": [{"host": "eu.xvendor.com", "role": "ingest"}]},           # inside its own network: fine
        {"id": "d", "code": [], "network": [], "hosts": [{"host": "cdn.xvendor.com", "role": "cdn"}]},
    ]
    assert nested_pairs(fake, "code") == {("code", "b", "com.vendor.ads", "a", "com.vendor")}
    assert nested_pairs(fake, "network") == {("network", "b", "ads.vendor.com", "a", "vendor.com"),
                                             ("network", "d", "cdn.xvendor.com", "c", "xvendor.com")}


# --- required entries and lookups -----------------------------------------------------------


@pytest.mark.parametrize("sdk_id", sorted(REQUIRED_ENTRIES))
def test_required_entries(by_id: dict[str, dict], sdk_id: str) -> None:
    assert sdk_id in by_id, f"missing required SDK {sdk_id}"
    sdk = by_id[sdk_id]
    code, net_all, net_any = REQUIRED_ENTRIES[sdk_id]
    assert code <= set(sdk["code"]), f"{sdk_id}: missing code {sorted(code - set(sdk['code']))}"
    assert net_all <= set(sdk["network"]), f"{sdk_id}: missing network {sorted(net_all)}"
    if net_any:
        assert net_any & set(sdk["network"]), f"{sdk_id}: needs one of {sorted(net_any)}"
    assert sdk["code"], f"{sdk_id}: needs code prefixes"


def test_required_entries_categories(by_id: dict[str, dict]) -> None:
    assert by_id["umeng-analytics"]["category"] == "analytics"
    assert by_id["tencent-bugly"]["category"] == "crash"
    assert by_id["jpush"]["category"] == "push"
    assert by_id["msa-oaid"]["category"] == "device_id"
    assert by_id["amap-location"]["category"] == "maps_location"
    assert by_id["google-firebase-analytics"]["category"] == "analytics"
    assert by_id["google-admob"]["category"] == "ads"
    for sdk_id in (
        "umeng-analytics",
        "tencent-bugly",
        "wechat-opensdk",
        "jpush",
        "msa-oaid",
        "amap-location",
    ):
        assert by_id[sdk_id]["cn_market"] is True, sdk_id
        assert by_id[sdk_id]["country"] == "CN", sdk_id


@pytest.mark.parametrize(
    ("class_name", "expected"),
    [
        ("com.umeng.commonsdk.UMConfigure", "umeng-analytics"),
        ("com.umeng.analytics.MobclickAgent", "umeng-analytics"),
        ("com.tencent.bugly.crashreport.CrashReport", "tencent-bugly"),
        ("com.example.app.MainActivity", None),
        ("com.umengx.Foo", None),
        ("com.tencent.mm.opensdk.openapi.WXAPIFactory", "wechat-opensdk"),
        ("cn.jpush.android.api.JPushInterface", "jpush"),
        ("cn.jiguang.verifysdk.api.JVerificationInterface", "jiguang-jverification"),
        ("com.bun.miitmdid.core.MdidSdkHelper", "msa-oaid"),
        ("com.amap.api.location.AMapLocationClient", "amap-location"),
        ("com.amap.api.maps.MapView", "amap-map"),
        ("com.google.android.gms.ads.identifier.AdvertisingIdClient", "google-adid"),
        ("com.google.android.gms.ads.AdView", "google-admob"),
        ("com.google.firebase.analytics.FirebaseAnalytics", "google-firebase-analytics"),
        ("com.google.android.gms.gcm.GoogleCloudMessaging", "google-gcm"),
        ("com.google.android.gms.fitness.Fitness", "google-fit"),
        ("com.google.android.gms.location.places.Places", "google-places"),
        ("com.google.android.gms.location.LocationServices", "google-location"),
        ("com.google.android.gms.auth.api.phone.SmsRetriever", "google-sms-retriever"),
        ("com.facebook.internal.Utility", "facebook-core"),
        ("com.facebook.react.ReactActivity", None),
        ("com.huawei.hms.ads.identifier.AdvertisingIdClient", "huawei-ads-identifier"),
        ("com.huawei.hms.ads.AdParam", "huawei-ads"),
        ("com.rudderstack.android.sdk.core.RudderClient", "rudderstack"),
        ("com.tencent.SomethingElse", None),
    ],
)
def test_lookup_class(sdks: list[dict], class_name: str, expected: str | None) -> None:
    assert lookup_class(class_name, sdks) == expected


@pytest.mark.parametrize(
    ("host", "expected"),
    [
        ("alog.umeng.com", "umeng-analytics"),
        ("umeng.com", "umeng-analytics"),
        ("android.bugly.qq.com", "tencent-bugly"),
        ("api.weixin.qq.com", "wechat-opensdk"),
        ("apilocate.amap.com", "amap-location"),
        ("restapi.amap.com", "amap"),
        ("loc.map.baidu.com", "baidu-location"),
        ("api.map.baidu.com", "baidu-map"),
        ("app-measurement.com", "google-firebase-analytics"),
        ("events.eu1.segmentapis.com", "segment"),  # a `hosts` host only
        ("o4507.ingest.de.sentry.io", "sentry"),
        ("www.qq.com", None),
        ("www.baidu.com", None),
        ("notumeng.com", None),
        ("example.com", None),
    ],
)
def test_lookup_host(sdks: list[dict], host: str, expected: str | None) -> None:
    assert lookup_host(host, sdks) == expected


def test_entry_classes_are_class_names_inside_the_sdk(sdks: list[dict]) -> None:
    for sdk in sdks:
        for cls in sdk.get("entry", []):
            assert any(cls.startswith(p + ".") for p in sdk["code"]), f"{sdk['id']}: {cls}"
            assert cls.rpartition(".")[2][:1].isupper(), f"{sdk['id']}: {cls} is no class name"


# --- Exodus coverage and manifest evidence -------------------------------------------------


def test_every_exodus_tracker_with_a_code_signature_is_covered_or_left_out_with_a_reason(db: dict) -> None:
    trackers = json.loads(EXODUS_PATH.read_text(encoding="utf-8"))["trackers"]
    with_code = {int(k) for k, t in trackers.items() if t.get("code_signature")}
    covered = [i for sdk in db["sdks"] for i in exodus_ids(sdk)]
    left_out = {e["exodus"]: e for e in db["exodus_left_out"]}
    # (one tracker may be split over the products it lumps together: HMS Core, AutoNavi)
    assert not set(covered) & set(left_out), "an Exodus id is both covered and left out"
    assert all(str(e.get("reason") or "").strip() for e in left_out.values())
    assert set(covered) | set(left_out) >= with_code, sorted(with_code - set(covered) - set(left_out))
    assert set(left_out) <= set(map(int, trackers)), "a left-out id is no Exodus tracker"
    assert len(set(covered) & with_code) >= len(with_code) - 3


@pytest.mark.parametrize("key", ["manifest", "resources", "authorities"])
def test_manifest_and_resource_names_name_one_sdk(sdks: list[dict], key: str) -> None:
    owners: dict[str, list[str]] = {}
    for sdk in sdks:
        for name in sdk.get(key, []):
            owners.setdefault(name, []).append(sdk["id"])
    assert not {n: ids for n, ids in owners.items() if len(ids) > 1}
    assert len(owners) >= {"manifest": 50, "resources": 15, "authorities": 4}[key]


@pytest.mark.parametrize(
    ("sdk_id", "key", "name"),
    [
        ("umeng-analytics", "manifest", "UMENG_APPKEY"),
        ("jpush", "manifest", "JPUSH_APPKEY"),
        ("tencent-bugly", "manifest", "BUGLY_APPID"),
        ("google-admob", "manifest", "com.google.android.gms.ads.APPLICATION_ID"),
        ("facebook-core", "manifest", "com.facebook.sdk.ApplicationId"),
        ("sentry", "manifest", "io.sentry.dsn"),
        ("huawei-hms-core", "manifest", "com.huawei.hms.client.appid"),
        ("google-firebase-database", "resources", "firebase_database_url"),
        ("google-firebase-core", "resources", "google_app_id"),
        ("google-firebase-messaging", "resources", "gcm_defaultSenderId"),
        ("facebook-core", "resources", "facebook_app_id"),
        ("google-firebase-crashlytics", "manifest", "com.crashlytics.ApiKey"),
        ("google-firebase-core", "authorities", ".firebaseinitprovider"),
        ("facebook-core", "authorities", ".FacebookInitProvider"),
    ],
)
def test_known_configuration_names(by_id: dict[str, dict], sdk_id: str, key: str, name: str) -> None:
    assert name in by_id[sdk_id].get(key, [])
