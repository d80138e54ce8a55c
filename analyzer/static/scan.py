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
from typing import Any

from analyzer import __version__
from analyzer.apk.appinfo import AppInfo
from analyzer.apk.container import open_apk_deferred
from analyzer.apk.dex import ACC_NATIVE, DexError, DexFile
from analyzer.apk.native import NativeLibrary, bind, inspect_library
from analyzer.common import parallel
from analyzer.common.descriptors import descriptor_to_java, java_to_descriptor
from analyzer.errors import InputError
from analyzer.kb.catalogue import KnowledgeBase, load_kb
from analyzer.kb.owners import OwnerResolver
from analyzer.model import (
    CodeLocation,
    Confidence,
    Endpoint,
    Leak,
    PIAccess,
    PreConsentHit,
    SDKHit,
    SecurityFact,
    Unresolved,
)
from analyzer.program.framework import load_framework
from analyzer.program.hierarchy import Program
from analyzer.program.reach import reachable
from analyzer.static.consent import find_pre_consent
from analyzer.static.security import find_security_facts
from analyzer.static.sources import find_endpoints, find_pi_access
from analyzer.static.unresolved import find_unresolved
from analyzer.taint import TaintResult
from analyzer.taint import analyse as analyse_taint

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
    """The budget that ran out: ``time`` or ``memory`` (empty when the scan finished)."""
    taint_methods_total: int = 0
    """Reachable methods the taint analysis had to summarise."""
    taint_methods_covered: int = 0
    """Of those, the methods it finished before a budget ran out (all of them when not partial)."""
    facts_seconds: float = 0.0
    """Time spent finding security facts and the pre-consent window."""


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
    """Every PI source read in the code."""
    endpoints: tuple[Endpoint, ...]
    """URL constants in the code."""
    leaks: tuple[Leak, ...]
    """PI reaching sink call sites."""
    stats: ScanStats
    """Coverage and timing."""
    security: tuple[SecurityFact, ...] = ()
    """Security facts: trust-all TLS code, WebView exposure, file modes, external storage."""
    pre_consent: tuple[PreConsentHit, ...] = ()
    """SDK calls and PI reads that can run before the first user interaction."""
    native_libs: tuple[str, ...] = ()
    """Native libraries bundled (their code is not analysed)."""
    extra_dex: tuple[str, ...] = ()
    """Code files outside classesN.dex (DEX found in them is analysed as dynamically loaded code)."""
    native: tuple[NativeLibrary, ...] = ()
    """What each native library binds and names (sources it can read, sinks it can reach)."""
    unresolved: tuple[Unresolved, ...] = ()
    """Calls into code the analysis cannot see: unbound native methods, dynamic code loading."""
    warnings: tuple[str, ...] = ()
    """Things the user should know about the scan's limits."""
    piflow_version: str = __version__
    """Version that produced the result."""
    kb_checked: dict[str, str] = field(default_factory=dict)
    """Dates the data files were last checked."""

    @property
    def pi_types(self) -> list[str]:
        """PI types read in reachable code, sorted."""
        return sorted({p for a in self.access if a.reachable for p in a.pi})

    @property
    def unreachable_pi_types(self) -> list[str]:
        """PI types read only in code that no entry point reaches."""
        reach = set(self.pi_types)
        return sorted({p for a in self.access if not a.reachable for p in a.pi} - reach)


def _sdk_hits(program: Program, kb: KnowledgeBase, app: AppInfo, reach: set[str]) -> list[SDKHit]:
    counts: dict[str, int] = {}
    prefixes: dict[str, set[str]] = {}
    live: dict[str, bool] = {}
    own = app.package + "."
    for ci in program.classes.values():
        name = ci.java_name
        prefix = kb.sdk_prefix_for_class(name)
        if prefix is None or own.startswith(prefix + "."):
            continue
        sdk = kb.sdk_for_class(name)
        assert sdk is not None
        counts[sdk.id] = counts.get(sdk.id, 0) + 1
        prefixes.setdefault(sdk.id, set()).add(prefix)
        if not live.get(sdk.id):
            live[sdk.id] = any(m.key in reach for m in ci.methods.values())
    hits = []
    for sid, n in counts.items():
        s = kb.sdks[sid]
        hits.append(SDKHit(sdk_id=sid, name=s.name, company=s.company, country=s.country,
                           category=s.category, classes=n, reachable=live.get(sid, False),
                           matched_prefixes=tuple(sorted(prefixes[sid]))))
    return sorted(hits, key=lambda h: h.sdk_id)


def _java_method(key: str) -> str:
    cls, sig = key.split("->", 1)
    return f"{descriptor_to_java(cls)}.{sig.split('(')[0]}"


def _leaks(result: TaintResult, owner: OwnerResolver) -> list[Leak]:
    out = []
    for lk in result.leaks:
        cls, rest = lk.sink.method.split("->", 1)
        name = rest[:rest.index("(")]
        loc = CodeLocation(descriptor_to_java(cls), name, rest[len(name):], lk.sink.pc)
        path = tuple(dict.fromkeys([_java_method(m) for m in lk.chain] if lk.chain else
                                   [f"{s.location.cls}.{s.location.method}" for s in lk.sources]
                                   + [_java_method(r) for r in lk.via]
                                   + [f"{loc.cls}.{loc.method}"]))
        out.append(Leak(sink_kind=lk.sink.sink, sink_api=lk.sink.api, sink=loc,
                        sink_owner=owner(loc.cls), sources=lk.sources, path=path,
                        # data of unknown kind (what another app sent) only: less sure it is PI
                        confidence=Confidence.MEDIUM if any(s.pi for s in lk.sources) else Confidence.LOW))
    return out


def scan_apk(path: str | Path, kb: KnowledgeBase | None = None,
             progress: Callable[[str], None] | None = None, budget_s: float = 60.0,
             taint: bool = False, max_memory_mb: float | None = DEFAULT_MAX_MEMORY_MB,
             checkpoint: Callable[[ScanResult], None] | None = None) -> ScanResult:
    """Scan one APK. Raises :class:`InputError` for files that are not analysable APKs.

    ``budget_s`` and ``max_memory_mb`` (resident memory of this process; None
    for no limit) bound the taint analysis: past either, its results are
    what it found so far, marked partial with the share of methods covered.
    ``checkpoint``, with ``taint``, is handed the result without taint before the
    taint analysis starts (a batch keeps it should the process be killed).
    """
    started = time.perf_counter()
    step = progress or (lambda _msg: None)
    kb = kb or load_kb()
    framework = load_framework()
    step("opening APK")
    # the manifest is parsed in a worker process while this one reads the DEX files
    contents, manifest = open_apk_deferred(path)
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
    try:
        program = Program(dex, framework)
    except DexError as e:
        manifest()
        raise InputError(f"{Path(path).name}: {e}") from e
    libraries = tuple(inspect_library(name, strings, kb) for name, strings in contents.native_code)
    contents = replace(contents, info=manifest())
    step("computing reachable code")
    reach = reachable(program, contents.info)
    owner = OwnerResolver(kb, contents.info.package)
    step("finding PI access")
    access = find_pi_access(program, kb, contents.info, reach, owner)
    endpoints = find_endpoints(program, kb, contents.info, reach, owner)
    step("finding security facts")
    info, read_pi = contents.info, access

    def security_facts() -> tuple[list[SecurityFact], list[PreConsentHit], float]:
        facts_started = time.perf_counter()
        security = find_security_facts(program, kb, info, reach, owner)
        pre_consent = find_pre_consent(program, kb, info, read_pi, owner)
        return list(security), list(pre_consent), time.perf_counter() - facts_started

    # with --taint, the facts are found in a worker process (the second core) while the taint runs
    facts_of = parallel.start(security_facts, background=taint and checkpoint is None)
    natives = [(ci.descriptor, m.name) for ci in program.classes.values() for m in ci.methods.values()
               if m.access & ACC_NATIVE]
    bindings = bind(natives, libraries)
    unresolved = find_unresolved(program, reach, {f"{c}->{n}": b for (c, n), b in bindings.items()},
                                 owner, hidden)
    flows: TaintResult | None = None
    leaks: list[Leak] = []
    facts = facts_of() if taint and checkpoint is not None else None
    if facts is not None and checkpoint is not None:
        checkpoint(_result(path, contents, program, dex, reach, libraries, unresolved, hidden, access,
                           endpoints, None, [], facts, warnings, started, budget_s, max_memory_mb, kb))
    if taint:
        step("following PI to sinks")
        remaining = max(0.0, budget_s - (time.perf_counter() - started))
        flows = analyse_taint(program, kb, reach, access, budget_s=remaining, app=contents.info,
                              native={f"{c}->{n}": b for (c, n), b in bindings.items()},
                              max_rss_mb=max_memory_mb, owner=owner)
        leaks = _leaks(flows, owner)
    return _result(path, contents, program, dex, reach, libraries, unresolved, hidden, access, endpoints,
                   flows, leaks, facts if facts is not None else facts_of(), warnings, started, budget_s,
                   max_memory_mb, kb)

def _result(path: str | Path, contents: Any, program: Program, dex: list[DexFile], reach: Any,
            libraries: tuple[Any, ...], unresolved: list[Unresolved], hidden: int, access: list[PIAccess],
            endpoints: list[Any], flows: TaintResult | None, leaks: list[Leak],
            facts: tuple[list[SecurityFact], list[PreConsentHit], float], warnings: list[str],
            started: float, budget_s: float, max_memory_mb: float | None, kb: KnowledgeBase) -> ScanResult:
    """The scan result from its parts (with or without the taint's)."""
    security, pre_consent, facts_seconds = facts
    warnings = list(warnings)
    if flows is not None:
        access = [*access, *flows.found_sources]
    sdks = _sdk_hits(program, kb, contents.info, reach.methods)
    if contents.native_libs:
        warnings.append(f"native libraries inspected by their symbols and strings only: {len(libraries)}")
    if unresolved:
        warnings.append(f"{len(unresolved)} calls into code the analysis cannot see (native methods no "
                        "bundled library implements, code loaded at run time): listed as unresolved")
    if hidden:
        warnings.append(f"{hidden} DEX files found in {len(contents.extra_dex)} other code files "
                        "analysed as dynamically loaded code")
    if flows is not None and flows.partial:
        budget = (f"memory budget of {max_memory_mb:.0f} MB" if flows.stopped_by == "memory"
                  else f"time budget of {budget_s:.0f} s")
        warnings.append(f"{budget} ran out: the taint results are partial "
                        f"({flows.methods_covered} of {flows.methods_total} methods analysed)")
    if program.decode_errors:
        warnings.append(f"{len(program.decode_errors)} methods could not be decoded")
    if flows is not None and flows.errors:
        warnings.append(f"{len(flows.errors)} methods could not be analysed for taint (malformed code): "
                        "what flows through them is not followed")
    if program.hierarchy_cuts:
        warnings.append(f"{len(program.hierarchy_cuts)} classes have a cyclic or too deep class hierarchy "
                        "(no runtime would load them): their supertype links were cut")
    missing = [c for c in ([contents.info.application_class] +
                           [c.name for c in contents.info.components if c.kind != "activity-alias"])
               if c and java_to_descriptor(c) not in program.classes]
    if missing:
        warnings.append(f"{len(missing)} manifest classes are not in the DEX "
                        f"(e.g. {missing[0]}): packed or dynamically loaded code?")
    stats = ScanStats(
        dex_files=len(dex),
        classes=len(program.classes),
        methods=sum(len(c.methods) for c in program.classes.values()),
        reachable_methods=len(reach.methods),
        entry_points=len(reach.entry_points),
        seconds=round(time.perf_counter() - started, 3),
        decode_errors=len(program.decode_errors),
        taint_methods=flows.analysed_methods if flows else 0,
        taint_seconds=flows.seconds if flows else 0.0,
        partial=flows.partial if flows else False,
        partial_reason=flows.stopped_by if flows else "",
        taint_methods_total=flows.methods_total if flows else 0,
        taint_methods_covered=flows.methods_covered if flows else 0,
        facts_seconds=round(facts_seconds, 3),
    )
    log.debug("entry points: %s", [descriptor_to_java(k.split("->")[0]) for k in reach.entry_points[:5]])
    return ScanResult(
        apk=Path(path).name,
        sha256=contents.sha256,
        size=contents.size,
        app=contents.info,
        sdks=tuple(sdks),
        access=tuple(sorted(access, key=lambda a: (str(a.location), a.source_id))),
        endpoints=tuple(sorted(endpoints, key=lambda e: (e.host, str(e.location)))),
        leaks=tuple(leaks),
        stats=stats,
        security=tuple(security),
        pre_consent=tuple(pre_consent),
        native_libs=contents.native_libs,
        extra_dex=contents.extra_dex,
        native=libraries,
        unresolved=tuple(unresolved),
        warnings=tuple(warnings),
    )
