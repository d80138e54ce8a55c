"""Unclaimed code in an SDK vendor's namespace belongs to the SDK whose code alone calls it: old Play
services keep AdMob's code in ``com.google.android.gms.internal.zz*``, which no prefix can name."""

from __future__ import annotations

from pathlib import Path

from analyzer.static.scan import scan_apk
from bench.hostile import IMEI_METHOD, LAUNCHER, ctor, phone_apk, smali_dex

INTERNAL = "Lcom/google/android/gms/internal"
ADS = "Lcom/google/android/gms/ads/MobileAds;"


def _call(cls: str) -> str:
    return f"    invoke-static {{p0}}, {cls}->read(Landroid/content/Context;)Ljava/lang/String;\n"


def _apk(tmp: Path, app_calls: tuple[str, ...]) -> Path:
    """The launcher starts AdMob (MobileAds.initialize), whose code calls internal zza, which calls zzb
    (both read the IMEI); the launcher itself calls the internal classes in ``app_calls``."""
    sources = {
        "M.smali": ctor(LAUNCHER, "Landroid/app/Activity;") + f"""
.method protected onCreate(Landroid/os/Bundle;)V
    .registers 2
    invoke-static {{p0}}, {ADS}->initialize(Landroid/content/Context;)V
{"".join(_call(f"{INTERNAL}/{c};") for c in app_calls)}    return-void
.end method
""",
        "Ads.smali": ctor(ADS, "Ljava/lang/Object;") + f"""
.method public static initialize(Landroid/content/Context;)V
    .registers 1
{_call(f"{INTERNAL}/zza;")}    return-void
.end method
""",
        "A.smali": ctor(f"{INTERNAL}/zza;", "Ljava/lang/Object;") + IMEI_METHOD.replace(
            "    return-object v0", _call(f"{INTERNAL}/zzb;") + "    return-object v0"),
        "B.smali": ctor(f"{INTERNAL}/zzb;", "Ljava/lang/Object;") + IMEI_METHOD,
    }
    return phone_apk(tmp / f"ads{len(app_calls)}.apk", smali_dex(sources))


def _owners(path: Path) -> dict[str, str]:
    r = scan_apk(path)
    return {a.location.cls.rpartition(".")[2]: a.owner.node for a in r.access if a.pi == ("device.imei",)}


def test_code_only_an_sdk_calls_is_that_sdks(tmp_path: Path) -> None:
    assert _owners(_apk(tmp_path, ())) == {"zza": "sdk:google-admob", "zzb": "sdk:google-admob"}


def test_code_the_app_calls_too_stays_the_apps(tmp_path: Path) -> None:
    # the app calls zza itself: zza is the app's, and zzb, called by zza, with it
    assert _owners(_apk(tmp_path, ("zza",))) == {"zza": "app:com.piflow.sample.notes",
                                                 "zzb": "app:com.piflow.sample.notes"}
