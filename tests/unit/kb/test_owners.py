"""Who owns a class: the SDK whose package prefix it matches, or the app (also inside a vendor namespace)."""

from __future__ import annotations

from analyzer.kb.catalogue import load_kb
from analyzer.kb.owners import OwnerResolver
from analyzer.model import Owner


def test_sdk_prefix_owns_its_classes_and_the_rest_is_the_apps() -> None:
    kb = load_kb()
    owner = OwnerResolver(kb, "com.example.app")
    assert owner("com.umeng.commonsdk.UMConfigure") == Owner("sdk", "umeng-analytics")
    assert owner("com.example.app.MainActivity") == Owner("app", "com.example.app")
    assert owner("org.unknown.Thing") == Owner("app", "com.example.app")


def test_an_app_inside_a_vendors_namespace_owns_its_own_code() -> None:
    kb = load_kb()
    prefix = kb.sdk_prefix_for_class("com.umeng.commonsdk.UMConfigure")
    assert prefix is not None
    owner = OwnerResolver(kb, prefix + ".demo")  # the vendor's own demo app
    assert owner(f"{prefix}.demo.Main").kind == "app"
    assert owner("com.umeng.commonsdk.UMConfigure").kind == "app"  # the app's package lies under the prefix
