"""Recognise packers, protectors and obfuscators in an APK by the names they leave, like APKiD.

A packer (加固) keeps the app's real DEX encrypted in an asset and ships a
small stub (an application class in the readable DEX, a native library) that
decrypts and loads it at run time; what a static scan reads of such an APK is
the stub. The fingerprints are data (``policies/packers.yaml``,
:mod:`analyzer.kb.packers`): stub class names and package prefixes, the
manifest's application class, native library names and asset paths. A name
another product also uses (``libexec.so``) is listed as ``generic`` and is no
proof alone: a hit needs one name that is not, or two generic ones.

For a packer found, the assets whose first bytes look encrypted (high
entropy, no known file format) are counted: what the scan could not read.
"""

from __future__ import annotations

import bisect
import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from fnmatch import fnmatchcase

from analyzer.kb.packers import PackerSpec
from analyzer.model import PackerHit

MAX_CLASS_EVIDENCE = 3
"""Classes named per package prefix matched (the rest are counted, not listed)."""

OPAQUE_ENTROPY = 7.2
"""Bits per byte above which an asset's first bytes look encrypted or compressed."""
OPAQUE_MIN_BYTES = 512
"""Fewer bytes than this say nothing about entropy."""

_KNOWN_MAGIC = (
    b"PK\x03\x04", b"\x1f\x8b", b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"RIFF", b"OggS", b"ID3", b"fLaC",
    b"\x7fELF", b"dex\n", b"BZh", b"\xfd7zXZ", b"7z\xbc\xaf", b"\x28\xb5\x2f\xfd", b"\x00\x00\x00\x18ftyp",
    b"\x00\x00\x00\x1cftyp", b"\x00\x00\x00\x20ftyp", b"wOFF", b"wOF2", b"\x00\x01\x00\x00", b"OTTO",
    b"SQLite format 3", b"%PDF", b"\x1aE\xdf\xa3", b"\xff\xfb", b"\xff\xf3", b"\xff\xf1", b"\xff\xf9",
    b"pro\x00", b"\x30\x82",
)
"""Starts of file formats that are dense but readable (archives, media, fonts, ELF, DEX, SQLite, ART
baseline profiles, DER certificates)."""


@dataclass(frozen=True)
class ApkNames:
    """The names in an APK the fingerprints are matched against."""

    classes: frozenset[str]
    """Java names of the classes in its DEX files."""
    application: str | None
    """The manifest's application class."""
    entries: tuple[str, ...]
    """Every ZIP entry path."""
    _sorted: dict[str, list[str]] = field(default_factory=dict, compare=False, repr=False)

    def starting(self, which: str, prefix: str) -> list[str]:
        """The ``classes``, ``entries`` or ``libraries`` (base names of ``.so`` entries, with their path
        after a NUL) that start with ``prefix``, sorted (a binary search: an app has 100,000 of them)."""
        names = self._sorted.get(which)
        if names is None:
            if which == "classes":
                names = sorted(self.classes)
            elif which == "entries":
                names = sorted(self.entries)
            else:
                names = sorted(f"{e.rsplit('/', 1)[-1]}\0{e}" for e in self.entries if e.endswith(".so"))
            self._sorted[which] = names
        lo = bisect.bisect_left(names, prefix)
        hi = bisect.bisect_left(names, prefix + "\U0010ffff")
        return names[lo:hi]


def _literal(pattern: str) -> str:
    """The part of an fnmatch pattern before its first wildcard."""
    cut = min((i for i in (pattern.find(c) for c in "*?[") if i >= 0), default=len(pattern))
    return pattern[:cut]


def _class_hits(pattern: str, names: ApkNames) -> list[str]:
    found = names.starting("classes", pattern)
    if pattern.endswith("."):
        return found
    return [c for c in found if c == pattern or c.startswith(pattern + "$")]


def _match(spec: PackerSpec, names: ApkNames) -> tuple[list[str], set[str]]:
    """(evidence lines, the entry's names as written that matched)."""
    evidence: list[str] = []
    matched: set[str] = set()
    for pattern in spec.classes:
        found = _class_hits(pattern, names)
        if found:
            matched.add(pattern)
            more = len(found) - MAX_CLASS_EVIDENCE
            evidence += [f"class:{c}" for c in found[:MAX_CLASS_EVIDENCE]]
            if more > 0:
                evidence.append(f"class:{pattern}* (+{more} more)")
    if names.application and names.application in spec.application:
        matched.add(names.application)
        evidence.append(f"application:{names.application}")
    for pattern in spec.libraries:
        hits = [lib.split("\0", 1)[1] for lib in names.starting("libraries", _literal(pattern))
                if fnmatchcase(lib.split("\0", 1)[0], pattern)]
        if hits:
            matched.add(pattern)
            evidence += [f"library:{e}" for e in hits]
    for pattern in spec.files:
        hits = [e for e in names.starting("entries", _literal(pattern)) if fnmatchcase(e, pattern)]
        if hits:
            matched.add(pattern)
            evidence += [f"file:{e}" for e in hits[:MAX_CLASS_EVIDENCE]]
    return list(dict.fromkeys(evidence)), matched


def matches(spec: PackerSpec, names: ApkNames) -> list[str]:
    """The evidence that ``names`` carry ``spec`` (empty: they do not; a generic name alone is no proof)."""
    evidence, matched = _match(spec, names)
    strong = matched - spec.generic
    return evidence if strong or len(matched) >= 2 else []


def entropy(data: bytes) -> float:
    """Shannon entropy of ``data`` in bits per byte (0 for no data).

    >>> entropy(b"aaaa")
    0.0
    >>> entropy(bytes(range(256)))
    8.0
    """
    if not data:
        return 0.0
    n = len(data)
    return sum(c / n * math.log2(n / c) for c in Counter(data).values())


def looks_encrypted(head: bytes) -> bool:
    """Whether the first bytes of a file look like ciphertext: dense, and no known dense format."""
    if len(head) < OPAQUE_MIN_BYTES or head.startswith(_KNOWN_MAGIC):
        return False
    return entropy(head) >= OPAQUE_ENTROPY


def find_packers(specs: Iterable[PackerSpec], names: ApkNames,
                 asset_heads: Iterable[tuple[str, bytes]] = ()) -> list[PackerHit]:
    """The packers, protectors and obfuscators ``names`` carry, by id; a packer or protector lists
    the assets that look encrypted."""
    hits = [(spec, ev) for spec in specs if (ev := matches(spec, names))]
    opaque: tuple[str, ...] = ()
    if any(spec.hides_code for spec, _ in hits):
        opaque = tuple(sorted(name for name, head in asset_heads if looks_encrypted(head)))
    return sorted((PackerHit(spec.id, spec.name, spec.vendor, spec.kind, tuple(ev),
                             opaque if spec.hides_code else ())
                   for spec, ev in hits), key=lambda h: h.packer_id)


def incomplete_reason(hits: Iterable[PackerHit]) -> str:
    """Why the static evidence of an app with these hits is incomplete ("" when it is not)."""
    hiding = [h for h in hits if h.hides_code]
    if not hiding:
        return ""
    names = ", ".join(f"{h.name} ({h.kind})" for h in hiding)
    return f"the APK is packed by {names}: its real code is encrypted and loaded at run time"
