"""Run the static scan of one APK: open it, model its code, find PI access, SDKs and endpoints.

This is the pipeline behind ``piflow scan``; it returns a :class:`ScanResult`
of plain value types that the graph, the renderers and later the rules
consume.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, TypeVar

from analyzer import __version__
from analyzer.apk.appinfo import AppInfo
from analyzer.apk.bundles import open_app_deferred
from analyzer.apk.dex import ACC_NATIVE, DexError, DexFile
from analyzer.apk.native import NativeLibrary, bind, inspect_library
from analyzer.apk.packers import ApkNames, find_packers, incomplete_reason
from analyzer.common import parallel
from analyzer.common.budget import Budget, OverBudget
from analyzer.common.descriptors import descriptor_to_java, java_to_descriptor
from analyzer.errors import InputError
from analyzer.kb.catalogue import KnowledgeBase, Switch, load_kb
from analyzer.kb.owners import OwnerResolver
from analyzer.model import (
    CodeLocation,
    Confidence,
    ConsentGate,
    Endpoint,
    Leak,
    PackerHit,
    PIAccess,
    PreConsentHit,
    SDKHit,
    SecurityFact,
    SinkStep,
    Unresolved,
)
from analyzer.program.framework import load_framework
from analyzer.program.hierarchy import Program
from analyzer.program.reach import Reachability, reachable
from analyzer.static.callers import attribute_by_callers
from analyzer.static.consent import find_consent
from analyzer.static.destinations import resolve as resolve_destinations
from analyzer.static.hybrid import HybridResult, Scripts, read_scripts
from analyzer.static.hybrid import analyse as analyse_hybrid
from analyzer.static.hybrid.frameworks import Framework
from analyzer.static.hybrid.natives import native_classes, native_owners, script_entries
from analyzer.static.hybrid.owners import ScriptOwner
from analyzer.static.sdks import find_sdks
from analyzer.static.security import find_security_facts
from analyzer.static.sources import find_endpoints, find_pi_access, split_unheld
from analyzer.static.switches import switched_off
from analyzer.static.unresolved import find_unresolved
from analyzer.taint import TaintResult
from analyzer.taint import analyse as analyse_taint

T = TypeVar("T")

log = logging.getLogger(__name__)

DEFAULT_MAX_MEMORY_MB = 4096.0
"""Default memory budget of a scan (resident MiB) past which the taint analysis stops."""


@dataclass(frozen=True)
class ScanStats:
    """Size of the code and how much of it the scan covered."""

    dex_files: int
    """Number of DEX files."""
    classes: int
    """Classes defined."""
    methods: int
    """Methods defined (with or without code)."""
    reachable_methods: int
    """Methods reachable from an entry point."""
    entry_points: int
    """Entry-point methods."""
    seconds: float
    """Wall time of the scan."""
    decode_errors: int = 0
    """Methods whose bytecode could not be decoded."""
    taint_methods: int = 0
    """Method analyses the taint engine ran."""
    taint_seconds: float = 0.0
    """Time spent in the taint analysis."""
    partial: bool = False
    """True when the time or memory budget ran out: results are what was found until then."""
    partial_reason: str = ""
    """The budget that ran out: ``time`` or ``memory``, or ``no code`` when the input had no code piflow reads
    (a decoded folder with smali only); empty when the scan finished."""
    taint_methods_total: int = 0
    """Reachable methods the taint analysis had to summarise."""
    taint_methods_covered: int = 0
    """Of those, the methods it finished before a budget ran out (all of them when not partial)."""
    facts_seconds: float = 0.0
    """Time spent finding security facts and the pre-consent window."""
    partial_phase: str = ""
    """The phase the budget cut (``reading classes``, ``reachability``, ``PI access``, ``endpoints``,
    ``unresolved calls``, ``security facts``, ``taint``): the phases before it are complete."""
    static_complete: bool = True
    """False when the APK's code is partly out of sight: a packer or protector hides it
    (``ScanResult.packers``), so no static verdict may be drawn from what was read."""
    incomplete_reason: str = ""
    """Why the static evidence is incomplete (empty when it is complete)."""


@dataclass(frozen=True)
class ScanResult:
    """Everything ``piflow scan`` found in one APK."""

    apk: str
    """File name of the APK."""
    sha256: str
    """SHA-256 of the APK."""
    size: int
    """APK size in bytes."""
    app: AppInfo
    """Manifest and resource facts."""
    sdks: tuple[SDKHit, ...]
    """Bundled third-party SDKs."""
    access: tuple[PIAccess, ...]
    """Every PI source read in the code that can return PI (the app requests what it needs)."""
    endpoints: tuple[Endpoint, ...]
    """URL constants in the code."""
    leaks: tuple[Leak, ...]
    """PI reaching sink call sites."""
    stats: ScanStats
    """Coverage and timing."""
    security: tuple[SecurityFact, ...] = ()
    """Security facts: trust-all TLS code, WebView exposure, file modes, external storage."""
    pre_consent: tuple[PreConsentHit, ...] = ()
    """SDK calls and PI reads that can run before the first user interaction (with ``gate`` set: kept
    out on the first launch by a consent flag still at its default)."""
    consent_gates: tuple[ConsentGate, ...] = ()
    """The consent flags the pre-consent window branches on, and flags window code presets."""
    native_libs: tuple[str, ...] = ()
    """Native libraries bundled (their code is not analysed)."""
    extra_dex: tuple[str, ...] = ()
    """Code files outside classesN.dex (DEX found in them is analysed as dynamically loaded code)."""
    native: tuple[NativeLibrary, ...] = ()
    """What each native library binds and names (sources it can read, sinks it can reach)."""
    unheld: tuple[PIAccess, ...] = ()
    """PI source reads guarded by a permission the app does not request (``permission``): they can
    never return PI, so they are kept out of the inventory, the pre-consent window, the taint
    analysis and the rules, and shown apart."""
    idle: tuple[PIAccess, ...] = ()
    """PI source reads in the code of an SDK the app bundles but does not use (none of its entry
    classes is there, ``SDKSpec.entry``): its data classes never hold the SDK's data, so these are
    kept out like ``unheld``, and shown apart."""
    off: tuple[PIAccess, ...] = ()
    """PI source reads in library code whose feature the app never switches on (``switched`` in
    sources.yaml: AppCompat's TwilightManager without automatic night mode): kept out like
    ``unheld``, and shown apart."""
    compared: tuple[PIAccess, ...] = ()
    """PI source reads whose value is only compared (``Build.FINGERPRINT.contains("generic")``),
    never kept or passed on (``PIAccess.only_compared``): they collect nothing, so they are kept out
    like ``unheld``, and shown apart."""
    unresolved: tuple[Unresolved, ...] = ()
    """Calls into code the analysis cannot see: unbound native methods, dynamic code loading."""
    warnings: tuple[str, ...] = ()
    """Things the user should know about the scan's limits."""
    packers: tuple[PackerHit, ...] = ()
    """Packers, protectors and obfuscators recognised (``policies/packers.yaml``): with a packer or
    protector the static evidence is incomplete (``stats.static_complete``)."""
    piflow_version: str = __version__
    """Version that produced the result."""
    kb_checked: dict[str, str] = field(default_factory=dict)
    """Dates the data files were last checked."""
    script_owners: tuple[ScriptOwner, ...] = ()
    """Script modules a catalogued SDK owns, and why (:mod:`analyzer.static.hybrid.owners`): their reads,
    URLs and sends are that SDK's; every other script module is the app's."""
    frameworks: tuple[Framework, ...] = ()
    """Hybrid-app frameworks the APK carries (React Native, uni-app, Cordova, Capacitor, Flutter, WebView
    pages); their scripts' bridge reads are in ``access`` (kind ``js``, Flutter channels ``dart``), their
    URL literals in ``endpoints``."""
    script_leaks: tuple[Leak, ...] = ()
    """A bridge read in a script whose value reaches a request call of the same function
    (:mod:`analyzer.static.hybrid.js`): found without the taint analysis, kept apart from ``leaks``."""
    input_format: str = "apk"
    """What was scanned: ``apk``, ``apks`` (a split set), ``xapk``, ``aab`` (an app bundle) or ``decoded``
    (an apktool-decoded folder) (:attr:`analyzer.apk.appinfo.ApkContents.input_format`)."""
    splits: tuple[str, ...] = ()
    """The splits or bundle modules read as this one app, base first (empty for a plain APK)."""

    @property
    def pi_types(self) -> list[str]:
        """PI types read in reachable code, sorted."""
        return sorted({p for a in self.access if a.reachable for p in a.pi})

    @property
    def unreachable_pi_types(self) -> list[str]:
        """PI types read only in code that no entry point reaches."""
        reach = set(self.pi_types)
        return sorted({p for a in self.access if not a.reachable for p in a.pi} - reach)


def _collected(access: list[PIAccess], kb: KnowledgeBase, app: AppInfo,
               sdks: list[SDKHit]) -> tuple[list[PIAccess], list[PIAccess], list[PIAccess], list[PIAccess]]:
    """(collected, unheld, idle, compared): the reads that can return PI, those needing a permission
    the app does not request, those in the data classes of an SDK it does not use, and those whose
    value is only compared."""
    held, unheld = split_unheld(access, kb, app)
    kept, idle = _split_idle(held, kb, sdks)
    return [a for a in kept if not a.only_compared], unheld, idle, [a for a in kept if a.only_compared]


def _split_off(access: list[PIAccess], off: dict[str, Switch]) -> tuple[list[PIAccess], list[PIAccess]]:
    """(kept, off): the reads located in library code whose feature is never switched on are off."""
    def is_off(cls: str) -> bool:
        return cls in off or cls.split("$", 1)[0] in off
    return [a for a in access if not is_off(a.location.cls)], [a for a in access if is_off(a.location.cls)]


def _split_idle(access: list[PIAccess], kb: KnowledgeBase,
                sdks: list[SDKHit]) -> tuple[list[PIAccess], list[PIAccess]]:
    """(used, idle): reads in the code of an SDK that lists entry classes but is not reported are idle."""
    used = {h.sdk_id for h in sdks}
    keep: list[PIAccess] = []
    idle: list[PIAccess] = []
    for a in access:
        o = a.owner
        dormant = o.kind == "sdk" and o.id not in used and o.id in kb.sdks and bool(kb.sdks[o.id].entry)
        (idle if dormant else keep).append(a)
    return keep, idle


def _java_method(key: str) -> str:
    cls, sig = key.split("->", 1)
    return f"{descriptor_to_java(cls)}.{sig.split('(')[0]}"


def _leaks(result: TaintResult, owner: OwnerResolver) -> list[Leak]:
    """The taint leaks as findings: one per flow, the sink calls of one method that the same sources
    reach with data of one sink kind being one flow (its last call the sink, the others its steps)."""
    flows: dict[tuple[object, ...], list[Leak]] = {}
    for leak in _sink_leaks(result, owner):
        key = (leak.sink_kind, leak.sink.cls, leak.sink.method, leak.sink.proto,
               frozenset((s.location, s.api) for s in leak.sources), leak.implicit)
        flows.setdefault(key, []).append(leak)
    out = []
    for calls in flows.values():
        calls.sort(key=lambda lk: lk.sink.offset)
        *before, last = calls
        steps = [st for lk in before for st in (*lk.steps, SinkStep(lk.sink_api, lk.sink))]
        kept: dict[tuple[str, CodeLocation], SinkStep] = {}
        for st in (*steps, *last.steps):  # once each; a call handed the data is no mere follow-up
            old = kept.get((st.api, st.site))
            if (st.api, st.site) != (last.sink_api, last.sink) and (old is None or old.follows):
                kept[(st.api, st.site)] = st
        out.append(replace(last, steps=tuple(kept.values())))
    out.sort(key=lambda lk: (lk.sink.cls, lk.sink.method, lk.sink.offset))
    return out


SHARED_MODES = ("world_readable_mode", "world_writable_mode")
"""Security facts that make a class's files, preferences and databases readable by other apps."""


def _shared_storage(leaks: list[Leak], facts: list[SecurityFact]) -> list[Leak]:
    """Storage leaks in a class that opens its storage world-readable or -writable (reachable) leave
    the app: other apps read them (scope ``outside``; rule o24-13-pi-on-shared-storage joins the same
    way, by class)."""
    shared = {f.location.cls for f in facts if f.kind in SHARED_MODES and f.reachable}
    return [replace(lk, scope="outside") if lk.scope == "storage" and lk.sink.cls in shared else lk
            for lk in leaks]


def _location(key: str, pc: int) -> CodeLocation:
    cls, rest = key.split("->", 1)
    name = rest[:rest.index("(")]
    return CodeLocation(descriptor_to_java(cls), name, rest[len(name):], pc)


def _sink_leaks(result: TaintResult, owner: OwnerResolver) -> list[Leak]:
    """One finding per sink call site the taint analysis reports."""
    out = []
    for lk in result.leaks:
        loc = _location(lk.sink.method, lk.sink.pc)
        path = tuple(dict.fromkeys([_java_method(m) for m in lk.chain] if lk.chain else
                                   [f"{s.location.cls}.{s.location.method}" for s in lk.sources]
                                   + [_java_method(r) for r in lk.via]
                                   + [f"{loc.cls}.{loc.method}"]))
        out.append(Leak(sink_kind=lk.sink.sink, sink_api=lk.sink.api, sink=loc,
                        sink_owner=owner(loc.cls), sources=lk.sources, path=path, receivers=lk.receivers,
                        steps=(*(SinkStep(s.api, _location(s.method, s.pc)) for s in lk.steps),
                               *(SinkStep(s.api, _location(s.method, s.pc), True) for s in lk.follows)),
                        # data of unknown kind (what another app sent) only, or PI that only decides
                        # what runs: less sure it is PI that leaves
                        confidence=Confidence.MEDIUM if any(s.pi for s in lk.sources) and not lk.implicit
                        else Confidence.LOW, implicit=lk.implicit))
    return out


PHASES = ("reading classes", "reading scripts", "reachability", "attribution", "PI access", "hybrid app code",
          "switched-off features", "endpoints",
          "unresolved calls", "taint", "security facts")
"""The phases of a scan with ``--taint``, in the order a budget meets them (``ScanStats.partial_phase``)."""


@dataclass
class _Parts:
    """What the phases of one scan found so far (each phase fills its part, or leaves it empty when cut)."""

    path: str | Path
    budget: Budget
    contents: Any
    dex: list[DexFile]
    hidden: int
    program: Program
    libraries: tuple[Any, ...] = ()
    reach: Reachability = field(default_factory=Reachability)
    access: list[PIAccess] = field(default_factory=list)
    unheld: list[PIAccess] = field(default_factory=list)
    compared: list[PIAccess] = field(default_factory=list)
    off: list[PIAccess] = field(default_factory=list)
    idle: list[PIAccess] = field(default_factory=list)
    sdks: list[SDKHit] = field(default_factory=list)
    endpoints: list[Any] = field(default_factory=list)
    scripts: Scripts = field(default_factory=Scripts)
    hybrid: HybridResult = field(default_factory=HybridResult)
    unresolved: list[Unresolved] = field(default_factory=list)
    facts: tuple[list[SecurityFact], list[PreConsentHit], list[ConsentGate], float] = ([], [], [], 0.0)
    flows: TaintResult | None = None
    leaks: list[Leak] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    packers: list[PackerHit] = field(default_factory=list)
    cut: list[tuple[str, str]] = field(default_factory=list)
    """(phase, budget) where the time or memory budget ran out; the phases after it did not run."""

    def phase(self, name: str, fn: Callable[[], T], default: T, code_read: bool = True) -> T:
        """``fn()``, or ``default`` when an earlier phase was cut or the budget runs out in this one.

        Once the code is read (``code_read``), malformed code a phase meets costs that phase its results
        (with a warning), not the scan; while the classes are read, it is the input's fault (DexError).
        """
        if name not in PHASES:
            raise ValueError(f"unknown scan phase {name!r}")
        if self.cut:
            return default
        try:
            self.budget.check()  # once per phase at least: a small app may never tick 256 times
            return fn()
        except OverBudget as e:
            self.cut.append((name, e.kind))
            return default
        except DexError as e:  # code the platform's verifier would reject, met where no method was skipped
            if not code_read:
                raise
            self.warnings.append(f"{name}: stopped on malformed code, its results are incomplete ({e})")
            return default


def scan_apk(path: str | Path, kb: KnowledgeBase | None = None,
             progress: Callable[[str], None] | None = None, budget_s: float = 60.0,
             taint: bool = False, max_memory_mb: float | None = DEFAULT_MAX_MEMORY_MB,
             checkpoint: Callable[[ScanResult], None] | None = None) -> ScanResult:
    """Scan one APK. Raises :class:`InputError` for files that are not analysable APKs.

    ``budget_s`` and ``max_memory_mb`` (resident memory of this process; None
    for no limit) bound every phase: past either, the phase stops, the ones
    after it do not run, and the result is what was found until then, marked
    partial with the phase that was cut (the taint analysis, last, gets what
    is left of the time and reports the share of methods it covered).
    ``checkpoint``, with ``taint``, is handed the result without taint before the
    taint analysis starts (a batch keeps it should the process be killed).
    """
    started = time.perf_counter()
    budget = Budget(budget_s, max_memory_mb)
    step = progress or (lambda _msg: None)
    kb = kb or load_kb()
    framework = load_framework()
    step("opening APK")
    # the manifest is parsed in a worker process while this one reads the DEX files
    contents, manifest = open_app_deferred(path)
    step("reading DEX")
    warnings = list(contents.notes)
    try:
        dex = [DexFile(data, name) for name, data in contents.dex]
    except DexError as e:
        manifest()  # a bad manifest is reported before bad code, as when read first
        raise InputError(f"{Path(path).name}: {e}") from e
    hidden = 0
    for name, data in contents.hidden_dex:  # loaded after the APK's own DEX: its classes win
        try:
            dex.append(DexFile(data, name))
            hidden += 1
        except DexError as e:
            warnings.append(f"{name}: not analysed ({e})")
    parts = _Parts(path, budget, contents, dex, hidden, Program([], framework), warnings=warnings)
    try:
        parts.program = parts.phase("reading classes", lambda: Program(dex, framework, budget), parts.program,
                                     code_read=False)
    except DexError as e:
        manifest()
        raise InputError(f"{Path(path).name}: {e}") from e
    program = parts.program
    parts.libraries = tuple(inspect_library(name, strings, kb) for name, strings in contents.native_code)
    parts.contents = contents = replace(contents, info=manifest())
    info = contents.info
    names = ApkNames(frozenset(descriptor_to_java(c) for c in program.classes), info.application_class,
                     contents.entries)
    parts.packers = find_packers(kb.packers, names, contents.asset_heads)
    step("reading hybrid app code")
    parts.scripts = parts.phase("reading scripts", lambda: read_scripts(contents, program.classes, kb),
                                parts.scripts)
    snapshot = frozenset(t for n, strings in contents.native_code if n.endswith("/libapp.so")
                         and any(f.name == "flutter" for f in parts.scripts.frameworks) for t in strings)
    script_natives = (native_classes(program, info.script_services, snapshot)
                      if parts.scripts.frameworks else {})
    entries = script_entries(script_natives, parts.scripts.bound | snapshot)
    step("computing reachable code")
    parts.reach = reach = parts.phase("reachability", lambda: reachable(program, info, entries), parts.reach)
    owner = OwnerResolver(kb, info.package)
    parts.phase("attribution", lambda: attribute_by_callers(program, reach, kb, owner), dict[str, str]())
    step("finding PI access")
    parts.access = parts.phase("PI access", lambda: find_pi_access(program, kb, info, reach, owner), [])
    parts.hybrid = parts.phase("hybrid app code",
                               lambda: analyse_hybrid(contents, program.classes, kb, info.package,
                                                      lambda: native_owners(script_natives, owner),
                                                      parts.scripts),
                               parts.hybrid)
    parts.access += parts.hybrid.access
    parts.sdks = find_sdks(program, kb, info, reach.methods)
    parts.access, parts.unheld, parts.idle, parts.compared = _collected(parts.access, kb, info, parts.sdks)
    switched = parts.phase("switched-off features", lambda: switched_off(program, reach, kb),
                           dict[str, Switch]())
    parts.access, parts.off = _split_off(parts.access, switched)
    parts.endpoints = parts.phase("endpoints", lambda: find_endpoints(program, kb, info, reach, owner), [])
    parts.endpoints += parts.hybrid.endpoints
    step("finding security facts")
    read_pi = parts.access

    def security_facts() -> tuple[list[SecurityFact], list[PreConsentHit], list[ConsentGate], float]:
        facts_started = time.perf_counter()
        security = find_security_facts(program, kb, info, reach, owner)
        pre_consent, gates = find_consent(program, kb, info, read_pi, owner)
        return list(security), pre_consent, gates, time.perf_counter() - facts_started

    # with --taint, the facts are found in a worker process (the second core) while the taint runs
    facts_of = (parallel.start(security_facts, background=taint and checkpoint is None)
                if not parts.cut else (lambda: parts.facts))
    natives = [(ci.descriptor, m.name) for ci in program.classes.values() for m in ci.methods.values()
               if m.access & ACC_NATIVE]
    bindings = {f"{c}->{n}": b for (c, n), b in bind(natives, parts.libraries).items()}
    parts.unresolved = parts.phase("unresolved calls",
                                   lambda: find_unresolved(program, reach, bindings, owner, hidden), [])
    if taint and checkpoint is not None:
        parts.facts = parts.phase("security facts", facts_of, parts.facts)
        checkpoint(_result(parts, started, budget_s, max_memory_mb, kb))
    if taint and not parts.cut:
        step("following PI to sinks")
        program.budget = None  # the taint analysis keeps to the rest of the budget itself (partial results)
        parts.flows = analyse_taint(program, kb, reach, parts.access, budget_s=budget.remaining(),
                                    app=info, native=bindings, max_rss_mb=max_memory_mb, owner=owner)
        parts.leaks = resolve_destinations(program, reach, kb, _leaks(parts.flows, owner))
    if not (taint and checkpoint is not None):
        parts.facts = parts.phase("security facts", facts_of, parts.facts)
    return _result(parts, started, budget_s, max_memory_mb, kb)


def _result(parts: _Parts, started: float, budget_s: float, max_memory_mb: float | None,
            kb: KnowledgeBase) -> ScanResult:
    """The scan result from its parts (with or without the taint's)."""
    contents, program, reach, flows = parts.contents, parts.program, parts.reach, parts.flows
    security, pre_consent, gates, facts_seconds = parts.facts
    warnings = list(parts.warnings)
    sdks = parts.sdks
    # sources the taint analysis found (reflective, native) pass the same test as the others
    found, unheld, idle, compared = _collected(list(flows.found_sources) if flows else [], kb,
                                               contents.info, sdks)
    access, unheld, idle = [*parts.access, *found], [*parts.unheld, *unheld], [*parts.idle, *idle]
    compared = [*parts.compared, *compared]
    if contents.native_libs:
        warnings.append("native libraries inspected by their symbols and strings only: "
                        f"{len(parts.libraries)}")
    if parts.unresolved:
        warnings.append(f"{len(parts.unresolved)} calls into code the analysis cannot see (native methods no "
                        "bundled library implements, code loaded at run time): listed as unresolved")
    warnings += parts.hybrid.warnings
    if parts.hidden:
        warnings.append(f"{parts.hidden} DEX files found in {len(contents.extra_dex)} other code files "
                        "analysed as dynamically loaded code")

    def budget_text(kind: str) -> str:
        if kind == "memory":
            return f"memory budget of {max_memory_mb:.0f} MB"
        return f"time budget of {budget_s:.0f} s"

    partial_phase, partial_reason = parts.cut[0] if parts.cut else ("", "")
    if partial_phase:
        warnings.append(f"{budget_text(partial_reason)} ran out in the {partial_phase} phase: the static "
                        "results are partial and the phases after it did not run")
    elif flows is not None and flows.partial:
        partial_phase, partial_reason = "taint", flows.stopped_by
        warnings.append(f"{budget_text(flows.stopped_by)} ran out: the taint results are partial "
                        f"({flows.methods_covered} of {flows.methods_total} methods analysed)")
    if contents.code_missing:  # a decoded folder with smali only: nothing found is no evidence of nothing
        partial_phase, partial_reason = "reading classes", "no code"
    if program.decode_errors:
        warnings.append(f"{len(program.decode_errors)} methods could not be decoded")
    incomplete = incomplete_reason(parts.packers)
    if incomplete:
        opaque = {f for h in parts.packers for f in h.opaque_files}
        warnings.append(f"{incomplete}; the readable DEX (the stub) was analysed, "
                        f"{len(opaque)} assets look encrypted: the static evidence is incomplete and "
                        "no static rule is evaluated")
    if flows is not None and flows.errors:
        warnings.append(f"{len(flows.errors)} methods could not be analysed for taint (malformed code): "
                        "what flows through them is not followed")
    if program.hierarchy_cuts:
        warnings.append(f"{len(program.hierarchy_cuts)} classes have a cyclic or too deep class hierarchy "
                        "(no runtime would load them): their supertype links were cut")
    missing = [c for c in ([contents.info.application_class] +
                           [c.name for c in contents.info.components if c.kind != "activity-alias"])
               if c and java_to_descriptor(c) not in program.classes and partial_phase != "reading classes"]
    if missing:
        warnings.append(f"{len(missing)} manifest classes are not in the DEX "
                        f"(e.g. {missing[0]}): packed or dynamically loaded code?")
    stats = ScanStats(
        dex_files=len(parts.dex),
        classes=len(program.classes),
        methods=sum(len(c.methods) for c in program.classes.values()),
        reachable_methods=len(reach.methods),
        entry_points=len(reach.entry_points),
        seconds=round(time.perf_counter() - started, 3),
        decode_errors=len(program.decode_errors),
        taint_methods=flows.analysed_methods if flows else 0,
        taint_seconds=flows.seconds if flows else 0.0,
        partial=bool(partial_phase),
        partial_reason=partial_reason,
        taint_methods_total=flows.methods_total if flows else 0,
        taint_methods_covered=flows.methods_covered if flows else 0,
        facts_seconds=round(facts_seconds, 3),
        partial_phase=partial_phase,
        static_complete=not incomplete,
        incomplete_reason=incomplete,
    )
    log.debug("entry points: %s", [descriptor_to_java(k.split("->")[0]) for k in reach.entry_points[:5]])
    return ScanResult(
        apk=Path(parts.path).name,
        sha256=contents.sha256,
        size=contents.size,
        app=contents.info,
        sdks=tuple(sdks),
        access=tuple(sorted(access, key=lambda a: (str(a.location), a.source_id))),
        unheld=tuple(sorted(unheld, key=lambda a: (str(a.location), a.source_id))),
        compared=tuple(sorted(compared, key=lambda a: (str(a.location), a.source_id))),
        off=tuple(sorted(parts.off, key=lambda a: (str(a.location), a.source_id))),
        idle=tuple(sorted(idle, key=lambda a: (str(a.location), a.source_id))),
        endpoints=tuple(sorted(parts.endpoints, key=lambda e: (e.host, str(e.location)))),
        leaks=tuple(_shared_storage(parts.leaks, security)),
        stats=stats,
        security=tuple(security),
        pre_consent=tuple(pre_consent),
        consent_gates=tuple(gates),
        native_libs=contents.native_libs,
        extra_dex=contents.extra_dex,
        native=parts.libraries,
        unresolved=tuple(parts.unresolved),
        warnings=tuple(warnings),
        frameworks=parts.hybrid.frameworks,
        script_owners=parts.hybrid.owners,
        script_leaks=tuple(lk for lk in parts.hybrid.leaks
                           if all(s in access for s in lk.sources)),  # reads the app can hold
        packers=tuple(parts.packers),
        input_format=contents.input_format,
        splits=contents.splits,
    )
