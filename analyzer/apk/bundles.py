"""Read split sets (.apks), XAPKs, app bundles (.aab) and apktool-decoded folders as one app.

The format is told by content, not by the file name (:func:`zip_kind`): a
ZIP with ``AndroidManifest.xml`` is an APK; one with
``base/manifest/AndroidManifest.xml`` an app bundle; one holding APKs a
split set (``toc.pb``, ``splits/``, ``standalones/``) or an XAPK
(``manifest.json``). Every split or module is read as part of one app:
the base's manifest, the DEX files, native libraries and hidden code of
all. A bundle without a base, with two bases, with a split of another
package, with a name escaping the archive or with an unreadable manifest
is refused with one :class:`InputError` line. Members are read one at a
time within the bounds of :mod:`analyzer.apk.container`, each checked as
an archive of its own (nested bombs).

An apktool-decoded folder gives its text manifest and ``res/`` (references
``@string/name`` resolved to ids through ``res/values/public.xml``); its
code is read from ``*.dex`` files (``apktool d -s``) or, without them, assembled
from its smali (:mod:`analyzer.apk.smali`); a folder whose smali cannot be
assembled is scanned without code and says so (:attr:`ApkContents.code_missing`).
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

from analyzer.apk import protoxml
from analyzer.apk.appinfo import ApkContents, AppInfo, Component
from analyzer.apk.container import (
    _SCRIPT_RE,
    MAX_APK_SIZE,
    MAX_ARSC_SIZE,
    MAX_ASSET_NAMES,
    MAX_ENTRIES,
    MAX_SCRIPT_SIZE,
    MAX_TOTAL_XML,
    MAX_XML_SIZE,
    ManifestDoc,
    _read_manifest,
    aosp_levels,
    apk_deferred,
    apk_parts,
    app_info,
    module_parts,
    open_zip,
    read_input,
    read_member,
)
from analyzer.apk.smali import assemble
from analyzer.common import parallel
from analyzer.errors import InputError

ANDROID_NS = "http://schemas.android.com/apk/res/android"
MAX_SPLITS = 256
"""Most APKs in one split set or modules in one bundle."""

_DEX_NAME = re.compile(r"^classes(\d*)\.dex$")


def zip_kind(path: Path, raw: bytes) -> str:
    """``apk``, ``apks``, ``xapk`` or ``aab``, from the entry names of the ZIP ``raw``."""
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as zf:
            names = zf.namelist()
    except Exception:  # the APK path says why it is unreadable
        return "apk"
    if "AndroidManifest.xml" in names:
        return "apk"
    if "base/manifest/AndroidManifest.xml" in names or "BundleConfig.pb" in names or any(
            n.endswith("/manifest/AndroidManifest.xml") and n.count("/") == 2 for n in names):
        return "aab"
    apks = [n for n in names if n.lower().endswith(".apk")]
    if "manifest.json" in names and apks:
        return "xapk"
    if apks:
        return "apks"
    return "apk"


def open_app(path: str | Path) -> ApkContents:
    """Open an APK, split set, XAPK, app bundle or decoded folder as one app (:func:`open_app_deferred`)."""
    contents, manifest = open_app_deferred(path, background=False)
    return replace(contents, info=manifest())


def open_app_deferred(path: str | Path,
                      background: bool = True) -> tuple[ApkContents, Callable[[], AppInfo]]:
    """Like :func:`analyzer.apk.container.open_apk_deferred`, for any input format: the format is told by
    the content (a folder is an apktool-decoded app; a ZIP by its entries, :func:`zip_kind`)."""
    path = Path(path)
    if path.is_dir():
        return _open_folder(path, background)
    raw = read_input(path)
    if zip_kind(path, raw) == "apk":
        return apk_deferred(path, raw, background)
    return open_bundle(path, raw, background)


def open_bundle(path: Path, raw: bytes | None,
                background: bool) -> tuple[ApkContents, Callable[[], AppInfo]]:
    """Open a split set, XAPK, app bundle (``raw`` its bytes) or decoded folder (``raw`` None)."""
    if raw is None:
        return _open_folder(path, background)
    kind = zip_kind(path, raw)
    zf, infos = open_zip(path, raw)
    with zf:
        for info in infos:
            _safe_name(path, info.filename)
        if kind == "aab":
            contents, manifest = _open_aab(path, zf, infos, background)
        else:
            contents, manifest = _open_split_set(path, kind, zf, infos, background)
    return replace(contents, sha256=hashlib.sha256(raw).hexdigest(), size=len(raw)), manifest


def _safe_name(path: Path, name: str) -> None:
    parts = name.replace("\\", "/").split("/")
    if name.startswith(("/", "\\")) or ".." in parts or re.match(r"^[A-Za-z]:", name) or "\x00" in name:
        raise InputError(f"{path.name}: entry {name!r} points outside the archive (path traversal)")


def _merge(base: ApkContents, parts: list[tuple[str, ApkContents]], kind: str,
           splits: tuple[str, ...]) -> ApkContents:
    dex = list(base.dex)
    native, code, extra, hidden, notes = (list(base.native_libs), list(base.native_code),
                                          list(base.extra_dex), list(base.hidden_dex), list(base.notes))
    # what hybrid frameworks and packers are told by: names as in one APK, the base's first
    entries, assets = dict.fromkeys(base.entries), dict.fromkeys(base.assets)
    scripts, heads = dict(base.scripts), dict(base.asset_heads)
    for split, c in parts:
        entries.update(dict.fromkeys(c.entries))
        assets.update(dict.fromkeys(c.assets))
        for n, d in c.scripts:
            scripts.setdefault(n, d)
        for n, d in c.asset_heads:
            heads.setdefault(n, d)
        dex += [(f"{split}!{n}", d) for n, d in c.dex]
        native += [n for n in c.native_libs if n not in native]
        code += [(n, s) for n, s in c.native_code if n not in dict(code)]
        extra += [f"{split}!{n}" for n in c.extra_dex]
        hidden += [(f"{split}!{n}", d) for n, d in c.hidden_dex]
        notes += [f"{split}: {n}" for n in c.notes]
    if not dex:
        raise InputError(f"the {kind} has no classes.dex in any split (no code to analyse)")
    return replace(base, dex=tuple(dex), native_libs=tuple(sorted(native)), native_code=tuple(code),
                   extra_dex=tuple(extra), hidden_dex=tuple(hidden), notes=tuple(notes),
                   input_format=kind, splits=splits, entries=tuple(entries),
                   assets=tuple(sorted(assets))[:MAX_ASSET_NAMES], scripts=tuple(sorted(scripts.items())),
                   asset_heads=tuple(sorted(heads.items())))


# ---------------------------------------------------------------------------
# Split sets (.apks) and XAPKs
# ---------------------------------------------------------------------------


def manifest_root(data: bytes) -> dict[str, str]:
    """The string attributes of a binary manifest's root element (``package``, ``split``), by name.

    A few fields of Android's binary XML read with every offset checked, so that telling the base
    from the splits needs no androguard in the scanning process (its import costs 0.2 s and 28 MiB;
    the base manifest is parsed by androguard in a worker as for an APK).
    Raises :class:`InputError` when the bytes are not a binary manifest.
    """
    def u8(at: int) -> int:
        if not 0 <= at < len(data):
            raise InputError("the binary manifest is truncated")
        return data[at]

    def u16(at: int) -> int:
        if at + 2 > len(data):
            raise InputError("the binary manifest is truncated")
        return int.from_bytes(data[at:at + 2], "little")

    def u32(at: int) -> int:
        if at + 4 > len(data):
            raise InputError("the binary manifest is truncated")
        return int.from_bytes(data[at:at + 4], "little")

    if u16(0) != 0x0003:
        raise InputError("AndroidManifest.xml is not a binary manifest")
    strings: list[str] = []
    pos = u16(2)
    while pos + 8 <= len(data):
        kind, header, size = u16(pos), u16(pos + 2), u32(pos + 4)
        if size < 8 or header > size:
            raise InputError("the binary manifest has a malformed chunk")
        if kind == 0x0001 and not strings:
            count, flags, start = u32(pos + 8), u32(pos + 16), u32(pos + 20)
            if count > len(data) // 4:
                raise InputError("the binary manifest's string pool is malformed")
            for i in range(count):
                at = pos + start + u32(pos + header + 4 * i)
                if flags & 0x100:  # UTF-8: character count, byte count (1 or 2 bytes each), bytes
                    at += 2 if u8(at) & 0x80 else 1
                    n = u8(at)
                    if n & 0x80:
                        n = ((n & 0x7F) << 8) | u8(at + 1)
                        at += 1
                    at += 1
                    strings.append(data[at:at + n].decode("utf-8", "replace"))
                else:
                    n = u16(at)
                    at += 2
                    if n & 0x8000:
                        n = ((n & 0x7FFF) << 16) | u16(at)
                        at += 2
                    strings.append(data[at:at + 2 * n].decode("utf-16-le", "replace"))
        elif kind == 0x0102:
            attrs = pos + header + u16(pos + header + 8)
            width, count = u16(pos + header + 10), u16(pos + header + 12)
            out: dict[str, str] = {}
            for i in range(count):
                at = attrs + i * width
                name, raw = u32(at + 4), u32(at + 8)
                if name < len(strings) and raw < len(strings):
                    out[strings[name]] = strings[raw]
            return out
        pos += size
    raise InputError("the binary manifest has no element")


def _members(path: Path, kind: str, zf: zipfile.ZipFile,
             infos: list[zipfile.ZipInfo]) -> list[zipfile.ZipInfo]:
    apks = [i for i in infos if i.filename.lower().endswith(".apk") and not i.is_dir()]
    if kind == "apks":
        splits = [i for i in apks if i.filename.startswith("splits/")]
        if not splits:  # standalone APKs (one per device configuration): each is the whole app
            standalones = sorted((i for i in apks if i.filename.startswith("standalones/")),
                                 key=lambda i: i.filename)
            splits = standalones[:1] or apks[:1]
        apks = splits
    else:
        try:
            meta = json.loads(read_member(path, zf, zf.getinfo("manifest.json"), 1 << 20))
            listed = [str(s.get("file")) for s in meta.get("split_apks", []) if isinstance(s, dict)]
        except (InputError, ValueError, AttributeError, KeyError) as e:
            raise InputError(f"{path.name}: manifest.json is not a readable XAPK manifest ({e})") from e
        names = {i.filename: i for i in apks}
        missing = [f for f in listed if f not in names]
        if missing:
            raise InputError(f"{path.name}: manifest.json names {missing[0]!r}, which the XAPK lacks")
        if listed:
            apks = [names[f] for f in listed]
    if not apks:
        raise InputError(f"{path.name}: the {kind} holds no APK")
    if len(apks) > MAX_SPLITS:
        raise InputError(f"{path.name}: {len(apks)} APKs exceed the limit of {MAX_SPLITS}")
    if sum(i.file_size for i in apks) > MAX_APK_SIZE:
        raise InputError(f"{path.name}: its APKs declare more than {MAX_APK_SIZE} bytes in all")
    return apks


def _open_split_set(path: Path, kind: str, zf: zipfile.ZipFile, infos: list[zipfile.ZipInfo],
                    background: bool) -> tuple[ApkContents, Callable[[], AppInfo]]:
    heads: list[tuple[zipfile.ZipInfo, str, str]] = []
    for info in _members(path, kind, zf, infos):
        data = read_member(path, zf, info, MAX_APK_SIZE)
        inner, inner_infos = open_zip(Path(f"{path.name}!{info.filename}"), data)
        with inner:
            man = next((i for i in inner_infos if i.filename == "AndroidManifest.xml"), None)
            if man is None:
                raise InputError(f"{path.name}: {info.filename} has no AndroidManifest.xml")
            try:
                root = manifest_root(read_member(path, inner, man, MAX_XML_SIZE))
                package, split = root.get("package", ""), root.get("split", "")
            except InputError as e:
                raise InputError(f"{path.name}: {info.filename}: {e}") from e
        heads.append((info, package, split))
    bases = [h for h in heads if not h[2]]
    if not bases:
        raise InputError(f"{path.name}: no base APK among its {len(heads)} APKs (each is a split)")
    if len(bases) > 1:
        raise InputError(f"{path.name}: two base APKs ({bases[0][0].filename}, {bases[1][0].filename})")
    base_info, package, _ = bases[0]
    for info, other, _split in heads:
        if other != package:
            raise InputError(f"{path.name}: {info.filename} is a split of {other!r}, not of {package!r}")
    label = f"{path.name}!{base_info.filename}"
    base, subset = apk_parts(Path(label), read_member(path, zf, base_info, MAX_APK_SIZE), need_dex=False)
    parts = []
    features: list[tuple[str, bytes]] = []  # splits that may declare components (not config.*)
    for info, _p, split in heads:
        if info is base_info:
            continue
        split_label = f"{path.name}!{info.filename}"
        split_contents, split_subset = apk_parts(Path(split_label), read_member(path, zf, info, MAX_APK_SIZE),
                                                 need_dex=False)
        parts.append((Path(info.filename).name, split_contents))
        if not split.startswith("config."):
            features.append((split_label, split_subset))
    splits = (Path(base_info.filename).name, *(n for n, _ in parts))
    contents = _merge(base, parts, kind, splits)

    def manifest() -> AppInfo:
        return with_components(_read_manifest(label, subset),
                               [_read_manifest(n, sub).components for n, sub in features])

    return contents, parallel.start(manifest, background)


def with_components(info: AppInfo, more: list[tuple[Component, ...]]) -> AppInfo:
    """``info`` with the components feature splits declare (the platform registers them with the base's)."""
    seen = {(c.kind, c.name) for c in info.components}
    extra = [c for comps in more for c in comps if (c.kind, c.name) not in seen]
    if not extra:
        return info
    target = info.target_sdk or info.min_sdk or 1  # the app's, not the split manifest's (often none)
    extra = [replace(c, exported=target < 17) if c.kind == "provider" and not c.exported_explicit else c
             for c in extra]
    launchers = [c.target or c.name if c.kind == "activity-alias" else c.name for c in extra
                 if c.kind in ("activity", "activity-alias") and c.enabled and any(
                     "android.intent.action.MAIN" in f.actions
                     and "android.intent.category.LAUNCHER" in f.categories for f in c.intent_filters)]
    return replace(info, components=info.components + tuple(extra),
                   launcher_activities=tuple(dict.fromkeys([*info.launcher_activities, *launchers])))


# ---------------------------------------------------------------------------
# App bundles (.aab)
# ---------------------------------------------------------------------------


_SKIP_MODULES = {"META-INF", "BUNDLE-METADATA"}


def _module_names(module: str, infos: list[zipfile.ZipInfo]) -> dict[str, zipfile.ZipInfo]:
    """APK-relative name → entry, for the entries of one bundle module."""
    out: dict[str, zipfile.ZipInfo] = {}
    prefix = module + "/"
    for info in infos:
        if not info.filename.startswith(prefix) or info.is_dir():
            continue
        rest = info.filename[len(prefix):]
        if rest.startswith("dex/"):
            out[rest[4:]] = info
        elif rest.startswith("root/"):
            out[rest[5:]] = info
        elif rest.startswith(("lib/", "assets/", "res/")) or rest in ("resources.pb",):
            out[rest] = info
        elif rest == "manifest/AndroidManifest.xml":
            out["AndroidManifest.xml"] = info
    return out


def _open_aab(path: Path, zf: zipfile.ZipFile, infos: list[zipfile.ZipInfo],
              background: bool) -> tuple[ApkContents, Callable[[], AppInfo]]:
    modules = sorted({i.filename.split("/", 1)[0] for i in infos
                      if i.filename.endswith("/manifest/AndroidManifest.xml") and i.filename.count("/") == 2}
                     - _SKIP_MODULES)
    if "base" not in modules:
        raise InputError(f"{path.name}: the app bundle has no base module "
                         "(base/manifest/AndroidManifest.xml)")
    if len(modules) > MAX_SPLITS:
        raise InputError(f"{path.name}: {len(modules)} modules exceed the limit of {MAX_SPLITS}")
    modules.remove("base")
    modules.insert(0, "base")
    parts: list[tuple[str, ApkContents]] = []
    features: list[tuple[str, ET.Element]] = []
    package = ""
    base: ApkContents | None = None
    for module in modules:
        names = _module_names(module, infos)
        raw_manifest = read_member(path, zf, names["AndroidManifest.xml"], MAX_XML_SIZE)
        try:
            man = protoxml.xml_tree(raw_manifest)
        except protoxml.ProtoError as e:
            raise InputError(f"{path.name}: {module}/manifest/AndroidManifest.xml is not a protobuf "
                             f"XmlNode ({e})") from e
        if man.tag != "manifest":
            raise InputError(f"{path.name}: {module}/manifest/AndroidManifest.xml has no <manifest> root")
        module_package = man.get("package") or ""
        if module == "base":
            package = module_package
            if not package:
                raise InputError(f"{path.name}: the base manifest names no package")
            if man.get("split"):
                raise InputError(f"{path.name}: the base module's manifest declares split "
                                 f"{man.get('split')!r}")
            base_man, base_names = man, names
        elif module_package and module_package != package:
            raise InputError(f"{path.name}: module {module} belongs to {module_package!r}, not {package!r}")
        else:
            features.append((module, man))
        contents = module_parts(Path(f"{path.name}!{module}"), zf, names, need_dex=False)
        if base is None:
            base = contents
        else:
            parts.append((module, contents))
    assert base is not None
    table_bytes = b""
    if "resources.pb" in base_names:
        table_bytes = read_member(path, zf, base_names["resources.pb"], MAX_ARSC_SIZE)
    xml: list[tuple[str, bytes]] = []
    total = 0
    for name, info in base_names.items():
        if name.startswith("res/") and name.endswith(".xml"):
            data = read_member(path, zf, info, MAX_XML_SIZE)
            total += len(data)
            if total > MAX_TOTAL_XML:
                raise InputError(f"{path.name}: XML resources exceed {MAX_TOTAL_XML} bytes in all")
            xml.append((name, data))
    contents = _merge(base, parts, "aab", tuple(modules))
    label = path.name

    def manifest() -> AppInfo:
        try:
            table = protoxml.resource_table(table_bytes, package) if table_bytes else protoxml.ResourceTable()
        except protoxml.ProtoError:
            table = protoxml.ResourceTable()
        info = app_info(label, _doc(base_man, package, table.strings, table.string_names,
                                    _resolver(table.files), lambda: iter(xml), protoxml.xml_tree))
        return with_components(info, [app_info(f"{label}!{module}", _doc(
            man, package, {}, {}, _resolver({}), lambda: iter(()), protoxml.xml_tree)).components
            for module, man in features])

    return contents, parallel.start(manifest, background)


def _resolver(files: dict[int, str]) -> Callable[[str | None], str | None]:
    def resolve(ref: str | None) -> str | None:
        if not ref:
            return None
        if re.fullmatch(r"@[0-9A-Fa-f]{8}", ref):
            return files.get(int(ref[1:], 16))
        if ref.startswith("@xml/"):
            return f"res/xml/{ref[5:]}.xml"
        return None
    return resolve


def _doc(man: Any, package: str, strings: dict[int, str], string_names: dict[str, int],
         resolve: Callable[[str | None], str | None], files: Callable[[], Iterator[tuple[str, bytes]]],
         parse: Callable[[bytes], Any]) -> ManifestDoc:
    sdk = man.find("uses-sdk")
    min_sdk = sdk.get(f"{{{ANDROID_NS}}}minSdkVersion") if sdk is not None else None
    target_sdk = sdk.get(f"{{{ANDROID_NS}}}targetSdkVersion") if sdk is not None else None
    perms = [str(el.get(f"{{{ANDROID_NS}}}name")) for el in
             man.findall("uses-permission") + man.findall("uses-permission-sdk-23")
             if el.get(f"{{{ANDROID_NS}}}name")]
    declared = {str(el.get(f"{{{ANDROID_NS}}}name")): str(el.get(f"{{{ANDROID_NS}}}protectionLevel") or "")
                for el in man.findall("permission") if el.get(f"{{{ANDROID_NS}}}name")}
    return ManifestDoc(
        man=man, package=package, version_code=man.get(f"{{{ANDROID_NS}}}versionCode"),
        version_name=man.get(f"{{{ANDROID_NS}}}versionName"),
        levels=aosp_levels(perms, min_sdk, target_sdk, declared),
        resolve_xml=resolve, xml_files=files, parse_xml=parse, strings=strings, string_names=string_names)


# ---------------------------------------------------------------------------
# apktool-decoded folders
# ---------------------------------------------------------------------------


def _text_xml(data: bytes) -> ET.Element:
    """A text XML document; DTDs (entity expansion) are refused."""
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        raise InputError("XML with a DTD is not read (entity expansion)")
    try:
        return ET.fromstring(data)
    except ET.ParseError as e:
        raise InputError(f"not well-formed XML ({e})") from e


def _walk(root: Path) -> list[tuple[str, Path, int]]:
    """(relative name, path, size) of the regular files under ``root``; symbolic links are not followed."""
    out: list[tuple[str, Path, int]] = []
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if not os.path.islink(os.path.join(dirpath, d)))
        for f in sorted(filenames):
            p = Path(dirpath, f)
            if p.is_symlink() or not p.is_file():
                continue
            out.append((p.relative_to(root).as_posix(), p, p.stat().st_size))
            if len(out) > MAX_ENTRIES:
                raise InputError(f"{root.name}: more than {MAX_ENTRIES} files")
    return out


def _open_folder(path: Path, background: bool) -> tuple[ApkContents, Callable[[], AppInfo]]:
    manifest_path = path / "AndroidManifest.xml"
    if not manifest_path.is_file() or manifest_path.is_symlink():
        raise InputError(f"{path}: a folder without AndroidManifest.xml (not an apktool-decoded app)")
    files = _walk(path)
    total = sum(size for _n, _p, size in files)
    if total > MAX_APK_SIZE:
        raise InputError(f"{path.name}: its files hold {total} bytes, more than {MAX_APK_SIZE}")
    raw_manifest = _read_file(manifest_path, MAX_XML_SIZE)
    if raw_manifest[:4] == b"\x03\x00\x08\x00":
        raise InputError(f"{path.name}: AndroidManifest.xml is binary (decode the APK with apktool d)")
    try:
        man = _text_xml(raw_manifest)
    except InputError as e:
        raise InputError(f"{path.name}: AndroidManifest.xml: {e}") from e
    if man.tag != "manifest" or not man.get("package"):
        raise InputError(f"{path.name}: AndroidManifest.xml has no <manifest package=…> root")
    # DEX (apktool d -s, else assembled from smali), native libraries and other code files, handed to the
    # APK reader as a ZIP
    code = io.BytesIO()
    smali = any(n.startswith("smali") and n.endswith(".smali") for n, _p, _s in files)
    assembled: list[tuple[str, bytes]] = []
    unassembled = ""
    if smali and not any(_DEX_NAME.match(n) for n, _p, _s in files):
        assembled, unassembled = assemble(path, [n for n, _p, _s in files])
    with zipfile.ZipFile(code, "w", zipfile.ZIP_STORED) as out:
        for name, data in assembled:
            out.writestr(name, data)
        for name, p, size in files:
            if (_DEX_NAME.match(name) or (name.startswith("lib/") and name.endswith(".so"))
                    or (name.startswith(("assets/", "unknown/")) and re.search(
                        r"\.(dex|jar|apk)$", name, re.IGNORECASE))):
                out.writestr(name.removeprefix("unknown/"), _read_file(p, MAX_APK_SIZE))
            elif _SCRIPT_RE.match(name) and size <= MAX_SCRIPT_SIZE:  # a hybrid app's scripts
                out.writestr(name, _read_file(p, MAX_SCRIPT_SIZE))
    code.seek(0)
    with zipfile.ZipFile(code) as zf:
        contents = module_parts(path, zf, {i.filename: i for i in zf.infolist()}, need_dex=False)
    missing = ""
    if not contents.dex:
        if not smali:
            raise InputError(f"{path.name}: the folder has neither classes*.dex nor smali/ (no code)")
        missing = (f"smali only (decoded without -s) and {unassembled}: the code was not analysed; "
                   "decode with `apktool d -s` to keep the DEX files")
    digest = hashlib.sha256()
    for name, p, _size in files:
        if name == "AndroidManifest.xml" or _DEX_NAME.match(name):
            digest.update(name.encode() + b"\0" + _read_file(p, MAX_APK_SIZE))
    for name, data in assembled:
        digest.update(name.encode() + b"\0" + data)
    names = tuple(n for n, _p, _s in files)
    made = (f"code assembled from smali ({', '.join(n for n, _d in assembled)})",) if assembled else ()
    contents = replace(contents, sha256=digest.hexdigest(), size=total, input_format="decoded",
                       splits=(), code_missing=missing, entries=names,
                       assets=tuple(n for n in sorted(names) if n.startswith("assets/"))[:MAX_ASSET_NAMES],
                       notes=contents.notes + ((missing,) if missing else ()) + made)
    _apktool_yml(path, man)
    package = str(man.get("package"))
    res = {n: p for n, p, _s in files if n.startswith("res/") and n.endswith(".xml")}

    def manifest() -> AppInfo:
        ids, strings, names = _values(res)
        by_id = {v: k for k, v in ids.items()}

        def refs(tree: ET.Element) -> ET.Element:
            for el in tree.iter():
                for k, v in el.attrib.items():
                    if k == _INPUT_TYPE and v and not v[0].isdigit():
                        el.set(k, _input_type(v))
                    elif v.startswith("@") and "/" in v:
                        rid = ids.get(v.lstrip("@+").replace("android:", "\0", 1))
                        if rid is not None:
                            el.set(k, f"@{rid:08X}")
            return tree

        def resolve(ref: str | None) -> str | None:
            if ref and re.fullmatch(r"@[0-9A-Fa-f]{8}", ref):
                typed = by_id.get(int(ref[1:], 16))
                ref = f"@{typed}" if typed else None
            if ref and ref.startswith("@xml/"):
                return f"res/xml/{ref[5:]}.xml"
            return None

        def xml_files() -> Iterator[tuple[str, bytes]]:
            total = 0
            for name, p in sorted(res.items()):
                if not name.startswith("res/values"):
                    data = _read_file(p, MAX_XML_SIZE)
                    total += len(data)
                    if total > MAX_TOTAL_XML:
                        raise InputError(f"{path.name}: XML resources exceed {MAX_TOTAL_XML} bytes in all")
                    yield name, data

        return app_info(path.name, _doc(refs(man), package, strings, names, resolve, xml_files,
                                        lambda data: refs(_text_xml(data))))

    return contents, parallel.start(manifest, background)


_INPUT_TYPE = f"{{{ANDROID_NS}}}inputType"
_INPUT_TYPES = {
    "none": 0x0, "text": 0x1, "textCapCharacters": 0x1001, "textCapWords": 0x2001, "textCapSentences": 0x4001,
    "textAutoCorrect": 0x8001, "textAutoComplete": 0x10001, "textMultiLine": 0x20001,
    "textImeMultiLine": 0x40001, "textNoSuggestions": 0x80001, "textUri": 0x11, "textEmailAddress": 0x21,
    "textEmailSubject": 0x31, "textShortMessage": 0x41, "textLongMessage": 0x51, "textPersonName": 0x61,
    "textPostalAddress": 0x71, "textPassword": 0x81, "textVisiblePassword": 0x91, "textWebEditText": 0xA1,
    "textFilter": 0xB1, "textPhonetic": 0xC1, "textWebEmailAddress": 0xD1, "textWebPassword": 0xE1,
    "number": 0x2, "numberSigned": 0x1002, "numberDecimal": 0x2002, "numberPassword": 0x12, "phone": 0x3,
    "datetime": 0x4, "date": 0x14, "time": 0x24,
}
"""``android:inputType`` flag names (as apktool writes them) and the values aapt compiles them to."""


def _input_type(text: str) -> str:
    """``textPassword|textNoSuggestions`` → ``0x00080081`` as a binary layout holds it; unknown names kept."""
    value = 0
    for name in text.split("|"):
        if name.strip() not in _INPUT_TYPES:
            return text
        value |= _INPUT_TYPES[name.strip()]
    return f"0x{value:08x}"


def _apktool_yml(path: Path, man: ET.Element) -> None:
    """Put back what apktool moved from the manifest to ``apktool.yml``: versions and SDK levels."""
    yml = path / "apktool.yml"
    if not yml.is_file() or yml.is_symlink():
        return
    import yaml

    text = _read_file(yml, 1 << 20).decode("utf-8", "replace")
    text = re.sub(r"^!!\S+\s*$", "", text, count=1, flags=re.MULTILINE)  # apktool's Java class tag
    try:
        meta = yaml.safe_load(text)
    except yaml.YAMLError as e:
        raise InputError(f"{path.name}: apktool.yml is not readable YAML ({str(e).splitlines()[0]})") from e
    if not isinstance(meta, dict):
        return
    a = f"{{{ANDROID_NS}}}"
    version = meta.get("versionInfo")
    version = version if isinstance(version, dict) else {}
    for key in ("versionCode", "versionName"):
        if version.get(key) is not None and man.get(a + key) is None:
            man.set(a + key, str(version[key]))
    sdk_info = meta.get("sdkInfo")
    sdk_info = sdk_info if isinstance(sdk_info, dict) else {}
    sdk = man.find("uses-sdk")
    for key in ("minSdkVersion", "targetSdkVersion", "maxSdkVersion"):
        if sdk_info.get(key) is None:
            continue
        if sdk is None:
            sdk = ET.Element("uses-sdk")
            man.insert(0, sdk)
        if sdk.get(a + key) is None:
            sdk.set(a + key, str(sdk_info[key]))


def _read_file(p: Path, cap: int) -> bytes:
    try:
        size = p.stat().st_size
        if size > cap:
            raise InputError(f"{p.name}: {size} bytes exceeds the {cap}-byte limit")
        return p.read_bytes()
    except OSError as e:
        raise InputError(f"{p}: cannot read ({e.strerror or e})") from e


def _values(res: dict[str, Path]) -> tuple[dict[str, int], dict[int, str], dict[str, int]]:
    """Resource ids by ``type/name`` (``res/values/public.xml``), default strings by id and their names."""
    ids: dict[str, int] = {}
    if "res/values/public.xml" in res:
        try:
            for el in _text_xml(_read_file(res["res/values/public.xml"], MAX_XML_SIZE)).iter("public"):
                try:
                    ids[f"{el.get('type')}/{el.get('name')}"] = int(el.get("id") or "", 16)
                except ValueError:
                    continue
        except InputError:
            pass
    strings: dict[int, str] = {}
    names: dict[str, int] = {}
    if "res/values/strings.xml" in res:
        try:
            for el in _text_xml(_read_file(res["res/values/strings.xml"], MAX_XML_SIZE)).iter("string"):
                rid = ids.get(f"string/{el.get('name')}")
                if rid is not None:
                    strings[rid] = "".join(el.itertext())
                    names[str(el.get("name"))] = rid
        except InputError:
            pass
    return ids, strings, names
