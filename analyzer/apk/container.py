"""Open an APK safely and read its manifest and resources: piflow's only androguard adapter.

The ZIP container is checked with the standard library before anything is
decompressed: declared sizes, compression ratios and entry counts are
bounded, so a zip bomb or a truncated file is refused with one line. Only
the entries we need (manifest, resource table, XML resources) are passed on
to androguard, inside a small in-memory ZIP we build ourselves; the DEX
files are returned as bytes for :mod:`analyzer.apk.dex`.
"""

from __future__ import annotations

import bisect
import hashlib
import io
import logging
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from analyzer.apk.appinfo import (
    ApkContents,
    AppInfo,
    Component,
    IntentFilter,
    NetworkSecurityConfig,
    Permission,
)
from analyzer.apk.layouts import layout_facts
from analyzer.apk.native import MAX_LIBRARY_BYTES, library_strings, pick_abi
from analyzer.apk.plugins import NEEDLE as PLUGINS_NEEDLE
from analyzer.apk.plugins import script_services
from analyzer.common import parallel
from analyzer.errors import InputError

log = logging.getLogger(__name__)

NS = "{http://schemas.android.com/apk/res/android}"

# Limits (bytes unless said otherwise). Real apps stay far below them.
MAX_APK_SIZE = 2 * 1024**3
MAX_ENTRIES = 200_000
MAX_DEX_SIZE = 256 * 1024**2
MAX_TOTAL_DEX = 1024**3
MAX_XML_SIZE = 16 * 1024**2
MAX_ARSC_SIZE = 128 * 1024**2
MAX_TOTAL_XML = 256 * 1024**2
MAX_HIDDEN_SIZE = 64 * 1024**2  # a DEX/JAR/APK inside the APK, and the DEX files in it
MAX_TOTAL_HIDDEN = 256 * 1024**2
MAX_TOTAL_NATIVE = 512 * 1024**2
MAX_SCRIPT_SIZE = 32 * 1024**2  # one JavaScript bundle or page script (parsing takes ~60 MB per MB of script)
MAX_TOTAL_SCRIPTS = 128 * 1024**2
MAX_ASSET_NAMES = 20_000
MAX_RATIO = 200  # uncompressed / compressed, for entries over RATIO_FLOOR
RATIO_FLOOR = 4 * 1024**2

_DEX_RE = re.compile(r"^classes(\d*)\.dex$")
_HIDDEN_CODE_RE = re.compile(r"\.(dex|jar|apk|odex|vdex)$", re.IGNORECASE)
_SCRIPT_RE = re.compile(r"^assets/(?:.+\.js|[^/]+\.bundle)$", re.IGNORECASE)

def _silence_androguard() -> None:
    try:
        from loguru import logger as loguru_logger

        loguru_logger.disable("androguard")
    except ImportError:  # pragma: no cover - loguru comes with androguard
        pass


def _read_bounded(zf: zipfile.ZipFile, info: zipfile.ZipInfo, cap: int) -> bytes:
    """Read one entry, refusing to produce more than ``cap`` bytes."""
    if info.file_size > cap:
        raise InputError(f"{info.filename}: {info.file_size} bytes exceeds the {cap}-byte limit")
    out = bytearray()
    try:
        with zf.open(info) as fh:
            while True:
                chunk = fh.read(1 << 20)
                if not chunk:
                    break
                out += chunk
                if len(out) > cap:
                    raise InputError(f"{info.filename}: decompresses past the {cap}-byte limit")
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, ValueError,
            NotImplementedError, RuntimeError) as e:
        raise InputError(f"{info.filename}: cannot be read from the ZIP ({_short(e)})") from e
    except Exception as e:  # zlib.error and friends
        raise InputError(f"{info.filename}: corrupt compressed data ({_short(e)})") from e
    return bytes(out)


def _read_prefix(zf: zipfile.ZipFile, info: zipfile.ZipInfo, cap: int) -> bytes | None:
    """Read at most ``cap`` bytes of one entry; None when it cannot be read."""
    out = bytearray()
    try:
        with zf.open(info) as fh:
            while len(out) < cap:
                chunk = fh.read(min(1 << 20, cap - len(out)))
                if not chunk:
                    break
                out += chunk
    except Exception:  # a damaged optional entry: the caller notes it and goes on
        return None
    return bytes(out)


ASSET_HEAD_BYTES = 4096
"""How much of an asset is read to tell whether it looks encrypted."""
MAX_ASSET_HEADS = 4096
"""Assets read that far, at most (the largest first)."""


def _asset_heads(zf: zipfile.ZipFile,
                 by_name: dict[str, zipfile.ZipInfo]) -> tuple[tuple[str, bytes], ...]:
    """The first bytes of the ``assets/`` entries of at least 1 KiB (the largest first, bounded); ``by_name``:
    APK-relative name → the entry holding it."""
    assets = sorted((n for n, i in by_name.items() if n.startswith("assets/") and i.file_size >= 1024),
                    key=lambda n: (-by_name[n].file_size, n))[:MAX_ASSET_HEADS]
    out = []
    for name in assets:
        head = _read_prefix(zf, by_name[name], ASSET_HEAD_BYTES)
        if head:
            out.append((name, head))
    return tuple(sorted(out))


def _hidden_dex(path: Path, name: str, data: bytes) -> list[tuple[str, bytes]]:
    """DEX files in one hidden code entry: the entry itself, or the classes*.dex of a JAR/APK in it."""
    if data[:4] == b"dex\n":
        return [(name, data)]
    if data[:2] != b"PK":
        raise InputError(f"{name}: neither DEX nor ZIP (encrypted or packed code?)")
    try:
        inner = zipfile.ZipFile(io.BytesIO(data))
    except _ZIP_ERRORS as e:
        raise InputError(f"{name}: not a readable ZIP ({_short(e)})") from e
    with inner:
        infos = _check_container(Path(f"{path.name}!{name}"), inner, len(data))
        out = []
        total = 0
        for info in infos:
            if _DEX_RE.match(info.filename):
                dex = _read_bounded(inner, info, MAX_HIDDEN_SIZE)
                total += len(dex)
                if total > MAX_HIDDEN_SIZE:
                    raise InputError(f"{name}: DEX files exceed {MAX_HIDDEN_SIZE} bytes in all")
                out.append((f"{name}!{info.filename}", dex))
    return out


_ZIP_ERRORS = (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError, NotImplementedError)
"""What zipfile raises on a damaged, truncated or exotic archive (NotImplementedError: a newer format)."""


def _short(e: BaseException) -> str:
    text = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
    return text[:160]


def _check_container(path: Path, zf: zipfile.ZipFile, archive_size: int) -> list[zipfile.ZipInfo]:
    """The entries of ``zf`` after the checks that need no decompression (bombs, lies, duplicates).

    A compressed size is checked against the space the entry really has in
    the archive (up to the next entry's local header), so that a directory
    that lies about it cannot hide a bomb from the ratio check.
    """
    infos = zf.infolist()
    if len(infos) > MAX_ENTRIES:
        raise InputError(f"{path.name}: {len(infos)} ZIP entries exceed the limit of {MAX_ENTRIES}")
    names: set[str] = set()
    for info in infos:
        if info.filename in names:
            raise InputError(f"{path.name}: two ZIP entries are named {info.filename!r} "
                             "(which one a device would use is not defined)")
        names.add(info.filename)
    starts = sorted({i.header_offset for i in infos} | {archive_size})
    total = 0
    for info in infos:
        if not 0 <= info.header_offset < archive_size:
            raise InputError(f"{path.name}: {info.filename!r} starts at offset {info.header_offset}, outside "
                             f"the {archive_size}-byte archive (a forged directory)")
        room = starts[bisect.bisect_right(starts, info.header_offset)] - info.header_offset
        if info.compress_size > room:
            raise InputError(f"{path.name}: {info.filename!r} declares {info.compress_size} "
                             f"compressed bytes in a {room}-byte space (a forged directory)")
        total += info.file_size
        if (info.file_size > RATIO_FLOOR and info.compress_size > 0
                and info.file_size / info.compress_size > MAX_RATIO):
            raise InputError(
                f"{path.name}: zip bomb suspected: {info.filename} expands "
                f"{info.file_size // max(info.compress_size, 1)}x to {info.file_size} bytes")
        if info.file_size > RATIO_FLOOR and info.compress_size == 0:
            raise InputError(f"{path.name}: zip bomb suspected: {info.filename} declares "
                             f"{info.file_size} bytes from no data")
    if total > 8 * MAX_APK_SIZE:
        raise InputError(f"{path.name}: zip bomb suspected: entries declare {total} bytes in all")
    return infos


def _scripts(zf: zipfile.ZipFile,
             by_name: dict[str, zipfile.ZipInfo]) -> tuple[tuple[tuple[str, bytes], ...], list[str]]:
    """The script files of a hybrid app (JavaScript bundles and page scripts under ``assets/``), bounded:
    one past :data:`MAX_SCRIPT_SIZE`, or past :data:`MAX_TOTAL_SCRIPTS` in all, is noted and skipped
    (``by_name``: APK-relative name → the entry holding it)."""
    out: list[tuple[str, bytes]] = []
    notes: list[str] = []
    total = 0
    for name in sorted(n for n in by_name if _SCRIPT_RE.match(n) and ".." not in n.split("/")):
        info = by_name[name]
        if info.file_size > MAX_SCRIPT_SIZE or total + info.file_size > MAX_TOTAL_SCRIPTS:
            notes.append(f"{name}: script not read ({info.file_size} bytes past the script limits)")
            continue
        try:
            data = _read_bounded(zf, info, MAX_SCRIPT_SIZE)
        except InputError as e:
            notes.append(str(e))
            continue
        total += len(data)
        out.append((name, data))
    return tuple(out), notes


def open_apk(path: str | Path) -> ApkContents:
    """Open ``path`` as an APK and return its checked contents.

    Raises :class:`InputError` with a one-line message for anything that is
    not a readable APK (missing file, not a ZIP, truncated, no DEX, bomb).
    """
    contents, manifest = open_apk_deferred(path, background=False)
    return replace(contents, info=manifest())


def open_apk_deferred(path: str | Path, background: bool = True) -> tuple[ApkContents, Callable[[], AppInfo]]:
    """Open ``path`` like :func:`open_apk`, reading the manifest while the caller works on the DEX.

    Returns the contents with a placeholder ``info`` and a function that
    gives the manifest facts (it waits for them; call it once). With
    ``background`` the manifest is parsed in a forked worker process, so
    androguard's parse runs on another core while the caller decodes DEX
    files; inside a daemonic process (a Dask or multiprocessing worker,
    which may not fork children) and where ``fork`` is unavailable it is
    read inline when asked for (:mod:`analyzer.common.parallel`).

    Other inputs (split sets, bundles, decoded folders): :func:`analyzer.apk.bundles.open_app_deferred`.
    """
    path = Path(path)
    return apk_deferred(path, read_input(path), background)


def apk_deferred(path: Path, raw: bytes, background: bool) -> tuple[ApkContents, Callable[[], AppInfo]]:
    """:func:`open_apk_deferred` of the APK whose bytes ``raw`` were read from ``path``."""
    contents, subset = apk_parts(path, raw)
    contents = replace(contents, sha256=hashlib.sha256(raw).hexdigest(), size=len(raw))
    return contents, parallel.start(lambda: _read_manifest(path.name, subset), background)


def read_input(path: Path) -> bytes:
    """The bytes of the file at ``path``, size-checked, a ZIP by its first bytes."""
    try:
        size = path.stat().st_size
    except OSError as e:
        raise InputError(f"{path}: cannot read ({e.strerror or _short(e)})") from e
    if not path.is_file():
        raise InputError(f"{path}: not a regular file")
    if size > MAX_APK_SIZE:
        raise InputError(f"{path.name}: {size} bytes exceeds the {MAX_APK_SIZE}-byte limit")
    try:
        raw = path.read_bytes()
    except OSError as e:
        raise InputError(f"{path}: cannot read ({e.strerror or _short(e)})") from e
    if raw[:4] != b"PK\x03\x04" and raw[:4] != b"PK\x05\x06":
        raise InputError(f"{path.name}: not an APK (no ZIP signature; starts with {raw[:4]!r})")
    return raw


def open_zip(path: Path, raw: bytes) -> tuple[zipfile.ZipFile, list[zipfile.ZipInfo]]:
    """``raw`` as a ZIP archive and its checked entries (:func:`_check_container`)."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(raw))
    except _ZIP_ERRORS as e:
        raise InputError(f"{path.name}: not a readable ZIP archive, truncated, corrupt or using "
                         f"unsupported features ({_short(e)})") from e
    try:
        infos = _check_container(path, zf, len(raw))
    except InputError:
        zf.close()
        raise
    return zf, infos


def apk_parts(path: Path, raw: bytes, need_dex: bool = True) -> tuple[ApkContents, bytes]:
    """The checked contents of the APK ``raw`` (placeholder ``info``) and the subset androguard reads."""
    zf, infos = open_zip(path, raw)
    with zf:
        by_name = {i.filename: i for i in infos}
        if "AndroidManifest.xml" not in by_name:
            raise InputError(f"{path.name}: not an APK (no AndroidManifest.xml)")
        contents = module_parts(path, zf, by_name, need_dex)
        keep = io.BytesIO()
        total_xml = 0
        with zipfile.ZipFile(keep, "w", zipfile.ZIP_STORED) as out:
            for info in infos:
                name = info.filename
                if name == "AndroidManifest.xml" or (name.startswith("res/") and name.endswith(".xml")):
                    cap = MAX_XML_SIZE
                elif name == "resources.arsc":
                    cap = MAX_ARSC_SIZE
                else:
                    continue
                data = _read_bounded(zf, info, cap)
                total_xml += len(data)
                if total_xml > MAX_TOTAL_XML:
                    raise InputError(f"{path.name}: XML resources exceed {MAX_TOTAL_XML} bytes in all")
                out.writestr(name, data)
    return contents, keep.getvalue()


def module_parts(path: Path, zf: zipfile.ZipFile, by_name: dict[str, zipfile.ZipInfo],
                 need_dex: bool = True) -> ApkContents:
    """DEX, native libraries and hidden code of one APK or bundle module, within bounds.

    ``by_name`` maps the APK-relative names (``classes2.dex``, ``lib/arm64-v8a/x.so``,
    ``assets/…``) to the entries of ``zf`` that hold them (a bundle module's
    ``base/dex/classes2.dex`` is handed over as ``classes2.dex``). The result's
    ``info`` is a placeholder, ``sha256`` and ``size`` are empty.
    """
    dex_entries = sorted(
        (n for n in by_name if _DEX_RE.match(n)),
        key=lambda n: int(_DEX_RE.match(n).group(1) or "1"),  # type: ignore[union-attr]
    )
    if not dex_entries and need_dex:
        raise InputError(f"{path.name}: the APK has no classes.dex (no code to analyse)")
    declared = sum(by_name[n].file_size for n in dex_entries)
    if declared > MAX_TOTAL_DEX:
        raise InputError(f"{path.name}: DEX files declare {declared} bytes, more than {MAX_TOTAL_DEX}")
    dex: list[tuple[str, bytes]] = []
    total_dex = 0
    for name in dex_entries:
        data = _read_bounded(zf, by_name[name], min(MAX_DEX_SIZE, MAX_TOTAL_DEX - total_dex))
        total_dex += len(data)
        if total_dex > MAX_TOTAL_DEX:
            raise InputError(f"{path.name}: DEX files exceed {MAX_TOTAL_DEX} bytes in all")
        dex.append((name, data))
    native = tuple(sorted(n for n in by_name if n.startswith("lib/") and n.endswith(".so")))
    hidden = tuple(sorted(n for n in by_name if _HIDDEN_CODE_RE.search(n) and not _DEX_RE.match(n)))
    notes: list[str] = []
    native_code: list[tuple[str, frozenset[str]]] = []
    budget = MAX_TOTAL_NATIVE
    for name in pick_abi(native):
        lib_data = _read_prefix(zf, by_name[name], min(MAX_LIBRARY_BYTES, budget))
        if lib_data is None:
            notes.append(f"{name}: cannot be read from the ZIP")
            continue
        budget -= len(lib_data)
        native_code.append((name, library_strings(lib_data)))
        if budget <= 0:
            notes.append("native libraries past the first 512 MiB are not inspected")
            break
    hidden_dex: list[tuple[str, bytes]] = []
    hidden_total = 0
    for name in hidden:
        if name.lower().endswith((".odex", ".vdex")):
            continue
        try:
            data = _read_bounded(zf, by_name[name], MAX_HIDDEN_SIZE)
            found = _hidden_dex(path, name, data)
        except InputError as e:
            notes.append(str(e))
            continue
        hidden_total += sum(len(d) for _n, d in found)
        if hidden_total > MAX_TOTAL_HIDDEN:
            notes.append(f"{name}: hidden DEX files past {MAX_TOTAL_HIDDEN} bytes are not analysed")
            break
        hidden_dex.extend(found)
    scripts, script_notes = _scripts(zf, by_name)
    return ApkContents(info=PLACEHOLDER, dex=tuple(dex), sha256="", size=0, native_libs=native,
                       extra_dex=hidden, native_code=tuple(native_code), hidden_dex=tuple(hidden_dex),
                       notes=tuple(notes + script_notes),
                       assets=tuple(n for n in sorted(by_name) if n.startswith("assets/"))[:MAX_ASSET_NAMES],
                       scripts=scripts, entries=tuple(by_name), asset_heads=_asset_heads(zf, by_name))


# stands for the manifest facts until the reader returns them
PLACEHOLDER = AppInfo(package="", version_code=None, version_name=None, min_sdk=None, target_sdk=None,
                       application_class=None, permissions=(), declared_permissions=(), components=(),
                       launcher_activities=(), allow_backup=True, debuggable=False,
                       uses_cleartext_traffic=False, uses_cleartext_explicit=None,
                       network_security=NetworkSecurityConfig(present=False))


# ---------------------------------------------------------------------------
# Manifest and resources (androguard)
# ---------------------------------------------------------------------------


def _attr(el: Any, name: str) -> str | None:
    v = el.get(NS + name)
    if v is None:
        v = el.get(name)
    return None if v is None else str(v)


def _bool(v: str | None, default: bool) -> bool:
    if v is None:
        return default
    v = v.strip().lower()
    if v in ("true", "1", "0xffffffff", "-1"):
        return True
    if v in ("false", "0", "0x0", "0x00000000"):
        return False
    return default  # a resource reference (@7f…): the value is build-dependent


def _int(v: str | None) -> int | None:
    if v is None:
        return None
    try:
        return int(v, 0)
    except ValueError:
        try:
            return int(float(v))
        except ValueError:
            return None


def _qualify(package: str, name: str | None) -> str | None:
    if not name:
        return None
    if name.startswith("."):
        return package + name
    if "." not in name:
        return f"{package}.{name}"
    return name


def _filters(el: Any) -> tuple[IntentFilter, ...]:
    result = []
    for f in el.findall("intent-filter"):
        data = f.findall("data")
        result.append(IntentFilter(
            actions=tuple(a for a in (_attr(x, "name") for x in f.findall("action")) if a),
            categories=tuple(c for c in (_attr(x, "name") for x in f.findall("category")) if c),
            schemes=tuple(s for s in (_attr(x, "scheme") for x in data) if s),
            hosts=tuple(h for h in (_attr(x, "host") for x in data) if h),
            mime_types=tuple(m for m in (_attr(x, "mimeType") for x in data) if m),
        ))
    return tuple(result)


def _components(app: Any, package: str, target_sdk: int) -> list[Component]:
    comps: list[Component] = []
    if app is None:
        return comps
    for kind in ("activity", "activity-alias", "service", "receiver", "provider"):
        for el in app.findall(kind):
            name = _qualify(package, _attr(el, "name"))
            if not name:
                continue
            filters = _filters(el)
            exp = _attr(el, "exported")
            if exp is not None:
                exported = _bool(exp, False)
            elif kind == "provider":
                exported = target_sdk < 17
            else:
                exported = bool(filters)
            auth = _attr(el, "authorities") or ""
            comps.append(Component(
                kind=kind,
                name=name,
                exported=exported,
                exported_explicit=exp is not None,
                enabled=_bool(_attr(el, "enabled"), True),
                permission=_attr(el, "permission"),
                target=_qualify(package, _attr(el, "targetActivity")),
                authorities=tuple(a for a in auth.split(";") if a),
                read_permission=_attr(el, "readPermission"),
                write_permission=_attr(el, "writePermission"),
                grant_uri_permissions=_bool(_attr(el, "grantUriPermissions"), False),
                intent_filters=filters,
            ))
    return comps


def _meta_data(app: Any, strings: dict[int, str]) -> tuple[tuple[str, str], ...]:
    """(name, value) of each ``<meta-data>`` of ``<application>``: a value that refers to a string resource
    (``@string/umeng_key`` compiled to ``@7F0F0012``) is resolved; without a value, the resource it names."""
    out: list[tuple[str, str]] = []
    if app is None:
        return ()
    for el in app.findall("meta-data"):
        name = _attr(el, "name")
        if not name:
            continue
        value = _attr(el, "value")
        if value is None:
            value = _attr(el, "resource") or ""
        if re.fullmatch(r"@[0-9A-Fa-f]{8}", value):
            value = strings.get(int(value[1:], 16), value)
        out.append((name, value))
    return tuple(out)


def _resolve_xml_path(apk: Any, ref: str | None) -> str | None:
    """Resolve ``@7F…`` or ``@xml/name`` to a file path in the APK."""
    if not ref:
        return None
    arsc = apk.get_android_resources()
    if arsc is None:
        return None
    try:
        if ref.startswith("@") and re.fullmatch(r"@[0-9A-Fa-f]{8}", ref):
            rid = int(ref[1:], 16)
            for _cfg, value in arsc.get_resolved_res_configs(rid):
                if isinstance(value, str) and value.startswith("res/"):
                    return value
        elif ref.startswith("@xml/"):
            return f"res/xml/{ref[5:]}.xml"
    except Exception as e:  # androguard raises assorted errors on odd tables
        log.debug("cannot resolve %s: %s", ref, e)
    return None


def _network_security(path: str | None, ref: str | None, files: dict[str, Any]) -> NetworkSecurityConfig:
    root = files.get(path) if path else None
    if root is None:
        return NetworkSecurityConfig(present=ref is not None)
    base = root.find("base-config")
    cleartext_default = _bool(_attr(base, "cleartextTrafficPermitted"), True) \
        if base is not None and _attr(base, "cleartextTrafficPermitted") is not None else None
    domains: list[str] = []
    for dc in root.iter("domain-config"):
        if _bool(_attr(dc, "cleartextTrafficPermitted"), False):
            domains += [d.text.strip() for d in dc.findall("domain") if d.text and d.text.strip()]
    user_cas = any(_attr(c, "src") == "user" for c in root.iter("certificates"))
    return NetworkSecurityConfig(
        present=True,
        cleartext_default=cleartext_default,
        cleartext_domains=tuple(domains),
        trusts_user_cas=user_cas,
        pins=any(True for _ in root.iter("pin-set")),
        debug_overrides=root.find("debug-overrides") is not None,
    )


_PROTECTION_BASE = {0: "normal", 1: "dangerous", 2: "signature", 3: "signatureOrSystem", 4: "internal"}
_PROTECTION_FLAGS = {0x10: "privileged", 0x20: "development", 0x40: "appop", 0x80: "pre23",
                     0x100: "installer", 0x200: "verifier", 0x400: "preinstalled", 0x800: "setup",
                     0x1000: "instant", 0x2000: "runtime"}


def protection_level(value: str | None) -> str:
    """A manifest ``protectionLevel`` as names: ``signature|privileged``; binary flags are decoded.

    >>> protection_level("0x00000012"), protection_level("dangerous"), protection_level(None)
    ('signature|privileged', 'dangerous', 'normal')
    """
    if value is None:
        return "normal"
    n = _int(value)
    if n is None:
        return value
    names = [_PROTECTION_BASE.get(n & 0xF, f"base{n & 0xF}")]
    names += [flag for bit, flag in _PROTECTION_FLAGS.items() if n & bit]
    return "|".join(names)


@dataclass
class ManifestDoc:
    """A manifest and the resources it refers to, in the one form :func:`app_info` reads.

    Each input format fills it its own way (a binary manifest through
    androguard here, a bundle's protobuf manifest or a decoded folder's text
    manifest in :mod:`analyzer.apk.bundles`); the meaning of what it says is
    worked out once, by :func:`app_info`.
    """

    man: Any
    """The ``<manifest>`` element (ElementTree API); android attributes keyed ``{android-ns}name``,
    values as text: ``true``, ``21``, a reference as ``@7F0F0012``."""
    package: str
    version_code: str | None
    version_name: str | None
    levels: dict[str, str]
    """Protection level of each requested platform permission."""
    resolve_xml: Callable[[str | None], str | None]
    """``@7F…`` or ``@xml/name`` → the path of the XML resource file it names (None: unknown)."""
    xml_files: Callable[[], Any]
    """Yields (path, raw bytes) of each ``res/**.xml`` file."""
    parse_xml: Callable[[bytes], Any]
    """Raw XML resource → its root element (None: unreadable)."""
    strings: dict[int, str]
    string_names: dict[str, int]


def aosp_levels(names: list[str], min_sdk: str | None, target_sdk: str | None,
                declared: dict[str, str]) -> dict[str, str]:
    """Protection levels of requested permissions as androguard's ``get_details_permissions`` gives them for
    an APK: from its AOSP tables for ``target_sdk`` (those it lists without a label from the ``min_sdk``
    table), else the app's own ``<permission protectionLevel>`` (``declared``, name → value as written)."""
    _silence_androguard()
    from androguard.core import androconf
    from androguard.core.apk import protection_flags_to_attributes

    def table(sdk: str | None) -> dict[str, Any]:
        try:
            return dict(androconf.load_api_specific_resource_module("aosp_permissions", sdk) or {})
        except Exception:  # an SDK level androguard has no table for
            return {}

    def update(level: str, sdk: str | None) -> str:
        if not sdk or not sdk.isdigit() or int(sdk) <= 15:
            return level.replace("Or", "|").lower()
        return level

    target, minimum = table(target_sdk), table(min_sdk)
    out: dict[str, str] = {}
    for name in names:
        if name in target:
            level, label, text = (target[name].get(k) for k in ("protectionLevel", "label", "description"))
        elif name in declared and declared[name] in protection_flags_to_attributes:
            level, label, text = protection_flags_to_attributes[declared[name]], "-", "-"
        elif name in declared and declared[name] in protection_flags_to_attributes.values():
            level, label, text = declared[name], "-", "-"  # a decoded manifest writes the name
        else:
            continue
        if (not label or not text) and name in minimum:
            out[name] = str(update(str(minimum[name].get("protectionLevel")), min_sdk) or "unknown")
        else:
            out[name] = str(update(str(level), target_sdk) or "unknown")
    return out


def _read_manifest(name: str, subset: bytes) -> AppInfo:
    _silence_androguard()
    from androguard.core.apk import APK
    from androguard.core.axml import AXMLPrinter

    try:
        apk = APK(subset, raw=True)
    except Exception as e:
        raise InputError(f"{name}: the manifest cannot be parsed ({_short(e)})") from e
    man = apk.get_android_manifest_xml()
    if man is None or not apk.is_valid_APK() or not apk.get_package():
        raise InputError(f"{name}: AndroidManifest.xml is not a valid binary manifest")
    package = str(apk.get_package())
    try:
        details = apk.get_details_permissions()
    except Exception:
        details = {}
    strings: dict[int, str] = {}
    string_names: dict[str, int] = {}
    try:
        arsc = apk.get_android_resources()
        resolved = arsc.get_resolved_strings() if arsc is not None else {}
        owner = package if resolved.get(package) else next(iter(resolved), package)
        by_locale = resolved.get(owner) or {}
        strings = {int(k): str(v) for k, v in (by_locale.get("DEFAULT") or {}).items()}
        keys = getattr(arsc, "resource_keys", {}).get(owner, {}).get("string", {})
        string_names = {str(k): int(v) for k, v in keys.items() if int(v) in strings}
    except Exception as e:  # androguard raises assorted errors on odd resource tables
        log.debug("no string resources: %s", e)

    def files() -> Any:
        for fname in apk.get_files():
            if fname.startswith("res/") and fname.endswith(".xml"):
                yield fname, apk.get_file(fname)

    return app_info(name, ManifestDoc(
        man=man, package=package, version_code=apk.get_androidversion_code(),
        version_name=apk.get_androidversion_name(),
        levels={k: str(v[0] or "unknown") for k, v in details.items()},
        resolve_xml=lambda ref: _resolve_xml_path(apk, ref), xml_files=files,
        parse_xml=lambda data: AXMLPrinter(data).get_xml_obj(), strings=strings, string_names=string_names))


def read_member(path: Path, zf: zipfile.ZipFile, info: zipfile.ZipInfo, cap: int) -> bytes:
    """One entry of a bundle, at most ``cap`` bytes (:func:`_read_bounded`)."""
    return _read_bounded(zf, info, cap)


def app_info(name: str, doc: ManifestDoc) -> AppInfo:
    """What the manifest and resources of ``doc`` say, as :class:`AppInfo`."""
    man = doc.man
    package = doc.package
    uses_sdk = man.find("uses-sdk")
    min_sdk = _int(_attr(uses_sdk, "minSdkVersion")) if uses_sdk is not None else None
    target_sdk = _int(_attr(uses_sdk, "targetSdkVersion")) if uses_sdk is not None else None
    eff_target = target_sdk or min_sdk or 1
    app = man.find("application")

    perms = []
    for el in man.findall("uses-permission") + man.findall("uses-permission-sdk-23"):
        pname = _attr(el, "name")
        if not pname:
            continue
        level = doc.levels.get(pname, "unknown")
        perms.append(Permission(pname, level, _int(_attr(el, "maxSdkVersion"))))
    declared = tuple(sorted(
        (str(_attr(el, "name")), protection_level(_attr(el, "protectionLevel")))
        for el in man.findall("permission") if _attr(el, "name")))

    comps = _components(app, package, eff_target)
    for el in man.findall("instrumentation"):
        iname = _qualify(package, _attr(el, "name"))
        if iname:
            comps.append(Component(kind="instrumentation", name=iname, exported=False,
                                   exported_explicit=False))
    launchers: list[str] = []
    for c in comps:
        if c.kind in ("activity", "activity-alias") and c.enabled and any(
                "android.intent.action.MAIN" in f.actions
                and "android.intent.category.LAUNCHER" in f.categories for f in c.intent_filters):
            launchers.append(c.target or c.name if c.kind == "activity-alias" else c.name)

    # XML resources: parse only files that can hold what we look for.
    files: dict[str, Any] = {}
    nsc_ref = _attr(app, "networkSecurityConfig") if app is not None else None
    nsc_path = doc.resolve_xml(nsc_ref)
    needles = tuple(form for word in ("inputType", "onClick", "password", "autofillHints", "phoneNumber",
                                                  "EditText", "AutoCompleteTextView")
                    for form in (word.encode(), word.encode("utf-16-le")))
    needles += (PLUGINS_NEEDLE, PLUGINS_NEEDLE.decode().encode("utf-16-le"))
    examined = 0
    for fname, data in doc.xml_files():
        examined += 1
        if fname != nsc_path and not any(n in data for n in needles):
            continue
        try:
            root = doc.parse_xml(data)
        except Exception as e:
            log.debug("skipping unparsable resource %s: %s", fname, e)
            continue
        if root is not None:
            files[fname] = root
    nsc = _network_security(nsc_path, nsc_ref, files)
    if nsc_path:
        files.pop(nsc_path, None)
    strings = doc.strings
    string_names = doc.string_names
    services = script_services(files)
    layouts = layout_facts(files, strings)

    cleartext_attr = _attr(app, "usesCleartextTraffic") if app is not None else None
    cleartext_explicit = None if cleartext_attr is None else _bool(cleartext_attr, True)
    if cleartext_explicit is not None:
        cleartext = cleartext_explicit
    elif nsc.cleartext_default is not None:
        cleartext = nsc.cleartext_default
    else:
        cleartext = eff_target < 28
    return AppInfo(
        package=package,
        version_code=doc.version_code,
        version_name=doc.version_name,
        min_sdk=min_sdk,
        target_sdk=target_sdk,
        application_class=_qualify(package, _attr(app, "name")) if app is not None else None,
        permissions=tuple(sorted(perms, key=lambda p: p.name)),
        declared_permissions=declared,
        components=tuple(comps),
        launcher_activities=tuple(dict.fromkeys(launchers)),
        allow_backup=_bool(_attr(app, "allowBackup"), True) if app is not None else True,
        debuggable=_bool(_attr(app, "debuggable"), False) if app is not None else False,
        uses_cleartext_traffic=cleartext,
        uses_cleartext_explicit=cleartext_explicit,
        network_security=nsc,
        input_views=layouts.inputs,
        bound_inputs=layouts.bound,
        onclick_handlers=layouts.handlers,
        layout_fragments=layouts.fragments,
        text_views=layouts.views,
        layout_files=examined,
        string_resources=strings,
        string_names=string_names,
        meta_data=_meta_data(app, strings),
        script_services=services,
    )
