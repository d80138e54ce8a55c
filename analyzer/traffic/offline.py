"""Offline extraction behind ``piflow traffic``: saved captures in, observations out.

Inputs: mitmproxy ``.mitm`` flow files and HAR files (read by mitmproxy's
own reader in :mod:`analyzer.traffic.mitm`, then the same detector as live), and
``observations.jsonl`` files or capture folders (read as recorded). Each flow
file is one capture: identifiers it names itself are learned and found
wherever else they recur (:mod:`analyzer.traffic.learned`). A
``phases.jsonl`` beside a flow file gives each message the phase marked
when it was captured.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from pathlib import Path

from analyzer.errors import InputError
from analyzer.kb.catalogue import load_kb
from analyzer.model import Confidence
from analyzer.traffic.attribution import Attributor, open_geoip
from analyzer.traffic.detect import Detector, detect_capture
from analyzer.traffic.model import NotInspected, Observation
from analyzer.traffic.observations import OBSERVATIONS, read_records
from analyzer.traffic.phase import history, phase_at
from analyzer.traffic.profile import load_profile


@dataclass(frozen=True)
class OfflineSpec:
    """What ``piflow traffic`` was asked to do."""

    captures: tuple[Path, ...]
    """Files or capture folders."""
    profile: Path | None = None
    """Device profile."""
    app: str = ""
    """Package of the app under test."""
    first_party: tuple[str, ...] = ()
    """Publisher's domains."""
    min_confidence: str = "medium"
    """Weakest confidence kept."""
    show_values: bool = False
    """Unmasked values."""
    geoip: Path | None = None
    """GeoIP database."""


def _is_records(path: Path) -> bool:
    if path.suffix == ".jsonl":
        return True
    try:
        with path.open("rb") as fh:
            return fh.read(12).startswith(b'{"record"')
    except OSError:
        return False


def extract(spec: OfflineSpec) -> tuple[list[Observation], list[NotInspected]]:
    """Observations and not-inspected connections of every capture in ``spec``."""
    floor = Confidence(spec.min_confidence)
    kb = load_kb()
    country = open_geoip(spec.geoip) if spec.geoip is not None else None
    detector = Detector(load_profile(spec.profile) if spec.profile else None,
                        Attributor(kb, spec.app, spec.first_party, country), show_values=spec.show_values)
    obs: list[Observation] = []
    unseen: list[NotInspected] = []
    for path in spec.captures:
        if path.is_dir():
            path = path / OBSERVATIONS
            if not path.exists():
                raise InputError(f"{path.parent}: no {OBSERVATIONS} in this folder")
        if not path.exists():
            raise InputError(f"{path}: no such file")
        if _is_records(path):
            for rec in read_records(path):
                if isinstance(rec, Observation):
                    obs.append(rec)
                elif isinstance(rec, NotInspected):
                    unseen.append(rec)
            continue
        from analyzer.traffic.mitm import read_messages  # mitmproxy is imported only for flow files

        marks = history(path.parent)
        obs.extend(detect_capture(detector, partial(read_messages, path), phase_at(marks) if marks else None))
        unseen.extend(detector.opaque.records())  # request bodies it could not read: one per host and phase
    return [o for o in obs if o.confidence >= floor], unseen
