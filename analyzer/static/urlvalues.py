"""What one method's registers hold on the way to a network call: strings, prefixes, URL bindings.

The hooks (:class:`MethodHooks`) that the register data-flow of
:mod:`analyzer.program.regflow` runs with for :mod:`analyzer.static.destinations`
know three kinds of value (markers in the flow's class sets):

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

What a parameter, a field or an app method's return value holds comes from
the values across methods (:class:`ValueSource`, kept by
:mod:`analyzer.static.urlresolver`).
"""

from __future__ import annotations

import re
from typing import Protocol

from analyzer.apk.dex import FieldRef, MethodRef
from analyzer.program.hierarchy import Method, Program, sig_of
from analyzer.program.regflow import Hooks, State, Value

MAX_VALUES = 16
"""Candidate strings one value may hold before it counts as unknown."""

_STRING = "Ljava/lang/String;"
STRINGISH = frozenset((_STRING, "Ljava/lang/CharSequence;", "Ljava/lang/Object;"))
_BUILDERS = frozenset(("Ljava/lang/StringBuilder;", "Ljava/lang/StringBuffer;"))
_SOCKETS = frozenset(("Ljava/net/Socket;", "Ljavax/net/ssl/SSLSocket;", "Ljava/net/InetSocketAddress;",
                      "Ljavax/net/SocketFactory;", "Ljavax/net/ssl/SSLSocketFactory;"))
_CONNECTS = frozenset(("connect", "setURI", "setUrl", "setURL"))
"""Void calls that point their receiver where their argument names."""
_HTTPURL_BUILDER = "Lokhttp3/HttpUrl$Builder;"
STATIC_INVOKES = frozenset((0x71, 0x77))
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


def strings_of(v: Value | None) -> frozenset[str] | None:
    """The string markers ``v`` holds (``s:``/``p:``), None when it is not a known string."""
    if isinstance(v, int) and not isinstance(v, bool):
        return frozenset({f"s:{v}"})
    if not isinstance(v, frozenset) or not v or not all(x[:2] in ("s:", "p:") for x in v):
        return None
    return v


def bindings_of(v: Value | None) -> frozenset[str]:
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
    for x in bindings_of(v):
        o = origin(x[3:], x[1] == "s")
        if o is not None:
            out.add(o)
    return out


def capped(values: set[str]) -> frozenset[str] | None:
    return frozenset(values) if 0 < len(values) <= MAX_VALUES else None


def _concat(a: frozenset[str] | None, b: frozenset[str] | None) -> frozenset[str] | None:
    """``a + b`` over string markers; an unknown ``b`` leaves ``a`` as a prefix."""
    if a is None:
        return None
    if b is None:
        return capped({f"p:{x[2:]}" for x in a})
    return capped({("s:" if x[0] == "s" and y[0] == "s" else "p:") + x[2:] + (y[2:] if x[0] == "s" else "")
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


class ValueSource(Protocol):
    """What the hooks ask of the values across methods (:class:`analyzer.static.urlresolver.Resolver`)."""

    program: Program

    def retrofit_url(self, cls: str, sig: str) -> str | None: ...

    def forward(self, m: Method, depth: int, entry: State | None = None, pc: int = -1) -> set[str]: ...

    def field_value(self, ref: FieldRef, depth: int) -> Value | None: ...

    def returned(self, m: Method, args: list[Value | None], depth: int) -> Value | None: ...


class MethodHooks(Hooks):
    """Strings, prefixes and URL bindings through one method (see the module docstring)."""

    def __init__(self, res: ValueSource, m: Method, depth: int, mark: int = -1) -> None:
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
        static = op in STATIC_INVOKES
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
            hosts, port = strings_of(params[0]), params[1]
            if hosts is not None and isinstance(port, int):
                bound |= {f"os:tcp://{h[2:]}:{port}" for h in hosts if h[0] == "s"}
        takes_urls = cls.startswith(URL_TAKERS) and name not in DATA_CALLS
        for v in params:  # a URL string binds only a network class's URL; any class carries a binding on
            bound |= {x for x in bindings_of(v) if takes_urls or (isinstance(v, frozenset) and x in v)}
        if marked and not static:
            bound |= bindings_of(this)
        if name == "<init>":
            if bound:
                state[regs[0]] = frozenset(bound)
            else:
                state.pop(regs[0], None)
            return None
        if ref.ret == "V":
            if bound and not static and name in _CONNECTS:
                state[regs[0]] = frozenset(bindings_of(this) | bound)
            return None
        if ref.name == "toString" and not params:
            return capped({x[1:] for x in bindings_of(this)})
        out = frozenset(bound | (bindings_of(this) if not static else set()))
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
                new = strings_of(params[0])
        elif name == "append" and params:
            arg = params[0]
            if ref.params and ref.params[0] == "C" and isinstance(arg, int):
                arg = frozenset({"s:" + chr(arg & 0xFFFF)})
            new = _concat(strings_of(this), strings_of(arg))
        elif name == "toString":
            return strings_of(this)
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
            return strings_of(params[0])
        if static and name == "format" and params:
            fmt = strings_of(params[0])
            if fmt is None:  # format(Locale, fmt, args)
                fmt = strings_of(params[1]) if len(params) > 1 else None
            return None if fmt is None else capped(
                {f"p:{x[2:].split('%', 1)[0]}" if "%" in x or x[0] == "p" else x for x in fmt})
        if not static and name == "concat" and params:
            return _concat(strings_of(this), strings_of(params[0]))
        if not static and name in ("toString", "trim", "intern"):
            return strings_of(this)
        return None

    def _url_builder(self, name: str, regs: list[int], this: Value | None, params: list[Value | None],
                     state: State) -> Value | None:
        """``HttpUrl.Builder``: ``scheme``, ``host``, ``port`` as parts, ``build`` binds them."""
        parts = {x for x in this if x.startswith("u:") and "=" in x} if isinstance(this, frozenset) else set()
        arg = params[0] if params else None
        if name in ("scheme", "host"):
            vals = [x[2:] for x in strings_of(arg) or () if x[0] == "s"]
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

