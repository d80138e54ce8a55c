"""Judge TLS callback implementations: trust managers, hostname verifiers, WebView SSL-error handlers.

Each check reads one method body (as a :class:`analyzer.program.cfg.Body`) and says
whether it accepts what it should refuse:

* ``checkServerTrusted`` *accepts without a check* when some path reaches a
  return without passing a call that could reject the chain (any call except
  logging, string building and Kotlin's null checks) — including the path
  where such a call throws and a handler swallows the exception. It accepts
  *unconditionally* when, besides, no path can end in an exception.
* ``HostnameVerifier.verify`` accepts every host when every reachable return
  returns the constant ``true``.
* ``WebViewClient.onReceivedSslError`` proceeds when it calls
  ``SslErrorHandler.proceed()``; unconditionally when every path to a return
  passes such a call.
"""

from __future__ import annotations

from dataclasses import dataclass

from analyzer.apk.dex import INVOKE_OPS, DexFile, Insn
from analyzer.program.cfg import Body
from analyzer.program.regflow import Hooks, State, analyse, walk

_HARMLESS_CLASSES = frozenset((
    "Landroid/util/Log;", "Ljava/lang/StringBuilder;", "Ljava/lang/String;", "Ljava/io/PrintStream;",
    "Lkotlin/jvm/internal/Intrinsics;", "Ljava/lang/Object;", "Ljava/lang/System;",
    "Ljava/lang/Throwable;", "Ljava/util/Arrays;", "Ljava/lang/Integer;", "Ljava/lang/Class;",
))
# Calls that read a certificate without judging it: harmless unless a throw elsewhere may use what they read.
_INSPECTING_CLASSES = frozenset(("Ljava/security/cert/X509Certificate;", "Ljava/security/cert/Certificate;",
                                 "Ljava/security/Principal;", "Ljavax/security/auth/x500/X500Principal;",
                                 "Ljava/util/Set;", "Ljava/util/Collection;", "Ljava/util/List;",
                                 "Ljava/util/Iterator;", "Ljava/security/PublicKey;"))
_JUDGING_NAMES = frozenset(("checkValidity", "verify"))
_CATCH_ALL = frozenset((None, "Ljava/lang/Throwable;", "Ljava/lang/Exception;",
                        "Ljava/security/GeneralSecurityException;",
                        "Ljava/security/cert/CertificateException;"))
_RETURNS = frozenset((0x0E, 0x0F, 0x10, 0x11))
_THROW = 0x27
SSL_ERROR_HANDLERS = frozenset(("Landroid/webkit/SslErrorHandler;",
                                "Lcom/tencent/smtt/export/external/interfaces/SslErrorHandler;"))


@dataclass(frozen=True)
class Verdict:
    """What a check concluded about one method."""

    weak: bool
    """The method accepts what it should refuse (on at least one path)."""
    unconditional: bool
    """It does so on every path."""
    evidence: str
    """Why, in a few words."""


def _escapes(body: Body, k: int) -> bool:
    """Whether an exception at position ``k`` can leave the method (no catch-all handler)."""
    return not any(t in _CATCH_ALL for t, _h in body.exc[k])


def _judges(dex: DexFile, method_idx: int, inspecting: bool) -> bool:
    """Whether a call may decide the check; ``inspecting`` counts certificate getters as deciding."""
    cls, name = dex.method_class_name(method_idx)
    if cls in _HARMLESS_CLASSES:
        return False
    if cls in _INSPECTING_CLASSES and name not in _JUDGING_NAMES:
        return inspecting
    return True


def trust_check(body: Body, dex: DexFile, name: str) -> Verdict:
    """Judge a ``checkServerTrusted``/``checkClientTrusted`` body."""
    insns = body.insns
    if len(insns) == 1 and insns[0][1] == 0x0E:
        return Verdict(True, True, f"{name} body is return-void")
    if not any(op == _THROW or (op in INVOKE_OPS and _judges(dex, a, inspecting=False))
               for _pc, op, a, *_rest in insns):
        return Verdict(True, True, f"{name} never throws and calls nothing that checks certificates")
    seen: set[tuple[int, bool, str]] = set()
    stack: list[tuple[int, bool, str]] = [(0, False, "")]
    unchecked_return = ""  # how an unchecked return was reached ("plain" or "swallowed <call>")
    may_reject = False
    checks = 0
    while stack:
        node = stack.pop()
        if node in seen:
            continue
        seen.add(node)
        k, checked, via = node
        _pc, op, a, _b, _c, _args = insns[k]
        if op in _RETURNS:
            if not checked and (not unchecked_return or via):
                unchecked_return = via or "plain"
            continue
        if op == _THROW:
            may_reject = may_reject or _escapes(body, k)
            stack.extend((h, checked, via) for _t, h in body.exc[k])
            continue
        if op in INVOKE_OPS and _judges(dex, a, inspecting=True):
            checks += 1
            cls, mname = dex.method_class_name(a)
            stack.extend((s, True, via) for s in body.succ[k])
            if _escapes(body, k):
                may_reject = True
            if not checked:
                stack.extend((h, False, f"{cls[1:-1].rsplit('/', 1)[-1]}.{mname}") for _t, h in body.exc[k])
            continue
        stack.extend((s, checked, via) for s in body.succ[k])
        stack.extend((h, checked, via) for _t, h in body.exc[k])
    if not unchecked_return:
        return Verdict(False, False, f"{name} checks or throws on every path")
    if unchecked_return != "plain":
        return Verdict(True, not may_reject,
                       f"{name} catches the exception of {unchecked_return}() and returns")
    if not may_reject:
        return Verdict(True, True, f"{name} cannot fail: every exception is caught")
    return Verdict(True, False, f"{name} returns without a check on some path (throws on others)")


def accepted_issuers(body: Body) -> str:
    """``"null"``/``"empty"`` when ``getAcceptedIssuers`` only returns null / ``new X509Certificate[0]``."""
    ins = [i for i in body.insns if i[1] != 0x1F]  # ignore check-cast
    if (len(ins) == 2 and ins[0][1] == 0x12 and ins[0][3] == 0 and ins[1][1] == 0x11
            and ins[1][2] == ins[0][2]):
        return "null"
    if (len(ins) == 3 and ins[0][1] == 0x12 and ins[0][3] == 0 and ins[1][1] == 0x23
            and ins[1][3] == ins[0][2] and ins[2][1] == 0x11 and ins[2][2] == ins[1][2]):
        return "empty"
    return ""


def verify_accepts_all(body: Body, dex: DexFile) -> Verdict:
    """Judge a ``HostnameVerifier.verify`` body."""
    values: list[object] = []

    def visit(_k: int, insn: Insn, st: State) -> None:
        if insn[1] == 0x0F:
            values.append(st.get(insn[2]))

    walk(analyse(body, dex, Hooks()), visit)
    if values and all(v == 1 for v in values):
        return Verdict(True, True, "verify returns the constant true on every path")
    return Verdict(False, False, "verify does not always return true")


def proceeds(body: Body, dex: DexFile) -> Verdict:
    """Judge an ``onReceivedSslError`` body: does it call ``SslErrorHandler.proceed()``?"""
    calls = [k for k, (_pc, op, a, *_r) in enumerate(body.insns)
             if op in INVOKE_OPS and dex.method_class_name(a)[1] == "proceed"
             and dex.method_class_name(a)[0] in SSL_ERROR_HANDLERS]
    if not calls:
        return Verdict(False, False, "onReceivedSslError does not call proceed()")
    blocked = set(calls)
    seen: set[int] = set()
    stack = [0]
    reached_proceed = False
    return_without = False
    while stack:
        k = stack.pop()
        if k in seen:
            continue
        seen.add(k)
        if k in blocked:
            reached_proceed = True
            continue
        if body.insns[k][1] in _RETURNS:
            return_without = True
        stack.extend(body.succ[k])
        stack.extend(h for _t, h in body.exc[k])
    if not reached_proceed:
        return Verdict(False, False, "onReceivedSslError's proceed() is unreachable")
    if return_without:
        return Verdict(True, False, "onReceivedSslError calls proceed() on some paths")
    return Verdict(True, True, "onReceivedSslError calls proceed() on every path")
