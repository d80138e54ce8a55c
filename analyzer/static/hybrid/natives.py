"""Which Java class answers each native name a script binds: React Native modules, Cordova services, channels.

A hybrid app's script reaches native code by name, and the name is all a
production bundle keeps of who wrote the script: ``NativeModules.RNAppsFlyer``
is answered by the Java class whose ``getName()`` returns ``"RNAppsFlyer"``,
Cordova's ``exec(ok, fail, "Device", …)`` by the class ``config.xml``'s
``<feature name="Device">`` names, a Dart ``MethodChannel("…/device_info")`` by
the plugin class that opens the same channel. That class's package says whose
code it is (:class:`~analyzer.kb.owners.OwnerResolver`), and so whose the script
module binding it is (:mod:`analyzer.static.hybrid.owners`).

- **React Native**: a class under ``BaseJavaModule``/``NativeModule``/``TurboModule``
  whose ``getName()`` returns one constant string (``return "X"``; a ``static
  final`` constant is inlined by the compiler, a Kotlin ``const val`` too).
- **Cordova**: the ``(name, android-package)`` pairs of ``config.xml`` the manifest
  reader took (:attr:`~analyzer.apk.appinfo.AppInfo.script_services`).
- **Flutter**: ``new MethodChannel(messenger, "name")`` (and ``EventChannel``,
  ``BasicMessageChannel``) with the name a ``const-string`` put in the argument's
  register before the call.

A name two classes claim is left out (no owner is better than a guessed one).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from analyzer.common.descriptors import descriptor_to_java, java_to_descriptor
from analyzer.model import Owner
from analyzer.program.hierarchy import Program

RN_MODULE_TYPES = frozenset({
    "Lcom/facebook/react/bridge/BaseJavaModule;",
    "Lcom/facebook/react/bridge/ReactContextBaseJavaModule;",
    "Lcom/facebook/react/bridge/NativeModule;",
    "Lcom/facebook/react/turbomodule/core/interfaces/TurboModule;",
})
CHANNEL_TYPES = frozenset({
    "Lio/flutter/plugin/common/MethodChannel;",
    "Lio/flutter/plugin/common/EventChannel;",
    "Lio/flutter/plugin/common/BasicMessageChannel;",
})
_GET_NAME = "getName()Ljava/lang/String;"


def _unique(pairs: Iterable[tuple[str, str]]) -> dict[str, str]:
    """``name → class`` from (name, class) pairs, names claimed by two classes dropped."""
    out: dict[str, str] = {}
    clash: set[str] = set()
    for name, cls in pairs:
        if name in out and out[name] != cls:
            clash.add(name)
        out.setdefault(name, cls)
    return {n: c for n, c in out.items() if n not in clash}


def react_modules(program: Program) -> dict[str, str]:
    """React Native module names (what ``getName()`` returns) → Java class names."""
    pairs = []
    for ci in program.classes.values():
        m = ci.methods.get(_GET_NAME)
        if m is None or not m.code_off or not (program.supertypes(ci.descriptor) & RN_MODULE_TYPES):
            continue
        strings = {v for _pc, _reg, v in program.facts(m).strings}
        if len(strings) == 1:
            pairs.append((next(iter(strings)), ci.java_name))
    return _unique(pairs)


def flutter_channels(program: Program, wanted: frozenset[str]) -> dict[str, str]:
    """Platform-channel names a class opens (``new MethodChannel(messenger, "name")``) → Java class names
    (``wanted``: only these names)."""
    pairs = []
    for m in program.methods():
        if not m.code_off:
            continue
        f = program.facts(m)
        if not f.strings or not any(c.target.cls in CHANNEL_TYPES for c in f.calls):
            continue
        for call in f.calls:
            if call.target.cls not in CHANNEL_TYPES or call.target.name != "<init>" or len(call.args) < 3:
                continue
            reg = call.args[2]
            names = [v for pc, r, v in f.strings if r == reg and pc < call.pc]
            if names and names[-1] in wanted:
                pairs.append((names[-1], descriptor_to_java(m.cls)))
    return _unique(pairs)


def native_classes(program: Program, services: Iterable[tuple[str, str]] = (),
                   channels: frozenset[str] = frozenset()) -> dict[str, str]:
    """Every native name a script may bind → the Java class that answers it: React Native modules,
    Cordova ``services`` (``config.xml`` features) and the Flutter ``channels`` a class opens (only those
    names: the strings of the app's snapshot; none, and the code is not searched for channels)."""
    out = _unique(services)
    out.update((n, c) for n, c in react_modules(program).items() if n not in out)
    if channels:
        out.update((n, c) for n, c in flutter_channels(program, channels).items() if n not in out)
    return out


def native_owners(classes: dict[str, str], owner: Callable[[str], Owner]) -> dict[str, Owner]:
    """The native names (``classes``: name → answering class) whose class a catalogued SDK owns (``owner``:
    the scan's class owner resolver) → that SDK; names the app's or an uncatalogued library's classes
    answer are left out."""
    return {name: o for name, cls in classes.items() if (o := owner(cls)).kind == "sdk"}


def script_entries(classes: dict[str, str], bound: Iterable[str]) -> dict[str, str]:
    """The classes scripts call into, as entry points for reachability: class descriptor → why
    (``classes``: name → answering class; ``bound``: the native names the scripts bind or the snapshot
    names)."""
    out: dict[str, str] = {}
    for name in sorted(set(bound) & set(classes)):
        out.setdefault(java_to_descriptor(classes[name]), f"native module {name}, bound by the app's scripts")
    return out
