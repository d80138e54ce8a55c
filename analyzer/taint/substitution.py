"""Apply a callee's summary at a call site: the caller's argument labels in place of its parameter labels.

A summary speaks of ``P<i>`` (the value of parameter ``i``), ``P<i>.<field>``
(what that field of parameter ``i``'s object held at entry), ``P<i>.k:<key>``
(the entry under a constant key of parameter ``i``'s keyed container) and
``P<i>~<n>`` (what read ``n`` yields through the carriers parameter ``i``
holds, :mod:`~analyzer.taint.carriers`). At a call site those stand for what
the caller knows of its own arguments (:class:`Sub`). Implicit flows add ``P<i>~`` (parameter
``i`` carried implicitly, :func:`~analyzer.taint.domain.implicit`) and dispatch on a parameter's class
``P<i>|<method>|<source>`` (:func:`guarded`).
"""

from __future__ import annotations

from analyzer.taint.context import Context, MethodRun
from analyzer.taint.domain import (
    ALL_PARAM_LABELS,
    EMPTY,
    IMPLICIT_PARAM_LABELS,
    NONE,
    UNKEYED,
    WHOLE,
    Label,
    Labels,
    State,
    Val,
    implicit,
)
from analyzer.taint.heap import is_fresh, labels_of, path_label


class Sub(dict[str, set[Label]]):
    """What a callee's parameter labels stand for at one call site.

    ``P<i>`` is the caller's argument ``i``; ``P<i>.<field>`` is what the
    caller knows of that field of argument ``i``'s objects (computed on first
    use): its own heap entry, its own parameter path, nothing for a fresh
    object, else the field's global label. ``P<i>.k:<key>`` is the entry a
    local container of the caller holds under the key, the caller's own
    entry path for a container it was given, else all the container holds.
    Without ``vals`` (reflective calls) field paths fall back to the global
    label and entries to the whole argument.
    """

    def __init__(self, cx: Context, run: MethodRun, st: State, vals: list[Val] | None) -> None:
        super().__init__()
        self.cx, self.run, self.st, self.vals, self.paths = cx, run, st, vals, cx.paths
        if vals is not None:
            for i, v in enumerate(vals):
                self[f"P{i}"] = labels_of(run, st, v)

    def __missing__(self, key: str) -> set[Label]:
        out: set[Label] = set()
        if key[-1] == "~" and key[1:-1].isdigit():  # P<i>~: the argument carried implicitly
            out = implicit(self[key[:-1]])
            self[key] = out
            return out
        base, tilde, n = key.rpartition("~")
        if tilde and n.isdigit():  # <label>~<n>: a read through a carrier the caller's label stands for
            out = self.cx.carriers.through(int(n), self[base])
            self[key] = out
            return out
        if "|" in key and key.partition("|")[0][1:].isdigit():
            out = self._dispatched(key)  # P<i>|<method>|<source>: the source if argument i's class runs it
            self[key] = out
            return out
        idx, dot, gk = key.partition(".")
        if not dot:
            return out
        i = int(idx[1:])
        if gk.startswith("k:"):  # an entry by key of a keyed container (library.keyed)
            if self.vals is not None and i < len(self.vals):
                out |= self._entry(self.vals[i][1], gk)
            else:  # arguments known only as a whole (a reflective call's array)
                out |= self.get(idx, set())
        elif self.vals is None or i >= len(self.vals) or not self.vals[i][1]:
            out.add(gk)
        else:
            cx, run, st = self.cx, self.run, self.st
            for o in self.vals[i][1]:
                hw = st.heap.get((o, gk))
                if hw is not None:
                    out |= labels_of(run, st, hw)
                elif is_fresh(st, o) or o[1] == ":":
                    continue
                else:
                    out.add(path_label(cx, run, o, gk))
        self[key] = out
        return out

    def _entry(self, objs: frozenset[str], gk: str) -> set[Label]:
        """What the caller's containers ``objs`` hold under key ``gk`` (``k:<key>``): the entry of
        a local one filed by key, the entry at entry of one it was given, else all they hold."""
        run, st = self.run, self.st
        out: set[Label] = set()
        for o in objs:
            if o[1] == ":":
                continue
            if (o, UNKEYED) in st.heap:
                out |= labels_of(run, st, (EMPTY, frozenset({o})))
            elif o[:2] == "n@":
                out |= labels_of(run, st, st.heap.get((o, gk), NONE))
            elif o[:2] == "p#":
                lab = f"P{o[2:]}.{gk}"
                self.paths.add(lab)
                out |= st.heap.get((o, WHOLE), NONE)[0] - {f"P{o[2:]}"}
                out.add(lab)
            else:
                out |= labels_of(run, st, (EMPTY, frozenset({o})))
        return out

    def _dispatched(self, key: str) -> set[Label]:
        """A guarded label (:func:`guarded`) at this call: its source if an object the caller passes
        may run the method, guarded anew where the caller passes its own parameter's object."""
        idx, tkey, inner = key.split("|", 2)
        label = int(inner)
        i = int(idx[1:])
        if self.vals is None or i >= len(self.vals):
            return {label}
        cx, run = self.cx, self.run
        sig = tkey.partition("->")[2]
        out: set[Label] = set()
        for o in self.vals[i][1]:
            t = run.otype.get(o)
            if o in run.param_objs:
                out |= guarded(cx, run.param_objs[o], tkey, {label})
            elif o.startswith("n@") and t is not None and t in cx.p.classes:
                impl = cx.p.resolve(t, sig)
                if impl is None or impl.key == tkey:
                    out.add(label)
            elif o[1] != ":":  # an object of a class not known here: any implementation
                out.add(label)
        return out


def guarded(cx: Context, param: int, target: str, labels: set[Label]) -> set[Label]:
    """``labels`` as an implementation ``target``, called on parameter ``param``'s object, returns
    them: its concrete sources become ``P<param>|<target>|<source>``, which a caller resolves by the
    class of the object it passes (other labels stay as they are)."""
    if "." in target:
        return labels
    out: set[Label] = set()
    for x in labels:
        if isinstance(x, int):
            g = f"P{param}|{target}|{x}"
            cx.paths.add(g)  # a parameter-dependent label the substitution must not skip
            out.add(g)
        else:
            out.add(x)
    return out


def subst(labels: Labels, sub: Sub) -> set[Label]:
    """Replace parameter labels by the caller's argument labels (``sub``)."""
    if labels.isdisjoint(ALL_PARAM_LABELS) and labels.isdisjoint(sub.paths) \
            and labels.isdisjoint(IMPLICIT_PARAM_LABELS):
        return set(labels)
    out: set[Label] = set()
    for lab in labels:
        if isinstance(lab, str) and lab[0] == "P":
            out |= sub[lab]
        else:
            out.add(lab)
    return out
