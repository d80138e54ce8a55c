"""Where each network sink call sends: the URL, host and socket constants that reach it, as origins.

The taint analysis says which PI reaches which network sink call; this module
says where that call sends, so a flow can be bound to a host on evidence
rather than on co-occurrence. For each network (and WebView) leak it follows,
backwards from the sink call site and its steps (:attr:`Leak.steps`), the
values of the call's receiver and arguments with the register data-flow of
:mod:`analyzer.program.regflow`, whose hooks here know three kinds of value
(markers in the flow's class sets):

* ``s:TEXT``: a constant string (``const-string``, a static or instance field
  every store of which is a known value, a parameter every caller passes a
  known value for, an app method's return value);
* ``p:TEXT``: a string of which only the constant prefix is known
  (``StringBuilder`` appends, ``String.concat``, ``String.format``, ``+``
  with something unknown);
* ``os:TEXT`` / ``op:TEXT``: a library object bound to that string: a
  ``java.net.URL`` and the connection and streams it opens, an OkHttp
  ``Request.Builder``/``Request``/``Call``/``HttpUrl``, a ``Retrofit`` and
  the services it creates and their calls (a service method whose ``@GET``,
  ``@POST``, … names an absolute URL sends there instead), a Volley or
  Apache request, a socket (``tcp://host:port`` from ``new Socket(host,
  port)`` or an ``InetSocketAddress``). A library object built from, or
  returned by a call on, a bound object is bound to it; a URL string binds
  only a network class (:data:`URL_TAKERS`) and only where it is no data
  (:data:`DATA_CALLS`: a header, a form field, a body).

At the sink the receiver's and the arguments' bindings give the origins
``scheme://host[:port]`` (default ports dropped). A sink that binds nothing
but returns or builds an object (``RequestBody.create``, ``new
StringEntity(pi)``) is followed forwards (``t:``): the library calls its
result goes into, also inside app methods it is handed to, give the origins.
Sink calls inside a bundled network library (:data:`LIBRARIES`) inherit
those of the app's sink call on their path. A prefix counts when its
host is complete: a ``/``, ``?``, ``#`` or port follows it, or it ends in a
name whose last label is alphabetic (``https://api.example.com`` + path). A
value unknown on any path, a parameter one caller passes unknown, a field one
store of which is unknown, leave the call without destinations (empty: the
code does not fix it), as does a string that is no URL (user input). Callers,
field stores and return values are followed :data:`MAX_DEPTH` levels deep.
A sink inside a catalogued SDK's code that stays unresolved sends to the
SDK's network signature (``policies/sdks.yaml``): ``https://SUFFIX``, a
domain suffix the flow join matches hosts against.
"""

from __future__ import annotations

import re
import time
from dataclasses import replace

from analyzer.apk.dex import INVOKE_OPS, DexError, DexFile, FieldRef, Insn, MethodRef
from analyzer.common.descriptors import java_to_descriptor, split_params
from analyzer.kb.catalogue import KnowledgeBase
from analyzer.model import CodeLocation, Leak
from analyzer.program.cfg import build_body
from analyzer.program.hierarchy import Call, Method, Program, sig_of
from analyzer.program.reach import Reachability
from analyzer.program.regflow import Flow, Hooks, State, Value, analyse, step

SINK_KINDS = frozenset(("network", "webview"))
"""Leak sink kinds whose calls send somewhere."""
MAX_DEPTH = 3
"""Levels of callers, field stores and callees followed for one value."""
MAX_VALUES = 16
"""Candidate strings one value may hold before it counts as unknown."""
MAX_CALLERS = 24
"""Call sites of a method whose parameters are resolved; more leave them unknown."""
MAX_ANALYSES = 5000
"""Method analyses one scan's resolution may run; values needing more stay unknown."""
MAX_SECONDS = 20.0
"""Time the resolution of one scan may take; the leaks after it keep no destinations."""

_STRING = "Ljava/lang/String;"
_STRINGISH = frozenset((_STRING, "Ljava/lang/CharSequence;", "Ljava/lang/Object;"))
_BUILDERS = frozenset(("Ljava/lang/StringBuilder;", "Ljava/lang/StringBuffer;"))
_SOCKETS = frozenset(("Ljava/net/Socket;", "Ljavax/net/ssl/SSLSocket;", "Ljava/net/InetSocketAddress;",
                      "Ljavax/net/SocketFactory;", "Ljavax/net/ssl/SSLSocketFactory;"))
_CONNECTS = frozenset(("connect", "setURI", "setUrl", "setURL"))
"""Void calls that point their receiver where their argument names."""
_HTTPURL_BUILDER = "Lokhttp3/HttpUrl$Builder;"
_STATIC_INVOKES = frozenset((0x71, 0x77))
URL_TAKERS = ("Ljava/net/", "Ljavax/net/", "Landroid/webkit/", "Landroid/net/", "Lokhttp3/",
              "Lcom/squareup/okhttp/", "Lretrofit2/", "Lcom/android/volley/", "Lorg/apache/http/")
"""Classes whose calls a URL string binds (a JSON object or an intent given one is not bound)."""
DATA_CALLS = frozenset(("setRequestProperty", "addRequestProperty", "header", "addHeader", "setHeader",
                        "add", "addEncoded", "addQueryParameter", "addEncodedQueryParameter",
                        "setQueryParameter", "addPathSegment", "addFormDataPart", "addPart", "write",
                        "writeUtf8", "send", "publish", "evaluateJavascript", "loadData", "setCookie"))
"""Network calls whose string arguments are data (a header, a form field, a body), not where it goes."""
LIBRARIES = ("Ljava/", "Ljavax/", "Landroid/", "Lokhttp3/", "Lokio/", "Lcom/squareup/okhttp/", "Lretrofit2/",
             "Lcom/android/volley/", "Lorg/apache/http/")
"""Network and platform libraries modelled by what their calls bind, even when the APK bundles them."""
_RETURN_OBJECT = 0x11
_IPUT_OBJECT, _SPUT_OBJECT = 0x5B, 0x69
_URL = re.compile(r"([a-zA-Z][a-zA-Z0-9+.-]*)://([A-Za-z0-9._-]+)(?::(\d{1,5}))?([/?#]|$)")
_DEFAULT_PORTS = {"http": "80", "https": "443", "ws": "80", "wss": "443"}


def origin(text: str, exact: bool = True) -> str | None:
    """The origin ``scheme://host[:port]`` of a URL, or of a URL's known prefix (``exact`` false).

    >>> origin("https://API.example.com:443/v1?x=1"), origin("http://10.0.0.2:8080")
    ('https://api.example.com', 'http://10.0.0.2:8080')
    >>> origin("https://api.example.com", exact=False), origin("http://10.0.0.", exact=False)
    ('https://api.example.com', None)
    >>> origin("https://api.example.com:80", exact=False), origin("https://api.example.com:80/", exact=False)
    (None, 'https://api.example.com:80')
    >>> origin("content://settings/x"), origin("not a url")
    (None, None)
    """
    m = _URL.match(text.strip())
    if m is None:
        return None
    scheme, host, port, after = m.group(1).lower(), m.group(2).lower().rstrip("."), m.group(3), m.group(4)
    if scheme in ("content", "file", "android.resource", "data", "javascript", "intent") or "." not in host:
        return None
    if not exact and not after:  # the prefix ends inside the host or the port: may it go on?
        last = host.rsplit(".", 1)[-1]
        if port is not None or not (last.isalpha() and len(last) >= 2):
            return None
    if port is not None and _DEFAULT_PORTS.get(scheme) == port:
        port = None
    return f"{scheme}://{host}" + (f":{port}" if port else "")


def _strings(v: Value | None) -> frozenset[str] | None:
    """The string markers ``v`` holds (``s:``/``p:``), None when it is not a known string."""
    if isinstance(v, int) and not isinstance(v, bool):
        return frozenset({f"s:{v}"})
    if not isinstance(v, frozenset) or not v or not all(x[:2] in ("s:", "p:") for x in v):
        return None
    return v


def _bound(v: Value | None) -> frozenset[str]:
    """The bindings of a library object (``os:``/``op:``) or of a URL string ``v`` holds."""
    if not isinstance(v, frozenset):
        return frozenset()
    out = set()
    for x in v:
        if x[:3] in ("os:", "op:"):
            out.add(x)
        elif x[:2] in ("s:", "p:") and origin(x[2:], x[0] == "s") is not None:
            out.add("o" + x)
    return frozenset(out)


def origins(v: Value | None) -> set[str]:
    """The origins a value bound to URLs names."""
    out = set()
    for x in _bound(v):
        o = origin(x[3:], x[1] == "s")
        if o is not None:
            out.add(o)
    return out


def _cap(values: set[str]) -> frozenset[str] | None:
    return frozenset(values) if 0 < len(values) <= MAX_VALUES else None


def _concat(a: frozenset[str] | None, b: frozenset[str] | None) -> frozenset[str] | None:
    """``a + b`` over string markers; an unknown ``b`` leaves ``a`` as a prefix."""
    if a is None:
        return None
    if b is None:
        return _cap({f"p:{x[2:]}" for x in a})
    return _cap({("s:" if x[0] == "s" and y[0] == "s" else "p:") + x[2:] + (y[2:] if x[0] == "s" else "")
                 for x in a for y in b})


def arg_slots(ref: MethodRef, static: bool, args: tuple[int, ...]) -> list[int]:
    """The register of each argument of a call (receiver first), one per parameter (wide ones too)."""
    out, k = [], 0
    if not static:
        out.append(args[0])
        k = 1
    for p in ref.params:
        if k >= len(args):
            break
        out.append(args[k])
        k += 2 if p in ("J", "D") else 1
    return out


class _Hooks(Hooks):
    """Strings, prefixes and URL bindings through one method (see the module docstring)."""

    def __init__(self, res: _Resolver, m: Method, depth: int, mark: int = -1) -> None:
        self.res, self.m, self.depth, self.dex = res, m, depth, res.program.dex[m.dex]
        self.mark = mark
        """Offset of a sink call whose result is followed forwards (``t:``), -1 for none."""
        self.sent: set[str] = set()
        """Origins of the library calls the followed result meets."""

    def string(self, pc: int, value: str) -> Value | None:
        return frozenset({"s:" + value[:2048]})

    def field(self, pc: int, ref: FieldRef) -> Value | None:
        return self.res.field_value(ref, self.depth - 1)

    def call(self, pc: int, ref: MethodRef, op: int, args: tuple[int, ...], state: State) -> Value | None:
        static = op in _STATIC_INVOKES
        regs = arg_slots(ref, static, args)
        vals = [state.get(r) for r in regs]
        this = None if static or not vals else vals[0]
        params = vals if static else vals[1:]
        cls, name = ref.cls, ref.name
        if cls in _BUILDERS:
            return self._builder(ref, regs, this, params, state)
        if cls == _STRING:
            return self._string_op(name, static, this, params)
        if cls == _HTTPURL_BUILDER:
            return self._url_builder(name, regs, this, params, state)
        marked = pc == self.mark or any(isinstance(v, frozenset) and "t:" in v for v in vals)
        program = self.res.program
        target = (program.resolve(cls, sig_of(ref))
                  if cls in program.classes and not cls.startswith(LIBRARIES) else None)
        if target is None and cls in program.classes and not cls.startswith(LIBRARIES):
            absolute = self.res.retrofit_url(cls, sig_of(ref))
            if absolute is not None:  # @GET("https://other.host/x") on a service method: its own host
                return frozenset({"os:" + absolute})
        if marked and (target is None or not target.code_off):
            for v in vals:  # the sink's result (a request body, a request) goes into this call, the PI too
                self.sent |= origins(v)
        if target is not None and target.code_off:
            if marked and self.depth > 0:  # the sink's result goes into app code: follow it there
                regs_in = [r for r, _t in program.param_registers(target)]
                self.sent |= self.res.forward(target, self.depth - 1, {
                    r: v for r, v in zip(regs_in, vals, strict=False) if v is not None})
            return self.res.returned(target, vals, self.depth - 1)
        bound: set[str] = {"t:"} if marked else set()
        if cls in _SOCKETS and len(ref.params) >= 2 and ref.params[:2] == (_STRING, "I"):
            hosts, port = _strings(params[0]), params[1]
            if hosts is not None and isinstance(port, int):
                bound |= {f"os:tcp://{h[2:]}:{port}" for h in hosts if h[0] == "s"}
        takes_urls = cls.startswith(URL_TAKERS) and name not in DATA_CALLS
        for v in params:  # a URL string binds only a network class's URL; any class carries a binding on
            bound |= {x for x in _bound(v) if takes_urls or (isinstance(v, frozenset) and x in v)}
        if marked and not static:
            bound |= _bound(this)
        if name == "<init>":
            if bound:
                state[regs[0]] = frozenset(bound)
            else:
                state.pop(regs[0], None)
            return None
        if ref.ret == "V":
            if bound and not static and name in _CONNECTS:
                state[regs[0]] = frozenset(_bound(this) | bound)
            return None
        if ref.name == "toString" and not params:
            return _cap({x[1:] for x in _bound(this)})
        out = frozenset(bound | (_bound(this) if not static else set()))
        if out and not static and bound and ref.ret == cls:
            state[regs[0]] = out  # a builder's setter: the receiver holds it from now on
        return out or None

    def _builder(self, ref: MethodRef, regs: list[int], this: Value | None, params: list[Value | None],
                 state: State) -> Value | None:
        name = ref.name
        if name == "<init>":
            if not params or ref.params[0] in ("I", "J"):
                new: frozenset[str] | None = frozenset({"s:"})
            else:
                new = _strings(params[0])
        elif name == "append" and params:
            arg = params[0]
            if ref.params and ref.params[0] == "C" and isinstance(arg, int):
                arg = frozenset({"s:" + chr(arg & 0xFFFF)})
            new = _concat(_strings(this), _strings(arg))
        elif name == "toString":
            return _strings(this)
        else:
            new = None
        if new is None:
            state.pop(regs[0], None)
        else:
            state[regs[0]] = new
        return new

    def _string_op(self, name: str, static: bool, this: Value | None,
                   params: list[Value | None]) -> Value | None:
        if static and name == "valueOf" and params:
            return _strings(params[0])
        if static and name == "format" and params:
            fmt = _strings(params[0])
            if fmt is None:  # format(Locale, fmt, args)
                fmt = _strings(params[1]) if len(params) > 1 else None
            return None if fmt is None else _cap(
                {f"p:{x[2:].split('%', 1)[0]}" if "%" in x or x[0] == "p" else x for x in fmt})
        if not static and name == "concat" and params:
            return _concat(_strings(this), _strings(params[0]))
        if not static and name in ("toString", "trim", "intern"):
            return _strings(this)
        return None

    def _url_builder(self, name: str, regs: list[int], this: Value | None, params: list[Value | None],
                     state: State) -> Value | None:
        """``HttpUrl.Builder``: ``scheme``, ``host``, ``port`` as parts, ``build`` binds them."""
        parts = {x for x in this if x.startswith("u:") and "=" in x} if isinstance(this, frozenset) else set()
        arg = params[0] if params else None
        if name in ("scheme", "host"):
            vals = [x[2:] for x in _strings(arg) or () if x[0] == "s"]
            parts = {x for x in parts if not x.startswith(f"u:{name}=")}
            if len(vals) == 1:  # a value the code does not fix leaves the part unknown
                parts.add(f"u:{name}={vals[0]}")
        elif name == "port" and isinstance(arg, int):
            parts = {x for x in parts if not x.startswith("u:port=")} | {f"u:port={arg}"}
        elif name == "build":
            got = dict(x[2:].split("=", 1) for x in parts)
            if "host" not in got:
                return None
            port = f":{got['port']}" if "port" in got else ""
            return frozenset({f"op:{got.get('scheme', 'https')}://{got['host']}{port}/"})
        elif name == "<init>":
            parts = set()
        state[regs[0]] = frozenset(parts) if parts else frozenset({"u:"})
        return state[regs[0]]


class _Resolver:
    """Values of parameters, fields and return values, computed on demand and kept."""

    def __init__(self, program: Program, reach: Reachability) -> None:
        self.program, self.reach = program, reach
        self._flows: dict[tuple[str, int], Flow | None] = {}
        self._fields: dict[tuple[str, str, int], Value | None] = {}
        self._busy: set[object] = set()
        self._callers: dict[str, list[tuple[Method, Call]]] | None = None
        self._writers: dict[tuple[str, str], list[Method]] | None = None
        self._returns: dict[tuple[object, ...], Value | None] = {}
        self._annotations: dict[str, dict[str, str]] = {}
        self.analysed = 0

    def retrofit_url(self, cls: str, sig: str) -> str | None:
        """The absolute URL a Retrofit service method's HTTP annotation names (a relative path keeps the
        base URL's host: None)."""
        got = self._annotations.get(cls)
        if got is None:
            got = {}
            ci = self.program.classes[cls]
            d = self.program.dex[ci.dex]
            try:
                for midx, values in d.method_annotation_values(ci.annotations_off).items():
                    for t, v in values.items():
                        if t.startswith("Lretrofit2/http/") and origin(v) is not None:
                            got[sig_of(d.method(midx))] = v
            except DexError:
                got = {}
            self._annotations[cls] = got
        return got.get(sig)

    def forward(self, m: Method, depth: int, entry: State | None = None, pc: int = -1) -> set[str]:
        """Origins of the library calls the result of the sink call at ``pc`` goes into (a request
        body into a request builder bound to a URL), or, with ``entry``, the values marked ``t:``
        there (the sink's result handed to ``m``)."""
        key = ("forward", m.key, pc if entry is None else tuple(sorted(entry.items(), key=lambda kv: kv[0])))
        if key in self._busy or self.analysed >= MAX_ANALYSES:
            return set()
        self._busy.add(key)
        hooks = _Hooks(self, m, depth, mark=pc)
        try:
            d = self.program.dex[m.dex]
            body = build_body(d, m.code_off, m.is_static, m.cls, split_params(m.proto))
            self.analysed += 1
            analyse(body, d, hooks, entry if entry is not None else self._entry(m, body.param_regs, depth))
        except DexError:
            return set()
        finally:
            self._busy.discard(key)
        return hooks.sent

    def flow(self, m: Method, depth: int, entry: State | None = None) -> Flow | None:
        """The data-flow of ``m``, its parameters from ``entry`` or else from its callers."""
        key = (m.key, depth)
        given = entry is not None
        if not given and key in self._flows:
            return self._flows[key]
        if key in self._busy or not m.code_off or self.analysed >= MAX_ANALYSES:
            return None
        self._busy.add(key)
        try:
            d = self.program.dex[m.dex]
            body = build_body(d, m.code_off, m.is_static, m.cls, split_params(m.proto))
            self.analysed += 1
            got: Flow | None = analyse(body, d, _Hooks(self, m, depth),
                                       entry if entry is not None else self._entry(m, body.param_regs, depth))
        except DexError:
            got = None
        finally:
            self._busy.discard(key)
        if not given:
            self._flows[key] = got
        return got

    def _entry(self, m: Method, param_regs: list[tuple[int, str]], depth: int) -> State:
        """Parameters every caller passes a known string or binding for."""
        wanted = [(i, r) for i, (r, t) in enumerate(param_regs) if t in _STRINGISH or t.startswith("L")]
        if depth <= 0 or not wanted or (not m.is_static and len(wanted) == 1 and wanted[0][0] == 0):
            return {}
        calls = self.callers(m)
        if not calls or len(calls) > MAX_CALLERS:
            return {}
        acc: dict[int, set[str] | None] = {}
        for caller, call in calls:
            flow = self.flow(caller, depth - 1)
            st = state_at(flow, call.pc) if flow is not None else None
            regs = arg_slots(call.target, call.op in _STATIC_INVOKES, call.args)
            for i, r in wanted:
                if not m.is_static and i == 0:
                    continue
                v = st.get(regs[i]) if st is not None and i < len(regs) else None
                known = v if isinstance(v, frozenset) and v and (_strings(v) or _bound(v) == v) else None
                if known is None:
                    acc[r] = None
                elif acc.get(r, set()) is not None:
                    cur = acc.setdefault(r, set())
                    assert cur is not None
                    cur |= known
        return {r: frozenset(v) for r, v in acc.items() if v and len(v) <= MAX_VALUES}

    def callers(self, m: Method) -> list[tuple[Method, Call]]:
        """Reachable call sites that may run ``m``."""
        if self._callers is None:
            index: dict[str, list[tuple[Method, Call]]] = {}
            for key in self.reach.methods:
                caller = self.program.method(key)
                if caller is None or not caller.code_off:
                    continue
                for c in self.program.facts(caller).calls:
                    if c.target.cls in self.program.classes:
                        index.setdefault(sig_of(c.target), []).append((caller, c))
            self._callers = index
        out = []
        for caller, c in self._callers.get(m.sig, ()):
            if c.target.cls == m.cls or self.program.resolve(c.target.cls, m.sig) is m or (
                    c.op in (0x6E, 0x72) and self.program.is_subtype(m.cls, c.target.cls)):
                out.append((caller, c))
        return out

    def field_value(self, ref: FieldRef, depth: int) -> Value | None:
        """What a field holds: the union of what every store puts there, when each is known."""
        if ref.type not in _STRINGISH and not ref.type.startswith("L"):
            return None
        key = (ref.cls, ref.name, depth)
        if key in self._fields:
            return self._fields[key]
        if key in self._busy:
            return None
        other, consts = self.program.object_field_writes().get((ref.cls, ref.name), (True, frozenset()))
        got: Value | None = None
        if consts and not other:
            got = _cap({"s:" + c for c in consts})
        elif depth > 0 and (other or consts):
            self._busy.add(key)
            try:
                got = self._stored(ref, depth)
            finally:
                self._busy.discard(key)
        self._fields[key] = got
        return got

    def _stored(self, ref: FieldRef, depth: int) -> Value | None:
        if self._writers is None:
            index: dict[tuple[str, str], list[Method]] = {}
            for m in self.program.methods():
                if m.code_off:
                    for fc, fn, _v in self.program.facts(m).object_field_writes:
                        ms = index.setdefault((fc, fn), [])
                        if not ms or ms[-1] is not m:
                            ms.append(m)
            self._writers = index
        writers = self._writers.get((ref.cls, ref.name), [])
        if not writers or len(writers) > MAX_CALLERS:
            return None
        acc: set[str] = set()
        for m in writers:
            flow = self.flow(m, depth)
            if flow is None:
                return None
            for _k, insn, st in _visits(flow):
                _pc, op, a, b, c, _args = insn
                if op not in (_IPUT_OBJECT, _SPUT_OBJECT):
                    continue
                fr = flow.dex.field(c if op == _IPUT_OBJECT else b)
                if (fr.cls, fr.name) != (ref.cls, ref.name):
                    continue
                v = st.get(a)
                if v == 0:
                    continue  # null
                if not isinstance(v, frozenset) or not v or not (_strings(v) or _bound(v) == v):
                    return None
                acc |= v
        return _cap(acc)

    def returned(self, m: Method, args: list[Value | None], depth: int) -> Value | None:
        """What an app method returns for these arguments, when every return is known."""
        ret = m.sig[m.sig.index(")") + 1:]
        if depth <= 0 or not ret.startswith("L") or (ret in self.program.classes and ret not in _STRINGISH
                                                     and not self.program.classes[ret].is_interface):
            return None
        key = (m.key, depth, *args)
        if key in self._returns:
            return self._returns[key]
        self._returns[key] = got = self._returned(m, args, depth)
        return got

    def _returned(self, m: Method, args: list[Value | None], depth: int) -> Value | None:
        regs = self.program.param_registers(m)
        entry: State = {r: v for (r, _t), v in zip(regs, args, strict=False) if v is not None}
        flow = self.flow(m, depth, entry)
        if flow is None:
            return None
        acc: set[str] = set()
        for _k, insn, st in _visits(flow):
            if insn[1] == _RETURN_OBJECT:
                v = st.get(insn[2])
                if not isinstance(v, frozenset) or not v or not (_strings(v) or _bound(v) == v):
                    return None
                acc |= v
        return _cap(acc)


def _visits(flow: Flow) -> list[tuple[int, Insn, State]]:
    out = []
    body = flow.body
    for bi in sorted(flow.block_in):
        st = dict(flow.block_in[bi])
        first, last = body.blocks[bi]
        for k in range(first, last + 1):
            out.append((k, body.insns[k], dict(st)))
            step(st, body.insns[k], flow.dex, flow.hooks)
    return out


def state_at(flow: Flow, pc: int) -> State | None:
    """The registers before the instruction at bytecode offset ``pc`` (None when unreachable)."""
    body = flow.body
    k = body.index.get(pc)
    if k is None:
        return None
    for bi in sorted(flow.block_in):
        first, last = body.blocks[bi]
        if first <= k <= last:
            st = dict(flow.block_in[bi])
            for j in range(first, k):
                step(st, body.insns[j], flow.dex, flow.hooks)
            return st
    return None


def _site_origins(res: _Resolver, site: CodeLocation) -> set[str]:
    """The origins the call at ``site`` sends to, from its receiver's and arguments' bindings."""
    m = res.program.method(f"{java_to_descriptor(site.cls)}->{site.method}{site.proto}")
    if m is None or not m.code_off:
        return set()
    flow = res.flow(m, MAX_DEPTH)
    if flow is None:
        return set()
    st = state_at(flow, site.offset)
    k = flow.body.index.get(site.offset)
    if st is None or k is None:
        return set()
    insn = flow.body.insns[k]
    if insn[1] not in INVOKE_OPS:
        return set()
    dex: DexFile = flow.dex
    ref = dex.method(insn[2])
    static = insn[1] in _STATIC_INVOKES
    out: set[str] = set()
    for r in arg_slots(ref, static, insn[5]):
        v = st.get(r)
        if ref.name in DATA_CALLS and isinstance(v, frozenset):
            v = frozenset(x for x in v if x[0] == "o")  # a URL in a header or body is no destination
        out |= origins(v)
    if not out and (ref.ret.startswith("L") or ref.name == "<init>"):
        out = res.forward(m, MAX_DEPTH, pc=site.offset)
    return out


def resolve(program: Program, reach: Reachability, kb: KnowledgeBase, leaks: list[Leak],
            max_seconds: float = MAX_SECONDS) -> list[Leak]:
    """``leaks`` with the :attr:`Leak.destinations` of their network and WebView sink calls filled."""
    res = _Resolver(program, reach)
    started = time.perf_counter()
    out = []
    for lk in leaks:
        if lk.sink_kind not in SINK_KINDS or time.perf_counter() - started > max_seconds:
            out.append(lk)
            continue
        found: set[str] = set()
        for site in (lk.sink, *(s.site for s in lk.steps)):
            found |= _site_origins(res, site)
        if not found and lk.sink_owner.kind == "sdk":
            spec = kb.sdks.get(lk.sink_owner.id)
            found = {f"https://{h}" for h in (spec.network if spec else ())}
        out.append(replace(lk, destinations=tuple(sorted(found))) if found else lk)
    return _inherited(out)


def _inherited(leaks: list[Leak]) -> list[Leak]:
    """Sink calls inside a bundled network library (OkHttp writing a request body) send where the app's
    call into the library that their path passes sends: a resolved leak of the same sources whose sink
    method is on the path."""
    by_method: dict[tuple[frozenset[object], str], set[str]] = {}
    for lk in leaks:
        if lk.destinations:
            key = (frozenset(s.location for s in lk.sources), f"{lk.sink.cls}.{lk.sink.method}")
            by_method.setdefault(key, set()).update(lk.destinations)
    if not by_method:
        return leaks
    out = []
    for lk in leaks:
        if lk.sink_kind in SINK_KINDS and not lk.destinations and java_to_descriptor(lk.sink.cls).startswith(
                LIBRARIES):
            sources = frozenset(s.location for s in lk.sources)
            got = set().union(*(by_method.get((sources, m), set()) for m in lk.path))
            if got:
                lk = replace(lk, destinations=tuple(sorted(got)))
        out.append(lk)
    return out
