"""The DEX reader against dexdump (Debian's reference disassembler) and against corrupt input."""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
import zipfile
from pathlib import Path

import pytest

from analyzer.apk.dex import INVOKE_OPS, DexError, DexFile
from analyzer.common.descriptors import descriptor_to_java, java_to_descriptor

_HDR = re.compile(r"^[0-9a-f]{6}: +\|\[([0-9a-f]{6})\] ")
_INS = re.compile(r"^[0-9a-f]{6}: [0-9a-f ]+\|([0-9a-f]{4}): (\S+)(.*)")
_PAYLOAD = ("packed-switch-data", "sparse-switch-data", "array-data")


def _dexdump(path: Path) -> dict[int, list[tuple[int, str, str]]]:
    out = subprocess.run(["dexdump", "-d", str(path)], capture_output=True, check=True).stdout
    methods: dict[int, list[tuple[int, str, str]]] = {}
    cur: list[tuple[int, str, str]] | None = None
    for line in out.decode("utf-8", "replace").splitlines():
        m = _HDR.match(line)
        if m:
            cur = methods.setdefault(int(m.group(1), 16), [])
            continue
        m = _INS.match(line)
        if m and cur is not None and m.group(2) not in _PAYLOAD:
            cur.append((int(m.group(1), 16), m.group(2), m.group(3)))
    return methods


@pytest.mark.skipif(shutil.which("dexdump") is None, reason="dexdump comes from `make system-deps`")
@pytest.mark.parametrize("apk", ["Callbacks/Button1.apk", "GeneralJava/Exceptions1.apk",
                                 "ArraysAndLists/ArrayAccess3.apk"])
def test_decoder_matches_dexdump(droidbench: Path, tmp_path: Path, apk: str) -> None:
    with zipfile.ZipFile(droidbench / apk) as z:
        data = z.read("classes.dex")
    dex_path = tmp_path / "classes.dex"
    dex_path.write_bytes(data)
    reference = _dexdump(dex_path)
    d = DexFile(data)
    compared = 0
    for cls in d.classes():
        for em in cls.methods:
            if not em.code_off:
                continue
            ours = list(d.instructions(em.code_off))
            theirs = reference[em.code_off]
            assert [i[0] for i in ours] == [t[0] for t in theirs], (cls.descriptor, em.method_idx)
            for ins, (_pc, mnemonic, operands) in zip(ours, theirs, strict=True):
                if ins[1] in INVOKE_OPS:
                    assert mnemonic.startswith("invoke-")
                    ref = d.method(ins[2])
                    assert f"{ref.cls}.{ref.name}:{ref.proto}" in operands
                elif mnemonic == "const-string":
                    text = d.string(ins[3])
                    if text.isascii() and text.isprintable() and '"' not in text and "\\" not in text:
                        assert f'"{text}"' in operands
            compared += 1
    assert compared > 5


def test_type_names_round_trip() -> None:
    for java in ("com.a.B$C", "int[]", "java.lang.String[][]", "boolean"):
        assert descriptor_to_java(java_to_descriptor(java)) == java
    assert java_to_descriptor("android.util.Log") == "Landroid/util/Log;"


def _header(**fields: int) -> bytes:
    vals = dict.fromkeys(("string_ids_size", "string_ids_off", "type_ids_size", "type_ids_off",
                          "proto_ids_size", "proto_ids_off", "field_ids_size", "field_ids_off",
                          "method_ids_size", "method_ids_off", "class_defs_size",
                          "class_defs_off"), 0)
    vals.update(fields)
    return struct.pack("<8sI20sIIIIIIIIIIIIIIIIIIII", b"dex\n035\x00", 0, b"\0" * 20, 0x70, 0x70,
                       0x12345678, 0, 0, 0, *vals.values(), 0, 0)


@pytest.mark.parametrize("data, words", [
    (b"", "shorter"),
    (b"PK\x03\x04" + b"\0" * 200, "not a DEX"),
    (_header(string_ids_size=1000, string_ids_off=0x70), "outside"),
    (_header(class_defs_size=3, class_defs_off=0x7FFFFFF0), "outside"),
])
def test_corrupt_dex_raises_dex_error(data: bytes, words: str) -> None:
    with pytest.raises(DexError, match=words):
        d = DexFile(data)
        list(d.classes())


def test_garbage_pool_index_raises_dex_error() -> None:
    d = DexFile(_header())
    with pytest.raises(DexError):
        d.string(5)
    with pytest.raises(DexError):
        d.method(0)


@pytest.mark.parametrize(
    ("raw", "text"),
    [
        (b"plain", "plain"),
        ("é中".encode(), "é中"),
        (b"a\xc0\x80b", "a\x00b"),  # modified UTF-8 NUL
        (b"\xed\xa0\xbd\xed\xb8\x80", "\U0001f600"),  # CESU-8 surrogate pair
        (b"\xed\xa0\xbd", "\ufffd"),  # a lone surrogate is not text
        (b"\xff\xfe", "\ufffd\ufffd"),  # invalid bytes in a hostile string pool
        (b"\x80abc", "\ufffdabc"),
    ],
)
def test_string_pool_decoding_never_raises(raw: bytes, text: str) -> None:
    from analyzer.apk.dex import _mutf8

    assert _mutf8(raw) == text
