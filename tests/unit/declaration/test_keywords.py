"""policies/policy-keywords.yaml: ids exist, no keyword names two targets, the loader is strict."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

from analyzer.declaration.keywords import fold, load_dictionary, sdk_names
from analyzer.errors import PolicyError
from analyzer.kb.catalogue import load_kb
from tests.conftest import REPO

POLICIES = REPO / "policies"


@pytest.fixture(scope="module")
def doc() -> dict:  # type: ignore[type-arg]
    return yaml.safe_load((POLICIES / "policy-keywords.yaml").read_text(encoding="utf-8"))


def test_header(doc: dict) -> None:  # type: ignore[type-arg]
    head = (POLICIES / "policy-keywords.yaml").read_text(encoding="utf-8").split("\nversion:")[0]
    assert head.startswith("#") and "Sources" in head
    assert re.search(r"Last checked: \d{4}-\d{2}-\d{2}", head)
    assert doc["version"] == 1


def test_ids_exist(doc: dict) -> None:  # type: ignore[type-arg]
    kb = load_kb(POLICIES)
    assert set(doc["pi"]) <= set(kb.taxonomy)
    assert set(doc["sdks"]) <= set(kb.sdks)
    assert set(doc["companies"]) <= {s.company for s in kb.sdks.values()}


def test_the_common_types_have_both_languages(doc: dict) -> None:  # type: ignore[type-arg]
    for pid in ("device.imei", "location.precise", "contacts", "contact.phone_number", "identity.id_number",
                "device.mac", "device.android_id", "apps.installed_list", "comm.sms", "finance.bank_card"):
        assert doc["pi"][pid]["zh"] and doc["pi"][pid]["en"], pid
        assert any(re.search(r"[\u4e00-\u9fff]", k) for k in doc["pi"][pid]["zh"]), pid


def test_no_keyword_names_two_targets(doc: dict) -> None:  # type: ignore[type-arg]
    owner: dict[str, str] = {}
    groups = [(f"pi:{p}", kws) for p, langs in doc["pi"].items() for kws in langs.values()]
    groups += [(f"sdk:{s}", kws) for s, kws in doc["sdks"].items()]
    groups += [(f"company:{c}", kws) for c, kws in doc["companies"].items()]
    groups += [("ignore", doc["ignore"])]
    for target, kws in groups:
        for k in kws:
            assert owner.setdefault(fold(k), target) == target, f"{k!r}: {owner[fold(k)]} and {target}"


def test_dictionary_includes_sdk_names_but_not_plain_words() -> None:
    d = load_dictionary(POLICIES)
    by_kw = dict(zip(d.keywords, d.targets, strict=True))
    assert by_kw[fold("极光推送")].id == "jpush"
    assert by_kw[fold("友盟")].id == "Umeng (Alibaba Group)"
    assert by_kw[fold("穿山甲")].kind == "third_party"          # from sdks.yaml names
    assert fold("segment") not in by_kw and fold("branch") not in by_kw
    assert sdk_names("Umeng+ Analytics (友盟+统计)") == ["Umeng+ Analytics", "友盟+统计"]
    assert sdk_names("Huawei Push Kit (华为推送, HMS)") == ["Huawei Push Kit", "华为推送"]
    assert sdk_names("Segment") == [] and sdk_names("AppsFlyer") == ["AppsFlyer"]


def _with(tmp_path: Path, text: str) -> Path:
    d = tmp_path / "policies"
    shutil.copytree(POLICIES, d, ignore=shutil.ignore_patterns("*.gz", "__pycache__"))
    (d / "policy-keywords.yaml").write_text(text, encoding="utf-8")
    return d


@pytest.mark.parametrize("text, needle", [
    ("pi:\n  device.imie: {zh: [IMEI]}\n", "pi.device.imie: not a taxonomy id"),
    ("pi:\n  device.imei: {zh: [IMEI]}\n  device.mac: {en: [imei]}\n", "already names pi device.imei"),
    ("sdks:\n  no-such-sdk: [x]\n", "sdks.no-such-sdk: not an SDK id"),
    ("companies:\n  Nobody Inc: [x]\n", "not a company of sdks.yaml"),
    ("pi:\n  contacts: {zh: [通讯录], fr: [contacts]}\n", "expected zh and/or en"),
    ("colour: red\n", "expected a mapping with"),
    ("pi: [oops\n", "malformed YAML"),
])
def test_loader_rejects(tmp_path: Path, text: str, needle: str) -> None:
    with pytest.raises(PolicyError) as ei:
        load_dictionary(_with(tmp_path, text))
    assert needle in str(ei.value) and "\n" not in str(ei.value)
