"""Find SDK calls, permission prompts and PI reads in the pre-consent window, and the consent gates that
keep some of them from running before consent.

The window is :mod:`analyzer.static.window`'s. Each hit keeps the chain of
methods that leads to it from its entry. The window is then run again as on
the first launch (:mod:`analyzer.static.gates`): a hit that a consent flag,
still at its default, keeps from running gets a ``gate`` naming the flag and
the interaction methods that set it (the gate's *openers*); it is reported
apart, not flagged.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace

from analyzer.apk.appinfo import AppInfo
from analyzer.common.descriptors import descriptor_to_java, java_to_descriptor
from analyzer.kb.catalogue import KnowledgeBase
from analyzer.kb.owners import OwnerResolver
from analyzer.model import CodeLocation, ConsentGate, PIAccess, PreConsentHit
from analyzer.program.hierarchy import Method, Program, sig_of
from analyzer.static.flags import INVOKE_SUSPEND
from analyzer.static.gates import FirstLaunch, Written, describe
from analyzer.static.window import INTERACTION_NAMES, INTERACTION_TYPES, ArgClasses, Window, window_methods

# Where a runtime-permission prompt is asked for: the framework's and the support libraries' entry points
_PROMPT_CLASSES = frozenset({
    "Landroid/app/Activity;", "Landroid/app/Fragment;", "Landroid/content/Context;",
    "Landroidx/core/app/ActivityCompat;", "Landroid/support/v4/app/ActivityCompat;",
    "Landroidx/fragment/app/Fragment;", "Landroid/support/v4/app/Fragment;",
})


TYPED_INPUT = frozenset(("layout_input", "user_input"))
"""Source kinds of text the user types into a field: never read before the user interacts."""


def _permission_prompts(program: Program, m: Method, here: str, owner: OwnerResolver,
                        w: Window, key: str) -> list[PreConsentHit]:
    """``requestPermissions`` calls in window method ``m``, with the permission names it holds."""
    facts = program.facts(m)
    out = []
    for call in facts.calls:
        tgt = call.target
        if tgt.name != "requestPermissions":
            continue
        lands = {tgt.cls} | set(program.external_declaring(tgt.cls, tgt.name))
        if not lands & _PROMPT_CLASSES:
            continue
        # the String[] is built from constants in the same method in nearly every app
        perms = tuple(sorted({v for _, _, v in facts.strings if v.startswith("android.permission.")}))
        out.append(PreConsentHit(
            kind="permission_request", api=f"{descriptor_to_java(tgt.cls)}.{tgt.name}",
            location=CodeLocation(here, m.name, m.proto, call.pc), owner=owner(here),
            entry=w.entry[key], chain=w.chain(key), permissions=perms))
    return out


_ROUNDS = 12  # rounds of the first-launch window before giving up on gates (values only grow: 2-4 suffice)


class _FirstRun:
    """The window of the first launch: flags at their defaults plus what window code writes."""

    def __init__(self, program: Program, app: AppInfo, consent: frozenset[str],
                 ignore: frozenset[str] = frozenset(), args: dict[str, ArgClasses] | None = None) -> None:
        self.written: dict[str, Written] = {}
        self.fl = FirstLaunch(program, self.written, ignore, consent)
        self.window: Window | None = None
        for _ in range(_ROUNDS):
            w = window_methods(program, app, self.fl.facts, args)
            new: dict[str, Written] = {}
            for key, m in w.methods.items():
                r = self.fl.result(m)
                for flag, (const, origins), pc in r.writes if r is not None else ():
                    wr = new.setdefault(flag, Written())
                    preset = const not in (None, 0, "") and not origins
                    if preset and flag in ignore:
                        continue
                    if const is None:
                        wr.unknown = True
                    else:
                        wr.consts.add(const)
                    wr.origins |= origins
                    if preset:
                        wr.preset.append((key, pc))
            changed = {f for f in new.keys() | self.written.keys()
                       if (f not in new) != (f not in self.written) or not new[f].same(self.written[f])}
            self.written.clear()
            self.written.update(new)
            if not changed or not self.fl.invalidate(changed):  # no window method reads what changed
                self.window = w
                return

    def gate(self, full: Window, key: str, pc: int) -> frozenset[str]:
        """Flags that keep site ``pc`` of window method ``key`` from running on the first launch (empty:
        it runs, or nothing the analysis can name keeps it out)."""
        w = self.window
        if w is None:
            return frozenset()
        k: str | None = key
        while k is not None:
            if k in w.methods:
                r = self.fl.result(w.methods[k])
                return r.cut.get(pc, frozenset()) if r is not None else frozenset()
            k, pc = full.parent[k]
        return frozenset()


def _interactions(program: Program, w: Window) -> list[Method]:
    """Methods only a user action runs (listener callbacks, layout ``onClick`` handlers, …) of the
    objects the window creates: consent is asked for before it is given, so the consent screen and its
    listeners are made in the window."""
    out = []
    for cls in sorted(w.live):
        ci = program.classes[cls]
        listener = bool(INTERACTION_TYPES & program.supertypes(ci.descriptor))
        for m in ci.methods.values():
            if m.code_off and (listener or m.sig in w.onclick or m.name in INTERACTION_NAMES) \
                    and w.interaction(m):
                out.append(m)
    return out


def _openers(program: Program, w: Window) -> dict[str, set[str]]:
    """For each flag interaction code writes, the interaction methods that write it (themselves or
    through app calls and the coroutines they start, 3 deep)."""
    out: dict[str, set[str]] = defaultdict(set)
    fl = FirstLaunch(program, {})
    for m in _interactions(program, w):
        name = f"{descriptor_to_java(m.cls)}.{m.name}"
        todo, seen = [(m, 0)], {m.key}
        while todo:
            cur, depth = todo.pop()
            r = fl.result(cur)
            for flag, _v, _pc in r.writes if r is not None else ():
                out[flag].add(name)
            if depth >= 3:
                continue
            facts = program.facts(cur)
            callees = [program.resolve(call.target.cls, sig_of(call.target)) for call in facts.calls]
            # a coroutine the callback starts (launch { dataStore.edit { … } }) runs its body
            callees += [program.resolve(t, INVOKE_SUSPEND) for t in facts.news if t in program.classes]
            for callee in callees:
                if callee is not None and callee.key not in seen and callee.code_off:
                    seen.add(callee.key)
                    todo.append((callee, depth + 1))
    return out


def _gate_text(flags: frozenset[str], openers: dict[str, set[str]]) -> str:
    who = sorted({o for f in flags for o in openers.get(f, ())})
    by = ", ".join(who[:3]) + (" …" if len(who) > 3 else "")
    return "behind " + ", ".join(describe(f) for f in sorted(flags)) + f", set by {by}"


def find_consent(program: Program, kb: KnowledgeBase, app: AppInfo, access: list[PIAccess],
                 owner: OwnerResolver | None = None) -> tuple[list[PreConsentHit], list[ConsentGate]]:
    """SDK calls from app code, permission prompts and PI reads the pre-consent window reaches, and the
    consent flags the first launch branches on.

    A hit that a flag at its first-launch value keeps out of the window has
    ``gate`` set when an interaction method writes the flag (or one its value
    comes from): the site runs only once that writer, normally a consent
    dialog's click handler, has run. A flag no user action writes (an extra
    whoever starts the launcher supplies, a field a deserialiser sets) gates
    nothing. A flag that window code itself sets to
    a non-zero constant ("default consent") closes no gate; it is returned
    with ``preset`` sites when, without those writes, it would gate a hit.
    """
    w = window_methods(program, app)
    owner = owner or OwnerResolver(kb, app.package)
    sites: list[tuple[PreConsentHit, str, int]] = []
    for key, m in w.methods.items():
        here = descriptor_to_java(m.cls)
        prompts = _permission_prompts(program, m, here, owner, w, key)
        sites.extend((h, key, h.location.offset) for h in prompts)
        if owner(here).kind != "app":
            continue
        for call in program.facts(m).calls:
            tgt = call.target
            tcls = descriptor_to_java(tgt.cls)
            to = owner(tcls)
            if to.kind != "sdk":
                continue
            api = f"{tcls}.{tgt.name}"
            sites.append((PreConsentHit(
                kind="sdk_call", api=api, location=CodeLocation(here, m.name, m.proto, call.pc),
                owner=owner(here), entry=w.entry[key], chain=w.chain(key), sdk=to.id,
                sdk_init=api in kb.sdks[to.id].init), key, call.pc))
    for a in access:
        if a.kind in TYPED_INPUT:
            continue  # what the user types is read after the user typed it: an interaction
        loc = a.location
        key = f"{java_to_descriptor(loc.cls)}->{loc.method}{loc.proto}"
        if key in w.methods:
            sites.append((PreConsentHit(kind="pi_access", api=a.api, location=loc, owner=a.owner,
                                        entry=w.entry[key], chain=w.chain(key), pi=a.pi,
                                        source_id=a.source_id), key, loc.offset))
    gates: list[ConsentGate] = []
    openers = _openers(program, w) if sites else {}
    consent = frozenset(openers)
    first = _FirstRun(program, app, consent, args=w.args) if consent else None
    gated = {i: first.gate(w, key, pc) for i, (_h, key, pc) in enumerate(sites)} if first else {}
    # default consent: a stored flag (a field set true in the window is the app's state, not consent)
    stored = ("pref:", "mmkv:", "file:", "db:", "datastore:")
    presets = frozenset(f for f, wr in first.written.items()
                        if wr.preset and f in consent and f.startswith(stored)) if first else frozenset()
    would: dict[str, int] = defaultdict(int)
    if first is not None and presets:
        without = _FirstRun(program, app, consent, presets, w.args)
        for i, (_h, key, pc) in enumerate(sites):
            if not gated[i]:
                for f in without.gate(w, key, pc) & presets:
                    would[f] += 1
    for i, fs in gated.items():  # a consent gate is one a user action opens; other flags prove nothing
        if fs and not any(f in openers for f in fs):
            gated[i] = frozenset()
    out = [replace(h, gate=_gate_text(gated[i], openers)) if gated.get(i) else h
           for i, (h, _k, _pc) in enumerate(sites)]
    behind: dict[frozenset[str], int] = defaultdict(int)
    for fs in gated.values():
        if fs:
            behind[fs] += 1
    for fs, n in sorted(behind.items(), key=lambda t: sorted(t[0])):
        gates.append(ConsentGate(flags=tuple(describe(f) for f in sorted(fs)),
                                 openers=tuple(sorted({o for f in fs for o in openers.get(f, ())})), gated=n))
    assert first is not None or not would
    for f, n in sorted(would.items()):
        locs = []
        for key, pc in first.written[f].preset if first else ():
            pm = w.methods.get(key) or program.method(key)
            if pm is not None:
                locs.append(CodeLocation(descriptor_to_java(pm.cls), pm.name, pm.proto, pc))
        gates.append(ConsentGate(flags=(describe(f),), openers=tuple(sorted(openers.get(f, ()))),
                                 preset=tuple(locs), gated=n))
    return sorted(out, key=lambda h: (h.kind, str(h.location), h.api)), gates


def find_pre_consent(program: Program, kb: KnowledgeBase, app: AppInfo, access: list[PIAccess],
                     owner: OwnerResolver | None = None) -> list[PreConsentHit]:
    """The hits of :func:`find_consent` (gated ones with their ``gate``)."""
    return find_consent(program, kb, app, access, owner)[0]

