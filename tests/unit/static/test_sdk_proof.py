"""An SDK is reported where its entry classes are, not for a data class other libraries bundle; reads in
the data classes of an SDK the app does not use are not collected."""

from __future__ import annotations

from pathlib import Path

from analyzer.static.scan import scan_apk
from bench.hostile import IMEI_METHOD, LAUNCHER, ctor, phone_apk, smali_dex

SIGNIN = "Lcom/google/android/gms/auth/api/signin"


def _app(tmp: Path, *extra: str) -> Path:
    """The launcher calls a data class of the sign-in SDK, which reads the IMEI; ``extra`` SDK classes."""
    sources = {
        "M.smali": ctor(LAUNCHER, "Landroid/app/Activity;") + f"""
.method protected onCreate(Landroid/os/Bundle;)V
    .registers 2
    invoke-static {{p0}}, {SIGNIN}/GoogleSignInAccount;->read(Landroid/content/Context;)Ljava/lang/String;
    return-void
.end method
""",
        "Account.smali": ctor(f"{SIGNIN}/GoogleSignInAccount;", "Ljava/lang/Object;") + IMEI_METHOD,
    }
    for name in extra:
        sources[f"{name}.smali"] = ctor(f"{SIGNIN}/{name};", "Ljava/lang/Object;")
    return phone_apk(tmp / f"app{len(extra)}.apk", smali_dex(sources))


def test_a_shared_data_class_is_no_proof(tmp_path: Path) -> None:
    r = scan_apk(_app(tmp_path))
    assert r.sdks == ()
    assert "device.imei" not in r.pi_types
    assert [(a.owner.id, a.pi) for a in r.idle] == [("google-sign-in", ("device.imei",))]


def test_an_entry_class_proves_the_sdk(tmp_path: Path) -> None:
    r = scan_apk(_app(tmp_path, "GoogleSignIn"))
    [hit] = r.sdks
    assert hit.sdk_id == "google-sign-in"
    assert hit.proof == ("com.google.android.gms.auth.api.signin.GoogleSignIn",)
    assert "device.imei" in r.pi_types and not r.idle


def test_renamed_code_counts_without_its_entry_classes(tmp_path: Path) -> None:
    r = scan_apk(_app(tmp_path, "a", "b", "c"))  # a shrinker renamed the rest of the SDK
    assert [h.sdk_id for h in r.sdks] == ["google-sign-in"] and "device.imei" in r.pi_types
