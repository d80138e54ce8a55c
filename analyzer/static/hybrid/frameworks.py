"""Name a hybrid app's framework from its asset, native-library and class names, and tell Hermes bundles.

Each framework leaves a layout no plain Android app has: React Native its bundle
``assets/index.android.bundle`` and ``com.facebook.react`` classes (with
``libreactnativejni.so``, ``libhermes.so``); uni-app / DCloud 5+ the app folder
``assets/apps/<appid>/www/`` with its ``manifest.json`` and ``io.dcloud``
classes; Cordova (and Ionic on it) ``assets/www/`` with ``cordova.js`` or
``cordova_plugins.js`` and ``org.apache.cordova`` classes; Capacitor (Ionic's
newer runtime) ``assets/public/`` and ``com.getcapacitor`` classes; Flutter
``libflutter.so`` beside the AOT snapshot ``libapp.so`` and ``io.flutter``
classes; ``webview`` is an app with HTML pages and scripts beside them in its assets
and none of those frameworks. One sign of a kind is enough to name it (the signs are listed as its
evidence); an app may carry more than one framework.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

HERMES_MAGIC = (0x1F1903C103BC1FC6).to_bytes(8, "little")
"""The first eight bytes of a Hermes bytecode bundle (React Native's compiled JavaScript)."""


@dataclass(frozen=True)
class Framework:
    """A hybrid framework an APK carries."""

    name: str
    """``react-native``, ``uni-app``, ``cordova``, ``capacitor``, ``flutter`` or ``webview``."""
    evidence: tuple[str, ...]
    """The asset, library and class names that show it."""
    code: tuple[str, ...] = ()
    """Where its app code is (bundles and script folders, the AOT snapshot)."""
    incomplete: str = ""
    """Why its code is read only in part, or not at all (a Hermes bytecode bundle; Flutter's AOT
    snapshot read for its strings only); empty when its scripts are parsed."""


_UNI_APP = re.compile(r"^assets/apps/([^/]+)/www/manifest\.json$")
_CLASS_SIGNS = {
    "react-native": ("Lcom/facebook/react/",),
    "uni-app": ("Lio/dcloud/",),
    "cordova": ("Lorg/apache/cordova/",),
    "capacitor": ("Lcom/getcapacitor/",),
    "flutter": ("Lio/flutter/",),
}


def _beside(page: str, script: str) -> bool:
    """A script in the page's folder or below it (directly in ``assets/`` for a page there)."""
    folder = page.rsplit("/", 1)[0]
    return script.startswith(folder + "/") and (folder != "assets" or script.count("/") == 1)


def is_hermes(data: bytes) -> bool:
    """Whether a bundle is Hermes bytecode (not JavaScript text)."""
    return data[:8] == HERMES_MAGIC


def _class_signs(classes: Iterable[str]) -> dict[str, str]:
    """The first class of each framework's packages (descriptors ``Lcom/facebook/react/...;``)."""
    found: dict[str, str] = {}
    for c in classes:
        for name, prefixes in _CLASS_SIGNS.items():
            if name not in found and c.startswith(prefixes):
                found[name] = c[1:-1].replace("/", ".")
        if len(found) == len(_CLASS_SIGNS):
            break
    return found


def detect(assets: Iterable[str], native_libs: Iterable[str], classes: Iterable[str],
           scripts: dict[str, bytes]) -> list[Framework]:
    """The frameworks of an APK: asset entry names, ``lib/`` entries, class descriptors, script bytes."""
    assets = list(assets)
    names = set(assets)
    libs = {n.rsplit("/", 1)[-1]: n for n in native_libs}
    cls = _class_signs(classes)
    out: list[Framework] = []

    ev: list[str] = []
    code: list[str] = []
    incomplete = ""
    for bundle in ("assets/index.android.bundle", *sorted(n for n in names if n.endswith(".android.bundle")
                                                          and n != "assets/index.android.bundle")):
        if bundle in names:
            ev.append(bundle)
            code.append(bundle)
            if is_hermes(scripts.get(bundle, b"")):
                incomplete = (f"{bundle} is Hermes bytecode: not parsed, its PI reads are not read "
                              "(its strings are, for URLs only)")
    ev += [libs[n] for n in ("libreactnativejni.so", "libhermes.so", "libjsc.so") if n in libs]
    if "react-native" in cls:
        ev.append(cls["react-native"])
    if ev and (code or "react-native" in cls):
        out.append(Framework("react-native", tuple(ev), tuple(code), incomplete))

    apps = sorted({m.group(1) for n in assets if (m := _UNI_APP.match(n))})
    ev = [f"assets/apps/{a}/www/manifest.json" for a in apps]
    ev += [n for n in ("assets/data/dcloud_control.xml",) if n in names]
    if "uni-app" in cls:
        ev.append(cls["uni-app"])
    if ev:
        out.append(Framework("uni-app", tuple(ev), tuple(f"assets/apps/{a}/www/" for a in apps)))

    ev = [n for n in ("assets/www/cordova.js", "assets/www/cordova_plugins.js") if n in names]
    if "cordova" in cls:
        ev.append(cls["cordova"])
    if ev:
        out.append(Framework("cordova", tuple(ev), ("assets/www/",) if any(
            n.startswith("assets/www/") for n in names) else ()))

    ev = [n for n in ("assets/capacitor.config.json", "assets/public/index.html") if n in names]
    if "capacitor" in cls:
        ev.append(cls["capacitor"])
    if ev:
        public = "assets/public/index.html" in names
        out.append(Framework("capacitor", tuple(ev), ("assets/public/",) if public else ()))

    snapshots = sorted(n for n in native_libs if n.endswith("/libapp.so"))
    ev = [*snapshots, *([libs["libflutter.so"]] if "libflutter.so" in libs else [])]
    if "flutter" in cls:
        ev.append(cls["flutter"])
    if ev and ("libflutter.so" in libs or "flutter" in cls):
        out.append(Framework("flutter", tuple(ev), tuple(snapshots[:1]),
                             "Dart AOT snapshot read for its strings only (URLs, plugin channel names)"
                             if snapshots else "no libapp.so: the Dart code is not in the APK"))

    if not out:  # app pages with their scripts (a lone licence page is no web app)
        js = [n for n in assets if n.endswith(".js")]
        pages = [n for n in assets if n.endswith((".html", ".htm")) and any(_beside(n, j) for j in js)]
        if pages:
            out.append(Framework("webview", tuple(pages[:5]), tuple(sorted({n.rsplit("/", 1)[0] + "/"
                                                                           for n in pages})[:5])))
    return out
