"""The loader of policies/packers.yaml refuses what would make a fingerprint wrong, in one line."""

from __future__ import annotations

from pathlib import Path

import pytest

from analyzer.errors import PolicyError
from analyzer.kb.packers import load_packers

GOOD = """packers:
  - id: x
    name: X
    vendor: V
    country: CN
    kind: packer
    mark: U
    libraries: [libx.so]
    cases:
      - {files: [lib/arm64-v8a/libx.so], match: true}
"""


def _load(tmp_path: Path, text: str) -> object:
    p = tmp_path / "packers.yaml"
    p.write_text(text, encoding="utf-8")
    return load_packers(p)


def test_a_good_file_loads(tmp_path: Path) -> None:
    (spec,) = _load(tmp_path, GOOD)  # type: ignore[misc]
    assert spec.id == "x" and spec.hides_code and spec.libraries == ("libx.so",)


@pytest.mark.parametrize(("change", "message"), [
    (("kind: packer", "kind: wrapper"), "kind must be one of"),
    (("mark: U", "mark: maybe"), "mark must be one of"),
    (("country: CN", "country: China"), "country"),
    (("    libraries: [libx.so]\n", ""), "no signature"),
    (("match: true", "match: false"), "at least one app that matches"),
    (("    libraries: [libx.so]\n", "    libraries: [libx.so]\n    generic: [liby.so]\n"), "generic names"),
    (("    mark: U\n", "    mark: U\n    regex: a.*\n"), "unknown key"),
    (("id: x", "id: X Y"), "bad id"),
])
def test_bad_entries_are_refused(tmp_path: Path, change: tuple[str, str], message: str) -> None:
    with pytest.raises(PolicyError, match=message):
        _load(tmp_path, GOOD.replace(*change))


def test_a_duplicate_id_is_refused(tmp_path: Path) -> None:
    body = GOOD.split("packers:\n", 1)[1]
    with pytest.raises(PolicyError, match="given twice"):
        _load(tmp_path, "packers:\n" + body + body)


def test_the_shipped_file_loads_and_every_entry_has_a_case_per_kind_of_name(tmp_path: Path) -> None:
    from analyzer.kb.resources import policies_dir

    specs = load_packers(policies_dir() / "packers.yaml")
    assert len(specs) >= 15
    assert all(any(c.match for c in s.cases) for s in specs)
