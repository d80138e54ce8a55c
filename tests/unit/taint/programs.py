"""Build and analyse the behaviour-family programs of ``programs/`` (the index is ``programs/families.yaml``).

Every family is a small program of our own, in smali, under
``programs/<family>/`` (package ``com.piflow.families.<family>``). All of them
are assembled into one DEX (Debian's ``smali``, once per session); a family
is analysed with a manifest of its own components only, so the code of the
other families is unreachable and cannot interfere. The result is the leak
set as the scan reports it: ``(class.method of the sink site, sink kind)``.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from analyzer.apk.appinfo import AppInfo, Component, IntentFilter, NetworkSecurityConfig, Permission
from analyzer.apk.dex import DexFile
from analyzer.common.descriptors import descriptor_to_java
from analyzer.kb.catalogue import load_kb
from analyzer.program.framework import load_framework
from analyzer.program.hierarchy import Program
from analyzer.program.reach import reachable
from analyzer.static.sources import find_pi_access
from analyzer.taint import TaintResult, analyse

PROGRAMS = Path(__file__).resolve().parent / "programs"
INDEX = PROGRAMS / "families.yaml"
PACKAGE = "com.piflow.families"


def index() -> dict[str, dict[str, Any]]:
    """The families: name → its entry in ``families.yaml``."""
    doc = yaml.safe_load(INDEX.read_text(encoding="utf-8"))
    return dict(doc["families"])


def _sources() -> list[Path]:
    return sorted(PROGRAMS.rglob("*.smali"))


@cache
def dex_bytes(cache_dir: Path) -> bytes:
    """Every family assembled into one DEX (cached by the hash of the sources)."""
    digest = hashlib.sha256()
    for p in _sources():
        digest.update(str(p.relative_to(PROGRAMS)).encode() + b"\0" + p.read_bytes())
    out = cache_dir / f"families-{digest.hexdigest()[:16]}.dex"
    if not out.exists():
        smali = shutil.which("smali")
        if smali is None:
            raise RuntimeError("smali not found (Debian package libsmali-java, installed by make test)")
        tmp = out.with_name(out.name + ".part")
        proc = subprocess.run([smali, "assemble", "--api", "26", "-o", str(tmp), str(PROGRAMS)],
                              capture_output=True, text=True, timeout=300, check=False)
        if proc.returncode != 0 or not tmp.exists() or proc.stderr.strip():  # smali exits 0 on syntax errors
            raise RuntimeError(f"smali failed on the programs: {(proc.stderr or proc.stdout)[:2000]}")
        tmp.replace(out)
    return out.read_bytes()


def _component(entry: dict[str, Any], family: str) -> Component:
    name = entry["name"] if "." in entry["name"] else f"{PACKAGE}.{family}.{entry['name']}"
    filters = tuple(IntentFilter(actions=tuple(f.get("actions", ())),
                                 categories=tuple(f.get("categories", ())),
                                 mime_types=tuple(f.get("mime", ())))
                    for f in entry.get("filters", ()))
    return Component(kind=entry.get("kind", "activity"), name=name,
                     exported=bool(entry.get("exported", False)), exported_explicit="exported" in entry,
                     enabled=entry.get("enabled", True), intent_filters=filters)


def app_info(family: str, spec: dict[str, Any]) -> AppInfo:
    """The manifest of one family: its own components, launcher first."""
    components = tuple(_component(c, family) for c in spec["components"])
    launcher = tuple(c.name for c in components
                     if any("android.intent.action.MAIN" in f.actions for f in c.intent_filters))
    return AppInfo(package=f"{PACKAGE}.{family}", version_code="1", version_name="1.0",
                   min_sdk=min(21, spec.get("target_sdk", 29)), target_sdk=spec.get("target_sdk", 29),
                   application_class=None,
                   permissions=(Permission("android.permission.READ_PHONE_STATE", "dangerous"),),
                   declared_permissions=(), components=components, launcher_activities=launcher,
                   allow_backup=False, debuggable=False, uses_cleartext_traffic=False,
                   uses_cleartext_explicit=None, network_security=NetworkSecurityConfig(present=False),
                   string_resources={int(k): v for k, v in spec.get("strings", {}).items()},
                   text_views=tuple((int(view), str(cls)) for view, cls in spec.get("text_views", ())),
                   layout_fragments=frozenset(f if "." in f else f"{PACKAGE}.{family}.{f}"
                                              for f in spec.get("layout_fragments", ())))


@dataclass(frozen=True)
class Run:
    """One family analysed."""

    result: TaintResult
    leaks: frozenset[str]
    """``Class.method kind`` of every leak (class without the family's package)."""
    pi: dict[str, tuple[str, ...]]
    """The PI types each of them carries."""
    implicit: frozenset[str] = frozenset()
    """``Class.method kind`` of every implicit leak (branches on PI decide the sink), apart."""


def run_family(family: str, spec: dict[str, Any], cache_dir: Path) -> Run:
    """Analyse ``family`` as the scan would."""
    kb = load_kb()
    program = Program([DexFile(dex_bytes(cache_dir), "classes.dex")], load_framework())
    info = app_info(family, spec)
    reach = reachable(program, info)
    access = find_pi_access(program, kb, info, reach)
    result = analyse(program, kb, reach, access, budget_s=60.0, app=info)
    prefix = f"{info.package}."
    leaks: dict[str, set[str]] = {}
    implicit: set[str] = set()
    for lk in result.leaks:
        cls, rest = lk.sink.method.split("->", 1)
        key = f"{descriptor_to_java(cls).removeprefix(prefix)}.{rest.split('(')[0]} {lk.sink.sink}"
        if lk.implicit:
            implicit.add(key)
            continue
        leaks.setdefault(key, set()).update(p for s in lk.sources for p in s.pi)
    return Run(result, frozenset(leaks), {k: tuple(sorted(v)) for k, v in leaks.items()},
               frozenset(implicit))
