"""Where each network sink call sends: the URL, host and socket constants that reach it, as origins.

The taint analysis says which PI reaches which network sink call; this module
says where that call sends, so a flow can be bound to a host on evidence
rather than on co-occurrence. For each network (and WebView) leak it follows,
backwards from the sink call site and its steps (:attr:`Leak.steps`), the
values of the call's receiver and arguments with the register data-flow of
:mod:`analyzer.program.regflow`: within one method with the hooks of
:mod:`analyzer.static.urlvalues` (constant strings, known prefixes, library
objects bound to a URL), across methods with
:mod:`analyzer.static.urlresolver` (parameters, fields, app return values).

At the sink the receiver's and the arguments' bindings give the origins
``scheme://host[:port]`` (default ports dropped). A sink that binds nothing
but returns or builds an object (``RequestBody.create``, ``new
StringEntity(pi)``) is followed forwards (``t:``): the library calls its
result goes into, also inside app methods it is handed to, give the origins.
Sink calls inside a bundled network library
(:data:`~analyzer.static.urlvalues.LIBRARIES`) inherit those of the app's
sink call on their path. A prefix counts when its host is complete: a ``/``,
``?``, ``#`` or port follows it, or it ends in a name whose last label is
alphabetic (``https://api.example.com`` + path). A value unknown on any
path, a parameter one caller passes unknown, a field one store of which is
unknown, leave the call without destinations (empty: the code does not fix
it), as does a string that is no URL (user input). Callers, field stores and
return values are followed :data:`MAX_DEPTH` levels deep. A sink inside a
catalogued SDK's code that stays unresolved sends to the SDK's network
signature (``policies/sdks.yaml``): ``https://SUFFIX``, a domain suffix the
flow join matches hosts against.
"""

from __future__ import annotations

import time
from dataclasses import replace

from analyzer.apk.dex import INVOKE_OPS, DexFile
from analyzer.common.descriptors import java_to_descriptor
from analyzer.kb.catalogue import KnowledgeBase
from analyzer.model import CodeLocation, Leak
from analyzer.program.hierarchy import Program
from analyzer.program.reach import Reachability
from analyzer.static.urlresolver import Resolver, state_at
from analyzer.static.urlvalues import DATA_CALLS, LIBRARIES, STATIC_INVOKES, arg_slots, origins

SINK_KINDS = frozenset(("network", "webview"))
"""Leak sink kinds whose calls send somewhere."""
MAX_DEPTH = 3
"""Levels of callers, field stores and callees followed for one value."""
MAX_SECONDS = 20.0
"""Time the resolution of one scan may take; the leaks after it keep no destinations."""


def _site_origins(res: Resolver, site: CodeLocation) -> set[str]:
    """The origins the call at ``site`` sends to, from its receiver's and arguments' bindings."""
    m = res.program.method(f"{java_to_descriptor(site.cls)}->{site.method}{site.proto}")
    if m is None or not m.code_off:
        return set()
    flow = res.flow(m, MAX_DEPTH)
    if flow is None:
        return set()
    st = state_at(flow, site.offset)
    k = flow.body.index.get(site.offset)
    if st is None or k is None:
        return set()
    insn = flow.body.insns[k]
    if insn[1] not in INVOKE_OPS:
        return set()
    dex: DexFile = flow.dex
    ref = dex.method(insn[2])
    static = insn[1] in STATIC_INVOKES
    out: set[str] = set()
    for r in arg_slots(ref, static, insn[5]):
        v = st.get(r)
        if ref.name in DATA_CALLS and isinstance(v, frozenset):
            v = frozenset(x for x in v if x[0] == "o")  # a URL in a header or body is no destination
        out |= origins(v)
    if not out and (ref.ret.startswith("L") or ref.name == "<init>"):
        out = res.forward(m, MAX_DEPTH, pc=site.offset)
    return out


def resolve(program: Program, reach: Reachability, kb: KnowledgeBase, leaks: list[Leak],
            max_seconds: float = MAX_SECONDS) -> list[Leak]:
    """``leaks`` with the :attr:`Leak.destinations` of their network and WebView sink calls filled."""
    res = Resolver(program, reach)
    started = time.perf_counter()
    out = []
    for lk in leaks:
        if lk.sink_kind not in SINK_KINDS or time.perf_counter() - started > max_seconds:
            out.append(lk)
            continue
        found: set[str] = set()
        for site in (lk.sink, *(s.site for s in lk.steps)):
            found |= _site_origins(res, site)
        if not found and lk.sink_owner.kind == "sdk":
            spec = kb.sdks.get(lk.sink_owner.id)
            found = {f"https://{h}" for h in (spec.network if spec else ())}
        out.append(replace(lk, destinations=tuple(sorted(found))) if found else lk)
    return _inherited(out)


def _inherited(leaks: list[Leak]) -> list[Leak]:
    """Sink calls inside a bundled network library (OkHttp writing a request body) send where the app's
    call into the library that their path passes sends: a resolved leak of the same sources whose sink
    method is on the path."""
    by_method: dict[tuple[frozenset[object], str], set[str]] = {}
    for lk in leaks:
        if lk.destinations:
            key = (frozenset(s.location for s in lk.sources), f"{lk.sink.cls}.{lk.sink.method}")
            by_method.setdefault(key, set()).update(lk.destinations)
    if not by_method:
        return leaks
    out = []
    for lk in leaks:
        if lk.sink_kind in SINK_KINDS and not lk.destinations and java_to_descriptor(lk.sink.cls).startswith(
                LIBRARIES):
            sources = frozenset(s.location for s in lk.sources)
            got = set().union(*(by_method.get((sources, m), set()) for m in lk.path))
            if got:
                lk = replace(lk, destinations=tuple(sorted(got)))
        out.append(lk)
    return out
