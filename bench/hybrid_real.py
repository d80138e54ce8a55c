"""Score piflow's reading of real hybrid apps: React Native and Cordova apps made of public npm packages.

Three APKs under ``bench/hybrid_real/`` whose JavaScript is real (what was read and why: its README.md):

- ``rn-real.apk``: our app (``rn-app/``, a few hundred lines) plus real libraries and SDK wrappers
  pinned in its ``package.json``, bundled by the real Metro bundler in production mode (minified, module
  ids only); smali stubs reproduce each native module's real Java class with its real ``getName()`` and
  the SDKs' real top-level classes; ``rn-dev.apk``: the same as a development bundle (paths kept);
- ``cordova-real.apk``: ``cordova-app/``'s www prepared by the real Cordova CLI with real plugins.

The truth is made by construction, never from piflow's output: ``*-truth.json`` (written by
``--build``) holds every Metro module (id, span in the bundle, original file from the source map, npm
package or the app, owner) or every Cordova script (owner by plugin folder), the native modules checked
against the packages' Android sources, and every read and send of ``*-reads.yaml`` (by hand, from the
original sources) located in the APK's script; ``*-owners.yaml`` (by hand) gives each package's owner
(``app``, an SDK id of ``policies/sdks.yaml``, or ``library:<pkg>``) with the reason.

Scoring runs ``piflow scan --format json`` on each APK (a subprocess: its wall time and peak memory are
measured) and compares its hybrid evidence (accesses of kind ``js``, endpoints found in scripts, script
leaks) with the truth: recall of the truth reads (those a bridge of ``policies/js-bridges.yaml``
describes, and all), owner accuracy of each reported read and endpoint (reported owner against the truth
owner of the module or script holding it; also "vendor" accuracy: the same company), per owner class;
the truth sends found among the script leaks.

    PYTHONPATH=. python bench/hybrid_real.py [--only rn|rn-dev|cordova] [--json OUT] [--floor X]
                                             [--recall-floor X] [--verbose]
    PYTHONPATH=. python bench/hybrid_real.py --build     # npm + Metro + Cordova + apktool: rebuild all

``--build`` needs node 20/npm, apktool, zipalign and apksigner; node_modules, plugins and source maps
stay in ``$PIFLOW_BENCH_CACHE/hybrid_real`` (default ``~/.cache/piflow-bench/hybrid_real``), never in
the repo.
"""

from __future__ import annotations

import argparse
import bisect
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parents[1]
HERE = Path(__file__).resolve().parent / "hybrid_real"
APP_SRC = HERE / "rn-app"
APK = HERE / "rn-real.apk"
TRUTH = HERE / "rn-truth.json"
DEV_APK = HERE / "rn-dev.apk"
DEV_TRUTH = HERE / "rn-dev-truth.json"
OWNERS = HERE / "rn-owners.yaml"
READS = HERE / "rn-reads.yaml"
CDV_SRC = HERE / "cordova-app"
CDV_APK = HERE / "cordova-real.apk"
CDV_TRUTH = HERE / "cordova-truth.json"
CDV_OWNERS = HERE / "cordova-owners.yaml"
CDV_READS = HERE / "cordova-reads.yaml"
CACHE = Path(os.environ.get("PIFLOW_BENCH_CACHE", Path.home() / ".cache" / "piflow-bench")) / "hybrid_real"
BUNDLE_IN_APK = "assets/index.android.bundle"
PACKAGE = "com.piflow.bench.rnreal"
CDV_PACKAGE = "com.piflow.bench.cordovareal"
APP_FILES = ("index.js", "App.js", "app.json", "babel.config.js", "metro.config.js", "package.json", "src")

# ---------------------------------------------------------------------------------------------------------
# source maps


_B64 = {c: i for i, c in enumerate("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")}


def segments(mappings: str) -> list[tuple[int, int, int, int, int]]:
    """Decode a source map's ``mappings``: (generated line, generated column, source index, original
    line, original column), all 0-based, columns in UTF-16 units as the format says."""
    out: list[tuple[int, int, int, int, int]] = []
    src = oline = ocol = 0
    for gline, text in enumerate(mappings.split(";")):
        gcol = 0
        for seg in text.split(","):
            if not seg:
                continue
            vals: list[int] = []
            value = shift = 0
            for ch in seg:
                digit = _B64[ch]
                value += (digit & 31) << shift
                if digit & 32:
                    shift += 5
                else:
                    vals.append(-(value >> 1) if value & 1 else value >> 1)
                    value = shift = 0
            gcol += vals[0]
            if len(vals) >= 4:
                src += vals[1]
                oline += vals[2]
                ocol += vals[3]
                out.append((gline, gcol, src, oline, ocol))
    return out


def utf16_to_byte(line: str) -> list[int]:
    """Byte offset (UTF-8) of each UTF-16 unit of a line, plus one past the end."""
    offs: list[int] = []
    b = 0
    for ch in line:
        n = len(ch.encode("utf-8"))
        units = 2 if ord(ch) > 0xFFFF else 1
        offs.extend([b] * units)
        b += n
    offs.append(b)
    return offs


def package_of(path: str) -> str:
    """The npm package of a bundled file's path relative to the project (innermost node_modules), or
    ``app`` for the app's own files."""
    m = re.search(r"node_modules/((?:@[^/]+/)?[^/]+)/(?!.*node_modules/)", path)
    return m.group(1) if m else "app"


# ---------------------------------------------------------------------------------------------------------
# build: npm install, Metro, truth, APK


def run(cmd: list[str], cwd: Path, log: Path) -> None:
    with log.open("w") as fh:
        proc = subprocess.run(cmd, cwd=cwd, stdout=fh, stderr=subprocess.STDOUT, check=False)
    if proc.returncode:
        tail = log.read_text(errors="replace").splitlines()[-15:]
        sys.exit(f"hybrid_real: {' '.join(cmd[:3])} failed (log {log}):\n" + "\n".join(tail))


def build_bundle() -> Path:
    """Copy the app to the cache, install its pinned packages (install scripts off), run Metro in
    production mode; returns the project folder holding out/index.android.bundle(.map)."""
    proj = CACHE / "rn"
    proj.mkdir(parents=True, exist_ok=True)
    for name in APP_FILES:
        src, dst = APP_SRC / name, proj / name
        if src.is_dir():
            shutil.rmtree(dst, ignore_errors=True)
            shutil.copytree(src, dst)
        else:
            shutil.copy2(src, dst)
    stamp = proj / ".installed"
    want = hashlib.sha256((APP_SRC / "package.json").read_bytes()).hexdigest()
    if not stamp.exists() or stamp.read_text() != want:
        print("hybrid_real: npm install (pinned packages, install scripts off)", file=sys.stderr)
        run(["npm", "install", "--legacy-peer-deps", "--no-audit", "--no-fund", "--ignore-scripts"], proj,
            proj / "install.log")
        stamp.write_text(want)
    (proj / "out").mkdir(exist_ok=True)
    print("hybrid_real: Metro production bundle", file=sys.stderr)
    run(["npx", "react-native", "bundle", "--platform", "android", "--dev", "false", "--minify", "true",
         "--entry-file", "index.js", "--bundle-output", "out/index.android.bundle",
         "--sourcemap-output", "out/index.android.bundle.map", "--assets-dest", "out/res", "--reset-cache"],
        proj, proj / "bundle.log")
    print("hybrid_real: Metro development bundle", file=sys.stderr)
    run(["npx", "react-native", "bundle", "--platform", "android", "--dev", "true", "--minify", "false",
         "--entry-file", "index.js", "--bundle-output", "out/dev.bundle",
         "--sourcemap-output", "out/dev.bundle.map"], proj, proj / "bundle-dev.log")
    return proj


def metro_modules(bundle: bytes) -> list[dict[str, Any]]:
    """Every top-level ``__d(factory, id, [deps])`` of a bundle, parsed with tree-sitter: id, deps and
    the 0-based (row, byte column) span of the call."""
    import tree_sitter_javascript
    from tree_sitter import Language, Parser

    tree = Parser(Language(tree_sitter_javascript.language())).parse(bundle)
    mods: list[dict[str, Any]] = []
    for stmt in tree.root_node.children:
        call = stmt.children[0] if stmt.type == "expression_statement" and stmt.children else None
        if call is None or call.type != "call_expression":
            continue
        fn = call.child_by_field_name("function")
        if fn is None or fn.text != b"__d":
            continue
        args = [a for a in call.child_by_field_name("arguments").named_children]  # type: ignore[union-attr]
        if len(args) < 3 or args[1].type != "number":
            continue
        deps = [int(d.text) for d in args[2].named_children if d.type == "number"]  # type: ignore[arg-type]
        path = args[3] if len(args) > 3 and args[3].type == "string" else None
        named = path.text.decode()[1:-1] if path is not None and path.text else None
        mods.append({"id": int(args[1].text), "deps": deps,  # type: ignore[arg-type]
                     "start": list(call.start_point), "end": list(call.end_point), "named": named})
    return mods


def derive_truth(proj: Path, bundle_name: str = "index.android.bundle") -> dict[str, Any]:
    """The truth by construction from a bundle, its source map and the hand-written owners and reads.
    A development bundle names each module's path (``__d(f, id, deps, "path")``): it must be the one the
    source map gives."""
    bundle_b = (proj / "out" / bundle_name).read_bytes()
    smap = json.loads((proj / "out" / f"{bundle_name}.map").read_text())
    owners = yaml.safe_load(OWNERS.read_text())
    reads_in = yaml.safe_load(READS.read_text())
    bridge_doc = yaml.safe_load((REPO / "policies" / "js-bridges.yaml").read_text())
    bridges = {b["id"]: b for b in bridge_doc["reads"]}
    lines = bundle_b.decode("utf-8").split("\n")
    offs_cache: dict[int, list[int]] = {}

    def byte_col(gline: int, ucol: int) -> int:
        if gline not in offs_cache:
            offs_cache[gline] = utf16_to_byte(lines[gline])
        o = offs_cache[gline]
        return o[min(ucol, len(o) - 1)]

    root = str(proj) + "/"
    sources = [s.removeprefix(root) for s in smap["sources"]]
    segs = [(g, byte_col(g, c), s, ol, oc) for g, c, s, ol, oc in segments(smap["mappings"])]
    seg_keys = [(g, c) for g, c, *_ in segs]

    mods = sorted(metro_modules(bundle_b), key=lambda m: m["start"])
    voted: list[int | None] = []
    for m in mods:  # the module's file: the source most of its mapped segments name
        lo = bisect.bisect_left(seg_keys, tuple(m["start"]))
        hi = bisect.bisect_right(seg_keys, tuple(m["end"]))
        votes = Counter(segs[i][2] for i in range(lo, hi))
        voted.append(votes.most_common(1)[0][0] if votes else None)
    # Metro lists the sources in module order after the prelude and polyfills: a module without a
    # mapped segment (a JSON file) takes its place in that order; every mapped one must agree with it.
    offsets = {v - k for k, v in enumerate(voted) if v is not None}
    if len(offsets) != 1:
        sys.exit(f"hybrid_real: the source map's order does not follow the modules' ({sorted(offsets)[:5]})")
    offset = offsets.pop()
    for k, m in enumerate(mods):
        m["path"] = sources[offset + k]
        m["package"] = package_of(m["path"])
        if m["named"] is not None and m["named"] != m["path"]:
            sys.exit(f"hybrid_real: module {m['id']} is named {m['named']} but mapped to {m['path']}")
    pk_owner = {p: v["owner"] for p, v in owners["packages"].items()}
    for m in mods:
        rel = m["path"].split("node_modules/")[-1] if m["package"] != "app" else m["path"]
        m["owner"] = ("app" if m["package"] == "app" else
                      owners["files"].get(rel) or pk_owner.get(m["package"]) or f"library:{m['package']}")

    # reads: original (file, line, member occurrence) -> generated position through the map
    by_src: dict[tuple[int, int], list[tuple[int, int, int]]] = defaultdict(list)
    for g, c, s, ol, oc in segs:
        by_src[(s, ol)].append((oc, g, c))
    contents = smap.get("sourcesContent") or []

    def locate(r: dict[str, Any]) -> tuple[str, int, int, dict[str, Any]]:
        """A hand-listed call (file, line, call) -> member, 0-based bundle (row, byte col), module."""
        sidx = sources.index(r["file"]) if r["file"] in sources else -1
        if sidx < 0:
            sys.exit(f"hybrid_real: {r['file']} is not in the bundle's source map")
        member = r["call"].rsplit(".", 1)[-1]
        src_line = contents[sidx].split("\n")[r["line"] - 1]
        hits = [mm.start() for mm in re.finditer(rf"\b{re.escape(member)}\b", src_line)]
        if not hits:
            sys.exit(f"hybrid_real: {member} not on {r['file']}:{r['line']}")
        ocol = hits[r.get("nth", 1) - 1]
        cands = sorted(by_src[(sidx, r["line"] - 1)])
        before = [x for x in cands if x[0] <= ocol] or cands[:1]
        _, g, c = before[-1]
        at = lines[g].encode("utf-8").find(member.encode(), c)
        if at < 0 or at - c > 400:
            sys.exit(f"hybrid_real: {member} of {r['file']}:{r['line']} not found after {g + 1}:{c + 1}")
        mod = module_at(mods, g, at)
        if mod is None:
            sys.exit(f"hybrid_real: {r['file']}:{r['line']} is outside every Metro module")
        return member, g, at, mod

    out_reads = []
    for r in reads_in["reads"]:
        member, g, at, mod = locate(r)
        pi = bridges[r["bridge"]]["pi"] if r.get("bridge") else r["pi"]
        out_reads.append({"file": r["file"], "line": r["line"], "call": r["call"], "member": member,
                          "bridge": r.get("bridge"), "pi": pi, "script": BUNDLE_IN_APK,
                          "at": f"{g + 1}:{at + 1}",
                          "module": mod["id"], "owner": mod["owner"]})
    out_sends = []
    for r in reads_in["sends"]:
        member, g, at, mod = locate(r)
        by_line = {f"{x['file']}:{x['line']}": f"{x['script']}:{x['at']}" for x in out_reads}
        out_sends.append({"file": r["file"], "line": r["line"], "call": r["call"], "member": member,
                          "script": BUNDLE_IN_APK, "at": f"{g + 1}:{at + 1}", "module": mod["id"],
                          "owner": mod["owner"],
                          "reads": [by_line[x] for x in r["reads"]]})

    natives = check_natives(proj, owners)
    pkgs: dict[str, dict[str, Any]] = {}
    for m in mods:
        p = pkgs.setdefault(m["package"], {"owner": m["owner"] if m["package"] != "app" else "app",
                                           "modules": 0})
        p["modules"] += 1
        reason = owners["packages"].get(m["package"], {}).get("reason")
        if reason:
            p["reason"] = reason
    versions = json.loads((proj / "node_modules" / "react-native" / "package.json").read_text())["version"]
    return {
        "kind": "metro",
        "bundle": BUNDLE_IN_APK,
        "bundle_sha256": hashlib.sha256(bundle_b).hexdigest(),
        "react_native": versions,
        "metro_modules": len(mods),
        "modules": [{"id": m["id"], "start": [m["start"][0] + 1, m["start"][1] + 1],
                     "end": [m["end"][0] + 1, m["end"][1] + 1], "path": m["path"],
                     "package": m["package"], "owner": m["owner"], "deps": m["deps"]} for m in mods],
        "packages": dict(sorted(pkgs.items())),
        "native_modules": natives,
        "reads": out_reads,
        "sends": out_sends,
    }


def module_at(mods: list[dict[str, Any]], row0: int, col0: int) -> dict[str, Any] | None:
    """The module whose span holds a 0-based (row, byte column); ``mods`` sorted by start, spans
    0-based or 1-based alike as long as the position is given in the same base."""
    starts = [tuple(m["start"]) for m in mods]
    i = bisect.bisect_right(starts, (row0, col0)) - 1
    if i >= 0 and (row0, col0) <= tuple(mods[i]["end"]):
        return mods[i]
    return None


def check_natives(proj: Path, owners: dict[str, Any]) -> list[dict[str, Any]]:
    """Each native module of rn-owners.yaml checked against its package's android sources: the file
    exists, names the class's package, and holds the name getName() returns (or the literal it is
    built from); each SDK class against an import in the wrapper's code."""
    nm = proj / "node_modules"
    out = []
    for n in owners["native_modules"]:
        src = nm / n["package"] / "android" / n["source"]
        text = src.read_text() if src.exists() else ""
        pkg = n["class"].rsplit(".", 1)[0]
        literal = n.get("literal", n["name"])
        if not text or f"package {pkg}" not in text or f'"{literal}"' not in text:
            sys.exit(f"hybrid_real: native module {n['name']} not confirmed in {src}")
        out.append({k: n[k] for k in ("name", "class", "package", "source", "js")})
    for c in owners["sdk_classes"]:
        src = nm / c["imported_by"]
        if f"import {c['class']}" not in (src.read_text() if src.exists() else ""):
            sys.exit(f"hybrid_real: {c['class']} is not imported by {src}")
    return out


def manifest_permissions(proj: Path) -> list[str]:
    """The permissions the bundled packages' own AndroidManifest.xml declare (what Gradle's manifest
    merger would add), plus the app's: INTERNET, fine location (the geolocation library declares none)
    and Wi-Fi state (MAC address)."""
    perms = {"android.permission.INTERNET", "android.permission.ACCESS_FINE_LOCATION",
             "android.permission.ACCESS_WIFI_STATE"}
    pkgs = json.loads((APP_SRC / "package.json").read_text())["dependencies"]
    for p in [*pkgs, "jcore-react-native"]:
        mf = proj / "node_modules" / p / "android" / "src" / "main" / "AndroidManifest.xml"
        if mf.exists():
            perms |= {x for x in re.findall(r'uses-permission[^>]*android:name="([^"]+)"', mf.read_text())
                      if "${" not in x}
    return sorted(perms)


_SMALI_CLASS = """.class public {flags}L{path};
.super L{super};
.source "{src}"

# {comment}

.method public constructor <init>()V
    .registers 1
    invoke-direct {{p0}}, L{super};-><init>()V
    return-void
.end method
{extra}"""

_GETNAME = """
.method public getName()Ljava/lang/String;
    .registers 2
    const-string v0, "{name}"
    return-object v0
.end method
"""


def smali(cls: str, sup: str, comment: str, extra: str = "", flags: str = "") -> tuple[str, str]:
    path = cls.replace(".", "/")
    return path, _SMALI_CLASS.format(flags=flags, path=path, super=sup, src=path.rsplit("/", 1)[-1] + ".java",
                                     comment=comment, extra=extra)


def assemble_apk(out_apk: Path, package: str, label: str, assets: dict[str, Path], permissions: list[str],
                 classes: list[tuple[str, str]], application: str, activity: str,
                 res_xml: dict[str, Path] | None = None) -> None:
    """An apktool tree (manifest, smali stubs, the given assets and res/xml files) built, zip normalised,
    aligned and signed with the samples' throwaway key, as samples/build.sh does."""
    work = Path(tempfile.mkdtemp(prefix="piflow-hybrid-real."))
    try:
        tree = work / "src"
        for name, src in assets.items():
            dst = tree / "assets" / name
            dst.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dst)
        (tree / "res" / "values").mkdir(parents=True)
        (tree / "res" / "values" / "strings.xml").write_text(
            '<?xml version="1.0" encoding="utf-8"?>\n<resources>\n'
            f'    <string name="app_name">{label}</string>\n</resources>\n')
        public = ['    <public type="string" name="app_name" id="0x7f030000" />']
        for i, (name, src) in enumerate(sorted((res_xml or {}).items())):
            (tree / "res" / "xml").mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, tree / "res" / "xml" / f"{name}.xml")
            public.append(f'    <public type="xml" name="{name}" id="0x7f04{i:04x}" />')
        (tree / "res" / "values" / "public.xml").write_text(
            '<?xml version="1.0" encoding="utf-8"?>\n<resources>\n' + "\n".join(public) + "\n</resources>\n")
        perms = "".join(f'    <uses-permission android:name="{p}"/>\n' for p in permissions)
        (tree / "AndroidManifest.xml").write_text(
            '<?xml version="1.0" encoding="utf-8" standalone="no"?>\n'
            '<manifest xmlns:android="http://schemas.android.com/apk/res/android" '
            f'package="{package}">\n{perms}'
            f'    <application android:label="@string/app_name" android:name="{application}">\n'
            f'        <activity android:name="{activity}" android:exported="true">\n'
            '            <intent-filter>\n'
            '                <action android:name="android.intent.action.MAIN"/>\n'
            '                <category android:name="android.intent.category.LAUNCHER"/>\n'
            '            </intent-filter>\n        </activity>\n    </application>\n</manifest>\n')
        (tree / "apktool.yml").write_text(
            f"!!brut.androlib.meta.MetaInfo\napkFileName: {out_apk.name}\ncompressionType: false\n"
            "doNotCompress:\n- resources.arsc\nisFrameworkApk: false\npackageInfo:\n"
            "  forcedPackageId: '127'\n  renameManifestPackage: null\nsdkInfo:\n  minSdkVersion: '23'\n"
            "  targetSdkVersion: '34'\nsharedLibrary: false\nsparseResources: false\nunknownFiles: {}\n"
            "usesFramework:\n  ids:\n  - 1\n  tag: null\nversion: 2.7.0-dirty\nversionInfo:\n"
            "  versionCode: '1'\n  versionName: '1.0'\n")
        for path, text in classes:
            f = tree / "smali" / (path + ".smali")
            f.parent.mkdir(parents=True, exist_ok=True)
            f.write_text(text)
        fw = work / "framework"
        fw.mkdir()
        (fw / "1.apk").symlink_to("/usr/share/android-framework-res/framework-res.apk")
        run(["apktool", "build", "--frame-path", str(fw), "--output", str(work / "u.apk"), str(tree)], work,
            work / "apktool.log")
        with zipfile.ZipFile(work / "u.apk") as zin, zipfile.ZipFile(work / "n.apk", "w") as zout:
            for info in zin.infolist():
                out = zipfile.ZipInfo(info.filename, date_time=(1981, 1, 1, 0, 0, 0))
                out.create_system = 3
                out.external_attr = 0o100644 << 16
                script = info.filename.startswith("assets/")
                out.compress_type = zipfile.ZIP_DEFLATED if script else info.compress_type
                zout.writestr(out, zin.read(info.filename), compresslevel=9)
        run(["zipalign", "-f", "4", str(work / "n.apk"), str(work / "a.apk")], work, work / "zipalign.log")
        run(["apksigner", "sign", "--ks", str(REPO / "samples" / "keys" / "sample.jks"),
             "--ks-pass", "pass:piflow-sample", "--ks-key-alias", "sample", "--v4-signing-enabled", "false",
             "--out", str(out_apk), str(work / "a.apk")], work, work / "sign.log")
    finally:
        shutil.rmtree(work, ignore_errors=True)


def build_apk(proj: Path, bundle_name: str = "index.android.bundle", out_apk: Path = APK) -> None:
    """The React Native APK: a bundle (as assets/index.android.bundle), a stub per native module (its real
    class, extending React Native's ReactContextBaseJavaModule, getName() returning its real name), the
    SDKs' classes."""
    owners = yaml.safe_load(OWNERS.read_text())
    base = "com/facebook/react/bridge/ReactContextBaseJavaModule"
    classes = [
        smali("com.facebook.react.bridge.ReactContextBaseJavaModule", "java/lang/Object",
              "A stub named like React Native's base class of native modules.",
              "\n.method public abstract getName()Ljava/lang/String;\n.end method\n", "abstract "),
        smali("com.facebook.react.ReactActivity", "android/app/Activity",
              "A stub named like React Native's host activity (it loads assets/index.android.bundle)."),
        smali("com.piflow.bench.rnreal.MainActivity", "com/facebook/react/ReactActivity",
              "The app's activity: all its logic is the JavaScript bundle.",
              _GETNAME.replace("getName", "getMainComponentName").format(name="piflowrnreal")),
        smali("com.piflow.bench.rnreal.MainApplication", "android/app/Application",
              "The app's Application (React Native's autolinking registers the packages below)."),
    ]
    for n in owners["native_modules"]:
        classes.append(smali(n["class"], base,
                             f"{n['package']}: node_modules/{n['package']}/android/{n['source']}",
                             _GETNAME.format(name=n["name"])))
    for c in owners["sdk_classes"]:
        classes.append(smali(c["class"], "java/lang/Object",
                             f"the SDK's class, imported by {c['imported_by']}"))
    bundle = proj / "out" / bundle_name
    assemble_apk(out_apk, PACKAGE, "piflowrnreal", {"index.android.bundle": bundle},
                 manifest_permissions(proj), classes, "com.piflow.bench.rnreal.MainApplication",
                 "com.piflow.bench.rnreal.MainActivity")


# ---------------------------------------------------------------------------------------------------------
# Cordova


def cordova_specs() -> list[str]:
    return [ln.strip() for ln in (CDV_SRC / "plugins.txt").read_text().splitlines()
            if ln.strip() and not ln.startswith("#")]


def build_cordova() -> Path:
    """``cordova create``, ``platform add`` and ``plugin add`` of the pinned versions (once), the app's
    www copied in, ``cordova prepare android`` (no Gradle build); returns the project folder."""
    specs = cordova_specs()
    tool = CACHE / "cordova-tool"
    cli = tool / "node_modules" / ".bin" / "cordova"
    env_log = CACHE / "cordova.log"
    if not cli.exists():
        tool.mkdir(parents=True, exist_ok=True)
        (tool / "package.json").write_text('{"name": "cordova-tool", "private": true}\n')
        run(["npm", "install", "--no-audit", "--no-fund", specs[0]], tool, env_log)
    proj = CACHE / "cdv"
    stamp = proj / ".piflow-plugins"
    if not stamp.exists() or stamp.read_text() != "\n".join(specs):
        shutil.rmtree(proj, ignore_errors=True)
        run([str(cli), "create", str(proj), CDV_PACKAGE, "CordovaReal", "--no-telemetry"], CACHE, env_log)
        run([str(cli), "platform", "add", specs[1].replace("cordova-android@", "android@"), "--no-telemetry"],
            proj, env_log)
        for spec in specs[2:]:
            print(f"hybrid_real: cordova plugin add {spec}", file=sys.stderr)
            run([str(cli), "plugin", "add", spec, "--no-telemetry"], proj, env_log)
        stamp.write_text("\n".join(specs))
    shutil.rmtree(proj / "www", ignore_errors=True)
    shutil.copytree(CDV_SRC / "www", proj / "www")
    run([str(cli), "prepare", "android", "--no-telemetry"], proj, env_log)
    return proj


def cordova_main(proj: Path) -> Path:
    return proj / "platforms" / "android" / "app" / "src" / "main"


def derive_cordova_truth(proj: Path) -> dict[str, Any]:
    """Each script of the prepared www with its owner (by folder), the native classes checked against
    config.xml and the plugins' sources, and the hand-listed reads and sends located in the files."""
    main = cordova_main(proj)
    www = main / "assets" / "www"
    owners = yaml.safe_load(CDV_OWNERS.read_text())
    reads_in = yaml.safe_load(CDV_READS.read_text())
    bridge_doc = yaml.safe_load((REPO / "policies" / "js-bridges.yaml").read_text())
    bridges = {b["id"]: b for b in bridge_doc["reads"]}
    scripts: dict[str, dict[str, str]] = {}
    for f in sorted(www.rglob("*.js")):
        rel = f.relative_to(www).as_posix()
        if rel.startswith("plugins/"):
            pkg = rel.split("/")[1]
            owner = owners["packages"].get(pkg, {}).get("owner") or f"library:{pkg}"
        elif rel in ("cordova.js", "cordova_plugins.js"):
            pkg, owner = "cordova-android", "library:cordova-android"
        else:
            pkg, owner = "app", "app"
        scripts[f"assets/www/{rel}"] = {"package": pkg, "owner": owner,
                                        "sha256": hashlib.sha256(f.read_bytes()).hexdigest()}

    def locate(r: dict[str, Any]) -> tuple[str, str, int]:
        member = r["call"].rsplit(".", 1)[-1]
        text = (www / r["file"]).read_bytes().split(b"\n")[r["line"] - 1]
        hits = [m.start() for m in re.finditer(rb"\b" + re.escape(member.encode()) + rb"\b", text)]
        if not hits:
            sys.exit(f"hybrid_real: {member} not on {r['file']}:{r['line']}")
        return member, f"assets/www/{r['file']}", hits[r.get("nth", 1) - 1] + 1

    out_reads, out_sends = [], []
    for r in reads_in["reads"]:
        member, script, col = locate(r)
        pi = bridges[r["bridge"]]["pi"] if r.get("bridge") else r["pi"]
        out_reads.append({"file": r["file"], "line": r["line"], "call": r["call"], "member": member,
                          "bridge": r.get("bridge"), "pi": pi, "script": script, "at": f"{r['line']}:{col}",
                          "module": script, "owner": scripts[script]["owner"]})
    for r in reads_in["sends"]:
        member, script, col = locate(r)
        out_sends.append({"file": r["file"], "line": r["line"], "call": r["call"], "member": member,
                          "script": script, "at": f"{r['line']}:{col}", "module": script,
                          "owner": scripts[script]["owner"],
                          "reads": [next(f"{x['script']}:{x['at']}" for x in out_reads
                                         if f"{x['file']}:{x['line']}" == ref) for ref in r["reads"]]})
    config = (main / "res" / "xml" / "config.xml").read_text()
    natives = []
    for n in owners["native_modules"]:
        src = proj / "plugins" / n["package"] / n["source"]
        feature = re.search(rf'<feature name="{re.escape(n["name"])}">\s*<param name="android-package"'
                            rf' value="{re.escape(n["class"])}"', config)
        declared = f"package {n['class'].rsplit('.', 1)[0]};"
        if feature is None or not src.exists() or declared not in src.read_text():
            sys.exit(f"hybrid_real: Cordova feature {n['name']} -> {n['class']} not confirmed ({src})")
        natives.append({k: n[k] for k in ("name", "class", "package", "source", "js")})
    for c in owners["sdk_classes"]:
        src = proj / "plugins" / c["imported_by"]
        if f"import {c['class']};" not in (src.read_text() if src.exists() else ""):
            sys.exit(f"hybrid_real: {c['class']} is not imported by {src}")
    pkgs: dict[str, dict[str, Any]] = {}
    for sc in scripts.values():
        p = pkgs.setdefault(sc["package"], {"owner": sc["owner"], "scripts": 0})
        p["scripts"] += 1
        reason = owners["packages"].get(sc["package"], {}).get("reason")
        if reason:
            p["reason"] = reason
    return {"kind": "files", "cordova": cordova_specs(), "scripts": scripts,
            "packages": dict(sorted(pkgs.items())),
            "native_modules": natives, "reads": out_reads, "sends": out_sends}


def build_cordova_apk(proj: Path) -> None:
    """The Cordova APK: the prepared www under assets/www, res/xml/config.xml, the permissions of the
    prepared manifest, a stub per plugin class (extending CordovaPlugin) and the SDKs' classes."""
    main = cordova_main(proj)
    owners = yaml.safe_load(CDV_OWNERS.read_text())
    perms = sorted(set(re.findall(r'uses-permission[^>]*android:name="([^"]+)"',
                                  (main / "AndroidManifest.xml").read_text())))
    classes = [
        smali("org.apache.cordova.CordovaPlugin", "java/lang/Object",
              "A stub named like Cordova's plugin base class.", flags="abstract "),
        smali("org.apache.cordova.CordovaActivity", "android/app/Activity",
              "A stub named like Cordova's host activity (its WebView loads assets/www/index.html)."),
        smali("com.piflow.bench.cordovareal.MainActivity", "org/apache/cordova/CordovaActivity",
              "The app's activity: all its logic is the web assets."),
        smali("com.piflow.bench.cordovareal.MainApplication", "android/app/Application",
              "The app's Application."),
    ]
    for n in owners["native_modules"]:
        classes.append(smali(n["class"], "org/apache/cordova/CordovaPlugin",
                             f"{n['package']}: plugins/{n['package']}/{n['source']}"
                             f" (config.xml feature {n['name']})"))
    for c in owners["sdk_classes"]:
        classes.append(smali(c["class"], "java/lang/Object",
                             f"the SDK's class, imported by {c['imported_by']}"))
    www = main / "assets" / "www"
    assets = {f"www/{f.relative_to(www).as_posix()}": f for f in sorted(www.rglob("*")) if f.is_file()}
    assemble_apk(CDV_APK, CDV_PACKAGE, "CordovaReal", assets, perms, classes,
                 "com.piflow.bench.cordovareal.MainApplication", "com.piflow.bench.cordovareal.MainActivity",
                 {"config": main / "res" / "xml" / "config.xml"})


def dump_truth(truth: dict[str, Any]) -> str:
    """JSON with one line per module, read, package and native module (diffs stay readable)."""
    parts = []
    for key, value in truth.items():
        if isinstance(value, list):
            body = ",\n".join("  " + json.dumps(v, separators=(",", ":")) for v in value)
            parts.append(f"{json.dumps(key)}: [\n{body}\n ]")
        elif isinstance(value, dict):
            body = ",\n".join(f"  {json.dumps(k)}: " + json.dumps(v, separators=(",", ":"))
                              for k, v in value.items())
            parts.append(f"{json.dumps(key)}: {{\n{body}\n }}")
        else:
            parts.append(f"{json.dumps(key)}: {json.dumps(value)}")
    return "{\n " + ",\n ".join(parts) + "\n}\n"


def build(which: str) -> None:
    if which in ("all", "rn"):
        proj = build_bundle()
        truth = derive_truth(proj)
        TRUTH.write_text(dump_truth(truth))
        build_apk(proj)
        dev = derive_truth(proj, "dev.bundle")
        DEV_TRUTH.write_text(dump_truth(dev))
        build_apk(proj, "dev.bundle", DEV_APK)
        for t, apk in ((truth, APK), (dev, DEV_APK)):
            print(f"hybrid_real: {t['metro_modules']} modules, {len(t['reads'])} reads;"
                  f" {apk.relative_to(REPO)} ({apk.stat().st_size} bytes)", file=sys.stderr)
    if which in ("all", "cordova"):
        proj = build_cordova()
        truth = derive_cordova_truth(proj)
        CDV_TRUTH.write_text(dump_truth(truth))
        build_cordova_apk(proj)
        print(f"hybrid_real: {CDV_TRUTH.relative_to(REPO)} ({len(truth['scripts'])} scripts,"
              f" {len(truth['reads'])} reads) and {CDV_APK.relative_to(REPO)}"
              f" ({CDV_APK.stat().st_size} bytes)",
              file=sys.stderr)


# ---------------------------------------------------------------------------------------------------------
# scoring


_SCAN = """
import re, runpy, sys
sys.argv = ["piflow", "scan", sys.argv[1], "--format", "json"]
try:
    runpy.run_module("analyzer.cli", run_name="__main__")
finally:
    status = open("/proc/self/status").read()
    print("\\nVmHWM-kB", re.search(r"VmHWM:\\s+(\\d+)", status).group(1), file=sys.stderr)
"""


def scan(apk: Path) -> tuple[dict[str, Any], float, float]:
    """``piflow scan --format json`` in a subprocess: the document, wall seconds, the scan's peak RSS in
    MiB (VmHWM of the process itself: a forked child's rusage would count the parent's pages)."""
    t0 = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", _SCAN, str(apk)], cwd=REPO, capture_output=True, text=True,
                          check=False, env={**os.environ, "PYTHONPATH": str(REPO)})
    secs = time.perf_counter() - t0
    hwm = re.search(r"VmHWM-kB (\d+)", proc.stderr)
    if proc.returncode not in (0, 1) or hwm is None:
        sys.exit(f"hybrid_real: piflow scan failed ({proc.returncode}): {proc.stderr.strip()[-400:]}")
    return json.loads(proc.stdout), secs, int(hwm.group(1)) / 1024


def where(loc: dict[str, Any]) -> tuple[str, int, int] | None:
    """(script, line, col), 1-based, of a location in a script (``cls`` is ``file:line:col``)."""
    m = re.search(r"(assets/[^:\s]+):(\d+):(\d+)", str(loc.get("cls", "")))
    return (m.group(1), int(m.group(2)), int(m.group(3))) if m else None


def owner_str(owner: dict[str, Any] | None) -> str:
    """A reported owner as the truth writes it: ``app``, the SDK id, or ``library:<name>``."""
    if not owner:
        return "?"
    kind, oid = owner.get("kind"), owner.get("id")
    if kind == "app":
        return "app"
    if kind == "sdk":
        return str(oid)
    return f"{kind}:{oid}"


def owner_class(owner: str) -> str:
    return "app" if owner == "app" else "library" if owner.startswith("library:") else "sdk"


def score(doc: dict[str, Any], truth: dict[str, Any]) -> dict[str, Any]:
    mods = truth.get("modules", [])  # Metro: 1-based spans, sorted
    scripts = truth.get("scripts", {})  # plain files: path in the APK -> owner
    companies = {s["id"]: s.get("company", "") for s in
                 yaml.safe_load((REPO / "policies" / "sdks.yaml").read_text())["sdks"]}

    def truth_owner(script: str, line: int, col: int) -> tuple[str, int | str | None]:
        if truth["kind"] == "metro":
            m = module_at(mods, line, col) if script == truth["bundle"] else None
            return (m["owner"], m["id"]) if m else ("?", None)
        return (scripts[script]["owner"], script) if script in scripts else ("?", None)

    def same_vendor(a: str, b: str) -> bool:
        return a == b or (a in companies and b in companies and companies[a] == companies[b])

    # reads
    reported = []
    for acc in doc.get("access", []):
        if acc.get("kind") != "js":
            continue
        pos = where(acc.get("location") or {})
        if pos is None:
            continue
        towner, mid = truth_owner(*pos)
        reported.append({"api": acc.get("api", ""), "source_id": acc.get("source_id", ""), "at": pos,
                         "method": (acc.get("location") or {}).get("method", ""),
                         "module": mid, "truth_owner": towner, "owner": owner_str(acc.get("owner"))})
    truth_reads = [dict(r, found=None) for r in truth["reads"]]
    for rep in reported:  # a report matches the nearest unmatched truth read of its module and member
        member = rep["api"].rsplit(".", 1)[-1]
        best = None
        for tr in truth_reads:
            if tr["found"] is not None or tr["module"] != rep["module"] or tr["member"] != member:
                continue
            tl, tc = map(int, tr["at"].split(":"))
            d = abs(tl - rep["at"][1]) * 10**6 + abs(tc - rep["at"][2])
            if d < 400 and (best is None or d < best[0]):
                best = (d, tr)
        rep["matched"] = best is not None
        if best:
            best[1]["found"] = rep
    # endpoints in the bundle
    endpoints = []
    for ep in doc.get("endpoints", []):
        pos = where(ep.get("location") or {})
        if pos is None:
            continue
        towner, mid = truth_owner(*pos)
        endpoints.append({"host": ep.get("host"), "url": ep.get("url"), "at": pos, "module": mid,
                          "truth_owner": towner, "owner": owner_str(ep.get("owner"))})
    leaks = []
    for lk in doc.get("script_leaks", []):
        pos = where(lk.get("sink") or {})
        towner, mid = truth_owner(*pos) if pos else ("?", None)
        leaks.append({"sink": lk.get("sink_api"), "at": pos, "module": mid, "truth_owner": towner,
                      "owner": owner_str(lk.get("sink_owner")),
                      "sources": [where(x.get("location") or {}) for x in lk.get("sources", [])]})
    read_at = {f"{t['script']}:{t['at']}": t for t in truth_reads}
    sends = []
    used: set[int] = set()  # a reported leak matches one truth send: the one whose call it is
    for snd in truth.get("sends", []):
        sl, sc = map(int, snd["at"].split(":"))
        near = [(abs(lk["at"][2] - sc), i) for i, lk in enumerate(leaks)
                if i not in used and lk["module"] == snd["module"] and lk["at"] and lk["at"][1] == sl
                and abs(lk["at"][2] - sc) < 60]
        hit = leaks[min(near)[1]] if near else None
        if near:
            used.add(min(near)[1])
        flowing = 0
        if hit:
            for at in snd["reads"]:
                rep = read_at[at]["found"]
                flowing += rep is not None and rep["at"] in hit["sources"]
        sends.append({"file": snd["file"], "line": snd["line"], "call": snd["call"], "at": snd["at"],
                      "found": hit is not None, "reads": len(snd["reads"]), "reads_found": flowing,
                      "owner_ok": hit is not None and hit["owner"] == snd["owner"]})

    classes = ("app", "sdk", "library")
    table: dict[str, dict[str, int]] = {c: Counter() for c in classes}  # type: ignore[misc]
    for tr in truth_reads:
        row = table[owner_class(tr["owner"])]
        row["truth"] += 1
        row["truth_cat"] += tr["bridge"] is not None
        row["found"] += tr["found"] is not None
        row["found_cat"] += tr["found"] is not None and tr["bridge"] is not None
    for rep in reported:
        row = table.get(owner_class(rep["truth_owner"]), table["library"])
        row["reported"] += 1
        row["owner_ok"] += rep["owner"] == rep["truth_owner"]
        row["vendor_ok"] += same_vendor(rep["owner"], rep["truth_owner"])
    for ep in endpoints:
        row = table.get(owner_class(ep["truth_owner"]), table["library"])
        row["endpoints"] += 1
        row["ep_owner_ok"] += ep["owner"] == ep["truth_owner"]
    n_cat = sum(1 for t in truth_reads if t["bridge"])
    n_rep = len(reported)
    summary = {
        "truth_reads": len(truth_reads), "truth_reads_catalogued": n_cat,
        "found": sum(1 for t in truth_reads if t["found"]),
        "found_catalogued": sum(1 for t in truth_reads if t["found"] and t["bridge"]),
        "reported_reads": n_rep, "reported_unmatched": sum(1 for r in reported if not r["matched"]),
        "read_owner_accuracy": round(sum(r["owner"] == r["truth_owner"] for r in reported) / n_rep, 3)
        if n_rep else 0.0,
        "endpoints": len(endpoints),
        "endpoint_owner_accuracy": round(sum(e["owner"] == e["truth_owner"] for e in endpoints)
                                         / len(endpoints), 3) if endpoints else 0.0,
        "script_leaks": len(leaks),
        "truth_sends": len(sends), "sends_found": sum(x["found"] for x in sends),
        "send_reads": sum(x["reads"] for x in sends),
        "send_reads_found": sum(x["reads_found"] for x in sends),
    }
    summary["recall_catalogued"] = round(summary["found_catalogued"] / n_cat, 3) if n_cat else 0.0
    summary["recall_all"] = round(summary["found"] / len(truth_reads), 3) if truth_reads else 0.0
    return {"summary": summary, "by_class": {c: dict(table[c]) for c in classes},
            "reads": [{k: v for k, v in t.items() if k != "found"} | {
                "found_as": t["found"]["api"] if t["found"] else None,
                "reported_owner": t["found"]["owner"] if t["found"] else None} for t in truth_reads],
            "reported": reported, "endpoints": endpoints, "leaks": leaks, "sends": sends}


def print_report(name: str, res: dict[str, Any], secs: float, mib: float, verbose: bool) -> None:
    s, bc = res["summary"], res["by_class"]
    print(f"== {name}")
    print(f"{'owner class':<12}{'truth reads':>12}{'(bridged)':>10}{'found':>7}{'(bridged)':>10}"
          f"{'reported':>10}{'owner ok':>10}{'vendor ok':>10}{'endpoints':>11}{'owner ok':>10}")
    for c, row in bc.items():
        print(f"{c:<12}{row.get('truth', 0):>12}{row.get('truth_cat', 0):>10}{row.get('found', 0):>7}"
              f"{row.get('found_cat', 0):>10}{row.get('reported', 0):>10}{row.get('owner_ok', 0):>10}"
              f"{row.get('vendor_ok', 0):>10}{row.get('endpoints', 0):>11}{row.get('ep_owner_ok', 0):>10}")
    print(f"recall: bridged reads {s['found_catalogued']}/{s['truth_reads_catalogued']}"
          f" ({s['recall_catalogued']:.1%}), all reads {s['found']}/{s['truth_reads']}"
          f" ({s['recall_all']:.1%});"
          f" reported reads {s['reported_reads']} ({s['reported_unmatched']} not in the truth)")
    print(f"owner accuracy: reads {s['read_owner_accuracy']:.1%},"
          f" endpoints {s['endpoint_owner_accuracy']:.1%} ({s['endpoints']} endpoints);"
          f" script leaks {s['script_leaks']}")
    print(f"read-then-send: sends found {s['sends_found']}/{s['truth_sends']},"
          f" reads reaching them {s['send_reads_found']}/{s['send_reads']}")
    print(f"scan: {secs:.1f} s, peak RSS {mib:.0f} MiB")
    if verbose:
        for t in res["reads"]:
            mark = "found" if t["found_as"] else "MISSED"
            print(f"  {mark:<6} {t['owner']:<28} {t['at']:>12} m{t['module']} {t['call']}"
                  f"{'' if t['bridge'] else ' (no bridge)'} -> {t['reported_owner'] or ''}")
        for r in res["reported"]:
            if not r["matched"]:
                print(f"  EXTRA  {r['truth_owner']:<28} {r['at'][1]}:{r['at'][2]:<8} m{r['module']}"
                      f" {r['api']} ({r['source_id']}) -> {r['owner']}")
        for x in res["sends"]:
            print(f"  {'found' if x['found'] else 'MISSED':<6} send {x['file']}:{x['line']} {x['call']}"
                  f" ({x['reads_found']}/{x['reads']} reads)")
        for e in res["endpoints"]:
            ok = "ok " if e["owner"] == e["truth_owner"] else "BAD"
            print(f"  {ok} endpoint {e['host']:<34} m{e['module']} truth {e['truth_owner']:<26}"
                  f" reported {e['owner']}")


def check_truth(apk: Path, truth: dict[str, Any]) -> None:
    """The APK's scripts are the ones the truth was made from (else: run --build)."""
    with zipfile.ZipFile(apk) as z:
        if truth["kind"] == "metro":
            same = hashlib.sha256(z.read(truth["bundle"])).hexdigest() == truth["bundle_sha256"]
        else:
            same = all(hashlib.sha256(z.read(p)).hexdigest() == v["sha256"]
                       for p, v in truth["scripts"].items())
    if not same:
        sys.exit(f"hybrid_real: {apk.name}'s scripts are not the ones its truth was made from: run --build")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--build", action="store_true",
                    help="rebuild the bundles, the truth and the APKs (npm, Metro, Cordova, apktool)")
    ap.add_argument("--only", choices=("rn", "rn-dev", "cordova"), help="one app only")
    ap.add_argument("--json", type=Path, help="write the full result here")
    ap.add_argument("--floor", type=float, help="exit 1 when a read owner accuracy is below this (0..1)")
    ap.add_argument("--recall-floor", type=float,
                    help="exit 1 when a bridged-read recall is below this (0..1)")
    ap.add_argument("--verbose", action="store_true", help="list every truth read, extra report and endpoint")
    args = ap.parse_args(argv)
    if args.build:
        build({"rn-dev": "rn"}.get(args.only or "all", args.only or "all"))
    apps = {"rn": ("React Native (Metro production bundle)", APK, TRUTH),
            "rn-dev": ("React Native (Metro development bundle: module paths kept)", DEV_APK, DEV_TRUTH),
            "cordova": ("Cordova (prepared www)", CDV_APK, CDV_TRUTH)}
    results: dict[str, Any] = {}
    rc = 0
    for key, (name, apk, truth_file) in apps.items():
        if args.only and key != args.only:
            continue
        truth = json.loads(truth_file.read_text())
        check_truth(apk, truth)
        doc, secs, mib = scan(apk)
        res = score(doc, truth)
        res["scan_seconds"], res["scan_peak_mib"] = round(secs, 2), round(mib, 1)
        print_report(name, res, secs, mib, args.verbose)
        results[key] = res
        if args.floor is not None and res["summary"]["read_owner_accuracy"] < args.floor:
            print(f"{key}: read owner accuracy {res['summary']['read_owner_accuracy']:.3f}"
                  f" below the floor {args.floor}")
            rc = 1
        if args.recall_floor is not None and res["summary"]["recall_catalogued"] < args.recall_floor:
            print(f"{key}: bridged-read recall {res['summary']['recall_catalogued']:.3f}"
                  f" below the floor {args.recall_floor}")
            rc = 1
    if args.json:
        args.json.write_text(json.dumps(results, indent=1, default=list) + "\n")
    return rc


if __name__ == "__main__":
    sys.exit(main())
