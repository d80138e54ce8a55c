"""Library code behind a feature the app never switches on collects nothing: AppCompat's
TwilightManager reads the last known location only in automatic night mode by time of day."""

from __future__ import annotations

from pathlib import Path

import pytest

from analyzer.static.scan import scan_apk
from bench.hostile import LAUNCHER, ctor, permission_apk, smali_dex

TWILIGHT = "Landroidx/appcompat/app/TwilightManager;"
DELEGATE = "Landroidx/appcompat/app/AppCompatDelegate;"


def _apk(tmp: Path, name: str, switch: str) -> Path:
    """The launcher runs ``switch`` (smali, may be empty), then TwilightManager's location read."""
    sources = {
        "M.smali": ctor(LAUNCHER, "Landroid/app/Activity;") + f"""
.method protected onCreate(Landroid/os/Bundle;)V
    .registers 3
{switch}    invoke-static {{p0}}, {TWILIGHT}->update(Landroid/content/Context;)V
    return-void
.end method
""",
        "T.smali": ctor(TWILIGHT, "Ljava/lang/Object;") + """
.method static update(Landroid/content/Context;)V
    .registers 3
    const-string v0, "location"
    invoke-virtual {p0, v0}, Landroid/content/Context;->getSystemService(Ljava/lang/String;)Ljava/lang/Object;
    move-result-object v0
    check-cast v0, Landroid/location/LocationManager;
    const-string v1, "network"
    invoke-virtual {v0, v1}, Landroid/location/LocationManager;->getLastKnownLocation(LAST_KNOWN)
    return-void
.end method
""".replace("(LAST_KNOWN)", "(Ljava/lang/String;)Landroid/location/Location;"),
    }
    location = "android.permission.ACCESS_COARSE_LOCATION"
    return permission_apk(tmp / f"{name}.apk", smali_dex(sources), location)


def _mode(value: int, method: str = "setDefaultNightMode") -> str:
    return f"    const/4 v0, {value:#x}\n    invoke-static {{v0}}, {DELEGATE}->{method}(I)V\n"


@pytest.mark.parametrize(("name", "switch", "collected"), [
    ("never", "", False),                                   # night mode never asked for
    ("dark", _mode(2), False),                              # MODE_NIGHT_YES: no twilight
    ("auto", _mode(0), True),                               # MODE_NIGHT_AUTO_TIME
    # a value the code does not fix (a call's result) may be MODE_NIGHT_AUTO_TIME
    ("unknown", "    invoke-static {}, Lcom/piflow/sample/notes/MainActivity;->pick()I\n"
                "    move-result v0\n"
                f"    invoke-static {{v0}}, {DELEGATE}->setDefaultNightMode(I)V\n", True),
])
def test_twilight_reads_count_only_in_automatic_night_mode(tmp_path: Path, name: str, switch: str,
                                                           collected: bool) -> None:
    r = scan_apk(_apk(tmp_path, name, switch))
    assert ("location.precise" in r.pi_types or "location.coarse" in r.pi_types) is collected
    assert bool(r.off) is not collected
    if not collected:
        assert all(a.location.cls == "androidx.appcompat.app.TwilightManager" for a in r.off)
