"""Read JavaScript with a parser (tree-sitter): bridge reads of PI, URL literals, requests, read-then-send.

The only module that imports tree-sitter. A script is parsed once into a
concrete syntax tree (error-tolerant: a damaged region becomes an ``ERROR``
node and the rest is still read); one tree-sitter query (run in C, ~0.3 s per
MB of minified bundle, as long as the parse) picks the candidate nodes, and
Python looks only at those to collect

- **reads**: member expressions whose receiver and member a bridge of
  ``policies/js-bridges.yaml`` names (``DeviceInfo.getUniqueId()``,
  ``plus.device.imei``); through a minified alias (``t.default.getUniqueId()``)
  only when some script holds the bridge's marker;
- **URLs**: string and template literals holding an ``http(s)``/``ws(s)`` URL,
  but not those in error and log messages nor W3C namespace names;
- **sends**: calls of a request function (``fetch``, ``uni.request``, …) with the
  URL they send to when a literal fixes it (directly, through a local constant,
  a ``+`` concatenation or a template's head), and the reads whose value reaches
  their arguments (the URL too: a query string is sent; for ``x.open(method,
  url)`` also what a later ``x.send(body)`` is given) in the same function: by
  name through local variables
  (``const id = await DeviceInfo.getUniqueId()``), the first parameter of a
  callback the read is given or ``.then`` hands on, assignments, to a fixpoint,
  within the innermost function holding the read (callbacks nested in it
  included, names taken as they are spelt). Nothing crosses a call into another
  function, an object's fields or modules; that is the limit.

Each finding carries ``file:line:col`` (1-based), the enclosing function's name
and the module: a Metro module (``__d(factory, id, deps, "path")``; production
bundles drop the path and keep the id), a Cordova plugin's folder, or the file.
Per module (:class:`Unit`) it records the Metro id and dependencies and the
native names the code binds, which say whose code the module is
(:mod:`analyzer.static.hybrid.owners`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache

try:
    import tree_sitter_javascript
    from tree_sitter import Language, Node, Parser, Query, QueryCursor
    PARSER_MISSING = ""
except ImportError as _e:  # pragma: no cover - a venv made before the dependency: scripts are not read
    PARSER_MISSING = f"the JavaScript parser is not installed ({_e}): run make venv"

from analyzer.static.hybrid.bridges import Bridge, Bridges, RequestCall

URL_RE = re.compile(r"\b((?:https?|wss?)://)(?:[^\s/@\"'`<>]{1,256}@)?"
                    r"([A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?)(?::\d{1,5})?[^\s\"'`<>]*")
"""A URL: scheme (group 1) and host (group 2); user information (a Sentry DSN's key) is skipped."""
_RESERVED = re.compile(r"(?:^|\.)(?:example\.(?:com|net|org)|example|test|invalid)$")
"""Names reserved for documentation and tests (RFC 2606, RFC 6761): no app sends to them."""
_FUNCTIONS = frozenset({"function_declaration", "function_expression", "arrow_function", "method_definition",
                        "generator_function_declaration", "generator_function"})
_QUIET_CALLEES = re.compile(r"(Error|console|warn|invariant|log|error|info|debug|NS)$")
_NAMESPACE = re.compile(r"^https?://www\.w3\.org/(?:19|20)\d\d/")
"""W3C XML namespace names (``http://www.w3.org/2000/svg``): identifiers no code fetches."""
MAX_FLOW_SCOPE = 1 << 20
"""Functions larger than this (bytes of source) are not followed for read-then-send (quadratic guard)."""


@cache
def _language() -> Language:
    return Language(tree_sitter_javascript.language())


@cache
def _parser() -> Parser:
    return Parser(_language())


def _quoted(names: tuple[str, ...]) -> str:
    return " ".join('"' + n.replace("\\", "").replace('"', "") + '"' for n in names)


@cache
def _query(members: tuple[str, ...], callees: tuple[str, ...]) -> Query:
    """The nodes worth a look: members a bridge names, literals holding ``://``, Metro ``__d`` calls,
    calls whose callee ends in a request function's last name."""
    last = sorted({c.rsplit(".", 1)[-1] for c in callees})
    pattern = "(^|[.])(" + "|".join(re.escape(n) for n in last).replace("\\", "\\\\") + ")$"
    return Query(_language(), f"""
        (member_expression property: (property_identifier) @prop (#any-of? @prop {_quoted(members)})) @member
        ((string) @literal (#match? @literal "://"))
        ((template_string) @literal (#match? @literal "://"))
        (call_expression function: (identifier) @d (#eq? @d "__d")) @metro
        (call_expression function: [(identifier) (member_expression)] @callee
          (#match? @callee "{pattern}")) @call
        (member_expression object: [(identifier) (member_expression)] @nmobj
          property: (property_identifier) @native (#match? @nmobj "NativeModules$"))
        (variable_declarator name: (object_pattern) @natives
          value: [(identifier) (member_expression)] @nmval (#match? @nmval "NativeModules$"))
        (call_expression function: [(identifier) (member_expression)] @bindee
          (#match? @bindee "{_BINDERS}")) @bind
    """)


@dataclass(frozen=True)
class Site:
    """Where in a script: file, 1-based line and column, enclosing function, module."""

    file: str
    line: int
    col: int
    function: str
    module: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.col}"


@dataclass(frozen=True)
class Read:
    """A bridge read."""

    bridge: Bridge
    site: Site
    text: str
    """The member expression as written (receiver dotted, e.g. ``t.default.getUniqueId``)."""
    alias: bool
    """Matched through a minified receiver (the library's marker is in the app)."""
    dep: int | None = None
    """The position in its Metro module's dependencies of the module the receiver is (``r(d[2]).default``,
    or a local name given ``r(d[2])``), when it is one."""


@dataclass(frozen=True)
class Url:
    """A URL literal."""

    url: str
    host: str
    scheme: str
    site: Site


@dataclass(frozen=True)
class Send:
    """A request call, where it sends and the reads whose values reach it."""

    callee: str
    site: Site
    urls: tuple[str, ...]
    reads: tuple[Read, ...]


@dataclass
class Unit:
    """A module of a script (a Metro module, or the file itself): its Metro id and dependencies, and the
    native modules its code binds by name (``NativeModules.RNAppsFlyer``, ``const {RNSentry} =
    NativeModules``, ``TurboModuleRegistry.getEnforcing("RNSentry")``, Cordova's ``exec(…, "Device", …)``)."""

    module: str
    metro_id: int | None = None
    deps: tuple[int, ...] = ()
    binds: set[str] = field(default_factory=set)
    specs: set[str] = field(default_factory=set)
    """The names bound through a registry (``TurboModuleRegistry.getEnforcing``, ``requireNativeModule``): a
    TurboModule spec module, whose export is the native module itself."""


@dataclass
class ScriptFacts:
    """What one script holds."""

    file: str
    reads: list[Read] = field(default_factory=list)
    urls: list[Url] = field(default_factory=list)
    sends: list[Send] = field(default_factory=list)
    parse_errors: bool = False
    modules: int = 0
    """Metro modules (``__d`` calls) seen."""
    units: dict[str, Unit] = field(default_factory=dict)
    """The modules by name (``metro#<id>``, a dev bundle's path, or the file), those with a Metro id or a
    binding only."""

    def unit(self, module: str) -> Unit:
        """The unit named ``module``, made on first use."""
        got = self.units.get(module)
        if got is None:
            got = self.units[module] = Unit(module)
        return got


def _text(n: Node) -> str:
    return (n.text or b"").decode("utf-8", "replace")


def dotted(n: Node | None, depth: int = 0) -> str:
    """An expression as a dotted name (``plus.device``); ``<call>`` for a call, ``?`` for others."""
    if n is None or depth > 12:
        return "?"
    t = n.type
    if t in ("identifier", "property_identifier", "this", "shorthand_property_identifier"):
        return _text(n)
    if t == "member_expression":
        prop = n.child_by_field_name("property")
        return f"{dotted(n.child_by_field_name('object'), depth + 1)}.{_text(prop) if prop else '?'}"
    if t == "subscript_expression":
        idx = n.child_by_field_name("index")
        if idx is not None and idx.type == "string":
            return f"{dotted(n.child_by_field_name('object'), depth + 1)}.{_string(idx)}"
        return "?"
    if t == "parenthesized_expression" and n.named_child_count:
        return dotted(n.named_children[-1], depth + 1)
    if t == "sequence_expression" and n.named_child_count:  # (0, t.default)
        return dotted(n.named_children[-1], depth + 1)
    if t == "call_expression":
        return "<call>"
    return "?"


def _string(n: Node) -> str:
    return "".join(_text(c) for c in n.named_children if c.type in ("string_fragment", "escape_sequence"))


def _template_head(n: Node) -> tuple[str, Node | None]:
    """The literal text before a template's first substitution, and that substitution's expression
    when the template starts with it."""
    head = []
    for c in n.named_children:
        if c.type == "string_fragment":
            head.append(_text(c))
        elif c.type == "template_substitution":
            if not head and c.named_child_count:
                return "", c.named_children[0]
            break
    return "".join(head), None


def _is_alias(recv: str) -> bool:
    """A minified receiver: ``t``, ``t.default``, ``<call>.default``, ``(0, n.default)``."""
    parts = recv.split(".")
    if parts[-1] == "default":
        parts = parts[:-1]
    return len(parts) == 1 and (parts[0] == "<call>" or (len(parts[0]) <= 2 and parts[0] != "?"))


@cache
def _babel_names(library: str) -> frozenset[str]:
    """The receivers Babel gives a default import of ``library`` in an unminified bundle: ``import X from
    'react-native-device-info'`` becomes ``_reactNativeDeviceInfo.default`` (an underscore and the camel-cased
    last segment of the module path; Babel numbers a second one ``_foo2``)."""
    out = set()
    for package in library.split():
        token = package.rsplit("/", 1)[-1]
        if not token or "." in token:
            continue
        words = [w for w in re.split(r"[^A-Za-z0-9]+", token) if w]
        if words:
            camel = words[0] + "".join(w[:1].upper() + w[1:] for w in words[1:])
            out |= {f"_{camel}.default", f"_{camel}2.default"}
    return frozenset(out)


def _function_name(n: Node) -> str:
    name = n.child_by_field_name("name")
    if name is not None:
        return _text(name)
    p = n.parent
    if p is not None and p.type == "variable_declarator":
        return _text(p.child_by_field_name("name")) or "<anonymous>"  # type: ignore[arg-type]
    if p is not None and p.type == "pair":
        return _text(p.child_by_field_name("key")) or "<anonymous>"  # type: ignore[arg-type]
    if p is not None and p.type == "assignment_expression":
        return dotted(p.child_by_field_name("left"))
    return "<anonymous>"


def _metro(n: Node) -> str | None:
    """``metro#<id>`` or the module's path when ``n`` is a Metro ``__d(factory, id, deps[, path])`` call."""
    fn = n.child_by_field_name("function")
    if fn is None or fn.type != "identifier" or _text(fn) != "__d":
        return None
    args = n.child_by_field_name("arguments")
    named = args.named_children if args is not None else []
    if len(named) >= 4 and named[3].type == "string":
        return _string(named[3])
    if len(named) >= 2 and named[1].type == "number":
        return f"metro#{_text(named[1])}"
    return None


_BINDERS = r"(^|[.])(getEnforcing|TurboModuleRegistry[.]get|requireNativeModule|exec)$"
"""Calls that name a native module by a string: React Native's TurboModule registry and Expo's
``requireNativeModule`` (the name is the first argument), Cordova's ``exec(ok, fail, service, action)``
(the third)."""


def _bound(call: Node) -> str | None:
    """The native module name a binder call (:data:`_BINDERS`) names, when a literal gives it."""
    callee = dotted(call.child_by_field_name("function"))
    args = call.child_by_field_name("arguments")
    named = [a for a in (args.named_children if args is not None else []) if a.type != "comment"]
    at = 2 if callee.rsplit(".", 1)[-1] == "exec" else 0
    return _string(named[at]) or None if len(named) > at and named[at].type == "string" else None


def _metro_deps(n: Node) -> tuple[int | None, tuple[int, ...]]:
    """The id and dependency ids of a Metro ``__d(factory, id, [deps], …)`` call."""
    args = n.child_by_field_name("arguments")
    named = args.named_children if args is not None else []
    ident = int(_text(named[1])) if len(named) >= 2 and named[1].type == "number" and \
        _text(named[1]).isdigit() else None
    listed = named[2].named_children if len(named) >= 3 and named[2].type == "array" else []
    deps = tuple(int(_text(c)) for c in listed if c.type == "number" and _text(c).isdigit())
    return ident, deps


def _dep_index(n: Node) -> int | None:
    """The last ``d[K]`` (a Metro dependency-map subscript) inside ``n``."""
    found = [c for c in _descendants(n, "subscript_expression")
             if (i := c.child_by_field_name("index")) is not None and i.type == "number"]
    if not found:
        return None
    last = max(found, key=lambda c: c.start_byte)
    text = _text(last.child_by_field_name("index"))  # type: ignore[arg-type]
    return int(text) if text.isdigit() else None


def _dep_of(obj: Node | None) -> int | None:
    """The dependency a receiver is: ``r(d[2])…`` itself, or a local name whose declaration's value is one
    (``var t = r(d[0])(r(d[2]))``: the last), looked up in the enclosing scopes of the Metro factory."""
    base = obj
    while base is not None and base.type in ("member_expression", "parenthesized_expression",
                                             "sequence_expression"):
        base = (base.child_by_field_name("object") if base.type == "member_expression"
                else base.named_children[-1] if base.named_child_count else None)
    if base is None:
        return None
    if base.type == "call_expression":
        return _dep_index(base)
    if base.type != "identifier":
        return None
    name, p = _text(base), base.parent
    while p is not None:
        if p.type in _FUNCTIONS and p.end_byte - p.start_byte <= MAX_FLOW_SCOPE:
            for decl in _descendants(p, "variable_declarator"):
                nm, value = decl.child_by_field_name("name"), decl.child_by_field_name("value")
                if nm is not None and value is not None and nm.type == "identifier" and _text(nm) == name:
                    return _dep_index(value)
            call = p.parent.parent if p.parent is not None else None
            if call is not None and call.type == "call_expression" and _metro(call) is not None:
                return None  # the module's factory: no further
        p = p.parent
    return None


_NODE_MODULES = re.compile(r"(?:^|/)node_modules/((?:@[^/]+/)?[^/]+)/")
_CORDOVA_PLUGIN = re.compile(r"^assets/www/plugins/([^/]+)/")


def library_of(module: str) -> str:
    """The package a module's code belongs to: an npm package (a dev bundle's ``node_modules/<pkg>/``
    path), a Cordova plugin (``assets/www/plugins/<id>/``), ``cordova`` (``cordova.js``); empty for the
    app's own code or when the bundle does not say (a production Metro bundle keeps only ids)."""
    m = _NODE_MODULES.search(module) or _CORDOVA_PLUGIN.match(module)
    if m:
        return m.group(1)
    return "cordova" if module.endswith(("/cordova.js", "/cordova_plugins.js")) else ""


def _identifiers(n: Node) -> set[str]:
    out: set[str] = set()
    stack = [n]
    while stack:
        c = stack.pop()
        if c.type in ("identifier", "shorthand_property_identifier"):
            out.add(_text(c))
        stack.extend(c.children)
    return out


def _contains(outer: Node, inner: Node) -> bool:
    return outer.start_byte <= inner.start_byte and inner.end_byte <= outer.end_byte


def _lhs_names(n: Node | None) -> set[str]:
    if n is None:
        return set()
    if n.type == "identifier":
        return {_text(n)}
    if n.type in ("object_pattern", "array_pattern"):
        return {x for x in _identifiers(n)}
    if n.type == "member_expression":  # o.id = read: o carries it on
        return {dotted(n).split(".")[0]}
    return set()


class _Reader:
    def __init__(self, file: str, source: bytes, bridges: Bridges, markers: frozenset[str]) -> None:
        self.file = file
        self.bridges = bridges
        self.by_member = bridges.by_member()
        self.markers = markers
        self.facts = ScriptFacts(file)
        self.tree = _parser().parse(source)
        self.facts.parse_errors = self.tree.root_node.has_error
        self.module_default = file
        self.read_nodes: list[tuple[Node, Read, Node]] = []  # (member node, read, scope)
        self.request_nodes: list[tuple[Node, str, int | str, Site, Node]] = []
        self.tainted: dict[tuple[int, int, int, int], set[str]] = {}

    def site(self, n: Node, function: str, module: str) -> Site:
        row, col = n.start_point
        return Site(self.file, row + 1, col + 1, function, module)

    def context(self, n: Node) -> tuple[str, str, Node]:
        """(enclosing function's name, module, innermost function node or the root) of ``n``."""
        function: str | None = None
        scope: Node | None = None
        module = self.module_default
        p = n.parent
        while p is not None:
            if p.type in _FUNCTIONS:
                call = p.parent.parent if p.parent is not None else None
                mod = _metro(call) if call is not None and call.type == "call_expression" else None
                if function is None:
                    function, scope = ("<module>" if mod is not None else _function_name(p)), p
                if mod is not None:
                    module = mod
                    break
            p = p.parent
        return function or "<top>", module, scope or self.tree.root_node

    def run(self) -> ScriptFacts:
        """One query over the tree (run by tree-sitter, not a Python walk) finds the candidate nodes."""
        root = self.tree.root_node
        requests = {r.callee: r for r in self.bridges.requests}
        caps = QueryCursor(_query(tuple(sorted(self.by_member)), tuple(sorted(requests)))).captures(root)
        for n in caps.get("metro", []):
            name = _metro(n)
            if name is not None:
                self.facts.modules += 1
                unit = self.facts.unit(name)
                unit.metro_id, unit.deps = _metro_deps(n)
        for n in caps.get("native", []):
            self.facts.unit(self.context(n)[1]).binds.add(_text(n))
        for n in caps.get("natives", []):
            keys = (c.child_by_field_name("key") if c.type == "pair_pattern" else c for c in n.named_children)
            names = {_text(k) for k in keys if k is not None and k.type in (
                "property_identifier", "shorthand_property_identifier_pattern")}
            if names:
                self.facts.unit(self.context(n)[1]).binds.update(names)
        for n in caps.get("bind", []):
            bound = _bound(n)
            if bound:
                unit = self.facts.unit(self.context(n)[1])
                unit.binds.add(bound)
                if not dotted(n.child_by_field_name("function")).endswith("exec"):
                    unit.specs.add(bound)
        for n in caps.get("member", []):
            self._member(n, *self.context(n))
        for n in caps.get("literal", []):
            self._literal(n, *self.context(n)[:2])
        for n in caps.get("call", []):
            callee = dotted(n.child_by_field_name("function"))
            spec = _request_spec(n, callee, requests)
            if spec is not None:
                function, module, scope = self.context(n)
                self.request_nodes.append((n, callee, spec.url, self.site(n, function, module), scope))
        self.facts.reads.sort(key=lambda r: (r.site.line, r.site.col))
        self.facts.urls.sort(key=lambda u: (u.site.line, u.site.col))
        self.request_nodes.sort(key=lambda r: r[0].start_byte)
        self._sends()
        return self.facts

    def _member(self, n: Node, function: str, module: str, scope: Node) -> None:
        prop = n.child_by_field_name("property")
        if prop is None:
            return
        cands = self.by_member.get(_text(prop))
        if not cands:
            return
        parent = n.parent
        assigned = ("assignment_expression", "augmented_assignment_expression")
        if parent is not None and parent.type in assigned and parent.child_by_field_name("left") == n:
            return  # device.uuid = info.uuid: the plugin setting it, no read
        called = n.parent is not None and n.parent.type == "call_expression" and \
            n.parent.child_by_field_name("function") == n
        recv = dotted(n.child_by_field_name("object"))
        for b in cands:
            if b.call and not called:
                continue
            exact = any(recv == o or recv.endswith("." + o) for o in b.objects)
            alias = not exact and bool(b.marker) and b.marker in self.markers and (
                _is_alias(recv) or recv in _babel_names(b.library))
            if exact or alias:
                read = Read(b, self.site(n, function, module), f"{recv}.{_text(prop)}", alias,
                            _dep_of(n.child_by_field_name("object")) if module.startswith("metro#") or
                            self.facts.modules else None)
                self.facts.reads.append(read)
                self.read_nodes.append((n.parent if called else n, read, scope))  # type: ignore[arg-type]
                return

    def _literal(self, n: Node, function: str, module: str) -> None:
        value = _string(n) if n.type == "string" else _template_head(n)[0]
        if "://" not in value:
            return
        p, hops = n.parent, 0
        while p is not None and hops < 4:  # an error or log message names docs, not a server
            if p.type in ("call_expression", "new_expression"):
                callee = dotted(p.child_by_field_name("function") or p.child_by_field_name("constructor"))
                if _QUIET_CALLEES.search(callee):
                    return
                break
            p, hops = p.parent, hops + 1
        for m in URL_RE.finditer(value):
            if _NAMESPACE.match(m.group(0)) or _RESERVED.search(m.group(2).lower().rstrip(".")):
                continue
            self.facts.urls.append(Url(m.group(0), m.group(2).lower().rstrip("."), m.group(1)[:-3],
                                       self.site(n, function, module)))

    # --- where requests send, and what reaches them ---

    def _resolve(self, n: Node | None, at: Node, depth: int = 0) -> list[str]:
        if n is None or depth > 4:
            return []
        t = n.type
        if t == "string":
            return [m.group(0) for m in URL_RE.finditer(_string(n))]
        if t == "template_string":
            head, sub = _template_head(n)
            return [m.group(0) for m in URL_RE.finditer(head)] if head else self._resolve(sub, at, depth + 1)
        if t == "binary_expression":
            return self._resolve(n.child_by_field_name("left"), at, depth + 1)
        if t == "parenthesized_expression" and n.named_child_count:
            return self._resolve(n.named_children[-1], at, depth + 1)
        if t == "identifier":
            return self._constant(_text(n), at, depth)
        return []

    def _constant(self, name: str, at: Node, depth: int) -> list[str]:
        """The URL a local constant ``name`` holds, in the innermost enclosing scope declaring it."""
        p: Node | None = at.parent
        while p is not None:
            if (p.type in _FUNCTIONS or p.parent is None) and p.end_byte - p.start_byte <= MAX_FLOW_SCOPE:
                for d in _descendants(p, "variable_declarator"):
                    nm = d.child_by_field_name("name")
                    if nm is not None and nm.type == "identifier" and _text(nm) == name:
                        got = self._resolve(d.child_by_field_name("value"), d, depth + 1)
                        if got:
                            return got
            p = p.parent
        return []

    def _sends(self) -> None:
        for call, callee, url_at, site, scope in self.request_nodes:
            args = call.child_by_field_name("arguments")
            named = [a for a in (args.named_children if args is not None else []) if a.type != "comment"]
            url_node: Node | None = None
            payload: list[Node] = []
            if isinstance(url_at, int):
                url_node = named[url_at] if len(named) > url_at else None
                payload = list(named)  # the URL too: a read put in its query string is sent
            elif named and named[0].type == "object":
                for pair in named[0].named_children:
                    key = pair.child_by_field_name("key") if pair.type == "pair" else None
                    if key is not None and _text(key).strip("'\"") == url_at:
                        url_node = pair.child_by_field_name("value")
                    payload.append(pair)
                payload += named[1:]
            if callee.rsplit(".", 1)[-1] == "open":
                payload += _xhr_bodies(call, callee, scope)
            urls = tuple(dict.fromkeys(self._resolve(url_node, call)))
            reads = tuple(r for r in self._reaching(call, scope, payload))
            self.facts.sends.append(Send(callee, site, urls, reads))

    def _reaching(self, call: Node, scope: Node, payload: list[Node]) -> Iterator[Read]:
        """The reads whose value reaches ``payload`` within one function (see the module docstring)."""
        if not payload:
            return
        for node, read, rscope in self.read_nodes:
            flow_scope = rscope if _contains(rscope, call) else scope if _contains(scope, node) else None
            if flow_scope is None or flow_scope.end_byte - flow_scope.start_byte > MAX_FLOW_SCOPE:
                continue
            if any(_contains(p, node) for p in payload):
                yield read
                continue
            key = (node.start_byte, node.end_byte, flow_scope.start_byte, flow_scope.end_byte)
            if key not in self.tainted:
                self.tainted[key] = _tainted(node, flow_scope)
            tainted = self.tainted[key]
            if any(tainted & _identifiers(p) for p in payload):
                yield read


_HTTP_METHODS = frozenset({"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"})


def _request_spec(call: Node, callee: str, requests: dict[str, RequestCall]) -> RequestCall | None:
    """The request call ``callee`` is: its dotted name or one of its suffixes (``window.fetch``);
    ``open`` only as ``XMLHttpRequest.open`` is called, with an HTTP method first."""
    if callee in ("?", "<call>"):
        return None
    parts = callee.split(".")
    for i in range(len(parts)):
        spec = requests.get(".".join(parts[i:]))
        if spec is None:
            continue
        if spec.callee == "open":
            args = call.child_by_field_name("arguments")
            first = args.named_children[0] if args is not None and args.named_child_count else None
            if first is None or first.type != "string" or _string(first).upper() not in _HTTP_METHODS:
                return None
        return spec
    return None


def _xhr_bodies(open_call: Node, callee: str, scope: Node) -> list[Node]:
    """The arguments of ``x.send(body)`` after ``x.open(method, url)`` on the same receiver in the same
    function: what an ``XMLHttpRequest`` sends."""
    receiver = callee.rsplit(".", 1)[0]
    if "." not in callee or receiver in ("?", "<call>") or scope.end_byte - scope.start_byte > MAX_FLOW_SCOPE:
        return []
    out: list[Node] = []
    for c in _descendants(scope, "call_expression"):
        after = c.start_byte > open_call.end_byte
        if after and dotted(c.child_by_field_name("function")) == receiver + ".send":
            args = c.child_by_field_name("arguments")
            out += [a for a in (args.named_children if args is not None else []) if a.type != "comment"]
    return out


def _descendants(n: Node, kind: str) -> Iterator[Node]:
    stack = [n]
    while stack:
        c = stack.pop()
        if c.type == kind:
            yield c
        stack.extend(c.children)


def _callback_params(read: Node) -> set[str]:
    """First parameters of the callbacks a read call is given (``success: function (res)``) or whose
    ``.then`` follows it."""
    fns: list[Node] = []
    if read.type == "call_expression":
        args = read.child_by_field_name("arguments")
        for a in args.named_children if args is not None else []:
            if a.type in _FUNCTIONS:
                fns.append(a)
            elif a.type == "object":
                values = (p.child_by_field_name("value") for p in a.named_children if p.type == "pair")
                fns += [v for v in values if v is not None and v.type in _FUNCTIONS]
    p = read.parent
    if p is not None and p.type == "member_expression" and p.parent is not None \
            and p.parent.type == "call_expression":
        args = p.parent.child_by_field_name("arguments")
        fns += [a for a in (args.named_children if args is not None else []) if a.type in _FUNCTIONS]
    out: set[str] = set()
    for f in fns:
        params = f.child_by_field_name("parameters") or f.child_by_field_name("parameter")
        if params is None:
            continue
        first = params if params.type == "identifier" else next(iter(params.named_children), None)
        out |= _lhs_names(first)
    return out


def _tainted(read: Node, scope: Node) -> set[str]:
    """Names in ``scope`` that hold the read's value (local, by name, to a fixpoint)."""
    tainted = _callback_params(read)
    links: list[tuple[set[str], Node]] = []
    for d in _descendants(scope, "variable_declarator"):
        if d.child_by_field_name("value") is not None:
            links.append((_lhs_names(d.child_by_field_name("name")), d.child_by_field_name("value")))  # type: ignore[arg-type]
    for a in _descendants(scope, "assignment_expression"):
        if a.child_by_field_name("right") is not None:
            links.append((_lhs_names(a.child_by_field_name("left")), a.child_by_field_name("right")))  # type: ignore[arg-type]
    ids = [(names, rhs, _identifiers(rhs)) for names, rhs in links]
    changed = True
    while changed:
        changed = False
        for names, rhs, used in ids:
            if names <= tainted:
                continue
            if _contains(rhs, read) or used & tainted:
                tainted |= names
                changed = True
    return tainted


def read_script(file: str, source: bytes, bridges: Bridges, markers: frozenset[str]) -> ScriptFacts:
    """The reads, URLs and sends of one script (``markers``: the bridge markers some script holds)."""
    return _Reader(file, source, bridges, markers).run()


def markers_in(sources: list[bytes], bridges: Bridges) -> frozenset[str]:
    """The bridge markers that occur in any of the scripts."""
    wanted = {b.marker for b in bridges.reads if b.marker}
    return frozenset(m for m in wanted if any(m.encode() in s for s in sources))
