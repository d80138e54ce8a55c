"""Load piflow's own YAML data files (``policies/``) strictly: one-line errors that name the file and entry.

Every loader of a ``policies/`` file goes through :func:`load_yaml`, and
checks each entry's keys with :func:`check_keys`; a problem is a
:class:`~analyzer.errors.PolicyError`, one line naming the file and entry.
Files users give (declarations, profiles, suppressions) are read by their
own loaders within the bounds of :mod:`analyzer.common.files`, with
:class:`UniqueKeyLoader`: a key given twice is an error, not a silent
overwrite.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from analyzer.errors import PolicyError

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""The fastest safe loader available (libyaml's when built in)."""


class UniqueKeyLoader(yaml.SafeLoader):
    """PyYAML's safe loader that refuses a mapping with the same key twice."""


def _no_duplicates(loader: UniqueKeyLoader, node: yaml.MappingNode, deep: bool = False) -> Any:
    seen: set[Any] = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if isinstance(key, str) and key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"key {key!r} given twice", key_node.start_mark)
        seen.add(key)
    return loader.construct_mapping(node, deep=deep)


UniqueKeyLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _no_duplicates)


def load_yaml(path: Path) -> Any:
    """The document in ``path``; :class:`PolicyError` if unreadable or malformed."""
    try:
        with path.open(encoding="utf-8") as fh:
            return yaml.load(fh, Loader=Loader)
    except OSError as e:
        raise PolicyError(f"{path}: cannot read ({e.strerror})") from e
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        where = f" line {mark.line + 1}" if mark is not None else ""
        raise PolicyError(f"{path.name}:{where} malformed YAML ({getattr(e, 'problem', e)})") from e


def check_keys(entry: dict[str, Any], allowed: set[str], required: set[str], where: str) -> None:
    """:class:`PolicyError` unless ``entry`` has only ``allowed`` keys and every ``required`` one."""
    unknown = set(entry) - allowed
    if unknown:
        raise PolicyError(f"{where}: unknown key(s) {sorted(unknown)}")
    missing = required - set(entry)
    if missing:
        raise PolicyError(f"{where}: missing key(s) {sorted(missing)}")
