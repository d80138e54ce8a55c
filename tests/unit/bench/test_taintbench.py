"""The TaintBench scorer reads the truth as its README describes and matches names in one form."""

from __future__ import annotations

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
    import pytest

    path = next(iter(sorted((tb.DEFAULT / "truth").glob("*_findings.json"))))
    with pytest.raises(SystemExit, match="no scope decision"):
        tb.load_truth(path, path.name.removesuffix("_findings.json"), {})
