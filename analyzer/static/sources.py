"""Find every place in an app's code that reads a catalogued PI source, and who owns it.

Matches the catalogue in ``policies/sources.yaml`` against the program:
calls (also through app subclasses of framework classes and framework
subclasses of catalogued classes), static fields (``Build.SERIAL``, content
URI constants), constant content-URI strings, ``Settings.*.getString`` with a
constant key, callback methods the framework hands PI to, intent actions
that deliver PI, and reads of text fields layouts declare to take PI (a
password, an e-mail address …; :mod:`analyzer.static.inputs`).
Each hit records its code location, owner (app or SDK) and whether the
method holding it is reachable.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from analyzer.apk.appinfo import AppInfo
from analyzer.apk.dex import INVOKE_OPS, DexError
from analyzer.apk.layouts import PASSWORD
from analyzer.common.descriptors import descriptor_to_java, java_to_descriptor, split_params
from analyzer.kb.catalogue import KnowledgeBase, SourceSpec
from analyzer.kb.owners import OwnerResolver
from analyzer.model import CodeLocation, Endpoint, PIAccess
from analyzer.program.cfg import Body, build_body
from analyzer.program.hierarchy import Call, Method, Program
from analyzer.program.reach import Reachability
from analyzer.static.inputs import TYPED, input_reads
from analyzer.static.uids import UidOrigins
from analyzer.static.uses import only_compared

_SETTINGS_CLASSES = {
    "Landroid/provider/Settings$Secure;", "Landroid/provider/Settings$System;",
    "Landroid/provider/Settings$Global;",
}
_SETTINGS_GETTERS = {"getString", "getStringForUser"}

_URL_RE = re.compile(r"\b((?:https?|wss?)://)([A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?)(?::\d{1,5})?")


def _loc(m: Method, pc: int = -1) -> CodeLocation:
    return CodeLocation(descriptor_to_java(m.cls), m.name, m.proto, pc)


def _params_ok(spec: SourceSpec, params: tuple[str, ...]) -> bool:
    want = spec.params_descriptor()
    return want is None or want == params


def _uri_match(value: str, uri: str) -> bool:
    if not value.startswith(uri):
        return False
    rest = value[len(uri):]
    return rest == "" or rest[0] in "/?#"


_STRING = "Ljava/lang/String;"
_ON_RECEIVE = "(Landroid/content/Context;Landroid/content/Intent;)V"

class _Finder:
    def __init__(self, program: Program, kb: KnowledgeBase, app: AppInfo, reach: Reachability,
                 owner: OwnerResolver) -> None:
        self.p = program
        self.kb = kb
        self.app = app
        self.reach = reach
        self.owner = owner
        self.out: list[PIAccess] = []
        self._spec_cache: dict[tuple[str, str, tuple[str, ...]], list[SourceSpec]] = {}
        self._bodies: dict[str, tuple[Body, dict[int, str]]] = {}
        self._received: set[tuple[str, str]] = set()
        self.uids = UidOrigins(program)

    def emit(self, spec: SourceSpec, m: Method, pc: int, api: str | None = None,
             kind: str | None = None, value: bool = False) -> None:
        """Record a read of ``spec`` at ``pc`` of ``m``; ``value``: the datum is what the instruction
        yields (a string result, a field), so a read that is only compared collects nothing."""
        loc = _loc(m, pc)
        self.out.append(PIAccess(
            source_id=spec.id, api=api or spec.api, kind=kind or spec.kind, pi=spec.pi,
            location=loc, owner=self.owner(loc.cls), reachable=m.key in self.reach,
            permission=spec.permission, only_compared=value and self._only_compared(m, pc)))

    def _only_compared(self, m: Method, pc: int) -> bool:
        got = self._bodies.get(m.key)
        if got is None:
            d = self.p.dex[m.dex]
            try:
                body = build_body(d, m.code_off, m.is_static, m.cls, split_params(m.proto))
            except DexError:
                return False
            names = {i[2]: d.method(i[2]).name for i in body.insns if i[1] in INVOKE_OPS}
            got = self._bodies[m.key] = (body, names)
        return only_compared(got[0], pc, got[1])

    def _own_uid(self, m: Method, call: Call, arg: int) -> bool:
        slot = arg + (0 if call.op in (0x71, 0x77) else 1)  # the receiver comes first
        return slot < len(call.args) and self.uids.own(m, call.pc, call.args[slot])

    def call_specs(self, cls: str, name: str, params: tuple[str, ...]) -> list[SourceSpec]:
        key = (cls, name, params)
        got = self._spec_cache.get(key)
        if got is None:
            got = self._call_specs(cls, name, params)
            self._spec_cache[key] = got
        return got

    def _call_specs(self, cls: str, name: str, params: tuple[str, ...]) -> list[SourceSpec]:
        specs = self.kb.calls.get((cls, name))
        if specs:
            return [s for s in specs if _params_ok(s, params)]
        found: list[SourceSpec] = []
        for t in self.p.external_declaring(cls, name):
            if t == cls:
                continue
            for s in self.kb.calls.get((t, name), ()):
                if _params_ok(s, params) and s not in found:
                    found.append(s)
        return found

    def scan_method(self, m: Method) -> None:
        f = self.p.facts(m)
        for call in f.calls:
            t = call.target
            for spec in self.call_specs(t.cls, t.name, t.params):
                if spec.own_uid_arg is not None and self._own_uid(m, call, spec.own_uid_arg):
                    continue  # the app's own or its caller's packages: no PI
                self.emit(spec, m, call.pc, value=t.ret == _STRING)
            if t.cls in _SETTINGS_CLASSES and t.name in _SETTINGS_GETTERS and len(call.args) >= 2:
                key = _const_string_in(f.strings, call.args[1], call.pc)
                specs = self.kb.settings.get(key or "", [])
                if specs:
                    java_cls = descriptor_to_java(t.cls)
                    spec = next((s for s in specs if s.cls == java_cls), specs[0])
                    self.emit(spec, m, call.pc, api=f"{java_cls}.{t.name}(\"{key}\")")
        for pc, cls, name in f.field_reads:
            fspec = self.kb.fields.get((cls, name))
            if fspec is not None:
                self.emit(fspec, m, pc, api=f"{descriptor_to_java(cls)}.{name}",
                          kind="field" if fspec.kind == "field" else "content_uri",
                          value=fspec.kind == "field")
        for pc, _reg, value in f.strings:
            if value.startswith("content://"):
                for uspec in self.kb.uris:
                    if _uri_match(value, str(uspec.uri)):
                        self.emit(uspec, m, pc, api=value, kind="content_uri")
                        break
            aspec = self.kb.actions.get(value)
            if aspec is not None:
                # a receiver testing its intent's action gets that broadcast: the intent it is
                # handed is the source (where the receiver is registered in code, not in the manifest)
                on_receive = m.name == "onReceive" and m.proto == _ON_RECEIVE and not m.is_static
                if not on_receive:
                    self.emit(aspec, m, pc, api=value, kind="intent_action")
                elif (aspec.id, m.key) not in self._received:  # once, however often it is tested
                    self._received.add((aspec.id, m.key))
                    self.emit(aspec, m, -1, api=value, kind="intent_action")

    def scan_callbacks(self) -> None:
        by_name: dict[str, list[tuple[str, SourceSpec]]] = {}
        for (cls, name), specs in self.kb.callbacks.items():
            for s in specs:
                by_name.setdefault(name, []).append((cls, s))
        for ci in self.p.classes.values():
            for m in ci.methods.values():
                cands = by_name.get(m.name)
                if not cands or m.is_static or not m.code_off:
                    continue
                supers = self.p.supertypes(ci.descriptor)
                for cls, spec in cands:
                    if cls in supers and cls != ci.descriptor and _params_ok(spec, split_params(m.proto)) \
                            and _may_read_param(self.p, m, spec.param):
                        self.emit(spec, m, -1)

    def scan_receivers(self) -> None:
        for comp in self.app.components:
            if comp.kind != "receiver":
                continue
            for flt in comp.intent_filters:
                for action in flt.actions:
                    spec = self.kb.actions.get(action)
                    if spec is None:
                        continue
                    m = self.p.resolve(java_to_descriptor(comp.name),
                                       "onReceive(Landroid/content/Context;Landroid/content/Intent;)V")
                    if m is not None and (spec.id, m.key) not in self._received:
                        self._received.add((spec.id, m.key))
                        self.emit(spec, m, -1, api=action, kind="intent_action")

    def scan_input_fields(self) -> None:
        """Reads of the text of views layouts declare to take PI, and of any other editable view
        (:mod:`analyzer.static.inputs`)."""
        app = self.app
        for read in input_reads(self.p, app.input_view_pi, app.bound_input_pi, app.text_views):
            if read.pi == (PASSWORD,):
                spec = SourceSpec(id="layout.passwordField", kind="layout_input", pi=read.pi,
                                  note="text field declared with a password inputType in a layout")
            elif read.pi == (TYPED,):
                spec = SourceSpec(id="input.editableText", kind="user_input", pi=read.pi,
                                  note="text of an editable view (EditText) that declares no kind of PI")
            else:
                spec = SourceSpec(id="layout.inputField", kind="layout_input", pi=read.pi,
                                  note="text field a layout declares to take PI (inputType, autofillHints)")
            self.emit(spec, read.method, read.pc, api=read.api)


def _may_read_param(p: Program, m: Method, param: int | None) -> bool:
    """Whether ``m`` may read its parameter ``param`` (0-based, ``this`` excluded): its register is
    named by some instruction. A callback that never names it (``onCallStateChanged`` using only
    the state, not the number) receives the PI but never reads it."""
    if param is None or not m.code_off:
        return True
    regs = p.param_registers(m)
    index = param + (0 if m.is_static else 1)
    if index >= len(regs):
        return True
    reg = regs[index][0]
    wide = regs[index][1] in ("J", "D")
    named = {reg, reg + 1} if wide else {reg}
    for _pc, _op, a, b, c, args in p.instructions(m):
        if a in named or b in named or c in named or named & set(args):
            return True  # also a pool index or literal that happens to be equal: then we keep the source
    return not p.verified(m)


def _const_string_in(strings: list[tuple[int, int, str]], reg: int, before: int) -> str | None:
    best = None
    for pc, r, value in strings:
        if r == reg and pc < before:
            best = value
    return best


def find_pi_access(program: Program, kb: KnowledgeBase, app: AppInfo, reach: Reachability,
                   owner: OwnerResolver | None = None) -> list[PIAccess]:
    """Every catalogued PI source read in the app, reachable or not (``owner``: the scan's resolver)."""
    finder = _Finder(program, kb, app, reach, owner or OwnerResolver(kb, app.package))
    for m in program.methods():
        if m.code_off:
            finder.scan_method(m)
    finder.scan_callbacks()
    finder.scan_receivers()
    finder.scan_input_fields()
    return finder.out


def split_unheld(access: list[PIAccess], kb: KnowledgeBase,
                 app: AppInfo) -> tuple[list[PIAccess], list[PIAccess]]:
    """(held, unheld): the reads that can return PI, and those needing a permission the app does not
    request (``kb.unheld``), which can never succeed and so collect nothing."""
    held_perms = {p.name for p in app.permissions}
    held: list[PIAccess] = []
    unheld: list[PIAccess] = []
    for a in access:
        lacks = kb.unheld(kb.by_id.get(a.source_id), a.permission, held_perms, app.min_sdk, app.target_sdk)
        (unheld if lacks else held).append(a)
    return held, unheld


def find_endpoints(program: Program, kb: KnowledgeBase, app: AppInfo, reach: Reachability,
                   owner: OwnerResolver | None = None) -> list[Endpoint]:
    """URL constants in the code, with their host, owner and reachability."""
    owner = owner or OwnerResolver(kb, app.package)
    out: list[Endpoint] = []
    for m in program.methods():
        if not m.code_off:
            continue
        for pc, _reg, value in program.facts(m).strings:
            if "://" not in value:
                continue
            for match in _URL_RE.finditer(value):
                host = match.group(2).lower().rstrip(".")
                if "." not in host:
                    continue
                loc = _loc(m, pc)
                out.append(Endpoint(host=host, url=value[:2048], scheme=match.group(1)[:-3],
                                    location=loc, owner=owner(loc.cls), reachable=m.key in reach))
    return out


def unique_pi(accesses: Iterable[PIAccess], reachable: bool = True) -> list[str]:
    """Sorted PI type ids among ``accesses`` with the given reachability."""
    return sorted({p for a in accesses if a.reachable == reachable for p in a.pi})
