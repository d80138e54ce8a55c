"""The transfer function: what one instruction does to the abstract state (invokes: :mod:`~.calls`).

Moves copy values; field and array loads read the heap (a field of an
object passed in becomes a path label ``P<i>.G:x``, one of an unknown object
its global label ``G:x``); stores write it (strongly when the base is one
object); constants become constant objects (``i:``, ``c:``, ``k:``), which
later decide branches; arithmetic keeps the labels of its operands; returns
and throws publish what the method leaves behind.
"""

from __future__ import annotations

from analyzer.apk.opcodes import (
    ADD_LIT,
    AGET,
    AGET_OBJECT,
    APUT,
    BINOP,
    BINOP_2ADDR,
    BINOP_LIT,
    CLEAR,
    COMPARE,
    CONST,
    CONST_CLASS,
    CONST_STRING,
    FILLED,
    IGET,
    INVOKE,
    IPUT,
    MOVE,
    MOVE_RESULT,
    NEW_ARRAY,
    NEW_INSTANCE,
    RETURN,
    RETURN_VOID,
    SGET,
    SIGN_SHIFTS,
    SPUT,
    THROW,
    UNOP,
)
from analyzer.program.cfg import Body
from analyzer.taint.calls import Calls
from analyzer.taint.context import Context, MethodRun
from analyzer.taint.domain import (
    ELEMS,
    EMPTY,
    ESCAPED,
    LEN,
    NO_OBJS,
    NONE,
    SIZE,
    STATIC,
    WHOLE,
    Label,
    State,
    Val,
    interval,
)
from analyzer.taint.heap import (
    class_init,
    escape,
    is_fresh,
    labels_of,
    path_label,
    publish,
    record_this_fields,
)
from analyzer.taint.library import LIST


class Transfer:
    """The transfer function of one analysis."""

    def __init__(self, cx: Context, calls: Calls) -> None:
        self.cx = cx
        self.p = cx.p
        self.calls = calls

    def step(self, run: MethodRun, body: Body, k: int, st: State) -> Val:
        """Apply instruction ``k`` to ``st``; return the value it may throw."""
        pc, code, a, b, c, args = body.insns[k]
        regs = st.regs
        cx = self.cx
        if code in MOVE:
            regs[a] = regs.get(b, NONE)
        elif code in MOVE_RESULT:
            regs[a] = st.pending
            st.pending = NONE
        elif code in INVOKE:
            return self.calls.invoke(run, body, k, st)
        elif code in IGET:
            fr = self.p.dex[run.m.dex].field(c)
            gk = cx.field_key(fr.cls, fr.name)
            base = regs.get(b, NONE)
            labels: set[Label] = set()
            objs: set[str] = set()
            known = bool(base[1])
            for o in base[1]:
                hw = st.heap.get((o, gk))
                if hw is None and not is_fresh(st, o):
                    if fr.cls in self.p.classes and o in run.param_objs:
                        labels.add(path_label(cx, run, o, gk, st))
                    else:
                        known = False
                elif hw is None:
                    continue
                else:
                    labels |= hw[0]
                    objs |= hw[1]
            if fr.cls not in self.p.classes:  # a framework object's field: part of its contents
                labels |= labels_of(run, st, (EMPTY, base[1]))
            elif not known:
                labels.add(gk)
            if not known or not objs:  # a value not followed here: an object of the field's type
                obj = f"f@{pc}"
                run.otype[obj] = cx.field_class.get(gk, fr.type)  # or the one class it ever holds
                if cx.one_instance(gk[2:].rpartition(".")[0]):
                    run.held[obj] = gk  # the one object's buffer: what is added to it is the field's
                objs.add(obj)
            objs |= {"c:" + x for x in cx.field_consts.get(gk, ())}
            regs[a] = (frozenset(labels), frozenset(objs))
        elif code in IPUT:
            fr = self.p.dex[run.m.dex].field(c)
            gk = cx.field_key(fr.cls, fr.name)
            v = regs.get(a, NONE)
            base = regs.get(b, NONE)
            if v[1]:
                escape(run, st, v[1], stored=True)
            strong = len(base[1]) == 1
            if fr.cls not in self.p.classes:  # a framework object's field: part of its contents
                add = frozenset(labels_of(run, st, v))
                if add:
                    for o in base[1]:
                        w = st.heap.get((o, WHOLE), NONE)
                        st.heap[(o, WHOLE)] = (w[0] | add, w[1])
            else:
                for o in base[1]:
                    old = st.heap.get((o, gk))
                    st.heap[(o, gk)] = v if strong or old is None else (old[0] | v[0], old[1] | v[1])
        elif code in SGET:
            fr = self.p.dex[run.m.dex].field(b)
            if fr.cls in cx.clinit_writes:
                class_init(cx, run, st, fr.cls)
            gk = cx.field_key(fr.cls, fr.name)
            sw = st.heap.get((STATIC, gk))
            labels = set(sw[0]) if sw is not None else {gk}
            src = cx.site_labels.get((run.m.key, pc))
            if src:
                labels |= src
            obj = f"s@{pc}"
            run.otype[obj] = cx.field_class.get(gk, fr.type)
            run.held[obj] = gk
            consts = frozenset("c:" + x for x in cx.field_consts.get(gk, ())) if sw is None else NO_OBJS
            regs[a] = (frozenset(labels), (sw[1] if sw is not None else NO_OBJS) | {obj} | consts)
        elif code in SPUT:
            fr = self.p.dex[run.m.dex].field(b)
            if fr.cls in cx.clinit_writes:
                class_init(cx, run, st, fr.cls)
            escape(run, st, regs.get(a, NONE)[1], stored=True)
            st.heap[(STATIC, cx.field_key(fr.cls, fr.name))] = regs.get(a, NONE)
        elif code in CONST:
            if code <= 0x14:
                regs[a] = (EMPTY, frozenset({f"i:{b}"}))
            elif code == CONST_CLASS:
                regs[a] = (EMPTY, frozenset({f"k:{self.p.dex[run.m.dex].type(b)}"}))
            else:
                regs[a] = NONE
        elif code in CONST_STRING:
            src = cx.site_labels.get((run.m.key, pc))
            text = self.p.dex[run.m.dex].string(b)
            regs[a] = (src or EMPTY, frozenset({"c:" + text[:512]}))
        elif code in AGET:
            arr = regs.get(b, NONE)
            labels = labels_of(run, st, arr)
            objs = set()
            for o in arr[1]:
                e = st.heap.get((o, ELEMS))
                if e is not None:
                    objs |= e[1]
            if code == AGET_OBJECT and not objs:
                # an element we know nothing about: the inner array of a multi-dimensional
                # array created elsewhere; treat it as part of the outer one
                objs = {o for o in arr[1] if o[1] != ":"}
            regs[a] = (frozenset(labels), frozenset(objs))
        elif code in APUT:
            v = regs.get(a, NONE)
            arr = regs.get(b, NONE)
            if v[1]:
                escape(run, st, v[1], stored=True)
            vl = frozenset(labels_of(run, st, v))
            for o in arr[1]:
                w = st.heap.get((o, WHOLE), NONE)
                st.heap[(o, WHOLE)] = (w[0] | vl, w[1])
                if v[1]:
                    e = st.heap.get((o, ELEMS), NONE)
                    st.heap[(o, ELEMS)] = (e[0], e[1] | v[1])
        elif code in COMPARE or (code in SIGN_SHIFTS and _shift(code, regs, b, c) == SIGN_SHIFTS[code]):
            regs[a] = NONE  # one comparison's outcome or a sign bit: no more data than a branch
        elif code in BINOP:
            regs[a] = (regs.get(b, NONE)[0] | regs.get(c, NONE)[0], NO_OBJS)
        elif code in BINOP_2ADDR:
            regs[a] = (regs.get(a, NONE)[0] | regs.get(b, NONE)[0], NO_OBJS)
        elif code in BINOP_LIT:
            src_v = regs.get(b, NONE)
            nums = [o for o in src_v[1] if o[:2] in ("i:", "r:")]
            rng = interval(src_v) if code in ADD_LIT and len(nums) == 1 else None
            regs[a] = (src_v[0], frozenset({f"r:{rng[0] + c}:{rng[1] + c}"}) if rng else NO_OBJS)
        elif code in UNOP:
            regs[a] = (regs.get(b, NONE)[0], NO_OBJS)
        elif code in CLEAR:
            regs[a] = NONE
        elif code == NEW_INSTANCE:
            obj = f"n@{pc}"
            run.otype[obj] = self.p.dex[run.m.dex].type(b)
            if run.otype[obj] in cx.clinit_writes:
                class_init(cx, run, st, run.otype[obj])
            regs[a] = (EMPTY, frozenset({obj}))
            for key in [key for key in st.heap if key[0] == obj]:
                del st.heap[key]
            if run.otype[obj] not in self.p.classes:
                st.heap[(obj, ESCAPED)] = NONE  # only app objects are followed field by field
                if LIST in self.p.supertypes(run.otype[obj]):
                    st.heap[(obj, SIZE)] = (EMPTY, frozenset({"i:0"}))
        elif code == NEW_ARRAY:
            obj = f"n@{pc}"
            run.otype[obj] = self.p.dex[run.m.dex].type(c)
            size = interval(regs.get(b, NONE))
            regs[a] = (EMPTY, frozenset({obj}))
            st.heap.pop((obj, WHOLE), None)
            st.heap.pop((obj, ELEMS), None)
            if size is not None and size[0] == size[1]:
                st.heap[(obj, LEN)] = (EMPTY, frozenset({f"i:{size[0]}"}))
            else:
                st.heap.pop((obj, LEN), None)
        elif code in FILLED:
            obj = f"n@{pc}"
            labels = set()
            objs = set()
            for r in args:
                v = regs.get(r, NONE)
                labels |= labels_of(run, st, v)
                objs |= v[1]
            st.heap[(obj, WHOLE)] = (frozenset(labels), NO_OBJS)
            st.heap[(obj, ELEMS)] = (EMPTY, frozenset(objs))
            st.pending = (EMPTY, frozenset({obj}))
        elif code in RETURN:
            rv = regs.get(a, NONE)
            record_this_fields(run, st)
            run.ret |= labels_of(run, st, rv)
            if run.ret_consts is not None:
                rconsts = {o for o in rv[1] if o[:2] in ("i:", "r:", "c:")}
                run.ret_consts = run.ret_consts | rconsts if rconsts and len(rconsts) == len(rv[1]) else None
            publish(run, st)
        elif code == RETURN_VOID:
            record_this_fields(run, st)
            publish(run, st)
        elif code == THROW:
            v = regs.get(a, NONE)
            publish(run, st)
            return (frozenset(labels_of(run, st, v)), v[1])
        return NONE


def _shift(code: int, regs: dict[int, Val], b: int, c: int) -> int | None:
    """The constant distance of a shift (a literal, or a register known to hold one number)."""
    if code >= 0xD0:
        return c
    rng = interval(regs.get(b if code >= 0xB0 else c, NONE))
    return rng[0] if rng is not None and rng[0] == rng[1] else None
