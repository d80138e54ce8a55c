"""Count hybrid apps: which framework each APK carries (React Native, uni-app, Cordova, Capacitor, Flutter).

    PYTHONPATH=. python -m bench.hybrid_census DIR_OR_APK...

Each APK is opened with piflow's container reader (bounded), its DEX class names read with the DEX
reader, and :func:`analyzer.static.hybrid.frameworks.detect` run over its asset, library and class
names; a React Native bundle in Hermes bytecode is named as such. Prints one line per hybrid APK and
the totals; an APK that cannot be opened is counted apart with its one-line error.
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from pathlib import Path

from analyzer.apk.container import open_apk_deferred
from analyzer.apk.dex import DexError, DexFile
from analyzer.errors import InputError
from analyzer.static.hybrid.frameworks import detect


def apks(args: list[str]) -> list[Path]:
    out: list[Path] = []
    for a in args:
        p = Path(a)
        out += sorted(p.rglob("*.apk")) if p.is_dir() else [p]
    return out


def frameworks(path: Path) -> list[str]:
    contents, _manifest = open_apk_deferred(path, background=False)
    classes: list[str] = []
    for name, data in contents.dex:
        try:
            classes += [c.descriptor for c in DexFile(data, name).classes()]
        except DexError:
            continue
    found = detect(contents.assets, contents.native_libs, classes, dict(contents.scripts))
    return [f.name + (" (Hermes bytecode)" if "Hermes" in f.incomplete else "") for f in found]


def main(args: list[str]) -> int:
    started = time.perf_counter()
    counts: Counter[str] = Counter()
    total = hybrid = failed = 0
    for p in apks(args):
        total += 1
        try:
            names = frameworks(p)
        except InputError as e:
            failed += 1
            print(f"unreadable  {p}: {e}")
            continue
        if names:
            hybrid += 1
            counts.update(names)
            print(f"{', '.join(names):30} {p}")
    print(f"{total} APKs, {hybrid} hybrid ({dict(counts)}), {failed} unreadable, "
          f"{time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
