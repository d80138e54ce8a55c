"""Calls into code the static analysis cannot see: unbound native methods and dynamic code loading.

The taint analysis follows the app's own DEX files (plus DEX hidden in its
assets) and models native methods through the libraries that implement them.
What it cannot follow must still show in the scan, not vanish:

* **native** — a call to a native method of the app that no bundled library
  exports (``Java_…`` symbol) or names (``RegisterNatives``): its
  implementation is loaded from elsewhere or missing, so what it does with
  its arguments is unknown;
* **dynamic code** — a class loader built over DEX or APK files or bytes
  (``DexClassLoader``, ``PathClassLoader``, ``InMemoryDexClassLoader`` …),
  ``DexFile`` opened directly, or a native library loaded by path
  (``System.load``, ``Runtime.load``): the code it brings in is only known
  at run time (DEX hidden in the APK, when there is some, is analysed as a
  guess at it, and the record says so).

Each record is a call site in reachable code, with its owner.
"""

from __future__ import annotations

from collections.abc import Mapping

from analyzer.apk.native import NativeBinding
from analyzer.common.descriptors import descriptor_to_java
from analyzer.kb.owners import OwnerResolver
from analyzer.model import CodeLocation, Unresolved
from analyzer.program.hierarchy import Program
from analyzer.program.reach import Reachability, call_targets

ACC_NATIVE = 0x100
# (class, method) of calls that bring in code known only at run time.
_LOADERS = frozenset((
    ("Ldalvik/system/DexClassLoader;", "<init>"), ("Ldalvik/system/PathClassLoader;", "<init>"),
    ("Ldalvik/system/InMemoryDexClassLoader;", "<init>"), ("Ldalvik/system/BaseDexClassLoader;", "<init>"),
    ("Ldalvik/system/DelegateLastClassLoader;", "<init>"), ("Ldalvik/system/DexFile;", "<init>"),
    ("Ldalvik/system/DexFile;", "loadDex"), ("Ljava/lang/System;", "load"),
    ("Ljava/lang/Runtime;", "load"),
))


def find_unresolved(program: Program, reach: Reachability, bindings: Mapping[str, NativeBinding],
                    owner: OwnerResolver, hidden_dex: int = 0) -> list[Unresolved]:
    """Every call site in reachable code into code the analysis cannot see.

    ``bindings`` says which libraries implement each native method
    (``<class descriptor>-><name>``); ``hidden_dex`` is how many DEX files
    found inside the APK's other files were analysed as dynamically loaded code.
    """
    out: list[Unresolved] = []
    native_names = {m.name for ci in program.classes.values() for m in ci.methods.values()
                    if m.access & ACC_NATIVE}
    for ci in program.classes.values():
        for m in ci.methods.values():
            if not m.code_off or m.key not in reach:
                continue
            calls = program.facts(m).calls
            if not calls:
                continue
            loc_cls = descriptor_to_java(m.cls)
            for call in calls:
                ref = call.target
                kind, detail = "", ""
                if (ref.cls, ref.name) in _LOADERS:
                    kind = "dynamic_code"
                    native_lib = ref.name == "load"
                    detail = ("loads a native library by path" if native_lib else
                              "loads DEX code known only at run time")
                    if hidden_dex and not native_lib:
                        detail += f" ({hidden_dex} DEX files hidden in the APK were analysed in its place)"
                elif ref.name in native_names:
                    natives = [t for t in call_targets(program, reach, ref, call.op) if t.access & ACC_NATIVE]
                    if natives and all(not (b := bindings.get(f"{t.cls}->{t.name}")) or not b.libraries
                                       for t in natives):
                        kind, detail = "native", "no bundled library implements this native method"
                if kind:
                    out.append(Unresolved(
                        kind=kind, api=f"{descriptor_to_java(ref.cls)}.{ref.name}",
                        location=CodeLocation(loc_cls, m.name, m.proto, call.pc), owner=owner(loc_cls),
                        detail=detail))
    return sorted(out, key=lambda u: (str(u.location), u.api))
