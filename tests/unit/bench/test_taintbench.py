"""The TaintBench scorer reads the truth as its README describes and matches names in one form."""

from __future__ import annotations

import pytest

from analyzer.model import CodeLocation, Owner, PIAccess
from bench import taintbench as tb


def test_class_and_method_names_in_one_form() -> None:
    assert tb.norm_class("a.B$C") == tb.norm_class("a.B.C") == "a.B.C"
    assert tb.norm_class("a.B$1") == tb.norm_class("a.B.AnonymousClass1") == "a.B.1"
    assert tb.java_method_name("public static void send(String s)", "a.B") == "send"
    assert tb.java_method_name("public B(int i)", "a.B") == "<init>"
    assert tb.java_method_name("static {}", "a.B") == "<clinit>"
    assert tb.api_name("android.util.Log.i") == "i"
    assert tb.api_name("org.apache.http.client.methods.HttpPost.<init>") == "HttpPost"
    assert tb.api_name('android.provider.Settings$Secure.getString("android_id")') == "getString"


def test_the_truth_holds_what_its_readme_counts() -> None:
    flows = [f for p in sorted((tb.DEFAULT / "truth").glob("*_findings.json"))
             for f in tb.load_truth(p, p.name.removesuffix("_findings.json"))]
    assert sum(not f.negative for f in flows) == 100 and sum(f.negative for f in flows) == 25
    scoped = [f for f in flows if not f.negative and f.scope]
    assert 50 <= len(scoped) < 100  # not every flow starts at PI (Intent extras, files, databases)
    assert all(f.source.cls and f.sink.cls and f.sink.target for f in flows)


def test_every_flow_has_a_scope_decision_with_a_reason() -> None:
    decisions = tb.load_scope()
    positive = {(p.name.removesuffix("_findings.json"), f.id)
                for p in sorted((tb.DEFAULT / "truth").glob("*_findings.json"))
                for f in tb.load_truth(p, p.name.removesuffix("_findings.json"), decisions) if not f.negative}
    decided = {(app, i) for app, flows in decisions.items() for i in flows}
    assert decided == positive  # no flow undecided, none decided that the truth does not have
    assert all(why for flows in decisions.values() for _, why in flows.values())


def test_a_flow_without_a_decision_is_an_error() -> None:
    path = next(iter(sorted((tb.DEFAULT / "truth").glob("*_findings.json"))))
    with pytest.raises(SystemExit, match="no scope decision"):
        tb.load_truth(path, path.name.removesuffix("_findings.json"), {})


def _end(api: str, statement: str, line: int = 0) -> tb.End:
    return tb.End(cls="a.B", method="m", target=api.rpartition(".")[2], api=api, ir="", statement=statement,
                  java_class="a.B", line=line)


def _read(api: str, kind: str, offset: int) -> PIAccess:
    return PIAccess(source_id="x", api=api, kind=kind, pi=("comm.call_log",),
                    location=CodeLocation("a.B", "m", "()V", offset), owner=Owner("app", "a"), reachable=True)


def test_a_query_site_source_names_its_uri_for_the_equivalent_tier() -> None:
    query = "android.content.ContentResolver.query(android.provider.CallLog$Calls.CONTENT_URI)"
    assert tb.api_name(query) == "query"
    assert tb.source_uri(query) == "android.provider.CallLog$Calls.CONTENT_URI"
    cursor = _end("android.database.Cursor.getString", "c = resolver.query(CallLog.Calls.CONTENT_URI, null);")
    assert tb._equivalent(_read(query, "content_uri", 4), cursor)
    sms = _end("android.database.Cursor.getString", 'c = resolver.query(Uri.parse("content://sms/"), null);')
    assert not tb._equivalent(_read(query, "content_uri", 4), sms)


class _Lines:
    def __init__(self, lines: dict[int, int | None]) -> None:
        self.lines = lines

    def line(self, loc: CodeLocation) -> int | None:
        return self.lines.get(loc.offset)


def test_a_negative_twin_read_at_another_line_is_not_hit() -> None:
    extra = _end("android.content.Intent.getStringExtra", "", 71)
    neg = tb.Expected(app="a", id=9, negative=True, source=extra,
                      sink=_end("java.io.Writer.write", ""), description="", scope="calls", why="", rules="")
    reads = [_read("android.content.Intent.getStringExtra", "intent_action", off) for off in (0xA8, 0x352)]
    assert tb.negative_elsewhere(_Lines({0xA8: 54, 0x352: 82}), neg, reads)  # type: ignore[arg-type]
    assert not tb.negative_elsewhere(_Lines({0xA8: 71, 0x352: 82}), neg, reads)  # type: ignore[arg-type]
    assert not tb.negative_elsewhere(_Lines({0xA8: 54}), neg, reads)  # type: ignore[arg-type]  # no line table


def test_line_tables_give_the_lines_the_truth_names() -> None:
    apk = tb.DEFAULT / "apks" / "backflash.apk"  # ../shared is beside the project, as in CI
    lines = tb.Lines(apk)
    proto = "(Landroid/content/Context;Landroid/content/Intent;)V"
    cls = "com.adobe.flashplayer_.FlashZ"
    got = [lines.line(CodeLocation(cls, "onReceive", proto, pc)) for pc in (0x2FF, 0x457)]
    assert got == [71, 101]  # backflash's negatives #9 and #10


def test_a_broadcast_extra_by_key_is_the_bundle_the_truth_names() -> None:
    bundle = _end("android.content.Intent.getExtras", "Bundle bundle = intent.getExtras();")
    sms = 'android.os.Bundle.get("pdus") of android.provider.Telephony.SMS_RECEIVED'
    by_key = _read(sms, "intent_action", 8)
    assert tb._equivalent(by_key, bundle)
    assert not tb._equivalent(_read("android.telephony.TelephonyManager.getDeviceId", "call", 8), bundle)
    assert not tb._equivalent(_read("android.os.Bundle.get", "call", 8), bundle)  # no broadcast's read


def test_an_anonymous_class_numbered_otherwise_matches_at_the_truths_line() -> None:
    exp = tb.End(cls="a.B.12", method="onClick", target="getText", api="android.widget.EditText.getText",
                 ir="", statement="", java_class="a.B.AnonymousClass12", line=40)
    at = CodeLocation("a.B$13", "onClick", "(Landroid/view/View;)V", 7)
    assert tb._same_class("a.B.12", exp, at, None)
    assert tb._same_class("a.B.13", exp, at, _Lines({7: 40}))  # type: ignore[arg-type]
    assert not tb._same_class("a.B.13", exp, at, _Lines({7: 41}))  # type: ignore[arg-type]
    assert not tb._same_class("a.B.13", exp, at, None)
    assert not tb._same_class("a.C.13", exp, at, _Lines({7: 40}))  # type: ignore[arg-type]  # another outer
    assert not tb._same_class("a.B.Inner", exp, at, _Lines({7: 40}))  # type: ignore[arg-type]
