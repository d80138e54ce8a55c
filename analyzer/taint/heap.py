"""Operations on one method's abstract heap: what a value carries, what escapes, what a method publishes.

Library objects (strings, builders, collections, intents, bundles, arrays …)
carry the taint of their contents as a whole; app objects carry data only in
their fields, so a reference to an app object is never itself tainted
(:func:`is_data_object`). Objects allocated in the method are followed field
by field until other code may have seen them (:func:`escape`).
"""

from __future__ import annotations

from collections.abc import Iterable

from analyzer.taint.context import Context, MethodRun
from analyzer.taint.domain import (
    EMPTY,
    ESCAPED,
    MAX_CONSTS,
    NONE,
    STORED,
    TOUCHED,
    UNKEYED,
    WHOLE,
    WRAPS,
    Label,
    State,
    Val,
)


def is_fresh(st: State, obj: str) -> bool:
    """An app object allocated in this method that nothing else can have written to yet."""
    return obj[:2] == "n@" and (obj, ESCAPED) not in st.heap


def is_data_object(run: MethodRun, obj: str) -> bool:
    """Whether an object's contents count as its value (library types, arrays, unknown)."""
    t = run.otype.get(obj)
    return t is None or t not in run.classes


def labels_of(run: MethodRun, st: State, v: Val) -> set[Label]:
    """Labels of a value, including the contents of the library objects it points to."""
    out = set(v[0])
    heap = st.heap
    for o in v[1]:
        w = heap.get((o, WHOLE))
        if w is not None and is_data_object(run, o):
            out |= w[0]
    return out


def path_label(cx: Context, run: MethodRun, obj: str, gk: str, st: State | None = None) -> str:
    """Label for field ``gk`` of ``obj`` where nothing local is known: a path from a
    parameter when ``obj`` is an app object the caller passed, else the global label.

    In a first lifecycle callback a path from ``this`` also stands for the field's value
    at entry, so it is made only for reads in the method itself (``st``) before other
    app code ran; a callee's read (no ``st``) takes the global label."""
    i = run.param_objs.get(obj)
    if i is None or not obj.startswith("p#") or is_data_object(run, obj):
        return gk
    if run.fresh_this and i == 0 and (st is None or ("p#0", TOUCHED) in st.heap):
        return gk
    lab = f"P{i}.{gk}"
    cx.paths.add(lab)
    return lab


def deep_labels(cx: Context, run: MethodRun, st: State, v: Val) -> set[Label]:
    """Labels of a value and of every field of the objects it points to (what a sink sees)."""
    out = labels_of(run, st, v)
    if v[1]:
        objs = v[1]
        for (o, f), w in st.heap.items():
            if o in objs and f != WHOLE:
                out |= w[0]
                for o2 in w[1]:
                    ww = st.heap.get((o2, WHOLE))
                    if ww is not None:
                        out |= ww[0]
        for o in objs:
            if is_fresh(st, o):
                continue
            t = run.otype.get(o)
            c: str | None = t
            while c is not None and c in run.classes:
                ci = run.classes[c]
                for f in ci.fields:
                    gk = cx.field_key(c, f)
                    if (o, gk) not in st.heap:
                        out.add(path_label(cx, run, o, gk, st))
                c = ci.superclass
    return out


def escape(run: MethodRun, st: State, objs: Iterable[str], stored: bool = False) -> None:
    """``objs`` are now reachable from elsewhere: other code may write their fields.

    A library container merely ``stored`` in a field or array keeps its entries
    until code that could reach it through that field runs (:func:`calls_out`).
    """
    for o in objs:
        if o[:2] == "n@":
            st.heap[(o, ESCAPED)] = NONE
            if stored and is_data_object(run, o):
                st.heap[(o, STORED)] = NONE
                run.stored = True
            else:
                st.heap[(o, UNKEYED)] = NONE
        elif o[:2] == "p#":
            st.heap[(o, UNKEYED)] = NONE  # a given container: others may now file entries in it
            if o == "p#0" and run.this_fields is not None:
                run.this_fields = None


def calls_out(run: MethodRun, st: State) -> None:
    """Other app code runs: containers stored where it can reach them may change."""
    if run.fresh_this:
        st.heap[("p#0", TOUCHED)] = NONE
    for o in run.param_objs:  # a container given to this method may be changed through an alias
        if (o, UNKEYED) not in st.heap and is_data_object(run, o):
            st.heap[(o, UNKEYED)] = NONE
    if run.stored:
        for o in [key[0] for key in st.heap if key[1] == STORED]:
            st.heap[(o, UNKEYED)] = NONE


def class_init(cx: Context, run: MethodRun, st: State, cls: str) -> None:
    """``cls`` may be initialised here: forget what we knew of fields its initialiser writes."""
    ws = cx.clinit_writes.get(cls)
    if ws is not None and cls != run.m.cls:
        for key in [key for key in st.heap if key[1] in ws]:
            del st.heap[key]


def record_this_fields(run: MethodRun, st: State) -> None:
    """At a constructor's return: what it stored in the fields of ``this``."""
    if run.this_fields is None:
        return
    for (o, f), v in st.heap.items():
        if o != "p#0" or not f.startswith("G:"):
            continue
        labels = labels_of(run, st, v)
        if any(x[1] != ":" and not is_data_object(run, x) for x in v[1]):
            labels.add(f)  # an app object: its fields are followed through the global label
        run.this_fields.setdefault(f, set()).update(labels)


def publish(run: MethodRun, st: State) -> None:
    """Record the current field state as global writes and the contents of argument objects."""
    for (o, f), v in st.heap.items():
        if f == WHOLE:
            pi = run.param_objs.get(o)
            if pi is not None and v[0] and is_data_object(run, o):
                extra = v[0] - {f"P{pi}"}
                if extra:
                    run.params_out.setdefault(pi, set()).update(extra)
            g = run.held.get(o)
            if g is not None and v[0] and is_data_object(run, o):
                # appended or added to a buffer or collection a field holds: the field's content
                run.gwrites.setdefault(g, set()).update(v[0] - {g})
        elif f.startswith("G:"):
            labels = set(v[0])
            for o2 in v[1]:
                w = st.heap.get((o2, WHOLE))
                if w is not None and is_data_object(run, o2):
                    labels |= w[0]
            if labels:
                run.gwrites.setdefault(f, set()).update(labels)


def wrapped(st: State, objs: frozenset[str]) -> set[str]:
    """Objects that wrappers in ``objs`` write through to (transitively, a few levels)."""
    out: set[str] = set()
    frontier = set(objs)
    for _depth in range(4):
        nxt: set[str] = set()
        for o in frontier:
            w = st.heap.get((o, WRAPS))
            if w is not None:
                nxt |= w[1] - out
        if not nxt:
            break
        out |= nxt
        frontier = nxt
    return out


def set_meta(st: State, objs: frozenset[str], key: str, values: Iterable[str]) -> None:
    """Add constant ``values`` to bookkeeping entry ``key`` of ``objs`` (at most a few)."""
    vals = frozenset(values)
    if not vals:
        return
    for o in objs:
        old = st.heap.get((o, key), NONE)
        st.heap[(o, key)] = (EMPTY, frozenset(list(old[1] | vals)[:MAX_CONSTS]))
