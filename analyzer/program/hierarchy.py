"""The app's code as one class hierarchy over all its DEX files, with per-method facts.

Built once per scan from :class:`analyzer.apk.dex.DexFile` objects. For every
method that has code it records the facts the analyses need (calls,
instantiations, static field accesses, constant strings) in one decoding
pass; everything is keyed by plain strings (type descriptors and
``name(params)ret`` signatures) so no DEX-local index escapes this module.

When a class is defined in several DEX files the first definition wins, as
on a device (``classes.dex`` before ``classes2.dex`` …).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from analyzer.apk.dex import (
    ACC_ABSTRACT,
    ACC_INTERFACE,
    ACC_STATIC,
    IGET_OPS,
    INVOKE_OPS,
    OP_CONST_CLASS,
    OP_CONST_STRING,
    OP_CONST_STRING_JUMBO,
    OP_NEW_INSTANCE,
    SGET_OPS,
    SPUT_OPS,
    DexError,
    DexFile,
    Insn,
    MethodRef,
    invoke_base,
)
from analyzer.common.budget import Budget, ticker
from analyzer.common.descriptors import descriptor_to_java, split_params
from analyzer.program.cfg import param_registers
from analyzer.program.framework import Framework


@dataclass(frozen=True, slots=True)
class Call:
    """One invoke instruction."""

    pc: int
    """Bytecode offset."""
    op: int
    """Invoke kind (0x6e virtual, 0x6f super, 0x70 direct, 0x71 static, 0x72 interface)."""
    target: MethodRef
    """The method named by the instruction."""
    args: tuple[int, ...]
    """Argument registers (receiver first for non-static calls)."""


@dataclass(slots=True)
class MethodFacts:
    """What one method's bytecode does that the analyses look at."""

    calls: list[Call] = field(default_factory=list)
    """Every invoke."""
    news: list[str] = field(default_factory=list)
    """Types instantiated with new-instance."""
    field_reads: list[tuple[int, str, str]] = field(default_factory=list)
    """(pc, class descriptor, field name) of each sget, and of each iget of a framework field."""
    static_classes: set[str] = field(default_factory=set)
    """Classes whose static fields are read or written (their initialisers run)."""
    strings: list[tuple[int, int, str]] = field(default_factory=list)
    """(pc, register, value) of each const-string."""
    const_classes: list[str] = field(default_factory=list)
    """Types loaded with const-class."""
    object_field_writes: list[tuple[str, str, str | None]] = field(default_factory=list)
    """(class, field, constant string or None) of each iput-object/sput-object."""
    error: str | None = None
    """Set when the bytecode could not be decoded (the facts are then partial)."""


@dataclass(slots=True)
class Method:
    """A method defined in the app's DEX files."""

    cls: str
    """Declaring class descriptor."""
    sig: str
    """``name(params)ret``."""
    name: str
    """Method name."""
    access: int
    """Access flags."""
    dex: int
    """Index of the DEX file in :attr:`Program.dex`."""
    code_off: int
    """Code item offset, 0 when the method has no code."""
    key: str = ""
    """Plain string id, e.g. ``Lcom/a/B;->run()V``."""

    def __post_init__(self) -> None:
        if not self.key:
            self.key = f"{self.cls}->{self.sig}"

    @property
    def is_static(self) -> bool:
        """Static method."""
        return bool(self.access & ACC_STATIC)

    @property
    def proto(self) -> str:
        """The ``(params)ret`` part of the signature."""
        return self.sig[len(self.name):]


@dataclass(slots=True)
class ClassInfo:
    """A class defined in the app's DEX files."""

    descriptor: str
    """Type descriptor."""
    access: int
    """Access flags."""
    superclass: str | None
    """Superclass descriptor."""
    interfaces: tuple[str, ...]
    """Direct interfaces."""
    methods: dict[str, Method]
    """Methods by signature."""
    dex: int
    """DEX file index."""
    fields: frozenset[str] = frozenset()
    """Names of the fields it declares (static and instance)."""
    annotations_off: int = 0
    """Offset of its annotations directory in its DEX file (0: none)."""

    @property
    def java_name(self) -> str:
        """Java binary name."""
        return descriptor_to_java(self.descriptor)

    @property
    def is_interface(self) -> bool:
        """Interface."""
        return bool(self.access & ACC_INTERFACE)

    @property
    def is_abstract(self) -> bool:
        """Abstract class or interface."""
        return bool(self.access & (ACC_ABSTRACT | ACC_INTERFACE))


# opcodes whose instructions carry facts (all reference a pool: formats 21c, 22c, 31c, 35c, 3rc)
_FACT_OPS = (INVOKE_OPS | SGET_OPS | SPUT_OPS | IGET_OPS
             | {0x5B, OP_NEW_INSTANCE, OP_CONST_STRING, OP_CONST_STRING_JUMBO, OP_CONST_CLASS})


MAX_DEPTH = 64
"""App classes above one another at most; a deeper hierarchy is cut (:meth:`Program._sanitise_hierarchy`)."""
_OBJECT = "Ljava/lang/Object;"


def sig_of(ref: MethodRef) -> str:
    """``name(params)ret`` of a method reference."""
    return ref.name + ref.proto


class Program:
    """All classes of an app and lazily computed facts about their methods."""

    def __init__(self, dex_files: list[DexFile], framework: Framework,
                 budget: Budget | None = None) -> None:
        self.dex = dex_files
        self.framework = framework
        self.budget = budget
        """The scan's budget: ticked per class read, per method walked and per method decoded, so that
        every phase over the code stops when it runs out (:class:`~analyzer.common.budget.OverBudget`)."""
        self.classes: dict[str, ClassInfo] = {}
        self.decode_errors: list[str] = []
        tick = ticker(budget)
        for i, d in enumerate(dex_files):
            for cd in d.classes():
                tick()
                if cd.descriptor in self.classes:
                    continue
                methods: dict[str, Method] = {}
                for em in cd.methods:
                    name, sig = d.method_name_sig(em.method_idx)
                    if sig not in methods:
                        methods[sig] = Method(cd.descriptor, sig, name, em.access, i, em.code_off)
                fields = frozenset(d.field_name(f) for f in cd.static_fields + cd.instance_fields)
                self.classes[cd.descriptor] = ClassInfo(
                    cd.descriptor, cd.access, cd.superclass, cd.interfaces, methods, i, fields,
                    cd.annotations_off)
        self.hierarchy_cuts: list[str] = []
        """Classes whose supertype links were cut: cyclic, or deeper than :data:`MAX_DEPTH`."""
        self._sanitise_hierarchy()
        self._facts: dict[str, MethodFacts] = {}
        self._supertypes: dict[str, frozenset[str]] = {}
        self._external: dict[str, frozenset[str]] = {}
        self._subtypes: dict[str, set[str]] | None = None
        self._field_writes: dict[tuple[str, str], tuple[bool, frozenset[str]]] | None = None

    # -- hierarchy -------------------------------------------------------------

    def _sanitise_hierarchy(self) -> None:
        """Make the app's class hierarchy a shallow DAG, so that every walk over it ends quickly.

        A DEX file may name a class as its own superclass (or build a longer
        cycle through superclasses and interfaces), or chain thousands of
        classes: no verifier would load it, but a scanner must not spin or
        build quadratic supertype sets on it. A link that closes a cycle, and
        the links of a class deeper than :data:`MAX_DEPTH` app types, are
        cut (the class then extends ``java.lang.Object`` directly); each cut is
        listed in :attr:`hierarchy_cuts`. Real apps are far shallower.
        """
        depth: dict[str, int] = {}
        on_path: set[str] = set()
        for root in self.classes:
            if root in depth:
                continue
            stack = [(root, iter(self._parents(root)))]
            on_path.add(root)
            while stack:
                node, parents = stack[-1]
                for parent in parents:
                    if parent not in self.classes or parent in depth:
                        continue
                    if parent in on_path:  # this link closes a cycle
                        self._cut(node, f"{node}: supertype {parent} closes a cycle")
                        continue
                    on_path.add(parent)
                    stack.append((parent, iter(self._parents(parent))))
                    break
                else:
                    stack.pop()
                    on_path.discard(node)
                    d = 1 + max((depth[t] for t in self._parents(node) if t in depth), default=0)
                    if d > MAX_DEPTH:
                        self._cut(node, f"{node}: more than {MAX_DEPTH} app supertypes deep")
                        d = 1
                    depth[node] = d

    def _parents(self, descriptor: str) -> tuple[str, ...]:
        ci = self.classes[descriptor]
        return ((ci.superclass,) if ci.superclass else ()) + ci.interfaces

    def _cut(self, descriptor: str, why: str) -> None:
        ci = self.classes[descriptor]
        ci.superclass = None if descriptor == _OBJECT else _OBJECT
        ci.interfaces = ()
        self.hierarchy_cuts.append(why)

    def methods(self) -> Iterator[Method]:
        """Every method of every class (each one ticks the budget)."""
        tick = ticker(self.budget)
        for c in self.classes.values():
            for m in c.methods.values():
                tick()
                yield m

    def method(self, key: str) -> Method | None:
        """The app method a key (``<class descriptor>-><name><proto>``) names, if the app defines it."""
        cls, _, sig = key.partition("->")
        ci = self.classes.get(cls)
        return ci.methods.get(sig) if ci else None

    def supertypes(self, descriptor: str) -> frozenset[str]:
        """The type itself and all its supertypes, app and framework."""
        got = self._supertypes.get(descriptor)
        if got is not None:
            return got
        seen: set[str] = set()
        stack = [descriptor]
        while stack:
            d = stack.pop()
            if d in seen:
                continue
            seen.add(d)
            ci = self.classes.get(d)
            if ci is not None:
                if ci.superclass:
                    stack.append(ci.superclass)
                stack.extend(ci.interfaces)
            else:
                seen |= self.framework.ancestors(d)
        result = frozenset(seen)
        self._supertypes[descriptor] = result
        return result

    def external_supertypes(self, descriptor: str) -> frozenset[str]:
        """Supertypes of a class that are not defined in the app (framework or unknown)."""
        got = self._external.get(descriptor)
        if got is None:
            got = frozenset(t for t in self.supertypes(descriptor) if t not in self.classes)
            self._external[descriptor] = got
        return got

    def is_subtype(self, descriptor: str, of: str) -> bool:
        """Whether ``descriptor`` is ``of`` or extends/implements it."""
        return of in self.supertypes(descriptor)

    def subtypes(self, descriptor: str) -> set[str]:
        """App classes that are ``descriptor`` or extend/implement it."""
        if self._subtypes is None:
            index: dict[str, set[str]] = {}
            for d in self.classes:
                for s in self.supertypes(d):
                    index.setdefault(s, set()).add(d)
            self._subtypes = index
        return self._subtypes.get(descriptor, set())

    def resolve(self, cls: str, sig: str) -> Method | None:
        """The implementation ``cls`` runs for ``sig``: app superclasses, then interface default methods."""
        c: str | None = cls
        while c is not None:
            ci = self.classes.get(c)
            if ci is None:
                break
            m = ci.methods.get(sig)
            if m is not None and not m.access & ACC_ABSTRACT:
                return m
            c = ci.superclass
        for t in self.supertypes(cls):
            ci = self.classes.get(t)
            if ci is not None and ci.is_interface:
                m = ci.methods.get(sig)
                if m is not None and m.code_off:
                    return m
        return None

    def overrides_framework(self, cls: str, sig: str) -> bool:
        """Whether ``sig`` in class ``cls`` overrides or implements a framework method."""
        ext = self.external_supertypes(cls)
        return bool(ext) and self.framework.declares_overridable(ext, sig)

    def external_declaring(self, cls: str, name: str) -> frozenset[str]:
        """External types a call on ``cls`` may really land in (for catalogue matching).

        A call through an app subclass of a framework class that the app does
        not override (``MyManager.getDeviceId`` with no such method defined)
        reaches the framework supertypes.
        """
        if cls not in self.classes:
            return frozenset({cls}) | self.framework.ancestors(cls)
        c: str | None = cls
        while c is not None and c in self.classes:
            if any(m.name == name for m in self.classes[c].methods.values()):
                return frozenset()
            c = self.classes[c].superclass
        return self.external_supertypes(cls)

    def method_annotations(self, ci: ClassInfo) -> dict[str, tuple[str, ...]]:
        """Annotation types on the methods of ``ci``, by signature (raises DexError on a bad file)."""
        d = self.dex[ci.dex]
        return {sig_of(d.method(i)): t for i, t in d.method_annotations(ci.annotations_off).items()}

    # -- facts -----------------------------------------------------------------

    def object_field_writes(self) -> dict[tuple[str, str], tuple[bool, frozenset[str]]]:
        """Per field named by an iput-object/sput-object anywhere: (some write stores a
        non-constant, the constant strings stored, cut to 512 characters). Computed once."""
        if self._field_writes is None:
            acc: dict[tuple[str, str], tuple[list[bool], set[str]]] = {}
            for c in self.classes.values():
                for meth in c.methods.values():
                    if not meth.code_off:
                        continue
                    for fcls, fname, value in self.facts(meth).object_field_writes:
                        got = acc.get((fcls, fname))
                        if got is None:
                            got = acc[(fcls, fname)] = ([False], set())
                        if value is None:
                            got[0][0] = True
                        else:
                            got[1].add(value[:512])
            self._field_writes = {k: (other[0], frozenset(vals)) for k, (other, vals) in acc.items()}
        return self._field_writes

    def instructions(self, m: Method) -> Iterator[Insn]:
        """Decoded bytecode of ``m``: empty for methods without code and for methods whose code does not
        decode or names pool entries that are not there (as the platform's verifier rejects them; they are
        counted in :attr:`decode_errors`), so that callers may resolve every index they read."""
        if not m.code_off or not self.verified(m):
            return iter(())
        return self.dex[m.dex].instructions(m.code_off)

    def param_registers(self, m: Method) -> list[tuple[int, str]]:
        """(register, type) of each parameter of ``m`` on entry, ``this`` first (empty without code)."""
        if not m.code_off:
            return []
        registers, ins, _outs, _n = self.dex[m.dex].code_header(m.code_off)
        return param_registers(registers, ins, m.is_static, m.cls, split_params(m.proto))

    def verified(self, m: Method) -> bool:
        """Whether the code of ``m`` decoded whole, with every method, field, type and string it names."""
        return not self.facts(m).error

    def facts(self, m: Method) -> MethodFacts:
        """Facts of ``m``, decoded once and cached."""
        got = self._facts.get(m.key)
        if got is not None:
            return got
        if self.budget is not None:
            self.budget.tick()
        f = MethodFacts()
        if m.code_off:
            try:
                self._fast_facts(m, f)
            except DexError:
                f = MethodFacts()
                self._slow_facts(m, f)
        self._facts[m.key] = f
        return f

    def _fast_facts(self, m: Method, f: MethodFacts) -> None:
        """Facts from only the instructions that carry them (:meth:`DexFile.select`)."""
        d = self.dex[m.dex]
        prev_seq, prev_a, prev_s = -2, -1, ""
        for seq, (pc, op, a, b, c, args) in d.select(m.code_off, _FACT_OPS):
            if op in (0x5B, 0x69):  # iput-object, sput-object
                fr = d.field(c if op == 0x5B else b)
                f.object_field_writes.append((fr.cls, fr.name, prev_s if prev_seq == seq - 1 and prev_a == a
                                              else None))
            elif op in (OP_CONST_STRING, OP_CONST_STRING_JUMBO):
                prev_seq, prev_a = seq, a
                prev_s = d.string(b)
                f.strings.append((pc, a, prev_s))
                continue
            if op in INVOKE_OPS:
                f.calls.append(Call(pc, invoke_base(op), d.method(a), args))
            elif op == OP_NEW_INSTANCE:
                f.news.append(d.type(b))
            elif op in SGET_OPS:
                fr = d.field(b)
                f.field_reads.append((pc, fr.cls, fr.name))
                f.static_classes.add(fr.cls)
            elif op in SPUT_OPS:
                f.static_classes.add(d.field(b).cls)
            elif op in IGET_OPS:
                fr = d.field(c)
                if fr.cls not in self.classes:
                    f.field_reads.append((pc, fr.cls, fr.name))
            elif op == OP_CONST_CLASS:
                f.const_classes.append(d.type(b))

    def _slow_facts(self, m: Method, f: MethodFacts) -> None:
        """Facts by decoding every instruction: partial facts and the error on malformed code."""
        d = self.dex[m.dex]
        try:
            prev_op, prev_a, prev_s = -1, -1, ""
            for pc, op, a, b, c, args in d.instructions(m.code_off):
                if op in (0x5B, 0x69):  # iput-object, sput-object
                    fr = d.field(c if op == 0x5B else b)
                    after_const = prev_op in (OP_CONST_STRING, OP_CONST_STRING_JUMBO) and prev_a == a
                    value = prev_s if after_const else None
                    f.object_field_writes.append((fr.cls, fr.name, value))
                prev_op, prev_a = op, a
                if op in (OP_CONST_STRING, OP_CONST_STRING_JUMBO):
                    prev_s = d.string(b)
                if op in INVOKE_OPS:
                    f.calls.append(Call(pc, invoke_base(op), d.method(a), args))
                elif op == OP_NEW_INSTANCE:
                    f.news.append(d.type(b))
                elif op in SGET_OPS:
                    fr = d.field(b)
                    f.field_reads.append((pc, fr.cls, fr.name))
                    f.static_classes.add(fr.cls)
                elif op in SPUT_OPS:
                    f.static_classes.add(d.field(b).cls)
                elif op in IGET_OPS:
                    fr = d.field(c)
                    if fr.cls not in self.classes:
                        f.field_reads.append((pc, fr.cls, fr.name))
                elif op in (OP_CONST_STRING, OP_CONST_STRING_JUMBO):
                    f.strings.append((pc, a, d.string(b)))
                elif op == OP_CONST_CLASS:
                    f.const_classes.append(d.type(b))
        except DexError as e:
            f.error = str(e)
            self.decode_errors.append(f"{m.key}: {e}")
