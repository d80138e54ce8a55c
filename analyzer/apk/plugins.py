"""What a hybrid app's ``config.xml`` names as native plugins: Cordova's ``<feature>`` services and classes.

Cordova (and Ionic, PhoneGap) keep ``res/xml/config.xml``: each plugin adds
``<feature name="Device"><param name="android-package"
value="org.apache.cordova.device.Device"/></feature>``, and a script's
``exec(ok, fail, "Device", action, args)`` is answered by that class. The
elements are the parsed XML trees :mod:`analyzer.apk.container` hands over.
"""

from __future__ import annotations

from typing import Any

NEEDLE = b"android-package"
"""Bytes a ``config.xml`` holds (its string pool, in UTF-8 or UTF-16): only files with them are parsed."""


def _local(tag: Any) -> str:
    """An element's name without its namespace (Cordova's ``config.xml`` declares
    ``xmlns="http://www.w3.org/ns/widgets"``, so its elements are ``{…widgets}feature``)."""
    return str(tag).rsplit("}", 1)[-1]


def script_services(files: dict[str, Any]) -> tuple[tuple[str, str], ...]:
    """``(service name, Java class)`` of every ``<feature>`` of a ``<widget>`` file in ``files``, sorted."""
    out: set[tuple[str, str]] = set()
    for root in files.values():
        if _local(getattr(root, "tag", "")) != "widget":
            continue
        for feature in (e for e in root.iter() if _local(e.tag) == "feature"):
            name = feature.get("name")
            for param in (e for e in feature.iter() if _local(e.tag) == "param"):
                value = param.get("value")
                if name and value and param.get("name") == "android-package":
                    out.add((name, value))
    return tuple(sorted(out))
