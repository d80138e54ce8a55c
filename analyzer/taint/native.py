"""Calls into native code: what their result may carry, and the PI they read or send themselves.

A native method's body is machine code in a bundled library, which piflow
inspects by its symbols and strings only (:mod:`analyzer.apk.native`). Its
result may be any function of its arguments, plus whatever PI the
implementing libraries can read (each such read is a source, found here).
Arguments leak when those libraries can reach a sink, or when no library is
known to implement the method.
"""

from __future__ import annotations

from analyzer.apk.native import NativeBinding
from analyzer.common.descriptors import descriptor_to_java
from analyzer.model import CodeLocation, PIAccess
from analyzer.program.hierarchy import Method
from analyzer.taint.context import Context, MethodRun
from analyzer.taint.domain import Label, SinkSite, State, Val
from analyzer.taint.heap import deep_labels

_UNKNOWN = NativeBinding(libraries=(), sources=(), sinks=())


class Native:
    """Native calls of one analysis, with the source reads found in native code."""

    def __init__(self, cx: Context, bindings: dict[str, NativeBinding] | None) -> None:
        self.cx = cx
        self.bindings = bindings or {}
        """Per native method (``<class descriptor>-><name>``): the libraries implementing it, what they do."""
        self.sources: dict[tuple[str, int, str], int] = {}
        """(method, pc, source id) -> the label of a read in native code."""

    def call(self, run: MethodRun, st: State, pc: int, targets: list[Method], vals: list[Val]) -> set[Label]:
        """A call into native code: the labels of its result; data it may send is a leak."""
        cx = self.cx
        arg_labels: set[Label] = set()
        for v in vals:
            arg_labels |= deep_labels(cx, run, st, v)
        result = set(arg_labels)
        for t in targets:
            b = self.bindings.get(f"{t.cls}->{t.name}")
            if b is None:
                b = _UNKNOWN
            own: set[Label] = set()
            for sid in b.sources:
                key = (run.m.key, pc, sid)
                idx = self.sources.get(key)
                if idx is None:
                    spec = cx.source_specs[sid]
                    loc = CodeLocation(descriptor_to_java(run.m.cls), run.m.name, run.m.proto, pc)
                    idx = cx.add_source(PIAccess(
                        source_id=sid, api=f"{spec.api} (in native code: {', '.join(b.libraries)})",
                        kind="native", pi=spec.pi, location=loc, owner=cx.owner(loc.cls),
                        reachable=True, permission=spec.permission))
                    self.sources[key] = idx
                own.add(idx)
            result |= own
            sends = not b.libraries or bool(b.sinks)
            data = arg_labels | (own if b.sinks else set())
            if data and sends:
                site = SinkSite(run.m.key, pc, "native", f"{descriptor_to_java(t.cls)}.{t.name} (native)")
                run.leaks.setdefault(site, set()).update(data)
        return result
