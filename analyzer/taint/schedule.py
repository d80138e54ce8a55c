"""The order of the analysis and its budget: callees first, cycles to a fixpoint, then the globals.

Methods are summarised bottom-up over the reachable call graph, one strongly
connected component at a time (Tarjan's order: callees first), a recursive
component over rounds until its summaries stop changing. Then channels are
resolved (intents between the app's components, stores written and read
back), global labels are solved as a least fixpoint, and every sink site
whose labels resolve to a concrete source is a :class:`Leak`, with the path
its data took (:mod:`~analyzer.taint.paths`).

The analysis stops, with what it found so far marked partial, when its time
budget is spent or the process's resident memory exceeds its limit (checked
after the first method, then every 32 methods and every 256 blocks).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace

from analyzer.apk.appinfo import AppInfo
from analyzer.apk.dex import DexError
from analyzer.apk.native import NativeBinding
from analyzer.kb.catalogue import KnowledgeBase
from analyzer.kb.owners import OwnerResolver
from analyzer.model import PIAccess
from analyzer.program.hierarchy import Method, Program
from analyzer.program.reach import Reachability, call_targets
from analyzer.taint.android import Android
from analyzer.taint.calls import Calls
from analyzer.taint.context import Context, method_key
from analyzer.taint.domain import EMPTY_SUMMARY, FRESH, Label, SinkSite, explicit_index
from analyzer.taint.engine import Engine
from analyzer.taint.exceptions import Exceptions
from analyzer.taint.native import Native
from analyzer.taint.paths import LeakPaths
from analyzer.taint.reflection import REFLECT_METHOD, Reflection
from analyzer.taint.transfer import Transfer

ROUNDS = 8
"""Rounds over a recursive component before its summaries are taken as they are."""


@dataclass
class Leak:
    """A sink site reached by concrete sources."""

    sink: SinkSite
    """Where the data leaves."""
    sources: tuple[PIAccess, ...]
    """The source reads whose data arrives there."""
    via: tuple[str, ...] = ()
    """Methods where the data reaching the sink became concrete (the leak's roots)."""
    chain: tuple[str, ...] = ()
    """Method keys the data passes through, source side first, sink method last (empty
    when :mod:`analyzer.taint.paths` could not rebuild it)."""
    receivers: tuple[str, ...] = ()
    """For an implicit intent send (``icc_implicit``) or one to the app's own components (``icc``):
    the app's components it reaches."""
    steps: tuple[SinkSite, ...] = ()
    """Further sites of the same flow: for web content (``webview_js``, whose sink site is the
    ``addJavascriptInterface`` call), the returns of the methods it calls; for a row write, the
    puts of data into the row (``Context.sink_steps``)."""
    follows: tuple[SinkSite, ...] = ()
    """Sink calls on what the sink call returned, which send its data on without being handed it
    (``connect`` on the connection of ``URL.openConnection``: ``Context.sink_follows``)."""
    implicit: bool = False
    """The sources reach the sink only implicitly: branches their data decided run it, or
    compute what it sends (``if (imei.charAt(0) == '3') s = "3"``), no data flows into it."""


@dataclass
class TaintResult:
    """Outcome of the taint analysis."""

    leaks: list[Leak]
    """Every sink site reached by PI."""
    analysed_methods: int
    """Method analyses run (a method in a recursive cycle counts once per round)."""
    partial: bool
    """True when the time or memory budget ran out before the analysis finished."""
    seconds: float
    """Time spent."""
    methods_total: int = 0
    """Methods the analysis had to summarise (reachable app methods with code)."""
    methods_covered: int = 0
    """Of those, the methods whose summaries were finished before a budget ran out."""
    stopped_by: str = ""
    """Which budget stopped the analysis: ``time``, ``memory``, or empty when it finished."""
    errors: list[str] = field(default_factory=list)
    """Methods that could not be analysed, with the reason."""
    found_sources: list[PIAccess] = field(default_factory=list)
    """Source reads the analysis found itself: by reflection, in native code, of the photo folder."""


def sccs(nodes: list[str], edges: dict[str, set[str]]) -> list[list[str]]:
    """Tarjan's strongly connected components, iteratively, callees first.

    >>> sccs(["a", "b", "c"], {"a": {"b"}, "b": {"a", "c"}})
    [['c'], ['b', 'a']]
    """
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on: set[str] = set()
    stack: list[str] = []
    out: list[list[str]] = []
    counter = 0
    for root in nodes:
        if root in index:
            continue
        work = [(root, iter(sorted(edges.get(root, ()))))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on.add(root)
        while work:
            v, it = work[-1]
            advanced = False
            for w in it:
                if w not in index:
                    index[w] = low[w] = counter
                    counter += 1
                    stack.append(w)
                    on.add(w)
                    work.append((w, iter(sorted(edges.get(w, ())))))
                    advanced = True
                    break
                if w in on:
                    low[v] = min(low[v], index[w])
            if advanced:
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[v])
            if low[v] == index[v]:
                comp = []
                while True:
                    w = stack.pop()
                    on.discard(w)
                    comp.append(w)
                    if w == v:
                        break
                out.append(comp)
    return out


def solve_globals(gvals: dict[str, set[Label]],
                  value: Callable[[str, dict[str, set[int]]], set[int]] | None = None) -> dict[str, set[int]]:
    """Resolve global labels to concrete sources (least fixpoint); ``value`` gives a dependency's
    sources from what is resolved so far (a read through a global's carriers, ``G:x~n``).

    >>> solve_globals({"G:a": {1, "G:b"}, "G:b": {2}}) == {"G:a": {1, 2}, "G:b": {2}}
    True
    """
    get = value or (lambda g, r: r.get(g, set()))
    resolved: dict[str, set[int]] = {g: {x for x in v if isinstance(x, int)} for g, v in gvals.items()}
    deps = {g: [x for x in v if isinstance(x, str) and x.startswith("G:") and x != g]
            for g, v in gvals.items()}
    changed = True
    while changed:
        changed = False
        for g, ds in deps.items():
            cur = resolved[g]
            before = len(cur)
            for dep in ds:
                cur |= get(dep, resolved)
            if len(cur) != before:
                changed = True
    return resolved


def analyse(program: Program, kb: KnowledgeBase, reach: Reachability, access: Iterable[PIAccess],
            budget_s: float = 60.0, app: AppInfo | None = None,
            native: dict[str, NativeBinding] | None = None, max_rss_mb: float | None = None,
            owner: OwnerResolver | None = None) -> TaintResult:
    """Run the taint analysis over the reachable methods.

    ``native`` says, per native method (``<class descriptor>-><name>``), which
    libraries implement it and what they can read and send. The analysis
    stops, with what it found so far marked partial, when ``budget_s``
    seconds have passed or the process's resident memory exceeds
    ``max_rss_mb`` (checked after the first method, then every 32 methods and every 256 blocks).
    ``owner`` is the scan's owner resolver (one is made when not given).
    """
    started = time.monotonic()
    cx = Context(program, kb, reach, access, started + budget_s, app, max_rss_mb, owner)
    android = Android(cx)
    calls = Calls(cx, android, Reflection(cx), Native(cx, native))
    engine = Engine(cx, Transfer(cx, calls), android, Exceptions(cx))
    given = len(cx.sources)
    methods: dict[str, Method] = {}
    for key in reach.methods:
        m = program.method(key)
        if m is not None and m.code_off and m.cls not in cx.containers:
            methods[key] = m
    edges: dict[str, set[str]] = {}
    for key, m in methods.items():
        outs: set[str] = set()
        for call in program.facts(m).calls:
            for t in call_targets(program, reach, call.target, call.op):
                if t.key in methods:
                    outs.add(t.key)
        outs.update(k for k in reach.reflective.get(key, ()) if k in methods)
        edges[key] = outs
    # methods with reflective calls may read the summary of any method named by constants
    reflective = {k for k, m in methods.items()
                  if any(c.target.name == "invoke" and c.target.cls == REFLECT_METHOD
                         for c in program.facts(m).calls)}
    analysed = 0
    covered = 0
    for comp in sccs(sorted(methods), edges):
        if cx.partial:
            break
        recursive = len(comp) > 1 or comp[0] in edges.get(comp[0], ())
        # In a recursive component a method is analysed again only when a summary it reads
        # (a callee's in the component, or any member's for reflective calls) changed since
        # its last analysis: with the same inputs it would give the same summary and record
        # the same leaks and writes again.
        members = set(comp)
        deps = {k: members if k in reflective else edges[k] & members for k in comp} if recursive else {}
        changed_at: dict[str, int] = {}
        done_at: dict[str, int] = {}
        for rnd in range(ROUNDS if recursive else 1):
            changed = False
            for key in comp:
                if cx.partial:  # a large recursive component is cut inside a round, not after it
                    break
                if rnd and all(changed_at.get(d, -1) < done_at[key] for d in deps[key]):
                    continue
                try:
                    s = engine.summarise(methods[key])
                except DexError as e:  # its code names pool entries that are not there
                    cx.errors.append(f"{key}: {e}")
                    s = EMPTY_SUMMARY
                analysed += 1
                done_at[key] = analysed
                if analysed & 31 == 1:
                    cx.over_budget()
                old = cx.summaries.get(key)
                if old is None or old.key() != s.key():
                    cx.summaries[key] = s
                    changed = True
                    changed_at[key] = analysed
            if not changed or cx.over_budget(memory=False):
                break
        if not cx.over_budget(memory=False):
            covered += len(comp)
    for mkey, gk in cx.fresh_reads:
        cx.global_writes[f"{FRESH}{mkey}|{gk}"] = android.fresh_value(mkey, gk, methods)
    internal = android.resolve_icc(methods)
    android.inbound(methods)
    android.registered_broadcasts()
    android.write_storage()
    carriers = cx.carriers
    resolved = solve_globals(cx.global_writes, carriers.value)
    for rlabs in list(cx.global_leaks.values()):  # reads through globals' carriers, sources made now
        for lab in rlabs:
            if isinstance(lab, str) and "~" in lab and lab.startswith("G:"):
                resolved[lab] = carriers.value(lab, resolved)
    paths = LeakPaths(cx.summaries, edges, cx.leak_at, cx.writers, resolved,
                      [method_key(a.location.cls, a.location.method, a.location.proto)
                       if a.location.offset >= 0 or a.kind != "intent" else None for a in cx.sources])
    leaks: list[Leak] = []
    exposed: dict[SinkSite, list[Leak]] = {}
    for site, rlabs in cx.global_leaks.items():
        # an implicit intent leaves the app whoever in it receives it too; an explicit one to the
        # app's own component stays in it: a send of kind icc (followed to the component as well)
        implicit = site in android.implicit_sends
        if android.private_result(site):
            continue
        kind = "icc_implicit" if implicit else "icc" if site in internal else site.sink
        exposures = android.js_exposed_by(site.method) if site.sink == "webview_js" else []
        if site.sink == "webview_js" and not exposures:
            continue
        concrete: set[int] = set()
        for lab in rlabs:
            if isinstance(lab, int):
                concrete.add(lab)
            elif lab.startswith("G:"):
                concrete |= resolved.get(lab, set())
        concrete = {x for x in concrete if explicit_index(x) not in carriers.by_label}  # no PI itself
        # a site that data reaches is an explicit leak; one that only branches on it decide,
        # an implicit one (of the sources the branches tested)
        explicit = {x for x in concrete if x >= 0}
        by_branch = not explicit
        if by_branch:
            explicit = {explicit_index(x) for x in concrete}
        if explicit:
            roots = cx.leak_roots.get(site, set())
            lk = Leak(replace(site, sink=kind) if kind != site.sink else site,
                      tuple(cx.sources[i] for i in sorted(explicit)), tuple(sorted(roots)),
                      () if by_branch else paths.path(site, roots, explicit), internal.get(site, ()),
                      _in_order(cx.sink_steps.get(site, ())), _in_order(cx.sink_follows.get(site, ())),
                      by_branch)
            for ex in exposures:
                exposed.setdefault(ex, []).append(lk)
            if not exposures:
                leaks.append(lk)
    leaks += [_exposure(ex, returns) for ex, returns in exposed.items()]
    leaks.sort(key=lambda lk: (lk.sink.method, lk.sink.pc))
    return TaintResult(leaks=leaks, analysed_methods=analysed, partial=cx.partial,
                       seconds=round(time.monotonic() - started, 3), methods_total=len(methods),
                       methods_covered=covered, stopped_by=cx.stopped_by, errors=cx.errors,
                       found_sources=[a for i, a in enumerate(cx.sources[given:], given)
                                      if a.pi and (i not in carriers.made or i in carriers.listed)
                                      and i not in carriers.by_label])



def _exposure(site: SinkSite, returns: list[Leak]) -> Leak:
    """One leak at an ``addJavascriptInterface`` call: what the methods web content may call
    through it return (their returns its steps, their paths joined, the call's method last)."""
    returns.sort(key=lambda lk: (lk.sink.method, lk.sink.pc))
    sources = dict.fromkeys(s for lk in returns for s in lk.sources)
    chain = dict.fromkeys(m for lk in returns for m in lk.chain if m != site.method)
    return Leak(site, tuple(sources),
                tuple(sorted({r for lk in returns for r in lk.via})),
                (*chain, site.method) if chain else (), steps=tuple(lk.sink for lk in returns),
                implicit=all(lk.implicit for lk in returns))


def _in_order(sites: Iterable[SinkSite]) -> tuple[SinkSite, ...]:
    return tuple(sorted(sites, key=lambda s: (s.pc, s.api)))
