"""Bounded reads (one limit per document kind) and private writes (0600), the one home of both."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from analyzer.common.files import LIMITS, open_private, read_bounded, read_json, read_text, write_private
from analyzer.errors import InputError


@pytest.mark.parametrize("kind", sorted(LIMITS))
def test_every_kind_reads_up_to_its_limit_and_refuses_one_byte_more(tmp_path: Path, kind: str,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(LIMITS, kind, 64)  # the rule, not the size, is what is tested
    ok, big = tmp_path / "ok", tmp_path / "big"
    ok.write_bytes(b"x" * 64)
    big.write_bytes(b"x" * 65)
    assert read_bounded(ok, kind) == b"x" * 64
    with pytest.raises(InputError, match=f"{kind} too large"):
        read_bounded(big, kind)


def test_limits_are_documented_per_kind() -> None:
    import analyzer.common.files as files

    assert files.LIMITS["declaration"] < files.LIMITS["piflow result"]
    doc = files.__doc__ or ""
    assert "one limit" in doc


def test_missing_folder_and_unknown_kind(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="declaration not found"):
        read_bounded(tmp_path / "nope.yaml", "declaration")
    with pytest.raises(InputError, match="expected, found a folder"):
        read_bounded(tmp_path, "declaration")
    with pytest.raises(KeyError):
        read_bounded(tmp_path / "x", "no such kind")


def test_text_and_json_errors_are_one_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_bytes(b"\xff\xfe{")
    with pytest.raises(InputError, match="not UTF-8"):
        read_text(bad, "piflow result")
    bad.write_text('{"a": ', encoding="utf-8")
    with pytest.raises(InputError, match="not JSON"):
        read_json(bad)
    bad.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    with pytest.raises(InputError, match="nested too deeply"):
        read_json(bad)
    good = tmp_path / "good.json"
    good.write_text('{"a": [1]}', encoding="utf-8")
    assert read_json(good) == {"a": [1]}


def test_private_files_are_0600_even_when_they_existed_with_another_mode(tmp_path: Path) -> None:
    old = os.umask(0)
    try:
        p = tmp_path / "out.json"
        p.write_text("old", encoding="utf-8")
        p.chmod(0o644)
        write_private(p, "new")
        assert p.read_text(encoding="utf-8") == "new"
        assert stat.S_IMODE(p.stat().st_mode) == 0o600
        q = tmp_path / "log.jsonl"
        for line in ("a\n", "b\n"):
            with os.fdopen(open_private(q, "a"), "a", encoding="utf-8") as fh:
                fh.write(line)
        assert q.read_text(encoding="utf-8") == "a\nb\n"
        assert stat.S_IMODE(q.stat().st_mode) == 0o600
    finally:
        os.umask(old)
