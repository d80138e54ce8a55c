"""Packer fingerprints: every case of policies/packers.yaml through the real matcher, no collisions,
generic names need a second signal, encrypted-looking assets are told from dense known formats."""

from __future__ import annotations

import hashlib
import zlib

import pytest

from analyzer.apk.packers import ApkNames, find_packers, incomplete_reason, looks_encrypted, matches
from analyzer.kb.catalogue import load_kb
from analyzer.kb.packers import PackerCase, PackerSpec

KB = load_kb()
CASES = [(spec, i, case) for spec in KB.packers for i, case in enumerate(spec.cases)]


def _names(case: PackerCase) -> ApkNames:
    return ApkNames(frozenset(case.classes), case.application, case.files)


def test_the_catalogue_covers_the_chinese_packers_and_each_kind() -> None:
    ids = {s.id for s in KB.packers}
    assert {"jiagu-360", "bangcle", "ijiami", "legu", "baidu", "ali", "naga", "dexprotector"} <= ids
    assert {s.kind for s in KB.packers} == {"packer", "protector", "obfuscator"}


@pytest.mark.parametrize(("spec", "i", "case"), CASES, ids=[f"{s.id}-{i + 1}" for s, i, _ in CASES])
def test_case(spec: PackerSpec, i: int, case: PackerCase) -> None:
    assert bool(matches(spec, _names(case))) == case.match


@pytest.mark.parametrize(("spec", "i", "case"), [c for c in CASES if c[2].match],
                         ids=[f"{s.id}-{i + 1}" for s, i, c in CASES if c.match])
def test_a_positive_case_matches_no_other_entry(spec: PackerSpec, i: int, case: PackerCase) -> None:
    hits = find_packers(KB.packers, _names(case))
    assert [h.packer_id for h in hits] == [spec.id]


def test_a_generic_name_alone_is_no_proof_two_are() -> None:
    ijiami = next(s for s in KB.packers if s.id == "ijiami")
    assert ijiami.generic
    one = ApkNames(frozenset(), None, ("lib/armeabi/libexec.so",))
    two = ApkNames(frozenset(), None, ("lib/armeabi/libexec.so", "lib/armeabi/libexecmain.so"))
    assert matches(ijiami, one) == []
    assert matches(ijiami, two) == ["library:lib/armeabi/libexec.so", "library:lib/armeabi/libexecmain.so"]


def test_class_names_match_exactly_or_by_package_prefix() -> None:
    legu = next(s for s in KB.packers if s.id == "legu")
    jiagu = next(s for s in KB.packers if s.id == "jiagu-360")
    assert matches(legu, ApkNames(frozenset({"com.tencent.StubShell.a"}), None, ()))
    assert matches(jiagu, ApkNames(frozenset({"com.stub.StubApp$1"}), None, ()))
    assert not matches(jiagu, ApkNames(frozenset({"com.stub.StubApplication"}), None, ()))
    many = frozenset(f"com.tencent.StubShell.C{i}" for i in range(10))
    ev = matches(legu, ApkNames(many, None, ()))
    assert len(ev) == 4 and ev[-1] == "class:com.tencent.StubShell.* (+7 more)"


def _keystream(n: int) -> bytes:
    return b"".join(hashlib.sha256(i.to_bytes(4, "big")).digest() for i in range(n // 32))


def test_ciphertext_looks_encrypted_dense_known_formats_and_text_do_not() -> None:
    assert looks_encrypted(_keystream(4096))
    assert not looks_encrypted(b"PK\x03\x04" + _keystream(4096))  # a ZIP (or JAR) is readable
    assert not looks_encrypted(b"\x89PNG" + _keystream(4096))
    assert not looks_encrypted(b"\x1f\x8b" + zlib.compress(b"x" * 100))
    assert not looks_encrypted(("var a = 1;\n" * 400).encode())
    assert not looks_encrypted(_keystream(256))  # too short to tell


def test_opaque_assets_are_listed_for_a_packer_only() -> None:
    heads = [("assets/blob.bin", _keystream(4096)), ("assets/readme.txt", b"hello " * 200)]
    (packed,) = find_packers(KB.packers, ApkNames(frozenset({"com.stub.StubApp"}), None, ()), heads)
    assert packed.opaque_files == ("assets/blob.bin",) and packed.hides_code
    (obf,) = find_packers(KB.packers, ApkNames(
        frozenset({"com.guardsquare.dexguard.runtime.detection.RootDetector"}), None, ()), heads)
    assert obf.kind == "obfuscator" and obf.opaque_files == () and not obf.hides_code
    assert incomplete_reason([obf]) == ""
    assert "360 Jiagu" in incomplete_reason([obf, packed])


def test_an_unpacked_app_has_no_hit() -> None:
    names = ApkNames(frozenset({"com.example.MainActivity", "com.tencent.bugly.crashreport.CrashReport",
                                "com.baidu.location.LocationClient", "com.alibaba.fastjson.JSON"}),
                     "com.example.App", ("lib/arm64-v8a/libc++_shared.so", "assets/www/index.html"))
    assert find_packers(KB.packers, names) == []
