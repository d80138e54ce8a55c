"""Code no SDK's prefix names, attributed to the SDK whose code alone calls it (its place in the call graph).

Shrunk or ``internal`` SDK code often lives outside the SDK's own packages:
old Play services keep AdMob's ad-request code in
``com.google.android.gms.internal.zz*``, a package every Play services
product shares, so no code prefix can name it. Such a class belongs to SDK
*X* when it lies in *X*'s vendor namespace (it shares the first three package
segments with one of *X*'s code prefixes), outside the app's own package, and
every reachable call into it comes from *X*'s code (or from classes already
attributed to *X* this way). A class the app's own code calls, or that two
SDKs call, or that nothing calls (a component the framework starts), keeps
its owner. App classes outside the vendor's namespace that an SDK calls back
(the app's listeners) are the app's and are never candidates.
"""

from __future__ import annotations

from analyzer.kb.catalogue import KnowledgeBase
from analyzer.kb.owners import OwnerResolver
from analyzer.model import Owner
from analyzer.program.hierarchy import Program
from analyzer.program.reach import Reachability, call_targets

VENDOR_SEGMENTS = 3
"""Leading package segments a class must share with an SDK prefix to be that vendor's code."""


def _root(name: str) -> tuple[str, ...]:
    return tuple(name.split(".")[:VENDOR_SEGMENTS])


def attribute_by_callers(program: Program, reach: Reachability, kb: KnowledgeBase,
                         owner: OwnerResolver) -> dict[str, str]:
    """Attribute unclaimed vendor-namespace classes to the one SDK that calls them; records the
    attribution in ``owner`` and returns it (Java class name -> SDK id)."""
    app_pkg = owner.package + "."
    roots: dict[tuple[str, ...], set[str]] = {}
    for sdk in kb.sdks.values():
        for prefix in sdk.code:
            if len(prefix.split(".")) >= VENDOR_SEGMENTS:
                roots.setdefault(_root(prefix), set()).add(sdk.id)
    callers: dict[str, set[str]] = {}
    candidates: set[str] = set()
    for key in reach.methods:
        m = program.method(key)
        if m is None or not m.code_off:
            continue
        caller = program.classes[m.cls].java_name
        for call in program.facts(m).calls:
            for t in call_targets(program, reach, call.target, call.op):
                callee_ci = program.classes.get(t.cls)
                if callee_ci is None or t.cls == m.cls:
                    continue
                callee = callee_ci.java_name
                if callee not in candidates:
                    if owner(callee).kind != "app" or (callee + ".").startswith(app_pkg) \
                            or _root(callee) not in roots:
                        continue
                    candidates.add(callee)
                callers.setdefault(callee, set()).add(caller)
    got: dict[str, str] = {}
    for relaxed in (False, True):  # relaxed: callers still undecided (a cycle among them) are left out
        changed = True
        while changed:
            changed = False
            for cls in sorted(candidates - got.keys()):
                sdk_id = _sole_caller(cls, callers[cls], candidates, got, owner, relaxed)
                if sdk_id is not None and sdk_id in roots[_root(cls)]:
                    got[cls] = sdk_id
                    changed = True
    for cls, sdk_id in got.items():
        owner.assign(cls, Owner("sdk", sdk_id))
    return got


def _sole_caller(cls: str, callers: set[str], candidates: set[str], got: dict[str, str],
                 owner: OwnerResolver, relaxed: bool) -> str | None:
    """The one SDK every caller of ``cls`` belongs to, or None (the app, several, or undecided)."""
    owners: set[str] = set()
    for c in callers:
        if c in got:
            owners.add(got[c])
        elif c in candidates:
            if not relaxed:
                return None
        else:
            o = owner(c)
            owners.add(o.id if o.kind == "sdk" else "")
    return owners.pop() if len(owners) == 1 and "" not in owners else None
