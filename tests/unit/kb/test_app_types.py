"""policies/app-types.yaml: the 39 app types of the 2021 necessary-PI rules, and their loader."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

from analyzer.errors import PolicyError
from analyzer.kb.apptypes import APP_TYPE_COUNT, load_app_types
from analyzer.kb.catalogue import load_kb
from analyzer.model import Verification
from tests.conftest import REPO

POLICIES = REPO / "policies"
REGULATION = Path("/work/shared/REGULATION.md")
NO_PI_ORDINALS = {21, *range(27, 39)}


@pytest.fixture(scope="module")
def types():  # type: ignore[no-untyped-def]
    return load_app_types(POLICIES)


def test_header_names_sources_and_date() -> None:
    head = (POLICIES / "app-types.yaml").read_text(encoding="utf-8").split("\nversion:")[0]
    assert head.startswith("#")
    assert "REGULATION.md section 3.4" in head and "国信办秘字〔2021〕14号" in head
    assert re.search(r"Last checked: \d{4}-\d{2}-\d{2}", head)


def test_39_types_unique_ids_and_ordinals(types) -> None:  # type: ignore[no-untyped-def]
    assert len(types) == APP_TYPE_COUNT == 39
    assert [t.ordinal for t in types.values()] == list(range(1, 40))
    assert len({t.zh for t in types.values()}) == 39
    assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", i) for i in types)
    assert types["map-navigation"].ordinal == 1 and types["ride-hailing"].ordinal == 2
    assert types["show-tickets"].ordinal == 39


def test_every_pi_id_is_in_the_taxonomy(types) -> None:  # type: ignore[no-untyped-def]
    taxonomy = load_kb(POLICIES).taxonomy
    for t in types.values():
        assert set(t.necessary_pi) <= set(taxonomy), t.id
        assert set(t.unverified_pi) <= set(t.necessary_pi), t.id


def test_the_13_no_pi_types_have_empty_lists(types) -> None:  # type: ignore[no-untyped-def]
    empty = {t.ordinal for t in types.values() if t.needs_no_pi}
    assert empty == NO_PI_ORDINALS
    assert len(empty) == 13
    assert all(types[i].necessary_pi == () for i in ("browser", "utilities", "womens-health", "news"))


def test_key_rows_map_to_the_right_pi(types) -> None:  # type: ignore[no-untyped-def]
    assert set(types["online-shopping"].necessary_pi) == {
        "contact.phone_number", "identity.name", "contact.address", "finance.transactions"}
    assert set(types["map-navigation"].necessary_pi) == {"location.precise", "location.trip"}
    assert "location.trajectory" in types["ride-hailing"].necessary_pi
    assert "social.friends" in types["instant-messaging"].necessary_pi
    assert "identity.education_work" in types["recruitment"].necessary_pi
    assert "finance.bank_card" in types["online-payment"].necessary_pi
    assert types["online-community"].necessary_pi == ("contact.phone_number",)
    assert "contact.phone_number" not in types["map-navigation"].necessary_pi
    assert dict(types["ride-hailing"].conditions) == {"finance.transactions": "online taxi booking only"}


def test_marks_follow_regulation_md(types) -> None:  # type: ignore[no-untyped-def]
    """Each row's [V]/[V-partial]/[U] mark is the one REGULATION.md 3.4 gives it."""
    if not REGULATION.exists():
        pytest.skip("REGULATION.md not on this machine")
    text = REGULATION.read_text(encoding="utf-8").split("### 3.4", 1)[1].split("### 3.5", 1)[0]
    marks = {int(m.group(1)): m.group(2)
             for m in re.finditer(r"^\| (\d+) \|.*\| (V|V-partial|U)(?: \([^)]*\))? \|\s*$", text, re.M)}
    assert len(marks) == 39
    by_ordinal = {t.ordinal: t for t in types.values()}
    for n, mark in marks.items():
        assert by_ordinal[n].verified == Verification(mark), (n, by_ordinal[n].id)
    # "The ordinal numbers for #11-#24, #26 and #39 are [U] (#25 is [V])"
    for n, t in by_ordinal.items():
        unverified = 11 <= n <= 24 or n in (26, 39)
        assert t.ordinal_verified == (Verification.UNVERIFIED if unverified else Verification.VERIFIED), n
    # items the table marks [U] inside a [V]/[V-partial] row are listed as unverified_pi
    assert set(types["transport-tickets"].unverified_pi) == {"location.trip", "finance.transactions"}
    assert set(types["dating"].unverified_pi) == {"identity.gender", "identity.age",
                                                  "special.marriage_history"}


def _copy(tmp_path: Path) -> Path:
    d = tmp_path / "policies"
    shutil.copytree(POLICIES, d, ignore=shutil.ignore_patterns("*.gz", "__pycache__"))
    return d


def _edit(tmp_path: Path, fn) -> Path:  # type: ignore[no-untyped-def]
    d = _copy(tmp_path)
    doc = yaml.safe_load((d / "app-types.yaml").read_text(encoding="utf-8"))
    fn(doc["types"])
    (d / "app-types.yaml").write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    return d


@pytest.mark.parametrize("edit, needle", [
    (lambda ts: ts[0].update(colour="red"), "unknown key(s) ['colour']"),
    (lambda ts: ts[3].pop("verified"), "missing key(s) ['verified']"),
    (lambda ts: ts[5]["necessary_pi"].append("device.imie"), "not in the taxonomy: ['device.imie']"),
    (lambda ts: ts[7].update(id=ts[6]["id"]), "duplicate id"),
    (lambda ts: ts[7].update(ordinal=7), "duplicate ordinal 7"),
    (lambda ts: ts[2].update(verified="maybe"), "verified must be V, V-partial or U"),
    (lambda ts: ts.pop(), "expected 39 app types, found 38"),
    (lambda ts: ts[1].update(conditions={"device.imei": "x"}), "conditions name ids outside necessary_pi"),
])
def test_loader_rejects_bad_entries(tmp_path: Path, edit, needle: str) -> None:  # type: ignore[no-untyped-def]
    d = _edit(tmp_path, edit)
    with pytest.raises(PolicyError) as ei:
        load_app_types(d)
    msg = str(ei.value)
    assert needle in msg and "app-types.yaml" in msg and "\n" not in msg
