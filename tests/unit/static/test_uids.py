"""getPackagesForUid with the app's own or its caller's uid names that app only (no PI); with an
enumerated or unknown uid it names installed apps."""

from __future__ import annotations

from pathlib import Path

from analyzer.static.scan import scan_apk
from bench.hostile import LAUNCHER, ctor, phone_apk, smali_dex

PM = "Landroid/content/pm/PackageManager;"
PKGS = f"""    invoke-virtual {{p0}}, Landroid/content/Context;->getPackageManager(){PM}
    move-result-object v0
    invoke-virtual {{v0, p1}}, {PM}->getPackagesForUid(I)[Ljava/lang/String;
    return-void
"""


def _program(tmp: Path) -> Path:
    k = ctor("La/K;", "Ljava/lang/Object;")
    for name in ("check", "other", "viaStub"):  # helpers taking the uid as a parameter (PermissionChecker)
        k += f".method public static {name}(Landroid/content/Context;I)V\n    .registers 3\n{PKGS}"
        k += ".end method\n"
    k += """.method public static enumerate(Landroid/content/Context;)V
    .registers 4
    invoke-virtual {p0}, Landroid/content/Context;->getPackageManager()Landroid/content/pm/PackageManager;
    move-result-object v0
    const/16 v1, 0x2710
    :loop
    invoke-virtual {v0, v1}, Landroid/content/pm/PackageManager;->getPackagesForUid(I)[Ljava/lang/String;
    add-int/lit8 v1, v1, 0x1
    goto :loop
.end method
"""
    launcher = ctor(LAUNCHER, "Landroid/app/Activity;") + """
.field public n:I

.method protected onCreate(Landroid/os/Bundle;)V
    .registers 3
    invoke-static {}, Landroid/os/Process;->myUid()I
    move-result v0
    invoke-static {p0, v0}, La/K;->check(Landroid/content/Context;I)V
    invoke-static {}, Landroid/os/Binder;->getCallingUid()I
    move-result v0
    move v1, v0
    invoke-static {p0, v1}, La/K;->check(Landroid/content/Context;I)V
    iget v0, p0, Lcom/piflow/sample/notes/MainActivity;->n:I
    invoke-static {p0, v0}, La/K;->other(Landroid/content/Context;I)V
    invoke-static {p0}, La/K;->enumerate(Landroid/content/Context;)V
    new-instance v0, La/Stub;
    invoke-direct {v0}, La/Stub;-><init>()V
    invoke-virtual {v0, p0}, La/Stub;->notify(Landroid/content/Context;)V
    return-void
.end method
"""
    stub = ctor("La/Stub;", "Landroid/os/Binder;") + """
.method public notify(Landroid/content/Context;)V
    .registers 3
    invoke-static {}, La/Stub;->getCallingUid()I
    move-result v0
    invoke-static {p1, v0}, La/K;->viaStub(Landroid/content/Context;I)V
    return-void
.end method
"""  # an AIDL stub: javac names Binder.getCallingUid() through the stub's own class
    return phone_apk(tmp / "uids.apk", smali_dex({"M.smali": launcher, "K.smali": k, "S.smali": stub}))


def test_own_and_caller_uids_name_no_installed_apps(tmp_path: Path) -> None:
    r = scan_apk(_program(tmp_path))
    reads = sorted(a.location.method for a in r.access if "apps.installed_list" in a.pi)
    assert reads == ["enumerate", "other"]  # not check() nor viaStub(): callers pass myUid or getCallingUid
    assert "apps.installed_list" in r.pi_types
