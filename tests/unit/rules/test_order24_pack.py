"""Lint the Order 24 rule pack and run every rule's must_match / must_not_match cases through the engine."""

from __future__ import annotations

import string
from pathlib import Path

import pytest

from analyzer.kb.catalogue import load_kb
from analyzer.kb.resources import policies_dir
from analyzer.model import Verification
from analyzer.rules.cases import run_cases
from analyzer.rules.pack import LANGS, Rule, load_pack
from tests.conftest import REPO

PACK_DIR = policies_dir() / "cn-miit-order24"
PACK = load_pack(PACK_DIR)
KB = load_kb()


def test_ids_are_unique_file_stems() -> None:
    ids = [r.id for r in PACK.rules]
    assert len(ids) == len(set(ids))
    assert all(Path(r.path).stem == r.id for r in PACK.rules)
    manual = [m.id for m in PACK.manual]
    assert len(manual) == len(set(manual)) and not set(manual) & set(ids)


def test_every_rule_file_has_a_test_file_and_no_orphans() -> None:
    rules = {
        p.name.removesuffix(".yaml")
        for p in PACK_DIR.glob("*.yaml")
        if not p.name.endswith(".test.yaml") and p.name != "pack.yaml"
    }
    tests = {p.name.removesuffix(".test.yaml") for p in PACK_DIR.glob("*.test.yaml")}
    assert rules == tests == {r.id for r in PACK.rules}


@pytest.mark.parametrize("rule", PACK.rules, ids=lambda r: r.id)
def test_texts_in_both_languages(rule: Rule) -> None:
    for text in (rule.title, rule.message, rule.remediation):
        for lang in LANGS:
            assert text.get(lang).strip()
    assert any("\u4e00" <= ch <= "\u9fff" for ch in rule.message.zh + rule.title.zh)
    assert rule.basis and rule.order24.cite.startswith("Art")


@pytest.mark.parametrize("rule", PACK.rules, ids=lambda r: r.id)
def test_pi_ids_are_in_the_taxonomy(rule: Rule) -> None:
    texts = [t.get(lang) for t in (rule.title, rule.message, rule.remediation) for lang in LANGS]
    words = {w.strip("(),.;:，。（）") for t in texts for w in t.split()}
    groups = {p.split(".")[0] for p in KB.taxonomy}
    named = {w for w in words if "." in w and w.split(".")[0] in groups and not w.endswith(".yaml")}
    assert named <= set(KB.taxonomy), named - set(KB.taxonomy)
    test = (PACK_DIR / f"{rule.id}.test.yaml").read_text(encoding="utf-8")
    import re

    pattern = r"\b(?:pi:)?((?:" + "|".join(sorted(groups)) + r")\.[a-z_]+)\b"
    for pi in re.findall(pattern, test):
        assert pi in KB.taxonomy, f"{rule.id}.test.yaml: {pi} is not a taxonomy id"
    # PI named in parameters (e.g. permission=pi.a|pi.b) too
    for _, value in rule.check.params:
        for item in value if isinstance(value, list | tuple) else [value]:
            for pi in re.findall(pattern, str(item).partition("=")[2] or str(item)):
                assert pi in KB.taxonomy, f"{rule.id} params: {pi} is not a taxonomy id"


@pytest.mark.parametrize("rule", PACK.rules, ids=lambda r: r.id)
def test_cases_run_through_the_engine(rule: Rule) -> None:
    assert run_cases(rule, KB) == []


def test_unverified_bases_are_marked() -> None:
    marked = [r for r in PACK.rules if r.unverified]
    assert marked, "REGULATION.md marks Art 10, 11, 13 [U]: some rules must carry the mark"
    for r in marked:
        cites = [
            str(c) for c in (r.order24, r.penalty, *r.basis) if c.verification is not Verification.VERIFIED
        ]
        assert all(c.endswith(("[U]", "[V-partial]")) for c in cites)


def test_placeholders_are_known_to_the_check() -> None:
    from analyzer.rules.queries import CHECKS

    for r in PACK.rules:
        for lang in LANGS:
            used = {f for _, f, _, _ in string.Formatter().parse(r.message.get(lang)) if f}
            assert used <= set(CHECKS[r.check.fn].placeholders) | {"pi_name"}


def test_architecture_lists_every_check() -> None:
    from analyzer.rules.queries import CHECKS

    doc = (REPO / "docs" / "ARCHITECTURE.md").read_text(encoding="utf-8")
    assert all(f"| `{name}` |" in doc for name in CHECKS)
