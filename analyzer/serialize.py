"""Turn scan results into plain, versioned JSON-ready data.

The schema version is bumped whenever a field changes meaning or goes
away; new fields may be added within a version. Values are PI *types* and
code locations only: a static scan never holds a user's PI values.
"""

from __future__ import annotations

import dataclasses
import enum
from typing import Any

from analyzer.scan import ScanResult

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
    info.pop("string_resources", None)
    info["dangerous_permissions"] = list(result.app.dangerous_permissions)
    summary = {
        "package": result.app.package,
        "pi_types": result.pi_types,
        "unreachable_pi_types": result.unreachable_pi_types,
        "sdks": [h.sdk_id for h in result.sdks],
        "hosts": sorted({e.host for e in result.endpoints}),
        "cleartext_permitted": result.app.uses_cleartext_traffic,
        "weaknesses": sorted({f.kind for f in result.security if f.reachable}),
        "pre_consent_sdks": sorted({h.sdk for h in result.pre_consent if h.kind == "sdk_call"}),
        "pre_consent_pi_types": sorted({p for h in result.pre_consent for p in h.pi}),
    }
    return {"schema": SCAN_SCHEMA, "summary": summary, **doc}
