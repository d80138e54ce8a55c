"""What an app's native libraries can do with PI: their JNI bindings and the Java APIs and calls they name.

piflow does not disassemble machine code. It reads what a shared library
must carry in plain text to work at all, and draws deliberately cautious
conclusions from it:

* **JNI bindings.** A statically registered native method is exported as a
  symbol ``Java_<mangled class>_<mangled method>`` (JNI specification,
  "Resolving Native Method Names"); :func:`demangle_jni` turns it back into
  the Java class and method it implements.
* **Java APIs called through JNI.** Native code reaches Java with
  ``FindClass("android/telephony/TelephonyManager")`` and
  ``GetMethodID(cls, "getDeviceId", …)``: both names are string constants in
  the library. When a library holds the class name *and* the member name of a
  catalogued source (or sink), it can read (or send) that data.
* **Sending by itself.** A library that imports both ``socket`` and
  ``connect`` (or ``sendto``) can send data over the network without Java.

A native method of the app is then modelled at its call sites as: its result
may carry its arguments (an unknown function of them) and, if its library can
read PI, that PI; arguments reach a sink if its library can send. These are
potential flows; scans report them as such.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from analyzer.kb.catalogue import KnowledgeBase

MAX_LIBRARY_BYTES = 64 * 1024**2
"""Only the first 64 MiB of a library are read (symbol and string tables sit in the first part)."""

_STRINGS_RE = re.compile(rb"[\x20-\x7e]{4,512}")
_SOCKET_CALLS = frozenset(("connect", "sendto", "sendmsg"))
# ABIs in the order a 64-bit ARM device prefers them; one copy of each library is read.
ABI_ORDER = ("arm64-v8a", "armeabi-v7a", "armeabi", "x86_64", "x86", "mips64", "mips")


@dataclass(frozen=True)
class NativeLibrary:
    """What one shared library binds and names."""

    path: str
    """Entry name in the APK, e.g. ``lib/arm64-v8a/libfoo.so``."""
    jni_methods: frozenset[tuple[str, str]]
    """(class descriptor, method name) of the Java native methods it exports."""
    names: frozenset[str]
    """Other identifiers it holds that may name Java methods (for RegisterNatives and callbacks)."""
    sources: tuple[str, ...]
    """Ids of catalogued sources whose class and member it names."""
    sinks: tuple[str, ...]
    """Sink kinds it can reach: catalogued sink APIs it names, ``network`` for raw sockets."""

    @property
    def name(self) -> str:
        """File name without the ABI folder."""
        return self.path.rsplit("/", 1)[-1]


def demangle_jni(symbol: str) -> tuple[str, str] | None:
    """(class descriptor, method name) of a JNI export, or None.

    >>> demangle_jni("Java_mod_ndk_ActMain_cFuncGetIMEI")
    ('Lmod/ndk/ActMain;', 'cFuncGetIMEI')
    >>> demangle_jni("Java_com_a_1b_C_run__Ljava_lang_String_2")
    ('Lcom/a_b/C;', 'run')
    >>> demangle_jni("JNI_OnLoad") is None
    True
    """
    if not symbol.startswith("Java_"):
        return None
    body = symbol[5:].split("__", 1)[0]  # drop the overload signature
    out: list[str] = []
    i = 0
    while i < len(body):
        ch = body[i]
        if ch != "_":
            out.append(ch)
            i += 1
            continue
        nxt = body[i + 1] if i + 1 < len(body) else ""
        if nxt == "1":
            out.append("_")
            i += 2
        elif nxt == "2":
            out.append(";")
            i += 2
        elif nxt == "3":
            out.append("[")
            i += 2
        elif nxt == "0":
            code = body[i + 2:i + 6]
            if len(code) != 4 or not all(c in "0123456789abcdefABCDEF" for c in code):
                return None
            out.append(chr(int(code, 16)))
            i += 6
        else:
            out.append("/")
            i += 1
    name = "".join(out)
    if "/" not in name:
        return None
    cls, method = name.rsplit("/", 1)
    if not cls or not method:
        return None
    return f"L{cls};", method


def library_strings(data: bytes) -> frozenset[str]:
    """Printable runs of 4 to 512 characters in the first :data:`MAX_LIBRARY_BYTES` of ``data``."""
    return frozenset(m.decode("ascii") for m in _STRINGS_RE.findall(data[:MAX_LIBRARY_BYTES]))


def inspect_library(path: str, strings: frozenset[str], kb: KnowledgeBase) -> NativeLibrary:
    """Read bindings, sources and sinks of one library from its strings."""
    jni: set[tuple[str, str]] = set()
    for s in strings:
        if s.startswith("Java_"):
            got = demangle_jni(s)
            if got is not None:
                jni.add(got)
    sources = sorted({spec.id for spec in kb.sources
                      if spec.cls and (spec.method or spec.field)
                      and spec.cls.replace(".", "/") in strings
                      and (spec.method or spec.field) in strings})
    sinks = {spec.sink for spec in kb.sinks
             if spec.cls.replace(".", "/") in strings and spec.method in strings}
    if "socket" in strings and not strings.isdisjoint(_SOCKET_CALLS):
        sinks.add("network")
    names = frozenset(s for s in strings if s.isidentifier() and len(s) <= 64)
    return NativeLibrary(path=path, jni_methods=frozenset(jni), names=names, sources=tuple(sources),
                         sinks=tuple(sorted(sinks)))


def pick_abi(paths: Iterable[str]) -> list[str]:
    """One entry per library name, from the most preferred ABI folder that has it.

    >>> pick_abi(["lib/x86/liba.so", "lib/arm64-v8a/liba.so", "lib/x86/libb.so"])
    ['lib/arm64-v8a/liba.so', 'lib/x86/libb.so']
    """
    best: dict[str, tuple[int, str]] = {}
    for p in paths:
        parts = p.split("/")
        abi = parts[1] if len(parts) >= 3 else ""
        rank = ABI_ORDER.index(abi) if abi in ABI_ORDER else len(ABI_ORDER)
        name = parts[-1]
        if name not in best or (rank, p) < best[name]:
            best[name] = (rank, p)
    return sorted(p for _r, p in best.values())


@dataclass(frozen=True)
class NativeBinding:
    """What a call to one native method of the app may do."""

    libraries: tuple[str, ...]
    """Library paths that may implement it (empty: unknown)."""
    sources: tuple[str, ...]
    """Source ids those libraries can read."""
    sinks: tuple[str, ...]
    """Sink kinds those libraries can reach."""


def bind(methods: Iterable[tuple[str, str]], libraries: Iterable[NativeLibrary],
         loaded: Iterable[str] = ()) -> dict[tuple[str, str], NativeBinding]:
    """Which libraries implement each native method (class descriptor, name).

    A ``Java_`` export names its method exactly. Otherwise (``RegisterNatives``)
    any library holding the method's name as a string may, preferring those
    the app loads by a constant name (``loaded``: ``System.loadLibrary``
    arguments such as ``"foo"`` for ``libfoo.so``).
    """
    libs = list(libraries)
    loaded_files = {f"lib{x}.so" for x in loaded}
    out: dict[tuple[str, str], NativeBinding] = {}
    for cls, name in methods:
        exact = [lib for lib in libs if (cls, name) in lib.jni_methods]
        if not exact:
            exact = [lib for lib in libs if name in lib.names]
            preferred = [lib for lib in exact if lib.name in loaded_files]
            exact = preferred or exact
        out[(cls, name)] = NativeBinding(
            libraries=tuple(lib.path for lib in exact),
            sources=tuple(sorted({s for lib in exact for s in lib.sources})),
            sinks=tuple(sorted({s for lib in exact for s in lib.sinks})))
    return out
