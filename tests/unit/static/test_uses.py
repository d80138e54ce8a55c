"""A string read only to be compared collects nothing: an emulator check on ``Build.FINGERPRINT``,
an IMEI tested against a constant; a read whose value goes anywhere else (a call, one branch of
several) is collected."""

from __future__ import annotations

import pytest

from analyzer.static.scan import ScanResult, scan_apk
from bench.hostile import IMEI_INTO_V0, LAUNCHER, ctor, phone_apk, smali_dex

BUILD = "Landroid/os/Build;"
METHODS = {
    # Build.FINGERPRINT.toLowerCase().contains("generic"): only compared
    "fingerprint": f"""    sget-object v0, {BUILD}->FINGERPRINT:Ljava/lang/String;
    invoke-virtual {{v0}}, Ljava/lang/String;->toLowerCase()Ljava/lang/String;
    move-result-object v1
    const-string v0, "generic"
    invoke-virtual {{v1, v0}}, Ljava/lang/String;->contains(Ljava/lang/CharSequence;)Z
    move-result v0
    if-eqz v0, :no
    const/4 v1, 0x1
    :no
""",
    # Build.MODEL logged: collected
    "model": f"""    sget-object v0, {BUILD}->MODEL:Ljava/lang/String;
    const-string v1, "t"
    invoke-static {{v1, v0}}, Landroid/util/Log;->i(Ljava/lang/String;Ljava/lang/String;)I
""",
    # getDeviceId().equals("000") and a null test: only compared
    "imeiTested": IMEI_INTO_V0 + """    if-eqz v0, :no
    const-string v1, "000"
    invoke-virtual {v0, v1}, Ljava/lang/String;->equals(Ljava/lang/Object;)Z
    move-result v0
    :no
""",
    # the IMEI is overwritten on one branch only; the other branch passes it on: collected
    "imeiOneBranch": IMEI_INTO_V0 + """    if-eqz p0, :keep
    const-string v0, "none"
    :keep
    const-string v1, "t"
    invoke-static {v1, v0}, Landroid/util/Log;->i(Ljava/lang/String;Ljava/lang/String;)I
""",
}


@pytest.fixture(scope="module")
def scanned(tmp_path_factory: pytest.TempPathFactory) -> ScanResult:
    calls = "".join(f"    invoke-virtual {{p0}}, {LAUNCHER}->{n}()V\n" for n in METHODS)
    main = ctor(LAUNCHER, "Landroid/app/Activity;") + f"""
.method protected onCreate(Landroid/os/Bundle;)V
    .registers 2
{calls}    return-void
.end method
""" + "".join(f".method public {n}()V\n    .registers 3\n{body}    return-void\n.end method\n"
              for n, body in METHODS.items())
    return scan_apk(phone_apk(tmp_path_factory.mktemp("uses") / "uses.apk", smali_dex({"M.smali": main})))


def test_reads_only_compared_are_not_collected(scanned: ScanResult) -> None:
    assert sorted(a.location.method for a in scanned.compared) == ["fingerprint", "imeiTested"]
    assert all(a.only_compared for a in scanned.compared)


def test_reads_whose_value_goes_on_are_collected(scanned: ScanResult) -> None:
    kept = {a.location.method for a in scanned.access if a.pi}
    assert {"model", "imeiOneBranch"} <= kept
    assert not kept & {"fingerprint", "imeiTested"}
    assert "device.imei" in scanned.pi_types  # read in imeiOneBranch
