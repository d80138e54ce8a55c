"""Decode an app bundle's protobuf XML and resource table (aapt2's public Resources.proto) into trees.

An ``.aab`` stores its manifest and XML resources as ``XmlNode`` messages and
its resource table as a ``ResourceTable`` message instead of Android's binary
XML. This module reads the few fields piflow needs with a small wire-format
decoder (every length checked, nesting bounded) and returns the same
ElementTree form androguard gives for a binary manifest: attributes keyed
``{namespace}name``, values as text (``true``, ``21``, a reference as
``@7F0F0012``), so :func:`analyzer.apk.container.app_info` reads both alike.

Fields used (Resources.proto): XmlNode{element=1, text=2}; XmlElement{namespace_uri=2,
name=3, attribute=4, child=5}; XmlAttribute{namespace_uri=1, name=2, value=3,
compiled_item=6}; Item{ref=1, str=2, file=5, prim=7}; Reference{id=2};
Primitive{int_decimal=6, int_hexadecimal=7, boolean=8}; ResourceTable{package=2};
Package{package_id=1, package_name=2, type=3}; Type{type_id=1, name=2, entry=3};
Entry{entry_id=1, name=2, config_value=6}; ConfigValue{config=1, value=2};
Configuration{locale=3}; Value{item=4}; String{value=1}; FileReference{path=1}.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass, field

MAX_DEPTH = 256
"""Deepest element nesting accepted (a real manifest is under 10)."""


class ProtoError(ValueError):
    """The bytes are not a well-formed protobuf message of the expected shape."""


Fields = dict[int, list[object]]


def _varint(data: bytes, pos: int) -> tuple[int, int]:
    result = 0
    shift = 0
    while True:
        if pos >= len(data):
            raise ProtoError("truncated varint")
        b = data[pos]
        pos += 1
        result |= (b & 0x7F) << shift
        if not b & 0x80:
            return result, pos
        shift += 7
        if shift > 63:
            raise ProtoError("varint longer than 10 bytes")


def fields(data: bytes) -> Fields:
    """Field number → values (an int for varint/fixed fields, bytes for length-delimited ones)."""
    out: Fields = {}
    pos = 0
    n = len(data)
    while pos < n:
        key, pos = _varint(data, pos)
        num, wire = key >> 3, key & 7
        if num == 0:
            raise ProtoError("field number 0")
        value: object
        if wire == 0:
            value, pos = _varint(data, pos)
        elif wire == 1:
            if pos + 8 > n:
                raise ProtoError("truncated fixed64")
            value = int.from_bytes(data[pos:pos + 8], "little")
            pos += 8
        elif wire == 2:
            length, pos = _varint(data, pos)
            if pos + length > n:
                raise ProtoError(f"field {num} runs {pos + length - n} bytes past its message")
            value = data[pos:pos + length]
            pos += length
        elif wire == 5:
            if pos + 4 > n:
                raise ProtoError("truncated fixed32")
            value = int.from_bytes(data[pos:pos + 4], "little")
            pos += 4
        else:
            raise ProtoError(f"unsupported wire type {wire}")
        out.setdefault(num, []).append(value)
    return out


def _one(f: Fields, num: int, default: object = None) -> object:
    values = f.get(num)
    return values[-1] if values else default


def _text(f: Fields, num: int) -> str:
    v = _one(f, num, b"")
    if not isinstance(v, bytes):
        raise ProtoError(f"field {num} is not a string")
    return v.decode("utf-8", "replace")


def _msg(f: Fields, num: int) -> Fields | None:
    v = _one(f, num)
    if v is None:
        return None
    if not isinstance(v, bytes):
        raise ProtoError(f"field {num} is not a message")
    return fields(v)


def _int(f: Fields | None, num: int, default: int = 0) -> int:
    v = _one(f, num, default) if f is not None else default
    if not isinstance(v, int):
        raise ProtoError(f"field {num} is not a number")
    return v


def _attr_value(a: Fields) -> str:
    raw = _text(a, 3)
    item = _msg(a, 6)
    if item is None:
        return raw
    ref = _msg(item, 1)
    if ref is not None and _int(ref, 2):
        return f"@{_int(ref, 2):08X}"
    prim = _msg(item, 7)
    if prim is not None:
        if 8 in prim:
            return "true" if _int(prim, 8) else "false"
        if 6 in prim:
            v = _int(prim, 6) & 0xFFFFFFFF
            return str(v - (1 << 32) if v >= 1 << 31 else v)
        if 7 in prim:
            return f"0x{_int(prim, 7):08x}"
    string = _msg(item, 2)
    if string is not None:
        return _text(string, 1)
    return raw


def xml_tree(data: bytes) -> ET.Element:
    """An ``XmlNode`` message as an element tree. Raises :class:`ProtoError` when malformed."""
    root = fields(data)
    element = _msg(root, 1)
    if element is None:
        raise ProtoError("the XmlNode holds no element")
    return _element(element, 0)


def _element(f: Fields, depth: int) -> ET.Element:
    if depth > MAX_DEPTH:
        raise ProtoError(f"elements nested deeper than {MAX_DEPTH}")
    name = _text(f, 3)
    if not name:
        raise ProtoError("an element without a name")
    el = ET.Element(name)
    for raw in f.get(4, []):
        if not isinstance(raw, bytes):
            raise ProtoError("an attribute is not a message")
        a = fields(raw)
        ns, aname = _text(a, 1), _text(a, 2)
        el.set(f"{{{ns}}}{aname}" if ns else aname, _attr_value(a))
    last: ET.Element | None = None
    for raw in f.get(5, []):
        if not isinstance(raw, bytes):
            raise ProtoError("a child is not a message")
        node = fields(raw)
        child = _msg(node, 1)
        if child is not None:
            last = _element(child, depth + 1)
            el.append(last)
        elif 2 in node:
            text = _text(node, 2)
            if last is None:
                el.text = (el.text or "") + text
            else:
                last.tail = (last.tail or "") + text
    return el


@dataclass
class ResourceTable:
    """What piflow reads of a ``resources.pb``: default-locale strings and XML file paths by id."""

    strings: dict[int, str] = field(default_factory=dict)
    string_names: dict[str, int] = field(default_factory=dict)
    files: dict[int, str] = field(default_factory=dict)
    """Resource id → the path of the file it names (``res/xml/network_security_config.xml``)."""


def resource_table(data: bytes, package: str) -> ResourceTable:
    """Decode a ``ResourceTable`` message (the package named ``package``, else the first)."""
    table = ResourceTable()
    packages = [fields(p) for p in fields(data).get(2, []) if isinstance(p, bytes)]
    chosen = next((p for p in packages if _text(p, 2) == package), packages[0] if packages else None)
    if chosen is None:
        return table
    pid = _int(_msg(chosen, 1), 1)
    for raw_type in chosen.get(3, []):
        if not isinstance(raw_type, bytes):
            raise ProtoError("a type is not a message")
        t = fields(raw_type)
        tid, tname = _int(_msg(t, 1), 1), _text(t, 2)
        for raw_entry in t.get(3, []):
            if not isinstance(raw_entry, bytes):
                raise ProtoError("an entry is not a message")
            e = fields(raw_entry)
            rid = (pid << 24) | (tid << 16) | _int(_msg(e, 1), 1)
            for raw_cv in e.get(6, []):
                if not isinstance(raw_cv, bytes):
                    raise ProtoError("a config value is not a message")
                cv = fields(raw_cv)
                config = _msg(cv, 1)
                if config is not None and _text(config, 3):
                    continue  # a locale other than the default
                value = _msg(cv, 2)
                item = _msg(value, 4) if value is not None else None
                if item is None:
                    continue
                string = _msg(item, 2)
                if tname == "string" and string is not None and rid not in table.strings:
                    table.strings[rid] = _text(string, 1)
                    table.string_names[_text(e, 2)] = rid
                file = _msg(item, 5)
                if file is not None and rid not in table.files:
                    table.files[rid] = _text(file, 1)
    return table
