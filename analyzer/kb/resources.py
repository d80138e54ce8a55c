"""Where piflow's own files are, in a source checkout or an installed wheel: policies, schemas, the addon.

A checkout keeps them beside ``analyzer/`` (``policies/``, ``docs/schema/``,
``addons/``); the wheel carries them inside the package (``analyzer/policies``,
``analyzer/schema``, ``analyzer/addons``, see ``pyproject.toml``).
``PIFLOW_POLICIES`` points the data files elsewhere (tests use it).
"""

from __future__ import annotations

import os
from pathlib import Path

from analyzer.errors import InputError

PACKAGE = Path(__file__).resolve().parents[1]
"""The ``analyzer`` package folder."""


def policies_dir() -> Path:
    """The directory holding piflow's data files."""
    env = os.environ.get("PIFLOW_POLICIES")
    if env:
        return Path(env)
    inside = PACKAGE / "policies"
    if (inside / "taxonomy.yaml").exists():
        return inside
    return PACKAGE.parent / "policies"


def schema_path(name: str) -> Path:
    """The JSON Schema file ``name`` (``docs/schema/`` of a checkout)."""
    inside = PACKAGE / "schema" / name
    return inside if inside.exists() else PACKAGE.parent / "docs" / "schema" / name


def addon_path() -> Path:
    """``piflow_addon.py``, the file ``mitmdump -s`` loads."""
    for cand in (PACKAGE / "addons" / "piflow_addon.py", PACKAGE.parent / "addons" / "piflow_addon.py"):
        if cand.exists():
            return cand
    raise InputError("piflow's mitmproxy addon (addons/piflow_addon.py) is missing from this install")
