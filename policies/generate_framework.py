"""Generate policies/framework.txt.gz: the Android framework's class hierarchy and overridable methods.

Input is an ``android.jar`` stub library (the data shipped with piflow was
generated from Debian 11's libandroid-23-java, API level 23, plus the
hand-kept additions in ``framework-additions.txt`` for later API levels).
Output, one line per public class or interface::

    <descriptor> <flags> <super or -> <iface,iface or -> <name+proto> <name+proto> ...

where flags is ``i`` for an interface and ``c`` otherwise, and the methods
are the ones an app class can override or implement (not static, final,
private or constructors). The analyzer uses it to tell framework callbacks
from ordinary methods and to walk framework supertypes; it never needs the
framework's code.

Usage: python policies/generate_framework.py ANDROID_JAR OUT.txt.gz
"""

from __future__ import annotations

import gzip
import struct
import sys
import zipfile

ACC_PUBLIC, ACC_PRIVATE, ACC_PROTECTED, ACC_STATIC, ACC_FINAL = 0x1, 0x2, 0x4, 0x8, 0x10
ACC_INTERFACE, ACC_SYNTHETIC = 0x200, 0x1000


def parse_class(data: bytes) -> tuple[str, int, str | None, list[str], list[str]]:
    """(name, access, super, interfaces, overridable 'name(proto)ret' list) of a class file."""
    pos = 8
    (count,) = struct.unpack_from(">H", data, pos)
    pos += 2
    pool: list[object] = [None] * count
    i = 1
    while i < count:
        tag = data[pos]
        pos += 1
        if tag == 1:
            (n,) = struct.unpack_from(">H", data, pos)
            pool[i] = data[pos + 2:pos + 2 + n].decode("utf-8", "replace")
            pos += 2 + n
        elif tag in (3, 4):
            pos += 4
        elif tag in (5, 6):
            pos += 8
            i += 1
        elif tag in (7, 8, 16, 19, 20):
            pool[i] = ("ref", struct.unpack_from(">H", data, pos)[0])
            pos += 2
        elif tag in (9, 10, 11, 12, 17, 18):
            pos += 4
        elif tag == 15:
            pos += 3
        else:
            raise ValueError(f"bad constant tag {tag}")
        i += 1

    def cls(idx: int) -> str:
        ref = pool[idx]
        assert isinstance(ref, tuple)
        name = pool[ref[1]]
        assert isinstance(name, str)
        return name

    access, this_idx, super_idx = struct.unpack_from(">HHH", data, pos)
    pos += 6
    (nif,) = struct.unpack_from(">H", data, pos)
    pos += 2
    ifaces = [cls(struct.unpack_from(">H", data, pos + 2 * k)[0]) for k in range(nif)]
    pos += 2 * nif
    (nfields,) = struct.unpack_from(">H", data, pos)
    pos += 2
    for _ in range(nfields):
        pos += 6
        (nattr,) = struct.unpack_from(">H", data, pos)
        pos += 2
        for _ in range(nattr):
            (alen,) = struct.unpack_from(">I", data, pos + 2)
            pos += 6 + alen
    (nmethods,) = struct.unpack_from(">H", data, pos)
    pos += 2
    methods = []
    for _ in range(nmethods):
        macc, name_idx, desc_idx = struct.unpack_from(">HHH", data, pos)
        pos += 6
        (nattr,) = struct.unpack_from(">H", data, pos)
        pos += 2
        for _ in range(nattr):
            (alen,) = struct.unpack_from(">I", data, pos + 2)
            pos += 6 + alen
        name = pool[name_idx]
        desc = pool[desc_idx]
        assert isinstance(name, str) and isinstance(desc, str)
        if name.startswith("<") or macc & (ACC_PRIVATE | ACC_STATIC | ACC_FINAL | ACC_SYNTHETIC):
            continue
        if not macc & (ACC_PUBLIC | ACC_PROTECTED):
            continue
        methods.append(name + desc)
    return cls(this_idx), access, (cls(super_idx) if super_idx else None), ifaces, methods


def main(jar: str, out: str) -> None:
    lines = []
    with zipfile.ZipFile(jar) as z:
        for entry in sorted(z.namelist()):
            if not entry.endswith(".class"):
                continue
            name, access, sup, ifaces, methods = parse_class(z.read(entry))
            if not access & ACC_PUBLIC:
                continue
            flags = "i" if access & ACC_INTERFACE else "c"
            if access & ACC_FINAL:
                methods = []
            desc = f"L{name};"
            lines.append(" ".join([
                desc, flags, f"L{sup};" if sup else "-",
                ",".join(f"L{i};" for i in ifaces) or "-", *sorted(set(methods))]))
    with gzip.GzipFile(out, "wb", mtime=0) as fh:
        fh.write(("\n".join(lines) + "\n").encode())
    print(f"{len(lines)} classes written to {out}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
