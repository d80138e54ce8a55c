"""The manifest proves an SDK and names the developer's account: meta-data an SDK is configured by, the
provider authorities it adds, string resources naming its account; an unknown key gives nothing, a key
without its SDK's code reports the SDK with that key as its only proof, a resource alone reports nothing."""

from __future__ import annotations

import io
import json
import tempfile
from pathlib import Path

import pytest
from rich.console import Console

from analyzer.apk.container import open_apk
from analyzer.kb.catalogue import load_kb
from analyzer.static.report import render_scan
from analyzer.static.scan import ScanResult, scan_apk
from analyzer.static.serialize import scan_from_dict, scan_to_dict
from bench.hostile import LAUNCHER, _manifest, apk_with, compiled_manifest, ctor, smali_dex

UMENG_KEY = "5f3b2a9c8d7e6f5a4b3c2d1e"
DSN_SECRET = "9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d"
DSN = f"https://0123456789abcdef0123456789abcdef:{DSN_SECRET}@o12345.ingest.sentry.io/678"
DB_URL = "https://piflow-test-default-rtdb.firebaseio.com"
APP_ID = "1:1234567890:android:0a1b2c3d4e5f6a7b"
PKG = "com.piflow.sample.notes"


def _build(out: Path, meta: dict[str, str], strings: dict[str, str], classes: list[str],
           providers: dict[str, str] | None = None) -> Path:
    """The notes app's manifest with these application meta-data, providers (class → authority) and
    string resources, and a DEX holding its launcher and these SDK classes (Java names)."""
    inner = "".join(f'<meta-data android:name="{k}" android:value="{v}"/>' for k, v in meta.items())
    inner += "".join(f'<provider android:name="{c}" android:authorities="{a}" android:exported="false"/>'
                     for c, a in (providers or {}).items())
    sources = {"M.smali": ctor(LAUNCHER, "Landroid/app/Activity;")}
    for n, cls in enumerate(classes):
        sources[f"C{n}.smali"] = ctor("L" + cls.replace(".", "/") + ";", "Ljava/lang/Object;")
    with tempfile.TemporaryDirectory() as tmp:
        base = compiled_manifest(_manifest(inner=inner), Path(tmp), strings)
        return apk_with(out, add={"classes.dex": smali_dex(sources)}, base=base)


@pytest.fixture(scope="module")
def scanned(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, ScanResult]:
    apk = _build(
        tmp_path_factory.mktemp("accounts") / "accounts.apk",
        meta={"UMENG_APPKEY": "@string/umeng_key",  # resolved through the string resource
              "io.sentry.dsn": DSN,  # Sentry's code is not in the APK
              "com.google.android.gms.games.APP_ID": "1234567890",  # only a data class of the games SDK
              "com.example.analytics.APP_KEY": "not-an-sdk-we-know"},
        strings={"umeng_key": UMENG_KEY, "google_app_id": APP_ID, "firebase_database_url": DB_URL,
                 "default_web_client_id": "1234-abc.apps.googleusercontent.com"},
        classes=["com.umeng.commonsdk.UMConfigure", "com.google.android.gms.games.PlayerEntity",
                 "com.google.firebase.provider.FirebaseInitProvider",
                 "com.google.android.gms.auth.api.signin.GoogleSignInAccount"],
        providers={"com.google.firebase.provider.FirebaseInitProvider": f"{PKG}.firebaseinitprovider"},
    )
    return apk, scan_apk(apk)


def test_meta_data_and_string_resources_are_read_from_the_apk(scanned: tuple[Path, ScanResult]) -> None:
    info = open_apk(scanned[0]).info
    meta = dict(info.meta_data)
    assert meta["UMENG_APPKEY"] == UMENG_KEY  # the @string reference resolved
    assert meta["io.sentry.dsn"] == DSN and meta["com.example.analytics.APP_KEY"] == "not-an-sdk-we-know"
    assert info.string_resources[info.string_names["firebase_database_url"]] == DB_URL


def test_code_and_meta_data_prove_an_sdk_and_name_its_account(scanned: tuple[Path, ScanResult]) -> None:
    hits = {h.sdk_id: h for h in scanned[1].sdks}
    umeng = hits["umeng-analytics"]
    assert umeng.classes == 1
    assert umeng.proof == ("com.umeng.commonsdk.UMConfigure", "meta-data UMENG_APPKEY")
    assert [(a.source, a.name, a.value) for a in umeng.accounts] == [("meta-data", "UMENG_APPKEY", UMENG_KEY)]


def test_a_key_without_its_code_reports_the_sdk_with_the_key_as_proof(
        scanned: tuple[Path, ScanResult]) -> None:
    sentry = {h.sdk_id: h for h in scanned[1].sdks}["sentry"]
    assert sentry.classes == 0 and sentry.matched_prefixes == () and not sentry.reachable
    assert sentry.proof == ("meta-data io.sentry.dsn",)
    [account] = sentry.accounts
    assert account.name == "io.sentry.dsn"
    assert DSN_SECRET not in account.value  # the DSN's secret key is masked, the project stays
    assert account.value.startswith("https://0123456789abcdef0123456789abcdef:")
    assert account.value.endswith("@o12345.ingest.sentry.io/678")


def test_meta_data_is_proof_where_entry_classes_are_missing(scanned: tuple[Path, ScanResult]) -> None:
    games = {h.sdk_id: h for h in scanned[1].sdks}["google-play-games"]
    assert games.classes == 1  # a data class only: without the meta-data the SDK would not be reported
    assert games.proof == ("meta-data com.google.android.gms.games.APP_ID",)


def test_a_provider_authority_proves_an_sdk_and_resources_name_its_account(
        scanned: tuple[Path, ScanResult]) -> None:
    core = {h.sdk_id: h for h in scanned[1].sdks}["google-firebase-core"]
    assert core.proof == ("com.google.firebase.provider.FirebaseInitProvider",
                          f"provider {PKG}.firebaseinitprovider")
    assert [(a.source, a.name, a.value) for a in core.accounts] == [("resource", "google_app_id", APP_ID)]


def test_unknown_keys_and_lone_resources_report_nothing(scanned: tuple[Path, ScanResult]) -> None:
    ids = {h.sdk_id for h in scanned[1].sdks}
    # firebase_database_url without Firebase Database's code, the sign-in client id beside a data class only
    assert ids == {"umeng-analytics", "sentry", "google-play-games", "google-firebase-core"}
    assert not any("not-an-sdk-we-know" in a.value for h in scanned[1].sdks for a in h.accounts)


def test_the_json_carries_masked_accounts_and_no_raw_meta_data(scanned: tuple[Path, ScanResult]) -> None:
    result = scanned[1]
    doc = scan_to_dict(result)
    text = json.dumps(doc)
    assert DSN_SECRET not in text and UMENG_KEY in text
    assert "meta_data" not in doc["app"] and "string_names" not in doc["app"]
    sentry = next(s for s in doc["sdks"] if s["sdk_id"] == "sentry")
    assert sentry["proof"] == ["meta-data io.sentry.dsn"] and sentry["accounts"][0]["source"] == "meta-data"
    assert scan_from_dict(json.loads(text)).sdks == result.sdks


def test_the_text_report_shows_the_account(scanned: tuple[Path, ScanResult]) -> None:
    out = io.StringIO()
    render_scan(scanned[1], load_kb(), Console(file=out, width=400, color_system=None))
    text = out.getvalue()
    assert f"UMENG_APPKEY={UMENG_KEY}" in text
    assert "manifest only" in text and DSN_SECRET not in text


def test_no_meta_data_no_manifest_hit(tmp_path: Path) -> None:
    apk = _build(tmp_path / "plain.apk", meta={}, strings={"google_app_id": APP_ID},
                 classes=["com.umeng.commonsdk.UMConfigure"])
    [hit] = scan_apk(apk).sdks
    assert hit.sdk_id == "umeng-analytics" and hit.accounts == ()
    assert hit.proof == ("com.umeng.commonsdk.UMConfigure",)


def test_the_graph_says_what_proves_an_sdk_and_its_account(scanned: tuple[Path, ScanResult]) -> None:
    from analyzer.graph.build import from_scan
    g = from_scan(scanned[1], load_kb())
    bundles = {v: e for _u, v, k, e in g.edges(keys=True, data=True) if k == "bundles"}
    umeng = bundles["sdk:umeng-analytics"]
    assert umeng["proof"] == ["com.umeng.commonsdk.UMConfigure", "meta-data UMENG_APPKEY"]
    assert umeng["accounts"] == [f"UMENG_APPKEY={UMENG_KEY}"]
    assert DSN_SECRET not in str(bundles["sdk:sentry"]["accounts"])

