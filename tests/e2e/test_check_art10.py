"""`piflow check` on small APKs of our own: PI handed to others on the device (SMS, an implicit
broadcast) gets the Art 10 findings; the twin that sends constants, and an explicit intent, gets none."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from analyzer.cli import main
from bench.hostile import IMEI_INTO_V0, LAUNCHER, ctor, permission_apk, smali_dex

PKG = "com.piflow.sample.notes"  # the manifest bench.hostile builds on
SMS = ("Landroid/telephony/SmsManager;->sendTextMessage(Ljava/lang/String;Ljava/lang/String;"
       "Ljava/lang/String;Landroid/app/PendingIntent;Landroid/app/PendingIntent;)V")
PUT = "Landroid/content/Intent;->putExtra(Ljava/lang/String;Ljava/lang/String;)Landroid/content/Intent;"


def _apk(tmp: Path, name: str, value: str, intent: str) -> Path:
    """The launcher sends ``value`` (smali that leaves the data in v0) by SMS and as an extra of
    an intent made by ``intent`` (smali that leaves the Intent in v1)."""
    code = ctor(LAUNCHER, "Landroid/app/Activity;") + f"""
.method protected onCreate(Landroid/os/Bundle;)V
    .registers 8
{value}    move-object v3, v0
    invoke-static {{}}, Landroid/telephony/SmsManager;->getDefault()Landroid/telephony/SmsManager;
    move-result-object v0
    const-string v1, "10690000"
    const/4 v2, 0x0
    const/4 v4, 0x0
    const/4 v5, 0x0
    invoke-virtual/range {{v0 .. v5}}, {SMS}
{intent}    const-string v2, "id"
    invoke-virtual {{v1, v2, v3}}, {PUT}
    invoke-virtual {{p0, v1}}, Landroid/app/Activity;->sendBroadcast(Landroid/content/Intent;)V
    return-void
.end method
"""
    return permission_apk(tmp / f"{name}.apk", smali_dex({"M.smali": code}),
                          "android.permission.READ_PHONE_STATE", "android.permission.SEND_SMS")


IMPLICIT = """    new-instance v1, Landroid/content/Intent;
    const-string v2, "com.piflow.e2e.PING"
    invoke-direct {v1, v2}, Landroid/content/Intent;-><init>(Ljava/lang/String;)V
"""
EXPLICIT = IMPLICIT + """    const-string v2, "com.example.partner"
    invoke-virtual {v1, v2}, Landroid/content/Intent;->setPackage(Ljava/lang/String;)Landroid/content/Intent;
"""
CONSTANT = '    const-string v0, "hello"\n'
HANDED_OUT = ("o24-10-pi-sent-by-sms", "o24-10-pi-in-implicit-intent", "o24-10-pi-returned-to-web-content",
              "o24-10-pi-on-clipboard")


def _art10(apk: Path) -> set[tuple[str, str]]:
    res = CliRunner().invoke(main, ["check", str(apk), "--format", "json"])
    assert res.exit_code in (0, 1), res.output
    doc = json.loads(res.stdout)
    return {(f["rule"], f["subject"]) for f in doc["findings"] if f["rule"] in HANDED_OUT}


def test_imei_by_sms_and_in_an_implicit_broadcast_gets_art10_findings(tmp_path: Path) -> None:
    got = _art10(_apk(tmp_path, "leaky", IMEI_INTO_V0, IMPLICIT))
    assert got == {("o24-10-pi-sent-by-sms", f"app:{PKG}: pi:device.imei -> sink:sms"),
                   ("o24-10-pi-in-implicit-intent", f"app:{PKG}: pi:device.imei -> sink:icc_implicit")}


def test_constants_and_an_explicit_intent_get_none(tmp_path: Path) -> None:
    assert _art10(_apk(tmp_path, "constant", CONSTANT, IMPLICIT)) == set()
    # the IMEI setPackage'd to one app is no implicit intent (still Art 10 by SMS)
    got = _art10(_apk(tmp_path, "explicit", IMEI_INTO_V0, EXPLICIT))
    assert got == {("o24-10-pi-sent-by-sms", f"app:{PKG}: pi:device.imei -> sink:sms")}
