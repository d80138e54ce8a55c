"""Turn scan results into plain, versioned JSON-ready data, and read them back.

The schema version is bumped whenever a field changes meaning or goes
away; new fields may be added within a version. Values are PI *types* and
code locations only: a static scan never holds a user's PI values.
"""

from __future__ import annotations

import dataclasses
import enum
import json
import math
import types
import typing
from pathlib import Path
from typing import Any

from analyzer.common.files import read_bounded
from analyzer.errors import InputError
from analyzer.static.scan import ScanResult

SCAN_SCHEMA = "piflow.scan/1"


def _plain(v: Any) -> Any:
    if dataclasses.is_dataclass(v) and not isinstance(v, type):
        return {f.name: _plain(getattr(v, f.name)) for f in dataclasses.fields(v)}
    if isinstance(v, enum.Enum):
        return v.value
    if isinstance(v, (list, tuple)):
        return [_plain(x) for x in v]
    if isinstance(v, (set, frozenset)):
        return sorted(_plain(x) for x in v)
    if isinstance(v, dict):
        return {str(k): _plain(x) for k, x in v.items()}
    return v


def scan_to_dict(result: ScanResult) -> dict[str, Any]:
    """The JSON document for one scan."""
    doc = _plain(result)
    assert isinstance(doc, dict)
    info = doc["app"]
    for private in ("string_resources", "string_names", "meta_data"):  # may hold secrets: sdks[].accounts
        info.pop(private, None)
    info["dangerous_permissions"] = list(result.app.dangerous_permissions)
    info["password_view_ids"] = sorted(result.app.password_view_ids)  # as documents before input_views
    summary = {
        "package": result.app.package,
        "pi_types": result.pi_types,
        "unreachable_pi_types": result.unreachable_pi_types,
        "unheld_pi_types": sorted({p for a in result.unheld for p in a.pi} - set(result.pi_types)),
        "compared_pi_types": sorted({p for a in result.compared for p in a.pi} - set(result.pi_types)),
        "sdks": [h.sdk_id for h in result.sdks],
        "frameworks": [f.name for f in result.frameworks],
        "hosts": sorted({e.host for e in result.endpoints}),
        "cleartext_permitted": result.app.uses_cleartext_traffic,
        "weaknesses": sorted({f.kind for f in result.security if f.reachable}),
        "pre_consent_sdks": sorted({h.sdk for h in result.pre_consent
                                    if h.kind == "sdk_call" and not h.gate}),
        "pre_consent_pi_types": sorted({p for h in result.pre_consent if not h.gate for p in h.pi}),
        "gated_sdks": sorted({h.sdk for h in result.pre_consent if h.kind == "sdk_call" and h.gate}),
        "gated_pi_types": sorted({p for h in result.pre_consent if h.gate for p in h.pi}),
    }
    return {"schema": SCAN_SCHEMA, "summary": summary, **doc}


def _build(tp: Any, v: Any) -> Any:
    """``v`` (plain JSON data) as an instance of the annotated type ``tp``."""
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if origin in (types.UnionType, typing.Union):
        if v is None:
            return None
        return _build(next(a for a in args if a is not type(None)), v)
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_build(args[0], x) for x in v)
        if len(v) != len(args):
            raise ValueError(f"expected {len(args)} items, got {len(v)}")
        return tuple(_build(t, x) for t, x in zip(args, v, strict=True))  # (int, str) pairs and such
    if origin in (frozenset, set):
        return frozenset(_build(args[0], x) for x in v)
    if origin is dict:
        kt, vt = args
        return {_build(kt, k): _build(vt, x) for k, x in v.items()}
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return tp(v)
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        if not isinstance(v, dict):
            raise TypeError(f"{tp.__name__}: expected an object")
        hints = typing.get_type_hints(tp)
        names = {f.name for f in dataclasses.fields(tp) if f.init}
        return tp(**{k: _build(hints[k], x) for k, x in v.items() if k in names})
    if tp is int and isinstance(v, str) and v.lstrip("-").isdigit():
        return int(v)  # dict keys come back from JSON as strings
    if tp in (int, float, str, bool) and not isinstance(v, tp):
        if tp is float and isinstance(v, int):
            return float(v)
        raise TypeError(f"expected {tp.__name__}, got {type(v).__name__}")
    if tp is float and not math.isfinite(v):
        raise ValueError("a number that is not finite (NaN or infinity)")
    return v


def scan_from_dict(doc: dict[str, Any]) -> ScanResult:
    """Inverse of :func:`scan_to_dict` (raises ``ValueError`` for other documents)."""
    if not isinstance(doc, dict) or doc.get("schema") != SCAN_SCHEMA:
        raise ValueError(f"not a {SCAN_SCHEMA} document")
    body = {k: v for k, v in doc.items() if k not in ("schema", "summary")}
    derived = ("dangerous_permissions", "password_view_ids")
    body["app"] = {k: v for k, v in body["app"].items() if k not in derived}
    legacy = doc["app"].get("password_view_ids") if isinstance(doc.get("app"), dict) else None
    if "input_views" not in body["app"] and isinstance(legacy, list):  # saved before input_views
        body["app"]["input_views"] = [[view, "account.password"] for view in legacy]
    try:
        result = _build(ScanResult, body)
    except (KeyError, TypeError, ValueError, StopIteration) as e:
        raise ValueError(f"malformed {SCAN_SCHEMA} document ({type(e).__name__}: {str(e)[:100]})") from None
    assert isinstance(result, ScanResult)
    return result


def load_scan(path: Path) -> ScanResult:
    """A scan saved with ``piflow scan --format json``; a one-line :class:`InputError` otherwise."""
    raw = read_bounded(path, "piflow result")
    try:
        return scan_from_dict(json.loads(raw.decode("utf-8")))
    except (ValueError, UnicodeDecodeError, RecursionError) as e:
        raise InputError(f"{path}: not a saved piflow scan ({str(e)[:120]})") from None
