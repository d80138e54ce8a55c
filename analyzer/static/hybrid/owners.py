"""Who wrote each script module: the app, or the SDK whose native module it binds or whose modules import it.

A production bundle drops the paths of its modules (Metro keeps numeric ids),
so ``node_modules/react-native-appsflyer`` is no longer written anywhere. What
stays is what the code does:

1. **Binding** (the seed): a module that binds a native name
   (:class:`~analyzer.static.hybrid.js.Unit`) answered by a class of a
   catalogued SDK (:mod:`~analyzer.static.hybrid.natives`, then the class's
   package) is that SDK's module: ``NativeModules.RNAppsFlyer`` →
   ``com.appsflyer.reactnative.RNAppsFlyerModule`` → AppsFlyer. Only a module
   counts (a Metro module, a Cordova plugin's file, a dev bundle's
   ``node_modules`` path): a whole script without modules is the app's code
   calling the SDK. A module binding the classes of two SDKs decides nothing.
2. **Package**: a dev bundle's or a Cordova plugin's modules share their
   package's owner when the package's seeds agree.
3. **Imports**: a Metro module without a seed whose importers (the modules
   listing it in their dependencies) are all one SDK's is that SDK's: the
   helpers only the SDK's code uses. The entry module and anything the app's
   own code imports stay the app's. Repeated to a fixpoint.

Everything else is the app's (``None``). Each owned module carries the reason,
shown with the evidence.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from analyzer.model import Owner
from analyzer.static.hybrid.js import Unit, library_of


@dataclass(frozen=True)
class ScriptOwner:
    """A script module a catalogued SDK owns, and why (the scan lists them beside the evidence)."""

    file: str
    module: str
    """``metro#<id>``, a dev bundle's path, or the file itself."""
    sdk: str
    why: str


@dataclass(frozen=True)
class Owned:
    """An SDK's module and why."""

    owner: Owner
    why: str


def module_owners(units: Iterable[Unit], native_owner: Callable[[str], Owner | None]) -> dict[str, Owned]:
    """Module name → its SDK owner, for the modules an SDK owns (``native_owner``: the SDK owner of the
    class answering a native name, None for the app's or an uncatalogued library's)."""
    units = list(units)
    owned: dict[str, Owned] = {}
    for u in units:
        if u.metro_id is None and not library_of(u.module):
            continue
        hits = {name: o for name in sorted(u.binds) if (o := native_owner(name)) is not None}
        if len(set(hits.values())) == 1:
            name, o = next(iter(hits.items()))
            owned[u.module] = Owned(o, f"binds native module {name}")
    by_package: dict[str, set[Owner]] = {}
    for u in units:
        pkg = library_of(u.module)
        if pkg:
            by_package.setdefault(pkg, set())
            if u.module in owned:
                by_package[pkg].add(owned[u.module].owner)
    for u in units:
        pkg = library_of(u.module)
        if pkg and u.module not in owned and len(by_package[pkg]) == 1:
            owned[u.module] = Owned(next(iter(by_package[pkg])), f"in package {pkg}")
    by_id = {u.metro_id: u for u in units if u.metro_id is not None}
    importers: dict[int, list[str]] = {}
    for u in units:
        for d in u.deps:
            if d != u.metro_id:
                importers.setdefault(d, []).append(u.module)
    changed = True
    while changed:
        changed = False
        for ident, u in by_id.items():
            who = importers.get(ident)
            if u.module in owned or not who or any(m not in owned for m in who):
                continue
            sdk = {owned[m].owner for m in who}
            if len(sdk) == 1:
                only = next(iter(sdk))
                owned[u.module] = Owned(only, f"imported only by {only.id}'s modules")
                changed = True
    return owned


def wrapper_modules(units: Iterable[Unit], markers: Iterable[str]) -> set[str]:
    """Modules that bind a bridge library's own native module (its ``marker``): the library's wrapper, whose
    reads of the library's bridges implement them rather than use them."""
    wanted = set(markers)
    return {u.module for u in units if u.binds & wanted}
