"""Leak paths: the methods a leak's data passes through, rebuilt from the taint summaries.

The summary-based analysis (:mod:`analyzer.taint`) records, for each sink site,
the methods where its labels became concrete (the *roots* of the leak: a
method whose own reads, or whose callees' results, feed the sink), and for
each global location (a field, an intent or message channel, a store) the
methods that write it, with what, and through which send or storage site. A
path is rebuilt backwards from the sink without analysing any code again:

* **sink side** — from the root down the call graph to the sink's method,
  through callees whose summary lists the sink among its parameter-dependent
  leaks;
* **source side** — at the root a source label arrives from the method's own
  read, from callees whose summary returns it or hands it back in an argument
  (followed down to the method that read it), or through a global location:
  then the path goes on at a method writing that location with the source
  behind it (and down to the send or storage site it used), recursively.

Each step keeps to methods whose summaries carry the data, so the path is one
the analysis itself followed; a step that cannot be rebuilt yields no path and
the caller falls back to the methods it knows (source, root, sink).

>>> edges = {"a": {"b", "c"}, "b": {"d"}, "c": {"d"}}
>>> shortest_chain("a", "d", edges, lambda m: m != "b")
['a', 'c', 'd']
>>> shortest_chain("a", "d", edges, lambda m: False) is None
True
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from analyzer.taint.domain import Label, SinkSite, Summary

_MAX_VISITS = 4000  # methods one search may visit: paths are a report, not worth a long search
_MAX_DEPTH = 8  # global locations followed back from one root
_MAX_SOURCES = 8  # sources of one leak given a path
BUDGET_S = 1.0
"""Time all paths of one analysis may take; leaks left after it get none (their callers fall back)."""


def shortest_chain(start: str, goal: str, edges: Mapping[str, Iterable[str]],
                   ok: Callable[[str], bool]) -> list[str] | None:
    """Shortest call chain ``start`` → ``goal`` whose inner methods ``ok`` accepts."""
    if start == goal:
        return [start]
    prev: dict[str, str] = {start: start}
    queue = deque([start])
    while queue and len(prev) < _MAX_VISITS:
        n = queue.popleft()
        for t in sorted(edges.get(n, ())):
            if t in prev or (t != goal and not ok(t)):
                continue
            prev[t] = n
            if t == goal:
                out = [t]
                while out[-1] != start:
                    out.append(prev[out[-1]])
                return out[::-1]
            queue.append(t)
    return None


class LeakPaths:
    """Rebuilds leak paths from what one taint run recorded."""

    def __init__(self, summaries: Mapping[str, Summary], edges: Mapping[str, Iterable[str]],
                 leak_at: Mapping[tuple[SinkSite, str], set[Label]],
                 writers: Mapping[str, Mapping[tuple[str, SinkSite | None], set[Label]]],
                 resolved: Mapping[str, set[int]], source_methods: list[str | None]) -> None:
        self.summaries, self.edges, self.leak_at = summaries, edges, leak_at
        self.writers, self.resolved, self.source_methods = writers, resolved, source_methods
        self.deadline = time.monotonic() + BUDGET_S
        # (writer, global, source) -> the writer's source side, None while being computed or if none
        self._memo: dict[tuple[str, str, int], list[str] | None] = {}

    def carries(self, m: str, idx: int) -> bool:
        """Whether ``m`` hands source ``idx`` back to its caller (result, exception, argument)."""
        s = self.summaries.get(m)
        return s is not None and (idx in s.ret or any(idx in v for v in s.throws.values())
                                  or any(idx in v for v in s.params.values()))

    def sink_side(self, root: str, site: SinkSite) -> list[str]:
        """Methods from ``root`` down to the method holding ``site``."""
        def ok(m: str) -> bool:
            s = self.summaries.get(m)
            return s is not None and site in s.leaks
        return shortest_chain(root, site.method, self.edges, ok) or [root, site.method]

    def write_side(self, writer: str, g: str) -> list[str]:
        """Methods from ``writer`` down to one whose own code stores into global ``g``
        (through callees whose summary writes ``g`` with what their caller passed)."""
        def writes(m: str) -> bool:
            s = self.summaries.get(m)
            return s is not None and g in s.gwrites
        chain = [writer]
        seen = {writer}
        while len(chain) < _MAX_DEPTH:
            nxt = [t for t in sorted(self.edges.get(chain[-1], ())) if t not in seen and writes(t)]
            if not nxt:
                break
            chain.append(nxt[0])
            seen.add(nxt[0])
        return chain

    def behind(self, labels: Iterable[Label], idx: int) -> bool:
        """Whether source ``idx`` is among ``labels`` or behind one of their global labels."""
        return any(x == idx or (isinstance(x, str) and idx in self.resolved.get(x, ())) for x in labels)

    def source_side(self, root: str, labels: set[Label], idx: int, depth: int = 0) -> list[str] | None:
        """Methods from where source ``idx`` was read up to ``root``, which has ``labels``."""
        if idx in labels:
            goal = self.source_methods[idx] if idx < len(self.source_methods) else None
            if goal is None:
                return [root]
            down = shortest_chain(root, goal, self.edges, lambda m: self.carries(m, idx))
            return down[::-1] if down else None
        if depth > _MAX_DEPTH or time.monotonic() > self.deadline:
            return None
        for g in sorted(x for x in labels if isinstance(x, str) and x.startswith("G:")):
            if idx not in self.resolved.get(g, ()):
                continue
            for (w, via), wl in sorted(self.writers.get(g, {}).items(),
                                       key=lambda kv: (kv[0][0], kv[0][1].pc if kv[0][1] else -1)):
                if not self.behind(wl, idx):
                    continue
                key = (w, g, idx)
                if key in self._memo:
                    up = self._memo[key]
                else:
                    self._memo[key] = None  # a cycle back here finds nothing
                    up = self._memo[key] = self.source_side(w, wl, idx, depth + 1)
                if up is None:
                    continue
                up = up + (self.sink_side(w, via)[1:] if via is not None else self.write_side(w, g)[1:])
                return up if up[-1] == root else [*up, root]
        if idx < len(self.source_methods) and self.source_methods[idx] is None:
            return [root]  # data from outside the app's code, read here
        return None

    def path(self, site: SinkSite, roots: Iterable[str], sources: Iterable[int]) -> tuple[str, ...]:
        """Method keys the data passes through, source side first; empty when not rebuilt."""
        out: dict[str, None] = {}
        if time.monotonic() > self.deadline:
            return ()
        for idx in sorted(sources)[:_MAX_SOURCES]:
            for root in sorted(roots):
                labels = self.leak_at.get((site, root), set())
                if not self.behind(labels, idx):
                    continue
                up = self.source_side(root, labels, idx)
                if up is not None:
                    out.update(dict.fromkeys(up + self.sink_side(root, site)[1:]))
                    break
        if not out:
            return ()
        out.pop(site.method, None)
        return (*out, site.method)
