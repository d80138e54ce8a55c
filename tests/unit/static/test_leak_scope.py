"""Where a leak takes the data: storage stays in the app unless the class opens it world-readable."""

from __future__ import annotations

from analyzer.model import CodeLocation, Confidence, Leak, Owner, PIAccess, SecurityFact
from analyzer.static.scan import _shared_storage

PKG = "com.example.app"
APP = Owner("app", PKG)
SRC = PIAccess("telephony.imei", "android.telephony.TelephonyManager.getDeviceId", "call", ("device.imei",),
               CodeLocation(f"{PKG}.Ids", "imei", "()Ljava/lang/String;", 4), APP, True)


def _leak(kind: str, cls: str) -> Leak:
    site = CodeLocation(f"{PKG}.{cls}", "save", "()V", 8)
    return Leak(kind, "x.Api.write", site, APP, (SRC,), (), Confidence.MEDIUM)


def _mode(cls: str, kind: str = "world_readable_mode", reachable: bool = True) -> SecurityFact:
    at = CodeLocation(f"{PKG}.{cls}", "open", "()V", 2)
    return SecurityFact(kind, f"{PKG}.{cls}", at, APP, reachable, "mode 1")


def test_storage_opened_world_readable_leaves_the_app_and_private_storage_stays() -> None:
    leaks = [_leak("shared_prefs", "Shared"), _leak("file", "Private"), _leak("sqlite", "Dormant"),
             _leak("network", "Shared"), _leak("icc", "Shared")]
    facts = [_mode("Shared"), _mode("Dormant", "world_writable_mode", reachable=False)]
    scopes = [lk.scope for lk in _shared_storage(leaks, facts)]
    assert scopes == ["outside", "storage", "storage", "outside", "app"]
