"""Where a uid argument comes from: the app's own or its caller's uid (``Process.myUid``,
``Binder.getCallingUid``), directly or through the parameters of its callers, or anything else.

``PackageManager.getPackagesForUid(uid)`` names the installed apps when a loop enumerates uids; with
the app's own uid, or the uid of the app calling it (AndroidX ``PermissionChecker``,
``ContextCompat``-style helpers), it names that one app, which is no PI. The walk is linear over
the method's instructions (the last write before the call decides, as for password views), follows
moves, and at a parameter asks every call site of the method, a few callers deep. Anything it
cannot tell is "not own", so the read stays a source.
"""

from __future__ import annotations

from analyzer.common.descriptors import split_params
from analyzer.program.hierarchy import Call, Method, Program

OWN_UID_CALLS = frozenset({
    ("Landroid/os/Process;", "myUid"),
    ("Landroid/os/Binder;", "getCallingUid"),
    ("Landroid/os/Process;", "getUidForName"),  # never another app's: system user names
})
"""Calls returning the uid of this app or of the app calling it."""

MAX_CALLERS_DEEP = 3
"""How many callers up a parameter is followed."""

_INVOKES = frozenset(range(0x6E, 0x73)) | frozenset(range(0x74, 0x79))
_MOVE_RESULT = 0x0A
_MOVES = frozenset({0x01, 0x02, 0x03})
# instructions whose register ``a`` is no destination (branches, stores, returns, monitors …)
_NO_DEST = (frozenset({0x00, 0x0E, 0x0F, 0x10, 0x11, 0x1D, 0x1E, 0x1F, 0x27, 0x28, 0x29, 0x2A, 0x2B, 0x2C})
            | frozenset(range(0x32, 0x3E)) | frozenset(range(0x4B, 0x52)) | frozenset(range(0x59, 0x60))
            | frozenset(range(0x67, 0x6E)))


class UidOrigins:
    """Answers "is this argument the app's own or its caller's uid?" for one program (call sites cached)."""

    def __init__(self, program: Program) -> None:
        self.p = program
        self._sites: dict[str, list[tuple[Method, Call]]] = {}

    def own(self, m: Method, pc: int, reg: int, depth: int = 0) -> bool:
        """Whether register ``reg`` holds this app's or its caller's uid at ``pc`` in ``m``."""
        origin = self._origin(m, pc, reg)
        if origin == "own":
            return True
        if not isinstance(origin, int) or depth >= MAX_CALLERS_DEEP:
            return False
        slot = _arg_slot(m, origin)
        sites = self.sites(m)
        return bool(sites) and all(slot < len(call.args) and self.own(c, call.pc, call.args[slot], depth + 1)
                                   for c, call in sites)

    def _origin(self, m: Method, pc: int, reg: int) -> str | int:
        """``own``, the index of the parameter it still holds (``this`` is 0), or ``other``."""
        if not m.code_off:
            return "other"
        d = self.p.dex[m.dex]
        origin: dict[int, str | int] = {r: i for i, (r, _t) in enumerate(self.p.param_registers(m))}
        pending = ""
        for ipc, op, a, b, _c, _args in self.p.instructions(m):
            if ipc >= pc:
                break
            if op in _INVOKES:
                cls, name = d.method_class_name(a)
                pending = "own" if self._own_call(cls, name) else "other"
                continue
            if op == _MOVE_RESULT:
                origin[a] = pending or "other"
            elif op in _MOVES:
                origin[a] = origin.get(b, "other")
            elif op not in _NO_DEST:
                origin[a] = "other"
            pending = ""
        return origin.get(reg, "other")

    def _own_call(self, cls: str, name: str) -> bool:
        """A call of an own-uid method, also as named through a subclass (``Stub.getCallingUid()``
        in an AIDL stub compiles to the stub's class)."""
        if (cls, name) in OWN_UID_CALLS:
            return True
        return any((sup, name) in OWN_UID_CALLS for sup in self.p.supertypes(cls)) if cls in self.p.classes \
            else False

    def sites(self, m: Method) -> list[tuple[Method, Call]]:
        """The call sites of ``m`` in the program (calls naming it, or a class it is inherited into)."""
        got = self._sites.get(m.key)
        if got is None:
            got = []
            for caller in self.p.methods():
                if not caller.code_off:
                    continue
                for call in self.p.facts(caller).calls:
                    t = call.target
                    if t.name != m.name or t.proto != m.proto:
                        continue
                    r = m if t.cls == m.cls else self.p.resolve(t.cls, m.sig)
                    if r is not None and r.key == m.key:
                        got.append((caller, call))
            self._sites[m.key] = got
        return got


def _arg_slot(m: Method, index: int) -> int:
    """The position in an invoke's registers of parameter ``index`` (``this`` first; wide ones take two)."""
    types = ([] if m.is_static else [m.cls]) + list(split_params(m.proto))
    return sum(2 if t in ("J", "D") else 1 for t in types[:index])
