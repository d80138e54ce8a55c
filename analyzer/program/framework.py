"""The Android framework as piflow sees it: class hierarchy and overridable methods, no code.

An app's DEX files reference framework classes (``android.*``, ``java.*``,
``org.json.*`` …) that are not in the APK. Two questions about them matter
to the analyses: which framework types a class extends or implements, and
whether an app method overrides a framework method — which makes it a
callback the framework can invoke. Both are answered from
``policies/framework.txt.gz`` (generated from android.jar by
``policies/generate_framework.py``) plus ``policies/framework-additions.txt``.
"""

from __future__ import annotations

import gzip
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from analyzer.errors import PolicyError
from analyzer.kb.resources import policies_dir


@dataclass(frozen=True)
class FrameworkClass:
    """One framework class or interface."""

    descriptor: str
    """Type descriptor."""
    interface: bool
    """True for an interface."""
    superclass: str | None
    """Superclass descriptor."""
    interfaces: tuple[str, ...]
    """Directly implemented interfaces."""
    methods: frozenset[str]
    """Overridable methods as ``name(params)ret``."""


class Framework:
    """Lookup over the framework index."""

    def __init__(self, classes: dict[str, FrameworkClass]) -> None:
        self.classes = classes
        self._ancestors: dict[str, frozenset[str]] = {}

    def __contains__(self, descriptor: str) -> bool:
        return descriptor in self.classes

    def ancestors(self, descriptor: str) -> frozenset[str]:
        """The descriptor itself and every framework supertype of it."""
        got = self._ancestors.get(descriptor)
        if got is not None:
            return got
        seen: set[str] = set()
        stack = [descriptor]
        while stack:
            d = stack.pop()
            if d in seen:
                continue
            seen.add(d)
            fc = self.classes.get(d)
            if fc is None:
                continue
            if fc.superclass:
                stack.append(fc.superclass)
            stack.extend(fc.interfaces)
        result = frozenset(seen)
        self._ancestors[descriptor] = result
        return result

    def declares_overridable(self, descriptors: frozenset[str] | set[str], sig: str) -> bool:
        """Whether a framework type among ``descriptors`` (or their supertypes) lets ``sig`` be overridden."""
        for d in descriptors:
            for a in self.ancestors(d):
                fc = self.classes.get(a)
                if fc is not None and sig in fc.methods:
                    return True
        return False


def _parse_line(line: str, where: str) -> FrameworkClass:
    parts = line.split()
    if len(parts) < 4 or parts[1] not in ("c", "i"):
        raise PolicyError(f"{where}: malformed framework line: {line[:80]!r}")
    return FrameworkClass(
        descriptor=parts[0],
        interface=parts[1] == "i",
        superclass=None if parts[2] == "-" else parts[2],
        interfaces=() if parts[3] == "-" else tuple(parts[3].split(",")),
        methods=frozenset(parts[4:]),
    )


@lru_cache(maxsize=4)
def load_framework(directory: Path | None = None) -> Framework:
    """Load the framework index from the policies directory (cached)."""
    base = directory or policies_dir()
    classes: dict[str, FrameworkClass] = {}
    index = base / "framework.txt.gz"
    try:
        with gzip.open(index, "rt", encoding="utf-8") as fh:
            for n, line in enumerate(fh, 1):
                if line.strip():
                    fc = _parse_line(line, f"{index.name}:{n}")
                    classes[fc.descriptor] = fc
    except OSError as e:
        raise PolicyError(f"{index}: cannot read the framework index ({e})") from e
    extra = base / "framework-additions.txt"
    if extra.exists():
        for n, line in enumerate(extra.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip() or line.startswith("#"):
                continue
            fc = _parse_line(line, f"{extra.name}:{n}")
            old = classes.get(fc.descriptor)
            if old is not None:
                fc = FrameworkClass(old.descriptor, old.interface, old.superclass,
                                    old.interfaces + tuple(i for i in fc.interfaces
                                                           if i not in old.interfaces),
                                    old.methods | fc.methods)
            classes[fc.descriptor] = fc
    return Framework(classes)
