"""Load an app's declaration (``docs/declaration.md``) from YAML into a ``Declaration``.

Loading is strict: unknown keys, wrong types, an app type that is not one of
the 39 of ``policies/app-types.yaml``, PI ids not in the taxonomy (with the
closest id suggested), SDK ids not in ``policies/sdks.yaml`` and malformed
domains are :class:`~analyzer.errors.InputError` with one line naming the file
and the key path (``pi[2].id``), so the CLI exits 2. Files are bounded in size.

The privacy policy is given inline (``privacy_policy: {text: …}``) or as a
``.txt``/``.md``/``.html`` file beside the declaration (``{file: policy.md}``;
HTML is reduced to its text with the standard-library parser). A URL is only
recorded: piflow never fetches anything.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml

from analyzer.common.files import read_bounded
from analyzer.declaration.model import Consent, Declaration, DeclaredPI, DeclaredThirdParty
from analyzer.declaration.policytext import MAX_TEXT, extract
from analyzer.declaration.textfile import decode, read_policy_file
from analyzer.errors import InputError
from analyzer.kb.apptypes import load_app_types
from analyzer.kb.catalogue import KnowledgeBase, load_kb
from analyzer.kb.yamlfile import UniqueKeyLoader

SCHEMA = "piflow.declaration/1"
MECHANISMS = ("dialog-on-first-launch", "checkbox", "implied", "none")
ROLES = ("entrusted", "joint", "independent")

_TOP = {"schema", "package", "app_type", "pi", "third_parties", "first_party_domains",
        "privacy_policy", "consent", "complaint_channel", "account_deletion"}
_PI_KEYS = {"id", "purposes", "necessary", "functions"}
_TP_KEYS = {"name", "sdk", "domains", "pi", "purposes", "role"}
_POLICY_KEYS = {"url", "text", "file"}
_CONSENT_KEYS = {"mechanism", "default_checked", "withdrawable"}
_PACKAGE_RE = re.compile(r"^[A-Za-z][A-Za-z0-9_]*(?:\.[A-Za-z][A-Za-z0-9_]*)+$")
_LABEL_RE = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")


class _Fail(Exception):
    """A schema error at a key path (turned into one InputError line by :func:`load_declaration`)."""

    def __init__(self, where: str, msg: str) -> None:
        super().__init__(f"{where}: {msg}" if where else msg)


# ---------------------------------------------------------------------------
# Field checks
# ---------------------------------------------------------------------------


def _mapping(v: Any, where: str, allowed: set[str], required: Iterable[str] = ()) -> dict[str, Any]:
    if not isinstance(v, dict):
        raise _Fail(where, f"expected a mapping, got {_kind(v)}")
    bad = [k for k in v if not isinstance(k, str)]
    if bad:
        raise _Fail(where, f"keys must be strings, got {bad[0]!r}")
    unknown = sorted(set(v) - allowed)
    if unknown:
        hint = closest(unknown[0], sorted(allowed))
        more = f" (did you mean {hint!r}?)" if hint else f" (allowed: {', '.join(sorted(allowed))})"
        raise _Fail(_join(where, unknown[0]), f"unknown key{more}")
    for k in required:
        if k not in v:
            raise _Fail(where, f"missing key {k!r}")
    return v


def _kind(v: Any) -> str:
    return "nothing" if v is None else type(v).__name__


def _join(where: str, key: str) -> str:
    return f"{where}.{key}" if where else key


def _text(v: Any, where: str, limit: int = 2000) -> str:
    if not isinstance(v, str) or not v.strip():
        raise _Fail(where, f"expected a non-empty string, got {_kind(v)}")
    if len(v) > limit:
        raise _Fail(where, f"longer than {limit} characters")
    return v.strip()


def _texts(v: Any, where: str) -> tuple[str, ...]:
    """A string or a list of strings."""
    if isinstance(v, str):
        return (_text(v, where),)
    if not isinstance(v, list):
        raise _Fail(where, f"expected a string or a list of strings, got {_kind(v)}")
    return tuple(_text(x, f"{where}[{i}]") for i, x in enumerate(v))


def _bool(v: Any, where: str) -> bool:
    if not isinstance(v, bool):
        raise _Fail(where, f"expected true or false, got {_kind(v)}")
    return v


def _edits(a: str, b: str) -> int:
    """Edit distance counting a swap of two neighbours as one edit (optimal string alignment)."""
    d = [[i + j if i * j == 0 else 0 for j in range(len(b) + 1)] for i in range(len(a) + 1)]
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] != b[j - 1]))
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
    return d[-1][-1]


def closest(v: str, options: Iterable[str]) -> str | None:
    """The option a typo most likely meant: difflib's candidates, fewest edits first.

    >>> closest("device.imie", ["device.imsi", "device.imei", "device.meid"])
    'device.imei'
    """
    cands = difflib.get_close_matches(v, list(options), n=5, cutoff=0.6)
    return min(cands, key=lambda c: (_edits(v, c), -difflib.SequenceMatcher(None, v, c).ratio()),
               default=None)


def _choice(v: Any, where: str, allowed: Iterable[str], what: str) -> str:
    options = list(allowed)
    if isinstance(v, str) and v in options:
        return v
    hint = closest(v, options) if isinstance(v, str) else None
    if hint:
        raise _Fail(where, f"{v!r} is not {what} (did you mean {hint!r}?)")
    shown = ", ".join(options) if len(options) <= 8 else "see " + what
    raise _Fail(where, f"{v!r} is not {what} ({shown})")


def normalise_domain(v: Any, where: str) -> str:
    """A declared domain in canonical form: lower-case, no scheme, path, port, ``*.`` or trailing dot.

    >>> normalise_domain("https://API.Example.COM:443/x", "d")
    'api.example.com'
    >>> normalise_domain("*.例子.cn", "d")
    'xn--fsqu00a.cn'
    """
    s = _text(v, where, 300).lower()
    s = re.sub(r"^[a-z][a-z0-9+.-]*://", "", s)
    s = s.split("/", 1)[0].split("?", 1)[0].rsplit("@", 1)[-1]
    s = re.sub(r":\d+$", "", s).removeprefix("*.").strip(".")
    try:
        s = s.encode("idna").decode("ascii")
    except UnicodeError:
        raise _Fail(where, f"{v!r} is not a domain name") from None
    labels = s.split(".")
    if len(labels) < 2 or not all(_LABEL_RE.match(lb) for lb in labels) or labels[-1].isdigit():
        raise _Fail(where, f"{v!r} is not a domain name")
    return s


def _pi_id(v: Any, where: str, kb: KnowledgeBase) -> str:
    return _choice(v, where, sorted(kb.taxonomy), "a PI type id of policies/taxonomy.yaml")


def _pi_entry(v: Any, where: str, kb: KnowledgeBase) -> DeclaredPI:
    if isinstance(v, str):
        return DeclaredPI(pi=_pi_id(v, where, kb))
    e = _mapping(v, where, _PI_KEYS, ("id",))
    return DeclaredPI(
        pi=_pi_id(e["id"], _join(where, "id"), kb),
        purposes=_texts(e["purposes"], _join(where, "purposes")) if "purposes" in e else (),
        necessary=_bool(e["necessary"], _join(where, "necessary")) if "necessary" in e else None,
        functions=_texts(e["functions"], _join(where, "functions")) if "functions" in e else (),
    )


def _third_party(v: Any, where: str, kb: KnowledgeBase) -> DeclaredThirdParty:
    e = _mapping(v, where, _TP_KEYS, ("name",))
    sdk = None
    if e.get("sdk") is not None:
        sdk = _choice(e["sdk"], _join(where, "sdk"), sorted(kb.sdks), "an SDK id of policies/sdks.yaml")
    pis = e.get("pi", [])
    if not isinstance(pis, list):
        raise _Fail(_join(where, "pi"), f"expected a list of PI type ids, got {_kind(pis)}")
    domains = e.get("domains", [])
    if not isinstance(domains, list):
        raise _Fail(_join(where, "domains"), f"expected a list of domains, got {_kind(domains)}")
    return DeclaredThirdParty(
        name=_text(e["name"], _join(where, "name"), 200), sdk=sdk,
        domains=tuple(normalise_domain(d, f"{where}.domains[{i}]") for i, d in enumerate(domains)),
        pi=tuple(_pi_id(p, f"{where}.pi[{i}]", kb) for i, p in enumerate(pis)),
        purposes=_texts(e["purposes"], _join(where, "purposes")) if "purposes" in e else (),
        role=_choice(e["role"], _join(where, "role"), ROLES, "a role") if e.get("role") is not None else None,
    )


def _list(doc: dict[str, Any], key: str) -> list[Any]:
    v = doc.get(key, [])
    if v is None:
        return []
    if not isinstance(v, list):
        raise _Fail(key, f"expected a list, got {_kind(v)}")
    return v


def _unique(items: Iterable[str], where: str, what: str) -> None:
    seen: set[str] = set()
    for x in items:
        if x in seen:
            raise _Fail(where, f"{what} {x!r} listed twice")
        seen.add(x)


def _policy(v: Any, base: Path) -> tuple[str | None, str | None, str | None]:
    """(url, text, file) of ``privacy_policy``; the file is read, never a URL."""
    e = _mapping(v, "privacy_policy", _POLICY_KEYS)
    url = None
    if "url" in e:
        url = _text(e["url"], "privacy_policy.url", 2000)
        if not re.match(r"^https?://[^\s/]+", url):
            raise _Fail("privacy_policy.url", f"{url!r} is not an http(s) URL")
    if "text" in e and "file" in e:
        raise _Fail("privacy_policy", "give text or file, not both")
    if "text" in e:
        return url, _text(e["text"], "privacy_policy.text", MAX_TEXT), None
    if "file" in e:
        name = _text(e["file"], "privacy_policy.file", 1000)
        if "://" in name:
            raise _Fail("privacy_policy.file", "must be a local file; put a URL in privacy_policy.url "
                        "(piflow never fetches it)")
        p = Path(name)
        path = p if p.is_absolute() else base / p
        try:
            return url, read_policy_file(path), str(path)
        except InputError as e:
            raise _Fail("privacy_policy.file", str(e)) from None
    if url is None:
        raise _Fail("privacy_policy", "give url, text or file")
    return url, None, None


def _consent(v: Any) -> Consent:
    e = _mapping(v, "consent", _CONSENT_KEYS)
    return Consent(
        mechanism=_choice(e["mechanism"], "consent.mechanism", MECHANISMS, "a consent mechanism")
        if e.get("mechanism") is not None else None,
        default_checked=_bool(e["default_checked"], "consent.default_checked")
        if "default_checked" in e else None,
        withdrawable=_bool(e["withdrawable"], "consent.withdrawable") if "withdrawable" in e else None,
    )


# ---------------------------------------------------------------------------
# Loading
# ---------------------------------------------------------------------------


def parse_declaration(doc: Any, source: str, base: Path, kb: KnowledgeBase | None = None) -> Declaration:
    """Validate a parsed YAML document; raise ``_Fail`` naming the key path."""
    kb = kb or load_kb()
    d = _mapping(doc, "", _TOP, ("schema",))
    if d["schema"] != SCHEMA:
        raise _Fail("schema", f"expected {SCHEMA!r}, got {d['schema']!r}")
    package = None
    if d.get("package") is not None:
        package = _text(d["package"], "package", 255)
        if not _PACKAGE_RE.match(package):
            raise _Fail("package", f"{package!r} is not an Android package name")
    app_type = None
    if d.get("app_type") is not None:
        app_type = _choice(d["app_type"], "app_type", load_app_types(kb.directory),
                           "one of the 39 app types of policies/app-types.yaml")
    pi = tuple(_pi_entry(v, f"pi[{i}]", kb) for i, v in enumerate(_list(d, "pi")))
    _unique((p.pi for p in pi), "pi", "PI type")
    tps = tuple(_third_party(v, f"third_parties[{i}]", kb) for i, v in enumerate(_list(d, "third_parties")))
    _unique((t.sdk for t in tps if t.sdk), "third_parties", "SDK")
    domains = tuple(normalise_domain(v, f"first_party_domains[{i}]")
                    for i, v in enumerate(_list(d, "first_party_domains")))
    url = text = None
    if d.get("privacy_policy") is not None:
        url, text, _file = _policy(d["privacy_policy"], base)
    return Declaration(
        source=source, package=package, app_type=app_type, pi=pi, third_parties=tps,
        first_party_domains=domains, privacy_policy_url=url,
        policy=extract(text) if text is not None else None,
        consent=_consent(d["consent"]) if d.get("consent") is not None else None,
        complaint_channel=_text(d["complaint_channel"], "complaint_channel")
        if d.get("complaint_channel") is not None else None,
        account_deletion=_text(d["account_deletion"], "account_deletion")
        if d.get("account_deletion") is not None else None,
    )


def load_declaration(path: Path | str, kb: KnowledgeBase | None = None) -> Declaration:
    """Read and validate the declaration at ``path``; errors are one-line :class:`InputError`."""
    path = Path(path)
    raw = read_bounded(path, "declaration")
    try:
        doc = yaml.load(decode(raw, path), Loader=UniqueKeyLoader)
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None) or getattr(e, "context_mark", None)
        where = f" line {mark.line + 1}" if mark is not None else ""
        problem = getattr(e, "problem", None) or str(e).splitlines()[0]
        raise InputError(f"{path}:{where} malformed YAML ({problem})") from None
    except RecursionError:
        raise InputError(f"{path}: malformed YAML (nested too deeply)") from None
    try:
        return parse_declaration(doc, str(path), path.parent, kb)
    except _Fail as e:
        raise InputError(f"{path}: {e}") from None
