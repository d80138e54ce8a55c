"""Permissions decide what can be collected: a read needing a permission the app does not request is
shown apart and kept out of the inventory, the pre-consent window, the taint analysis and the rules."""

from __future__ import annotations

import zipfile
from pathlib import Path

from analyzer.graph import build as graph
from analyzer.kb.catalogue import load_kb
from analyzer.static.scan import scan_apk
from analyzer.static.serialize import scan_from_dict, scan_to_dict
from bench.hostile import apk_with, compiled_manifest
from tests.conftest import sample_apk

PHONE = "android.permission.READ_PHONE_STATE"
WIFI = "android.permission.ACCESS_WIFI_STATE"
FINE = "android.permission.ACCESS_FINE_LOCATION"
COARSE = "android.permission.ACCESS_COARSE_LOCATION"


def test_what_holds_a_permission() -> None:
    kb = load_kb()
    assert kb.unheld(None, PHONE, []) == PHONE
    assert kb.unheld(None, PHONE, [PHONE]) == ""
    assert kb.unheld(None, FINE, [COARSE]) == "" and kb.unheld(None, COARSE, [FINE]) == ""  # approximate
    media, storage = "android.permission.READ_MEDIA_IMAGES", "android.permission.READ_EXTERNAL_STORAGE"
    assert kb.unheld(None, media, [storage]) == ""
    assert kb.unheld(None, "android.permission.QUERY_ALL_PACKAGES", []) == ""  # visible packages still
    assert kb.unheld(None, None, []) == ""
    # legacy grants: the call log came with the contacts permission to apps targeting API 15 or lower
    log, contacts = "android.permission.READ_CALL_LOG", ["android.permission.READ_CONTACTS"]
    assert kb.unheld(None, log, contacts, min_sdk=7, target_sdk=7) == ""
    assert kb.unheld(None, log, contacts, min_sdk=7, target_sdk=16) == log
    # a source's own grant: the caller's number came with READ_PHONE_STATE before Android 9
    call = kb.by_id["telephony.phoneStateListener.onCallStateChanged"]
    assert kb.unheld(call, log, [PHONE], min_sdk=21, target_sdk=33) == ""
    assert kb.unheld(call, log, [PHONE], min_sdk=28, target_sdk=33) == log
    assert kb.unheld(kb.by_id["calllog.uri.calls"], log, [PHONE], min_sdk=21) == log  # not the provider


def _tracker(tmp: Path, perms: list[str]) -> Path:
    """The tracker sample's code under a manifest requesting only ``perms`` (compiled by aapt)."""
    uses = "".join(f'<uses-permission android:name="{p}"/>' for p in perms)
    built = compiled_manifest(f"""<?xml version="1.0" encoding="utf-8"?>
<manifest xmlns:android="http://schemas.android.com/apk/res/android" package="com.piflow.sample.tracker">
    <uses-sdk android:minSdkVersion="21" android:targetSdkVersion="28"/>
    <uses-permission android:name="android.permission.INTERNET"/>{uses}
    <application android:name="com.piflow.sample.tracker.TrackerApp" android:label="t">
        <activity android:name="com.piflow.sample.tracker.MainActivity" android:exported="true">
            <intent-filter>
                <action android:name="android.intent.action.MAIN"/>
                <category android:name="android.intent.category.LAUNCHER"/>
            </intent-filter>
        </activity>
    </application>
</manifest>
""", tmp)
    with zipfile.ZipFile(sample_apk("tracker")) as z:
        dex = z.read("classes.dex")
    return apk_with(tmp / f"tracker-{len(perms)}.apk", add={"classes.dex": dex}, base=built)


def test_reads_behind_a_permission_the_app_lacks_are_not_collected(tmp_path: Path) -> None:
    full = scan_apk(_tracker(tmp_path, [PHONE, WIFI]), taint=True)
    bare = scan_apk(_tracker(tmp_path, [WIFI]), taint=True)
    # the same code: with READ_PHONE_STATE the IMEI is read, sent and read before consent
    assert "device.imei" in full.pi_types and not full.unheld
    assert any("device.imei" in lk.pi for lk in full.leaks)
    assert any("device.imei" in h.pi for h in full.pre_consent)
    # without it, getDeviceId can only throw: shown apart, nowhere else
    assert "device.imei" not in bare.pi_types
    assert {a.api for a in bare.unheld} == {"android.telephony.TelephonyManager.getDeviceId"}
    assert {a.permission for a in bare.unheld} == {PHONE}
    assert not any("device.imei" in lk.pi for lk in bare.leaks)
    assert not any("device.imei" in h.pi for h in bare.pre_consent)
    assert "device.mac" in bare.pi_types  # what the app holds a permission for is unchanged
    assert "pi:device.imei" in graph.from_scan(full, load_kb())
    assert "pi:device.imei" not in graph.from_scan(bare, load_kb())
    assert scan_from_dict(scan_to_dict(bare)).unheld == bare.unheld  # saved and read back
