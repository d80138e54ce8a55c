"""Suppression files for ``piflow check``: accepted findings, each with a reason and an expiry date.

Schema (YAML; unknown keys are errors, a malformed file exits with status 2)::

    suppressions:
      - fingerprint: 3f2a9c0d1e4b5a67      # or: rule + subject
        reason: the SDK is initialised behind our own consent flag (reviewed 2026-11)
        expires: 2027-03-31
      - rule: o24-13-pi-over-cleartext
        subject: "pi:device.imei -> host:alog.umeng.com"
        reason: vendor fix scheduled
        expires: 2027-01-15

An entry suppresses a finding until the end of its ``expires`` day. Expired
entries stop suppressing and are reported, so acceptance is renewed on
purpose rather than forgotten.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from analyzer.common.files import read_bounded
from analyzer.errors import InputError
from analyzer.model import Finding, fingerprint


@dataclass(frozen=True)
class Suppression:
    """One accepted finding."""

    fingerprint: str
    """The finding's fingerprint (derived from rule and subject when those were given)."""
    reason: str
    """Why it is accepted."""
    expires: datetime.date
    """Last day it suppresses."""
    rule: str = ""
    """Rule id, when given by rule + subject."""
    subject: str = ""
    """Subject, when given by rule + subject."""


def _entry(e: Any, where: str) -> Suppression:
    if not isinstance(e, dict):
        raise InputError(f"{where}: expected a mapping")
    unknown = set(e) - {"fingerprint", "rule", "subject", "reason", "expires"}
    if unknown:
        raise InputError(f"{where}: unknown key(s) {sorted(unknown)}")
    reason, expires = e.get("reason"), e.get("expires")
    if not isinstance(reason, str) or not reason.strip():
        raise InputError(f"{where}: a reason is required")
    if isinstance(expires, str):
        try:
            expires = datetime.date.fromisoformat(expires)
        except ValueError:
            raise InputError(f"{where}: expires {expires!r} is not a YYYY-MM-DD date") from None
    if not isinstance(expires, datetime.date) or isinstance(expires, datetime.datetime):
        raise InputError(f"{where}: expires must be a YYYY-MM-DD date")
    if "fingerprint" in e:
        if "rule" in e or "subject" in e:
            raise InputError(f"{where}: give a fingerprint or rule + subject, not both")
        fp = str(e["fingerprint"])
        if len(fp) != 16 or any(c not in "0123456789abcdef" for c in fp):
            raise InputError(f"{where}: fingerprint must be 16 hex digits")
        return Suppression(fp, reason.strip(), expires)
    if not isinstance(e.get("rule"), str) or not isinstance(e.get("subject"), str):
        raise InputError(f"{where}: give a fingerprint, or a rule and a subject")
    return Suppression(fingerprint(e["rule"], e["subject"]), reason.strip(), expires, e["rule"], e["subject"])


def load_suppressions(path: Path) -> list[Suppression]:
    """Every entry of a suppression file."""
    raw = read_bounded(path, "suppressions file")
    try:
        doc = yaml.safe_load(raw.decode("utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as e:
        raise InputError(f"{path}: malformed YAML ({str(e).splitlines()[0][:100]})") from None
    if doc is None:
        return []
    if isinstance(doc, dict) and set(doc) == {"suppressions"}:
        doc = doc["suppressions"] or []
    if not isinstance(doc, list):
        raise InputError(f"{path}: expected `suppressions:` with a list of entries")
    return [_entry(e, f"{path.name}: entry {n}") for n, e in enumerate(doc, 1)]


def apply(
    findings: tuple[Finding, ...] | list[Finding],
    entries: list[Suppression],
    today: datetime.date | None = None,
) -> tuple[list[Finding], list[tuple[Finding, Suppression]], list[Suppression]]:
    """(findings kept, findings suppressed with their entry, expired entries)."""
    today = today or datetime.date.today()
    live = {s.fingerprint: s for s in entries if s.expires >= today}
    expired = [s for s in entries if s.expires < today]
    kept, hidden = [], []
    for f in findings:
        s = live.get(f.fingerprint)
        if s is None:
            kept.append(f)
        else:
            hidden.append((f, s))
    return kept, hidden, expired
