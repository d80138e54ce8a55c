"""Count the packed apps in a set of APKs: run the packer fingerprints over each and list every hit.

    python -m bench.packers DIR_OR_APK ...

Each APK is opened as the scan opens it (bounded ZIP, manifest, DEX class list; no code analysis)
and matched against ``policies/packers.yaml``. Every hit is printed with its evidence, so that it
can be checked by reading the APK (a packer named on an unpacked app is a wrong verdict). APKs that
cannot be opened are counted apart with their one-line error.
"""

from __future__ import annotations

import sys
from pathlib import Path

from analyzer.apk.container import open_apk
from analyzer.apk.dex import DexError, DexFile
from analyzer.apk.packers import ApkNames, find_packers
from analyzer.common.descriptors import descriptor_to_java
from analyzer.errors import InputError
from analyzer.kb.catalogue import load_kb


def _apks(args: list[str]) -> list[Path]:
    out: list[Path] = []
    for a in args:
        p = Path(a)
        out += sorted(p.rglob("*.apk")) if p.is_dir() else [p]
    return out


def main(argv: list[str]) -> int:
    kb = load_kb()
    apks = _apks(argv)
    packed = errors = 0
    for apk in apks:
        try:
            contents = open_apk(apk)
            classes: set[str] = set()
            for name, data in (*contents.dex, *contents.hidden_dex):
                try:
                    classes.update(descriptor_to_java(c.descriptor) for c in DexFile(data, name).classes())
                except DexError:
                    continue
        except InputError as e:
            errors += 1
            print(f"error  {apk}: {e}")
            continue
        hits = find_packers(kb.packers, ApkNames(frozenset(classes), contents.info.application_class,
                                                 contents.entries), contents.asset_heads)
        if hits:
            packed += any(h.hides_code for h in hits)
            for h in hits:
                print(f"{h.kind:<10} {apk}: {h.packer_id} ({h.name}) {', '.join(h.evidence)}"
                      f" · {len(h.opaque_files)} opaque assets")
    print(f"{len(apks)} APKs, {packed} packed (packer or protector), {errors} unreadable")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
