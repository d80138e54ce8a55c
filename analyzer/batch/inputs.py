"""Turn ``piflow batch`` inputs (folders, globs, list files, YAML manifests) into items to vet.

An input is one of:

- a folder: every ``*.apk``, ``*.apks``, ``*.xapk`` and ``*.aab`` below it and every
  apktool-decoded folder that kept its DEX files (recursively, sorted);
- an APK file, a split set, an app bundle or a decoded folder;
- a glob (``'corpus/**/*.apk'``, expanded here, not by a shell);
- a list file (``.txt``, ``.tsv``, ``.list``): one APK a line, optionally
  ``apk<TAB>capture<TAB>declaration`` (``-`` or an empty field for none;
  several captures separated by ``|``); ``#`` starts a comment;
- a YAML manifest (``.yaml``, ``.yml``)::

      apps:
        - apk: shop.apk
          captures: [shop-capture/]      # optional
          declaration: shop.yaml         # optional
          time_budget: 30                # optional, seconds (overrides --time-budget)
          memory_budget: 1024            # optional, MB (at most --memory-budget)

Relative paths in list files and manifests are relative to the file's folder.
Every named file must exist: a missing one is an :class:`InputError` before
anything runs. The same APK path named twice is vetted once.
"""

from __future__ import annotations

import glob
import hashlib
import math
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from analyzer.common.files import read_text
from analyzer.errors import InputError

LIST_SUFFIXES = {".txt", ".tsv", ".list"}
MANIFEST_SUFFIXES = {".yaml", ".yml"}
_ITEM_KEYS = {"apk", "captures", "declaration", "time_budget", "memory_budget"}


@dataclass(frozen=True)
class Item:
    """One APK to vet, with the evidence that goes with it."""

    apk: Path
    """The APK."""
    captures: tuple[Path, ...] = ()
    """Captures of the app's traffic."""
    declaration: Path | None = None
    """What the app declares (YAML)."""
    time_budget: float | None = None
    """Seconds for this APK (None: the batch's)."""
    memory_budget: float | None = None
    """Resident MB for this APK (None: the batch's; never above it)."""


def _existing(path: Path, what: str, origin: str) -> Path:
    if not path.exists():
        raise InputError(f"{origin}: {what} {path}: no such file")
    return path


def _list_file(path: Path) -> list[Item]:
    base = path.parent
    items = []
    for n, line in enumerate(read_text(path, "list file").splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        fields = [f.strip() for f in line.rstrip("\n").split("\t")]
        if len(fields) > 3:
            raise InputError(f"{path}:{n}: expected apk<TAB>capture<TAB>declaration, "
                             f"got {len(fields)} fields")
        where = f"{path}:{n}"
        apk = _existing(base / fields[0], "APK", where)
        caps = tuple(_existing(base / c, "capture", where) for c in
                     (fields[1].split("|") if len(fields) > 1 and fields[1] not in ("", "-") else []))
        decl = (_existing(base / fields[2], "declaration", where)
                if len(fields) > 2 and fields[2] not in ("", "-") else None)
        items.append(Item(apk, caps, decl))
    return items


def _budget(value: Any, key: str, where: str) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 < value < math.inf:
        raise InputError(f"{where}: {key} must be a positive number")
    return float(value)


def _manifest(path: Path) -> list[Item]:
    try:
        doc = yaml.safe_load(read_text(path, "manifest"))
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        line = f":{mark.line + 1}" if mark is not None else ""
        raise InputError(f"{path}{line}: malformed YAML") from None
    if not isinstance(doc, dict) or not isinstance(doc.get("apps"), list) or set(doc) - {"apps"}:
        raise InputError(f"{path}: a batch manifest is a mapping with one key, 'apps', holding a list")
    base = path.parent
    items = []
    for n, entry in enumerate(doc["apps"], 1):
        where = f"{path}: apps[{n}]"
        if isinstance(entry, str):
            entry = {"apk": entry}
        if not isinstance(entry, dict) or not isinstance(entry.get("apk"), str):
            raise InputError(f"{where}: needs 'apk' (a path)")
        unknown = set(entry) - _ITEM_KEYS
        if unknown:
            raise InputError(f"{where}: unknown key {sorted(unknown)[0]!r}")
        caps = entry.get("captures") or []
        if isinstance(caps, str):
            caps = [caps]
        if not isinstance(caps, list) or not all(isinstance(c, str) for c in caps):
            raise InputError(f"{where}: captures must be a list of paths")
        decl = entry.get("declaration")
        if decl is not None and not isinstance(decl, str):
            raise InputError(f"{where}: declaration must be a path")
        items.append(Item(
            apk=_existing(base / entry["apk"], "APK", where),
            captures=tuple(_existing(base / c, "capture", where) for c in caps),
            declaration=_existing(base / decl, "declaration", where) if decl else None,
            time_budget=_budget(entry.get("time_budget"), "time_budget", where),
            memory_budget=_budget(entry.get("memory_budget"), "memory_budget", where),
        ))
    return items


APP_SUFFIXES = (".apk", ".apks", ".xapk", ".aab")
"""Files a folder is searched for: APKs, split sets, XAPKs and app bundles."""


def is_decoded(path: Path) -> bool:
    """Whether ``path`` is an apktool-decoded app (a folder with AndroidManifest.xml and apktool.yml)."""
    return path.is_dir() and (path / "AndroidManifest.xml").is_file() and (path / "apktool.yml").is_file()


def _apps_below(folder: Path) -> list[Path]:
    """Apps under ``folder``: files with an app suffix and decoded folders that keep their DEX files
    (``apktool d -s``); a smali-only folder (an apktool project: sources, no code piflow reads) is
    skipped here and scanned only when named. Decoded folders are not searched further."""
    found: list[Path] = []
    for dirpath, dirnames, filenames in os.walk(folder):
        here = Path(dirpath)
        for d in list(dirnames):
            if is_decoded(here / d):
                if any((here / d).glob("classes*.dex")):
                    found.append(here / d)
                dirnames.remove(d)
        found += [here / f for f in filenames
                  if f.lower().endswith(APP_SUFFIXES) and (here / f).is_file()]
    return sorted(found)


def _one(arg: str) -> list[Item]:
    path = Path(arg)
    if is_decoded(path):
        return [Item(path)]
    if path.is_dir():
        return [Item(p) for p in _apps_below(path)]
    if path.is_file():
        suffix = path.suffix.lower()
        if suffix in LIST_SUFFIXES:
            return _list_file(path)
        if suffix in MANIFEST_SUFFIXES:
            return _manifest(path)
        return [Item(path)]
    if glob.has_magic(arg):
        return [Item(Path(p)) for p in sorted(glob.glob(arg, recursive=True)) if Path(p).is_file()]
    raise InputError(f"{arg}: no such file, folder or glob match")


def expand(inputs: Iterable[str]) -> list[Item]:
    """The items named by ``inputs``, in order, each APK path once."""
    seen: set[Path] = set()
    out = []
    for arg in inputs:
        for item in _one(arg):
            key = item.apk.resolve()
            if key not in seen:
                seen.add(key)
                out.append(item)
    return out


def sha256_of(path: Path) -> str:
    """SHA-256 of a file, read in blocks (of a decoded folder: of its files' names and bytes, sorted);
    an unreadable file is an :class:`InputError`."""
    h = hashlib.sha256()
    try:
        files = sorted(p for p in path.rglob("*") if p.is_file() and not p.is_symlink()) \
            if path.is_dir() else [path]
        for f in files:
            if path.is_dir():
                h.update(f.relative_to(path).as_posix().encode() + b"\0")
            with f.open("rb") as fh:
                for block in iter(lambda: fh.read(1 << 20), b""):
                    h.update(block)
    except OSError as e:
        raise InputError(f"{path}: cannot read ({e.strerror or e.__class__.__name__})") from None
    return h.hexdigest()
