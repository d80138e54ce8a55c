"""One flow is one leak: the sink calls of one method that the same sources reach with data of one
sink kind are one finding, the last call its sink and the others its steps; other kinds, other
methods and other sources stay apart."""

from __future__ import annotations

from pathlib import Path

from analyzer.graph.build import from_scan
from analyzer.kb.catalogue import load_kb
from analyzer.static.scan import scan_apk
from bench.hostile import IMEI_INTO_V0, LAUNCHER, ctor, phone_apk, smali_dex

_IMEI = IMEI_INTO_V0 + '    const-string v1, "t"\n'
_LOG = "    invoke-static {{v1, v0}}, Landroid/util/Log;->{level}(Ljava/lang/String;Ljava/lang/String;)I\n"
_SMS = """    invoke-static {}, Landroid/telephony/SmsManager;->getDefault()Landroid/telephony/SmsManager;
    move-result-object v2
    const-string v3, "5554"
    const/4 v4, 0x0
    move-object v5, v0
    const/4 v6, 0x0
    const/4 v7, 0x0
    invoke-virtual/range {v2 .. v7}, Landroid/telephony/SmsManager;->sendTextMessage(%s)V
""" % ("Ljava/lang/String;" * 3 + "Landroid/app/PendingIntent;" * 2)


def _method(name: str, body: str) -> str:
    return f".method public {name}()V\n    .locals 8\n{_IMEI}{body}    return-void\n.end method\n"


def _apk(tmp: Path) -> Path:
    calls = "".join(f"    invoke-virtual {{p0}}, {LAUNCHER}->{n}()V\n" for n in ("twice", "apart", "other"))
    main = ctor(LAUNCHER, "Landroid/app/Activity;") + f"""
.method protected onCreate(Landroid/os/Bundle;)V
    .registers 2
{calls}    return-void
.end method
""" + _method("twice", _LOG.format(level="i") + _LOG.format(level="w") + _LOG.format(level="e")) \
        + _method("apart", _LOG.format(level="i") + _SMS) \
        + _method("other", _LOG.format(level="d"))
    return phone_apk(tmp / "flows.apk", smali_dex({"M.smali": main}))


def test_the_sink_calls_of_one_flow_are_one_leak(tmp_path: Path) -> None:
    r = scan_apk(_apk(tmp_path), taint=True)
    by_method = {}
    for lk in r.leaks:
        by_method.setdefault(lk.sink.method, []).append(lk)
    [twice] = by_method["twice"]
    assert twice.sink_api == "android.util.Log.e"
    assert [st.api for st in twice.steps] == ["android.util.Log.i", "android.util.Log.w"]
    assert [st.site.offset for st in twice.steps] == sorted(st.site.offset for st in twice.steps)
    assert all(st.site.offset < twice.sink.offset for st in twice.steps)
    # another sink kind in the same method, and another method, are other flows
    assert sorted(lk.sink_kind for lk in by_method["apart"]) == ["log", "sms"]
    assert all(not lk.steps for lk in by_method["apart"])
    [other] = by_method["other"]
    assert not other.steps
    # the graph keeps every sink API of the flow
    g = from_scan(r, load_kb())
    apis = {a for _u, _v, e in g.edges(data=True) if e.get("kind") == "leaks_to" for a in e["apis"]}
    assert {"android.util.Log.i", "android.util.Log.w", "android.util.Log.e"} <= apis
