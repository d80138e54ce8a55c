"""Where the code reads the text of a layout field declared to take PI, however it binds the view.

Layouts say which views take PI as text (:mod:`analyzer.apk.layouts`: a
password, an e-mail address, a phone number …, by view id). The code finds
those views in many ways: ``findViewById`` on an activity, view or dialog,
``requireViewById``, ButterKnife's ``Utils.findRequiredViewAsType``,
ViewBinding's ``ViewBindings.findChildViewById`` and binding constructors,
DataBinding's ``mapBindings`` array, Kotlin synthetics'
``_$_findCachedViewById``. One model covers them, over each method's
control flow (:mod:`analyzer.program.regflow`) and across methods:

* a value is an input view of PI types T when it is the result of any call
  that receives the constant id of such a view and returns an object that
  may be a view (``Object``, ``View`` or a subtype); or when it is read
  from a slot of an array built by a call that received a ``SparseIntArray``
  whose ``put`` mapped such an id to that slot (DataBinding's
  ``sViewsWithIds``) or, for a view bound in an expression, that its
  layout tags with the slot (``binding_3``; the layout is linked to its
  binding class by the mapper's ``"layout/login_0"`` test before the
  ``new``); or from a field any method ever stored such a view in,
  a parameter some call site passes one in, or the result of a method that
  returns one;
* an id handed to a method as a parameter: the view the method finds by it
  and returns is resolved at each call site (a generic finder such as
  ``ViewBindings.findChildViewById`` gives each caller its own view), while
  a read inside the method takes the types of every id its callers pass;
* ``getText`` / ``getEditableText`` on an input view is a read of T, and
  so is the text a ``TextWatcher`` the code adds to one is handed (its
  callbacks' first parameter); ``getEditText`` on an input view (a
  ``TextInputLayout`` wrapping a typed field) returns the field.

Text the user types is PI whatever the field's declared kind: the text of an
editable view (``EditText`` and its subclasses, the platform's, a library's or
the app's, by the class hierarchy) is a read of :data:`TYPED` when nothing
declares a kind for it. Such a view is known from its layout element (an id
whose element's class edits text, :func:`text_view_pi`) through the model
above, or from the code: ``getText`` called on a receiver of an editable type
(javac and d8 name the call by the receiver's static type, so a ``check-cast``
to ``EditText``, a field, parameter or result of an editable type and a
``new EditText`` all give one; so does ``addTextChangedListener``, whose
watcher is handed the text). A ``TextView`` or ``Button`` shows the app's
own text: reading it is no read of PI. A read of a view a layout types keeps
that view's types.

Ids are integer constants in the code, or ``sget`` of a field of an
``R$id`` class whose constant value is one (library code built without
inlining); resource ids are scoped by type, so a string or layout resource
never shares a view id's value. Calls that return no view (``setId``,
``getResources().getResourceName``, ``getTag``) make nothing. Fields,
parameters and results are collected until nothing changes, re-analysing
only the methods whose inputs grew: first those loading an id (found by
searching the DEX bytes for the ``const`` instruction, or reading an
``R$id`` field), then the readers of a field that grew, the callees given
more, the callers of a method that returns more.
"""

from __future__ import annotations

import bisect
import re
import struct
from collections.abc import Iterator
from dataclasses import dataclass

from analyzer.apk.dex import DexError, FieldRef, Insn, MethodRef
from analyzer.common.budget import ticker
from analyzer.common.descriptors import descriptor_to_java, java_to_descriptor, split_params
from analyzer.program.cfg import build_body
from analyzer.program.hierarchy import Method, Program
from analyzer.program.regflow import Hooks, State, Value, analyse, walk

MAX_ROUNDS = 12
"""Rounds of the fixpoint over fields, parameters and results: each follows one more step of a chain
(DataBinding's takes six: the id map, its reader, the array, the slot, the field, the read)."""

TEXT_GETTERS = frozenset({"getText", "getEditableText"})
TYPED = "input.text"
"""The PI type of text the user typed into a field that declares no kind."""
EDITABLE = "Landroid/widget/EditText;"
"""The platform's editable text view: its subclasses (``AutoCompleteTextView``, AppCompat's and
Material's, the app's own) edit text too."""
R_ID = "R$id;"
"""Classes whose ``int`` fields are view ids (``sget`` in library code built against them)."""
MAP_BINDINGS = "mapBindings"
"""``ViewDataBinding.mapBindings``: the array of a data binding's views by slot."""
UNWRAP = frozenset({"getEditText"})
WATCH = "addTextChangedListener"
WATCHER_CALLBACKS = ("afterTextChanged(Landroid/text/Editable;)V",
                     "onTextChanged(Ljava/lang/CharSequence;III)V",
                     "beforeTextChanged(Ljava/lang/CharSequence;III)V")
"""``TextWatcher`` methods whose first parameter is the field's text (a read at the method's entry)."""
_NOT_VIEWS = frozenset({"getTag"})  # ``getTag(int key)`` returns the tag object, keyed by an id
_VIEW = "Landroid/view/View;"
_OBJECT = "Ljava/lang/Object;"
_SPARSE = "Landroid/util/SparseIntArray;"
_SPARSE_PUTS = frozenset({"put", "append"})
# markers: a view's PI type; a parameter's view ids, the parameter itself, the view found by it;
# an id→slot map; a bindings array
_PI, _VID, _IDARG, _VIEWOF, _IDS, _VIEWS = "pi:", "vid:", "idarg:", "viewof:", "ids:", "views:"
_RETURN_OBJECT = 0x11


@dataclass(frozen=True)
class InputRead:
    """One read of an input view's text."""

    method: Method
    """The method holding the read."""
    pc: int
    """Code offset of the ``getText`` call; -1 for a ``TextWatcher`` method handed the text."""
    api: str
    """The call as named, ``android.widget.EditText.getText``."""
    pi: tuple[str, ...]
    """PI types of the views it may read, sorted."""


def _marks(v: Value | None, kinds: tuple[str, ...]) -> frozenset[str]:
    if not isinstance(v, frozenset):
        return frozenset()
    return frozenset(x for x in v if x.startswith(kinds))


def _arg_slots(ref: MethodRef, static: bool) -> list[int]:
    """Index in the invoke's registers of each parameter (``this`` first)."""
    slots, pos = [], 0
    for t in ([] if static else [ref.cls]) + list(ref.params):
        slots.append(pos)
        pos += 2 if t in ("J", "D") else 1
    return slots


class InputViews(Hooks):
    """The input-view model of one program for one layout mapping (view id → PI types)."""

    def __init__(self, program: Program, view_pi: dict[int, frozenset[str]],
                 bound: dict[str, dict[int, frozenset[str]]] | None = None) -> None:
        self.p = program
        self.ids = {view: frozenset(_PI + t for t in pis) for view, pis in view_pi.items() if pis}
        self.bound = bound or {}
        self.fields: dict[str, frozenset[str]] = {}  # field key → markers stored into it
        self.params: dict[tuple[str, int], frozenset[str]] = {}  # (method key, parameter) → markers
        self.returns: dict[str, frozenset[str]] = {}  # method key → markers it returns
        self.slots: dict[str, dict[int, frozenset[str]]] = {}  # map field key → slot → markers
        self.reads: dict[tuple[str, int], InputRead] = {}
        self._final = False
        self._m: Method | None = None
        self._dirty_fields: set[str] = set()  # what grew in this round
        self._dirty_params: set[str] = set()
        self._dirty_returns: set[str] = set()
        self._by_name: tuple[dict[str, list[Method]], dict[str, list[Method]]] | None = None
        self._tick = ticker(program.budget)
        self._callees: dict[str, Method] = {}
        self._field_keys: dict[tuple[str, str], str] = {}
        self.r_ids: dict[tuple[str, str], int] = {}  # (R$id class, field) → one of the ids
        for d in program.dex:
            try:
                self.r_ids.update(((c, n), v) for c, n, v in d.static_ints(R_ID) if v in self.ids)
            except DexError:
                continue

    # -- the fixpoint ----------------------------------------------------------------------------

    def run(self) -> list[InputRead]:
        """Every read of an input view's text, in code order per method."""
        typed, todo = self._editable_calls()
        if self.ids:
            todo.update(self._methods_with_ids())
        todo.update(self._bindings())
        for _round in range(MAX_ROUNDS):
            self._dirty_fields, self._dirty_params, self._dirty_returns = set(), set(), set()
            for m in todo.values():
                self._tick()
                self._analyse(m)
            # next, the methods whose inputs grew: readers of the fields, callees given more, callers
            todo = {k: self._callees[k] for k in self._dirty_params}
            for name in {k.split("->", 1)[1] for k in self._dirty_fields}:
                todo.update((m.key, m) for m in self._index()[0].get(name, ()))
            for name in {k.split("->", 1)[1].split("(", 1)[0] for k in self._dirty_returns}:
                todo.update((m.key, m) for m in self._index()[1].get(name, ()))
            if not todo:
                break
        for m, pc, api in typed:  # what the layout model did not resolve is of no declared kind
            if (m.key, pc) not in self.reads:
                self._record(m, pc, api, (TYPED,))
        return sorted(self.reads.values(), key=lambda r: (r.method.key, r.pc))

    def _editable_calls(self) -> tuple[list[tuple[Method, int, str]], dict[str, Method]]:
        """(each ``getText`` / ``getEditableText`` named on an editable class: method, pc, API; the
        methods adding a ``TextWatcher`` to one, for the fixpoint to find the watcher's class)."""
        reads: list[tuple[Method, int, str]] = []
        watchers: dict[str, Method] = {}
        for m in self.p.methods():
            if not m.code_off:
                continue
            self._tick()
            for c in self.p.facts(m).calls:
                t = c.target
                # static calls name no view; a super call is a view's own override (AppCompat's
                # getText returning super.getText()), no read: its callers read
                if c.op in (0x71, 0x77, 0x6F, 0x75) or (t.name not in TEXT_GETTERS and t.name != WATCH):
                    continue
                if not is_editable(self.p, t.cls):
                    continue
                if t.name == WATCH:
                    watchers[m.key] = m
                elif not t.params:
                    reads.append((m, c.pc, f"{descriptor_to_java(t.cls)}.{t.name}"))
        return reads, watchers

    def _bindings(self) -> dict[str, Method]:
        """Link each data-binding layout tag to the binding class made for it (DataBinding's mapper:
        ``if ("layout/login_0".equals(tag)) return new LoginBindingImpl(…)``), fill that class's slots
        with the fields its layout binds in expressions, and return the class's methods."""
        out: dict[str, Method] = {}
        if not self.bound:
            return out
        for m in self.p.methods():
            self._tick()
            if not m.code_off or not any(v in self.bound for _pc, _r, v in self.p.facts(m).strings):
                continue
            d = self.p.dex[m.dex]
            tag = None
            for _pc, op, _a, b, _c, _args in self.p.instructions(m):
                if op in (0x1A, 0x1B):  # const-string
                    value = d.string(b)
                    tag = value if value in self.bound else tag
                elif op == 0x22 and tag is not None:  # new-instance: the binding for that tag
                    cls = d.type(b)
                    table = self.slots.setdefault("@" + cls, {})
                    for slot, pis in self.bound[tag].items():
                        table[slot] = table.get(slot, frozenset()) | frozenset(_PI + t for t in pis)
                    ci = self.p.classes.get(cls)
                    if ci is not None:
                        out.update((bm.key, bm) for bm in ci.methods.values() if bm.code_off)
                    tag = None
        return out

    def _index(self) -> tuple[dict[str, list[Method]], dict[str, list[Method]]]:
        """(object field name → methods reading it, method name → methods calling it), built once."""
        if self._by_name is None:
            readers: dict[str, list[Method]] = {}
            callers: dict[str, list[Method]] = {}
            wanted = frozenset({0x54, 0x62})  # iget-object, sget-object
            for m in self.p.methods():
                if not m.code_off or not self.p.verified(m):
                    continue
                self._tick()
                for name in {c.target.name for c in self.p.facts(m).calls}:
                    callers.setdefault(name, []).append(m)
                d = self.p.dex[m.dex]
                try:
                    sel = d.select(m.code_off, wanted)
                except DexError:
                    continue
                names = {d.field_name(c if op == 0x54 else b) for _seq, (_pc, op, _a, b, c, _args) in sel}
                for name in names:
                    readers.setdefault(name, []).append(m)
            self._by_name = (readers, callers)
        return self._by_name

    def _methods_with_ids(self) -> dict[str, Method]:
        """Methods whose code loads one of the view ids (``const`` or ``const/high16``), by a search of
        each DEX file's bytes for the instruction (every hit is checked by decoding later)."""
        full = [struct.pack("<I", i) for i in self.ids]
        high = {struct.pack("<H", i >> 16) for i in self.ids if not i & 0xFFFF}
        alts = [b"\x14(?=[\x00-\xff](?:" + b"|".join(re.escape(x) for x in full) + b"))"]
        if high:
            alts.append(b"\x15(?=[\x00-\xff](?:" + b"|".join(re.escape(x) for x in high) + b"))")
        pattern = re.compile(b"|".join(alts))  # only the opcode is consumed: overlapping hits are all seen
        ranges: dict[int, tuple[list[int], list[tuple[int, Method]]]] = {}
        for m in self.p.methods():
            if m.code_off:
                ranges.setdefault(m.dex, ([], []))[1].append((m.code_off, m))
        out: dict[str, Method] = {}
        if self.r_ids:  # ids read from a library's R class
            for m in self.p.methods():
                self._tick()
                if m.code_off and any((c, n) in self.r_ids for _pc, c, n in self.p.facts(m).field_reads):
                    out[m.key] = m
        for dex_i, (starts, methods) in ranges.items():
            methods.sort(key=lambda t: t[0])
            starts.extend(off for off, _m in methods)
            data = self.p.dex[dex_i].data
            for hit in pattern.finditer(data):
                at = hit.start()
                if at & 1:
                    continue
                k = bisect.bisect_right(starts, at) - 1
                if k >= 0:
                    m = methods[k][1]
                    out.setdefault(m.key, m)
        return out

    def _key(self, ref: FieldRef) -> str:
        """``<declaring class>-><name>``: the code names a field through the class it is read from."""
        got = self._field_keys.get((ref.cls, ref.name))
        if got is None:
            c: str | None = ref.cls
            owner = ref.cls
            while c is not None and c in self.p.classes:
                ci = self.p.classes[c]
                if ref.name in ci.fields:
                    owner = c
                    break
                c = ci.superclass
            got = self._field_keys[(ref.cls, ref.name)] = f"{owner}->{ref.name}"
        return got

    def _analyse(self, m: Method) -> None:
        if not m.code_off or not self.p.verified(m):
            return
        self._m = m
        try:
            body = build_body(self.p.dex[m.dex], m.code_off, m.is_static, m.cls, split_params(m.proto))
            entry: State = {}
            for i, (reg, _t) in enumerate(body.param_regs):
                got = self.params.get((m.key, i), frozenset())
                if _marks(got, (_VID,)):
                    got |= {_IDARG + str(i)}
                if i == 0 and not m.is_static:
                    got |= {m.cls}  # ``this``: a watcher the method may add
                if got:
                    entry[reg] = got
            self._final = False
            flow = analyse(body, self.p.dex[m.dex], self, entry)
            self._final = True
            walk(flow, self._visit)
        except DexError:
            return
        finally:
            self._final = False

    def _add(self, table: dict[str, frozenset[str]], key: str, v: frozenset[str], dirty: set[str]) -> None:
        old = table.get(key, frozenset())
        if not v <= old:
            table[key] = old | v
            dirty.add(key)

    # -- transfer (regflow hooks) ----------------------------------------------------------------

    def _visit(self, _k: int, insn: Insn, st: State) -> None:
        _pc, op, a, _b, _c, _args = insn
        if op == _RETURN_OBJECT and self._m is not None:
            v = st.get(a)
            marks = _marks(v, (_PI, _VIEWS, _VIEWOF))  # the view found by an id parameter: per call
            if marks:
                self._add(self.returns, self._m.key, marks, self._dirty_returns)

    def int_field(self, pc: int, ref: FieldRef) -> int | None:
        return self.r_ids.get((ref.cls, ref.name))

    def field(self, pc: int, ref: FieldRef) -> Value | None:
        key = self._key(ref)
        got = self.fields.get(key)
        if ref.type == _SPARSE:
            return frozenset({_IDS + key}) | (got or frozenset())
        return got

    def store(self, ref: FieldRef, value: Value | None) -> Value | None:
        if not isinstance(value, frozenset):
            return None
        key = self._key(ref)
        if ref.type == _SPARSE and _SPARSE in value:
            return frozenset({_IDS + key})  # the new map is the field's from here on
        marks = self._concrete(value)
        if marks and self._final:
            self._add(self.fields, key, marks, self._dirty_fields)
        return None

    def element(self, pc: int, array: Value | None, index: Value | None) -> Value | None:
        if isinstance(array, frozenset) and isinstance(index, int):
            got: frozenset[str] = frozenset()
            for x in array:
                if x.startswith(_VIEWS):
                    got |= self.slots.get(x[len(_VIEWS):], {}).get(index, frozenset())
            if got:
                return got
        return super().element(pc, array, index)

    def call(self, pc: int, ref: MethodRef, op: int, args: tuple[int, ...], state: State) -> Value | None:
        static = op in (0x71, 0x77)
        vals = [state.get(r) for r in args]
        slots = _arg_slots(ref, static)
        if ref.cls == _SPARSE and ref.name in _SPARSE_PUTS and len(vals) == 3:
            self._put(vals[0], vals[1], vals[2])
            return None
        if ref.name in TEXT_GETTERS and not static and vals:
            marks = self._concrete(vals[0])
            if marks and self._final and self._m is not None:
                self._read(self._m, pc, ref, marks)
            return None
        if ref.name == WATCH and not static and len(vals) == 2:
            view = self._concrete(vals[0])
            if not view and is_editable(self.p, ref.cls):  # an editable view no layout types
                view = frozenset({_PI + TYPED})
            self._watch(view, vals[1])
            return None
        if ref.name in UNWRAP and not static and vals:
            return self._concrete(vals[0]) or None  # the text field a TextInputLayout wraps
        args_by_param = [vals[s] if s < len(vals) else None for s in slots]
        target = self.p.resolve(ref.cls, f"{ref.name}{ref.proto}") if ref.cls in self.p.classes else None
        out: set[str] = set()
        if target is not None:
            for x in self.returns.get(target.key, frozenset()):
                if x.startswith(_VIEWOF):  # the view the callee finds by its id parameter: this call's id
                    i = int(x[len(_VIEWOF):])
                    out |= self._found(args_by_param[i] if i < len(args_by_param) else None)
                else:
                    out.add(x)
            if self._final:
                for i, v in enumerate(args_by_param):
                    marks = self._concrete(v) | _marks(v, (_VID,))
                    if isinstance(v, int) and v in self.ids:
                        marks |= {_VID + str(v)}
                    if marks:
                        self._add_param((target.key, i), marks)
                        self._callees[target.key] = target
        if ref.ret[0] == "[":  # DataBinding's mapBindings(…, sViewsWithIds): the views by slot
            for v in vals:
                out |= {_VIEWS + x[len(_IDS):] for x in _marks(v, (_IDS,))}
            if ref.name == MAP_BINDINGS and self._m is not None and "@" + self._m.cls in self.slots:
                out.add(_VIEWS + "@" + self._m.cls)  # and by the tags of its layout
        elif ref.name not in _NOT_VIEWS and self._may_be_view(ref.ret):
            for v in args_by_param[0 if static else 1:]:
                out |= self._found(v)
        return frozenset(out) if out else None

    def _found(self, id_value: Value | None) -> frozenset[str]:
        """What a call that finds a view by ``id_value`` returns: an input view for one of the ids, the
        view found by an id parameter of the method (resolved per call site), or nothing."""
        if isinstance(id_value, int):
            return self.ids.get(id_value, frozenset())
        return frozenset(_VIEWOF + x[len(_IDARG):] for x in _marks(id_value, (_IDARG,)))

    def _concrete(self, v: Value | None) -> frozenset[str]:
        """The PI and bindings-array markers of ``v``, a view found by an id parameter taking the types of
        every id the method's callers pass (for fields, parameters and reads, which have no call site)."""
        out = set(_marks(v, (_PI, _VIEWS)))
        if self._m is not None:
            for x in _marks(v, (_VIEWOF,)):
                for vid in _marks(self.params.get((self._m.key, int(x[len(_VIEWOF):]))), (_VID,)):
                    out |= self.ids.get(int(vid[len(_VID):]), frozenset())
        return frozenset(out)

    def _watch(self, view: frozenset[str], watcher: Value | None) -> None:
        """``addTextChangedListener`` on an input view: the watcher's callbacks read its text."""
        if not (view and self._final and isinstance(watcher, frozenset)):
            return
        pis = tuple(sorted(x[len(_PI):] for x in view if x.startswith(_PI)))
        if not pis:
            return
        for cls in watcher:
            if cls not in self.p.classes:
                continue
            for sig in WATCHER_CALLBACKS:
                m = self.p.resolve(cls, sig)
                if m is not None and m.code_off:
                    self._record(m, -1, "android.text.TextWatcher." + m.name, pis)

    def _put(self, recv: Value | None, key: Value | None, slot: Value | None) -> None:
        """``SparseIntArray.put(view id, slot)`` on a map held in a field: DataBinding's ``sViewsWithIds``."""
        if not (self._final and isinstance(key, int) and isinstance(slot, int) and key in self.ids):
            return
        for x in _marks(recv, (_IDS,)):
            table = self.slots.setdefault(x[len(_IDS):], {})
            old = table.get(slot, frozenset())
            if not self.ids[key] <= old:
                table[slot] = old | self.ids[key]
                self._dirty_fields.add(x[len(_IDS):])

    def _add_param(self, key: tuple[str, int], marks: frozenset[str]) -> None:
        old = self.params.get(key, frozenset())
        if not marks <= old:
            self.params[key] = old | marks
            self._dirty_params.add(key[0])

    def _may_be_view(self, ret: str) -> bool:
        if ret in (_OBJECT, _VIEW):
            return True
        if ret[0] != "L":
            return False
        sup = self.p.supertypes(ret)
        return _VIEW in sup or sup == frozenset({ret})  # a view, or a class nothing is known of

    def _read(self, m: Method, pc: int, ref: MethodRef, marks: frozenset[str]) -> None:
        pis = tuple(sorted(x[len(_PI):] for x in marks if x.startswith(_PI)))
        if not pis:
            return
        self._record(m, pc, f"{descriptor_to_java(ref.cls)}.{ref.name}", pis)

    def _record(self, m: Method, pc: int, api: str, pis: tuple[str, ...]) -> None:
        key = (m.key, pc)
        old = self.reads.get(key)
        if old is not None:
            pis = tuple(sorted(set(pis) | set(old.pi)))
            if pis == old.pi:
                return
        self.reads[key] = InputRead(m, pc, api, pis)


def is_editable(program: Program, cls: str) -> bool:
    """Whether objects of the class ``cls`` (a descriptor) are editable text views."""
    return cls[0] == "L" and EDITABLE in program.supertypes(cls)


def text_view_pi(program: Program, views: tuple[tuple[int, str], ...]) -> dict[int, frozenset[str]]:
    """View id → ``{TYPED}`` for each layout view (id, class as the layout names it) that edits text;
    the inflater takes a name without a package for one of ``android.widget``'s."""
    out: dict[int, frozenset[str]] = {}
    for view, name in views:
        full = name if "." in name else "android.widget." + name
        if is_editable(program, java_to_descriptor(full)):
            out[view] = frozenset({TYPED})
    return out


def input_reads(program: Program, view_pi: dict[int, frozenset[str]],
                bound: dict[str, dict[int, frozenset[str]]] | None = None,
                text_views: tuple[tuple[int, str], ...] = ()) -> Iterator[InputRead]:
    """Every read of the text of a view ``view_pi`` (view id → PI types) or ``bound`` (data-binding layout
    tag → slot → PI types) gives PI types to, and of every other editable view (``text_views``: the
    layouts' untyped views by class) as :data:`TYPED` (see the module docstring)."""
    views = {view: pis for view, pis in text_view_pi(program, text_views).items() if view not in view_pi}
    yield from InputViews(program, {**view_pi, **views}, bound).run()
