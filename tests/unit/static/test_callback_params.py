"""A callback source counts only where the callback may read the parameter carrying the PI:
``onCallStateChanged`` that uses the call state alone never reads the other party's number."""

from __future__ import annotations

from pathlib import Path

from analyzer.static.scan import scan_apk
from bench.hostile import LAUNCHER, ctor, phone_apk, smali_dex

LISTENER = "Landroid/telephony/PhoneStateListener;"


def _listener(cls: str, body: str) -> str:
    return ctor(cls, LISTENER) + f""".method public onCallStateChanged(ILjava/lang/String;)V
    .registers 5
{body}    return-void
.end method
"""


def test_an_unread_callback_parameter_is_no_source(tmp_path: Path) -> None:
    launcher = ctor(LAUNCHER, "Landroid/app/Activity;") + """
.method protected onCreate(Landroid/os/Bundle;)V
    .registers 2
    new-instance v0, La/StateOnly;
    invoke-direct {v0}, La/StateOnly;-><init>()V
    new-instance v0, La/Number;
    invoke-direct {v0}, La/Number;-><init>()V
    return-void
.end method
"""
    state_only = _listener("La/StateOnly;", """    const-string v0, "t"
    invoke-static {p1}, Ljava/lang/String;->valueOf(I)Ljava/lang/String;
    move-result-object v1
    invoke-static {v0, v1}, Landroid/util/Log;->i(Ljava/lang/String;Ljava/lang/String;)I
""")
    number = _listener("La/Number;", """    const-string v0, "t"
    invoke-static {v0, p2}, Landroid/util/Log;->i(Ljava/lang/String;Ljava/lang/String;)I
""")
    apk = phone_apk(tmp_path / "calls.apk", smali_dex({"M.smali": launcher, "S.smali": state_only,
                                                        "N.smali": number}))
    r = scan_apk(apk, taint=True)
    calls = [a for a in r.access if a.api == "android.telephony.PhoneStateListener.onCallStateChanged"]
    assert [a.location.cls for a in calls] == ["a.Number"]
    assert [lk.sink.cls for lk in r.leaks if "comm.call_log" in lk.pi] == ["a.Number"]
