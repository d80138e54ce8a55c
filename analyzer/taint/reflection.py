"""Reflection with constant names: ``Class.forName``, ``getMethod``, ``newInstance``, ``Method.invoke``.

Class and method names the code builds from constants (string literals,
string resources, ``getName`` of a class constant) are tracked as metadata
of the ``Class``, ``Method`` and ``Constructor`` objects. A
``Method.invoke`` on a method known that way applies the summaries of the
app methods of that name, or the catalogue's source and sink entries for a
library method (a source read by reflection is found here).
"""

from __future__ import annotations

from analyzer.apk.dex import MethodRef
from analyzer.common.descriptors import descriptor_to_java, split_params
from analyzer.model import CodeLocation, PIAccess
from analyzer.taint.context import Context, MethodRun
from analyzer.taint.domain import EMPTY, MAX_CONSTS, NO_OBJS, NONE, WHOLE, Label, SinkSite, State, Val, consts
from analyzer.taint.heap import calls_out, deep_labels, labels_of
from analyzer.taint.substitution import Sub, subst

REFLECT_METHOD = "Ljava/lang/reflect/Method;"


def _dotted(names: list[str]) -> frozenset[str]:
    return frozenset(f"k:L{x.replace('.', '/')};" for x in names)


class Reflection:
    """Reflective calls of one analysis, with the source reads found through them."""

    def __init__(self, cx: Context) -> None:
        self.cx = cx
        self.sources: dict[tuple[str, int, str], int] = {}
        """(method, pc, source id) -> the label of a library source called by reflection."""

    # -- what reflective lookups compute (chosen per call site by the call plan) -------------

    @staticmethod
    def load_class(run: MethodRun, st: State, ref: MethodRef, static: bool, this: Val,
                   args: list[Val], pc: int) -> frozenset[str]:
        """``ClassLoader.loadClass(name)``: the class of a constant name."""
        return _dotted(consts(args[0], "c")) if args else NO_OBJS

    @staticmethod
    def method_meta(run: MethodRun, st: State, ref: MethodRef, static: bool, this: Val,
                    args: list[Val], pc: int) -> frozenset[str]:
        """``Method.getDeclaringClass`` and ``getName`` of a method known by name."""
        meta = [x[2:] for o in this[1] for x in st.heap.get((o, "@method"), NONE)[1]]
        if ref.name == "getDeclaringClass":
            return frozenset("k:" + x.split("|", 1)[0] for x in meta)
        if ref.name == "getName":
            return frozenset("c:" + x.split("|", 1)[1] for x in meta)
        return NO_OBJS

    @staticmethod
    def new_instance(run: MethodRun, st: State, ref: MethodRef, static: bool, this: Val,
                     args: list[Val], pc: int) -> frozenset[str]:
        """``Constructor.newInstance``: an object of the one class the constructor is known to be of."""
        types = [x[2:] for o in this[1] for x in st.heap.get((o, "@class"), NONE)[1]]
        if len(types) == 1 and pc >= 0:
            run.otype[f"r@{pc}"] = types[0]
        return NO_OBJS

    @staticmethod
    def class_ops(run: MethodRun, st: State, ref: MethodRef, static: bool, this: Val,
                  args: list[Val], pc: int) -> frozenset[str]:
        """``Class``: ``forName``, ``newInstance``, ``getMethod``, ``getConstructor`` and names of a class."""
        name = ref.name
        classes = consts(this, "k")
        if name == "forName" and args:
            return _dotted(consts(args[0], "c"))
        if name == "newInstance" and len(classes) == 1 and pc >= 0:
            run.otype[f"r@{pc}"] = classes[0]
            return NO_OBJS
        if name in ("getMethod", "getDeclaredMethod") and args and pc >= 0:
            names = consts(args[0], "c")
            metas = [f"m:{k}|{n}" for k in classes for n in names]
            if metas:
                st.heap[(f"r@{pc}", "@method")] = (EMPTY, frozenset(metas[:MAX_CONSTS]))
            return NO_OBJS
        if name in ("getConstructor", "getDeclaredConstructor") and pc >= 0 and classes:
            st.heap[(f"r@{pc}", "@class")] = (EMPTY, frozenset("k:" + k for k in classes))
            return NO_OBJS
        if name in ("getName", "getCanonicalName"):
            return frozenset(f"c:{k[1:-1].replace('/', '.')}" for k in consts(this, "k"))
        if name == "getSimpleName":
            return frozenset(f"c:{k[1:-1].rsplit('/', 1)[-1]}" for k in consts(this, "k"))
        return NO_OBJS

    @staticmethod
    def get_class(run: MethodRun, st: State, ref: MethodRef, static: bool, this: Val,
                  args: list[Val], pc: int) -> frozenset[str]:
        """``getClass()``: the classes the receiver is known to be of."""
        otypes = {run.otype.get(o) for o in this[1]}
        return frozenset(f"k:{t}" for t in otypes if t and t.startswith("L"))

    # -- Method.invoke ------------------------------------------------------------------------

    def invoke(self, run: MethodRun, st: State, pc: int,
               vals: list[Val]) -> tuple[set[Label], set[str]] | None:
        """``Method.invoke(receiver, args)`` on a method known by constant names."""
        cx = self.cx
        metas = [x[2:] for o in vals[0][1] for x in st.heap.get((o, "@method"), NONE)[1]]
        if not metas:
            return None
        recv = vals[1]
        arr = vals[2] if len(vals) > 2 else NONE
        arg_labels = labels_of(run, st, arr)
        result: set[Label] = set()
        objs: set[str] = set()
        for meta in metas:
            desc, _, mname = meta.partition("|")
            if desc in cx.p.classes:
                c: str | None = desc
                seen: set[str] = set()
                while c is not None and c in cx.p.classes:
                    for m2 in cx.p.classes[c].methods.values():
                        if m2.name != mname or m2.sig in seen:
                            continue
                        seen.add(m2.sig)
                        sm = cx.summaries.get(m2.key)
                        if sm is None or sm.empty:
                            continue
                        calls_out(run, st)
                        nparams = len(split_params(m2.proto)) + (0 if m2.is_static else 1)
                        sub = Sub(cx, run, st, None)
                        sub.update({f"P{i}": (labels_of(run, st, recv) if i == 0 and not m2.is_static
                                              else set(arg_labels)) for i in range(nparams)})
                        result |= subst(sm.ret, sub)
                        for site, labs in sm.leaks.items():
                            run.leaks.setdefault(site, set()).update(subst(labs, sub))
                        for g, labs in sm.gwrites.items():
                            run.gwrites.setdefault(g, set()).update(subst(labs, sub))
                    c = cx.p.classes[c].superclass
                continue
            for spec in cx.kb.calls.get((desc, mname), ()):
                key = (run.m.key, pc, spec.id)
                idx = self.sources.get(key)
                if idx is None:
                    loc = CodeLocation(descriptor_to_java(run.m.cls), run.m.name, run.m.proto, pc)
                    idx = cx.add_source(PIAccess(
                        source_id=spec.id, api=f"{spec.api} (by reflection)", kind="call", pi=spec.pi,
                        location=loc, owner=cx.owner(loc.cls), reachable=True, permission=spec.permission))
                    self.sources[key] = idx
                result.add(idx)
            sinks = cx.kb.sinks_by_call.get((desc, mname), ())
            for sspec in sinks:
                tainted = deep_labels(cx, run, st, arr) | (
                    deep_labels(cx, run, st, recv) if "this" in sspec.args else set())
                if tainted:
                    site = SinkSite(run.m.key, pc, sspec.sink, f"{descriptor_to_java(desc)}.{mname}")
                    run.leaks.setdefault(site, set()).update(tainted)
            if sinks or cx.kb.calls.get((desc, mname)):
                continue
            # any other library method: its usual rule, arguments taken from the array
            rule = cx.lib.rule(desc, mname, "Ljava/lang/Object;")
            if rule.args_to_this and arg_labels:
                add = frozenset(arg_labels)
                for o in recv[1]:
                    w = st.heap.get((o, WHOLE), NONE)
                    st.heap[(o, WHOLE)] = (w[0] | add, w[1])
            if not rule.kill_ret:
                if rule.to_ret:
                    result |= arg_labels
                if rule.this_to_ret:
                    result |= labels_of(run, st, recv)
            if mname == "getIntent":
                result |= {f"G:icc:{run.otype[o]}" for o in recv[1] if run.otype.get(o) in cx.p.classes}
        return result, objs
