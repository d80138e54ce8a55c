"""Run the hybrid-app readers over an opened APK and turn their findings into the scan's value types."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from analyzer.apk.appinfo import ApkContents
from analyzer.apk.native import library_strings
from analyzer.kb.catalogue import KnowledgeBase
from analyzer.model import CodeLocation, Confidence, Endpoint, Leak, Owner, PIAccess
from analyzer.static.hybrid.bridges import load_bridges
from analyzer.static.hybrid.flutter import read_snapshot
from analyzer.static.hybrid.frameworks import Framework, detect, is_hermes
from analyzer.static.hybrid.js import (
    PARSER_MISSING,
    URL_RE,
    Read,
    ScriptFacts,
    Site,
    library_of,
    markers_in,
    read_script,
)
from analyzer.static.hybrid.owners import ScriptOwner, module_owners

WRAPPER_RULE = """A bridge library's own code is not the app's use of it: the reads in a module that binds the
library's native module (the bridge's ``marker``: react-native-device-info's ``index.js`` binds
``NativeModules.RNDeviceInfo``), the calls on a TurboModule spec module (``r(d[0]).default.
getCurrentPosition()`` where module ``d[0]`` exports ``TurboModuleRegistry.getEnforcing("RNCGeolocation")``:
a call into native code, the library's own) and the reads in a module whose path names the library
(:func:`~analyzer.static.hybrid.js.library_of`) are the library's. How many bridges a module reads says
nothing: an app's own ``device.js`` may call six ``DeviceInfo`` methods (a real production bundle does)."""


@dataclass(frozen=True)
class HybridResult:
    """What the hybrid readers found in one APK."""

    frameworks: tuple[Framework, ...] = ()
    owners: tuple[ScriptOwner, ...] = ()
    """Script modules a catalogued SDK owns (:mod:`analyzer.static.hybrid.owners`); the rest are the app's."""
    access: tuple[PIAccess, ...] = ()
    """Bridge reads in app scripts (``kind`` ``js``) and plugin channels in a Flutter snapshot (``dart``)."""
    endpoints: tuple[Endpoint, ...] = ()
    leaks: tuple[Leak, ...] = ()
    """A bridge read whose value reaches a request call in the same function (sink kind ``network``)."""
    scripts: int = 0
    """Scripts parsed."""
    library_reads: int = 0
    """Reads inside a bridge library's own wrapper module, not counted as the app's."""
    seconds: float = 0.0
    warnings: tuple[str, ...] = field(default_factory=tuple)


def _location(site: Site) -> CodeLocation:
    """A script position as a code location: ``file:line:col`` for the class, the function for the method."""
    return CodeLocation(str(site), site.function, "")


def _origin(url: str) -> str:
    parts = urlsplit(url)
    host = parts.hostname or ""
    return f"{parts.scheme}://{host}{f':{parts.port}' if parts.port else ''}" if host else ""


def _native_deps(facts: Iterable[ScriptFacts]) -> set[tuple[str, str, int]]:
    """(file, module, K) where the module's K-th dependency is a TurboModule spec (its export is a native
    module: ``TurboModuleRegistry.getEnforcing("X")``)."""
    out: set[tuple[str, str, int]] = set()
    for f in facts:
        binding = {u.metro_id for u in f.units.values() if u.specs and u.metro_id is not None}
        for u in f.units.values():
            out |= {(f.file, u.module, k) for k, dep in enumerate(u.deps) if dep in binding}
    return out


def _app_reads(reads: list[Read], binds: dict[tuple[str, str], set[str]],
               native_deps: set[tuple[str, str, int]]) -> tuple[list[Read], int]:
    """The reads outside bridge libraries' own modules (:data:`WRAPPER_RULE`), and how many were inside
    (``binds``: the native names each (file, module) binds; ``native_deps``: the dependencies that are a
    TurboModule spec, so a call on such a module is a call into native code: the library's own, or another
    native module's)."""
    kept = [r for r in reads if library_of(r.site.module) != r.bridge.library
            and r.bridge.marker not in binds.get((r.site.file, r.site.module), ())
            and (r.dep is None or (r.site.file, r.site.module, r.dep) not in native_deps)]
    return kept, len(reads) - len(kept)


@dataclass(frozen=True)
class Scripts:
    """A hybrid app's scripts as parsed, before whose code each module is is known (the scan parses them
    before its reachability: the native classes they bind are entry points)."""

    frameworks: tuple[Framework, ...] = ()
    facts: tuple[ScriptFacts, ...] = ()
    warnings: tuple[str, ...] = ()
    seconds: float = 0.0

    @property
    def bound(self) -> frozenset[str]:
        """Every native name a script binds."""
        return frozenset(n for f in self.facts for u in f.units.values() for n in u.binds)


def read_scripts(contents: ApkContents, classes: Iterable[str], kb: KnowledgeBase) -> Scripts:
    """Name the frameworks of ``contents`` and parse their scripts (``classes``: descriptors)."""
    started = time.perf_counter()
    scripts = dict(contents.scripts)
    frameworks = detect(contents.assets, contents.native_libs, classes, scripts)
    if not frameworks:
        return Scripts(seconds=round(time.perf_counter() - started, 3))
    bridges = load_bridges(kb.directory, frozenset(kb.taxonomy))
    warnings = [f"hybrid app ({f.name}): {f.incomplete}" for f in frameworks if f.incomplete]
    roots = tuple(c for f in frameworks for c in f.code if not c.endswith(".so"))
    readable = {n: d for n, d in scripts.items() if n.startswith(roots) and not is_hermes(d)}
    if PARSER_MISSING and readable:
        warnings.append(f"{len(readable)} scripts not read: {PARSER_MISSING}")
        readable = {}
    markers = markers_in(list(readable.values()), bridges)
    facts = tuple(read_script(n, d, bridges, markers) for n, d in sorted(readable.items()))
    damaged = [f.file for f in facts if f.parse_errors]
    if damaged:
        warnings.append(f"{len(damaged)} scripts have syntax the parser could not read in places "
                        f"(e.g. {damaged[0]}): the rest of them is read")
    return Scripts(tuple(frameworks), facts, tuple(warnings), round(time.perf_counter() - started, 3))


def analyse(contents: ApkContents, classes: Iterable[str], kb: KnowledgeBase, package: str,
            natives: Callable[[], dict[str, Owner]] | None = None,
            parsed: Scripts | None = None) -> HybridResult:
    """The hybrid evidence of ``contents``: its scripts (``parsed``, else parsed here) and snapshot, each
    read, URL and send with its owner (``classes``: descriptors; ``natives``: each native name whose answering
    class a catalogued SDK owns → that SDK (:func:`~analyzer.static.hybrid.natives.native_owners`), asked
    once when there are scripts or a snapshot; without it every script module is the app's)."""
    parsed = parsed if parsed is not None else read_scripts(contents, classes, kb)
    started = time.perf_counter() - parsed.seconds
    frameworks, facts, warnings = parsed.frameworks, parsed.facts, list(parsed.warnings)
    if not frameworks:
        return HybridResult(seconds=parsed.seconds)
    bridges = load_bridges(kb.directory, frozenset(kb.taxonomy))
    app = Owner("app", package)
    flutter = any(f.name == "flutter" for f in frameworks)
    sdk_of = natives() if natives is not None and (facts or flutter) else {}
    owners = [ScriptOwner(f.file, module, o.owner.id, o.why)
              for f in facts for module, o in sorted(module_owners(f.units.values(), sdk_of.get).items())]
    by_module = {(o.file, o.module): Owner("sdk", o.sdk) for o in owners}

    def owner(site: Site) -> Owner:
        return by_module.get((site.file, site.module), app)

    binds = {(f.file, u.module): u.binds for f in facts for u in f.units.values()}
    reads, library_reads = _app_reads([r for f in facts for r in f.reads], binds, _native_deps(facts))
    kept = set(reads)
    access = {r: PIAccess(f"js:{r.bridge.id}", r.text, "js", r.bridge.pi, _location(r.site), owner(r.site),
                          True, r.bridge.permission or None) for r in reads}
    endpoints = [Endpoint(u.host, u.url, u.scheme, _location(u.site), owner(u.site), True)
                 for f in facts for u in f.urls]
    leaks = []
    for f in facts:
        for s in f.sends:
            sources = tuple(access[r] for r in s.reads if r in kept)
            if not sources:
                continue
            leaks.append(Leak(sink_kind="network", sink_api=f"js:{s.callee}", sink=_location(s.site),
                              sink_owner=owner(s.site), sources=sources,
                              path=tuple(dict.fromkeys([*(f"{r.site.file}:{r.site.function}"
                                                          for r in s.reads),
                                                        f"{s.site.file}:{s.site.function}"])),
                              confidence=Confidence.MEDIUM,
                              destinations=tuple(dict.fromkeys(o for u in s.urls if (o := _origin(u))))))
    roots = tuple(c for f in frameworks for c in f.code if not c.endswith(".so"))
    for name, data in sorted(contents.scripts):  # Hermes bytecode: the string table's URLs, strings only
        if name.startswith(roots) and is_hermes(data):
            where = CodeLocation(f"{name}:strings", "<hermes>", "")
            for text in sorted(t for t in library_strings(data) if "://" in t):
                endpoints += [Endpoint(m.group(2).lower().rstrip("."), m.group(0), m.group(1)[:-3], where,
                                       app, True) for m in URL_RE.finditer(text)]
    dart_access: list[PIAccess] = []
    for name, strings in contents.native_code:
        if not name.endswith("/libapp.so") or not flutter:
            continue
        snap = read_snapshot(name, strings, bridges.channels)
        where = CodeLocation(f"{name}:strings", "<snapshot>", "")
        dart_access += [PIAccess(f"dart:{c.name}", c.name, "dart", c.pi, where, sdk_of.get(c.name, app), True)
                        for c in snap.channels]
        endpoints += [Endpoint(host, url, scheme, where, app, True) for url, host, scheme in snap.urls]
    return HybridResult(tuple(frameworks), tuple(owners), (*access.values(), *dart_access), tuple(endpoints),
                        tuple(leaks),
                        len(facts), library_reads, round(time.perf_counter() - started, 3), tuple(warnings))
