"""Score piflow on real open-source apps against hand-adjudicated truth: PI types, SDKs and taint leaks.

The apps are APKs shipped inside public npm packages, pinned in ``APPS`` (package, version, path inside
the tarball, SHA-256). ``bench/realapps/<app>.yaml`` records what each app really does, decided by
reading its DEX and manifest, not from piflow's output: the PI types its code can collect at run time
(``pi_types``), the third-party SDKs it bundles and uses (``sdks``), the flows of PI to sinks
(``leaks``), and the items piflow reported wrongly, with the reason (``not_pi_types``, ``not_sdks``,
``not_leaks``); ``pi_types_unsure`` and ``leaks_unsure`` (what depends on conditions the APK does not
decide) count neither way. Every item names the call site that decides it.

Each app is scanned in-process (``scan_apk(path, taint=True)``) and compared with its truth:

- PI types: reported = ``ScanResult.pi_types`` (reads in reachable code); matched = reported and in the
  truth; found = truth types reported.
- SDKs: reported = the ids of ``ScanResult.sdks``; an SDK the catalogue lacks (``missing_in_kb``) can
  only be missed.
- Leaks: a reported leak matches a truth leak when its sink call site (class and method) and sink API
  match one of the truth leak's ``sinks`` and one of its sources (class, method, API) matches one of
  its ``sources``. A truth leak lists the forms of the same datum piflow may name (the app's call or the
  library call under it, a provider's ``Uri`` string or its query). Classes are compared with ``$`` as
  ``.``, APIs without a trailing argument (``Settings$Secure.getString("android_id")``).

Precision = matched / reported, recall = found / truth. A reported item that matches nothing is a false
positive, counted apart as "listed" (the truth's ``not_*`` names it, with its reason) or "new" (nobody
has adjudicated it yet: read the code and add it to the truth). Also printed: how many PI types each
reported leak carries.

APKs are cached under ``$PIFLOW_BENCH_CACHE/npm`` (default ``~/.cache/piflow-bench/npm``) and never
committed; ``--fetch`` runs ``npm pack NAME@VERSION`` for the tarballs not there yet, and each APK is
checked against its pinned SHA-256 before it is scanned.

Usage: python bench/realapps.py [--fetch] [--only SUBSTR] [--json OUT] [--verbose]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import subprocess
import sys
import tarfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

if TYPE_CHECKING:
    from analyzer.kb.catalogue import KnowledgeBase
    from analyzer.model import Leak
    from analyzer.static.scan import ScanResult

REPO = Path(__file__).resolve().parents[1]
TRUTH = Path(__file__).resolve().parent / "realapps"
CACHE = Path(os.environ.get("PIFLOW_BENCH_CACHE", Path.home() / ".cache" / "piflow-bench")) / "npm"
BUDGET_S = 600.0
"""Time budget of one scan (the largest app, 9,575 classes, takes seconds)."""

KINDS = ("pi_types", "sdks", "leaks")
KIND_TITLE = {"pi_types": "PI types", "sdks": "SDKs", "leaks": "leaks"}


@dataclass(frozen=True)
class AppSpec:
    """One app: the npm package that ships it and the pinned APK inside."""

    key: str
    """Name of the truth file (``bench/realapps/<key>.yaml``)."""
    npm: str
    version: str
    path: str
    """Path of the APK inside the package tarball."""
    sha256: str

    @property
    def tarball(self) -> Path:
        """Where ``npm pack`` leaves the tarball (``@scope/name`` becomes ``scope-name``)."""
        return CACHE / f"{self.npm.lstrip('@').replace('/', '-')}-{self.version}.tgz"

    @property
    def apk(self) -> Path:
        """The APK extracted from the tarball."""
        return CACHE / self.tarball.name.removesuffix(".tgz") / self.path


APPS: tuple[AppSpec, ...] = (
    AppSpec("appium-settings", "io.appium.settings", "8.0.10", "package/apks/settings_apk-debug.apk",
            "4c5d60ab5ae56502857dc625e1dde2996fa6d9e64c479bbce59214774e2129dd"),
    AppSpec("stf-service", "@devicefarmer/stf", "3.7.9", "package/vendor/STFService/STFService.apk",
            "222b04c54112cfd3e13c30ad4f0d61c05d95f0299984b7bf9d7a2b5e76097f3b"),
    AppSpec("appium-uiautomator2-server", "appium-uiautomator2-server", "10.6.6",
            "package/apks/appium-uiautomator2-server-v10.6.6.apk",
            "8ff760a2a86b487f53090fbdcd5b0360e67d02bb811887d527a9557b0d59c80d"),
)


# ---------------------------------------------------------------------------------------------------
# Fetching


def sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def locate(spec: AppSpec, fetch: bool) -> Path | None:
    """The app's APK, extracted from its cached tarball (downloaded first with ``fetch``); None when the
    tarball is not cached and ``fetch`` is off. Raises SystemExit when the bytes are not the pinned ones."""
    if not spec.apk.is_file():
        if not spec.tarball.is_file():
            if not fetch:
                return None
            CACHE.mkdir(parents=True, exist_ok=True)
            print(f"npm pack {spec.npm}@{spec.version}", file=sys.stderr)
            subprocess.run(["npm", "pack", "--loglevel=warn", f"{spec.npm}@{spec.version}"], cwd=CACHE,
                           check=True, stdout=subprocess.DEVNULL)
        with tarfile.open(spec.tarball, "r:gz") as tf:
            src = tf.extractfile(tf.getmember(spec.path))
            if src is None:
                raise SystemExit(f"{spec.tarball.name}: {spec.path} is not a regular file")
            spec.apk.parent.mkdir(parents=True, exist_ok=True)
            tmp = spec.apk.with_name(spec.apk.name + ".part")
            tmp.write_bytes(src.read())
            tmp.replace(spec.apk)
    got = sha256(spec.apk)
    if got != spec.sha256:
        raise SystemExit(f"{spec.apk}: SHA-256 {got}, pinned {spec.sha256}: the truth is for other bytes")
    return spec.apk


# ---------------------------------------------------------------------------------------------------
# Truth


def norm_class(name: str) -> str:
    """``a.B$C`` -> ``a.B.C``."""
    return name.replace("$", ".")


def norm_api(api: str) -> str:
    """An API as compared: ``$`` as ``.``, no argument list, key or what it reads through
    (``Intent.getData() of android.intent.action.PACKAGE_ADDED`` -> ``Intent.getData``)."""
    return norm_class(re.sub(r"\(.*$", "", api.strip()))


@dataclass(frozen=True)
class Site:
    """A call site as the truth names it: class, method, API called there."""

    cls: str
    method: str
    api: str

    @classmethod
    def parse(cls, d: dict[str, Any]) -> Site:
        klass, _, method = str(d["at"]).rpartition(".")
        return cls(norm_class(klass), method, norm_api(str(d["api"])))

    def matches(self, klass: str, method: str, api: str) -> bool:
        return self.cls == norm_class(klass) and self.method == method and self.api == norm_api(api)


@dataclass
class TruthLeak:
    name: str
    sinks: list[Site]
    sources: list[Site]


@dataclass
class Truth:
    app: str
    pi_types: set[str]
    unsure: set[str]
    not_pi_types: set[str]
    sdks: set[str]
    not_sdks: set[str]
    leaks: list[TruthLeak]
    unsure_leaks: list[TruthLeak]
    """Flows that happen only under conditions the APK does not decide: neither counted nor missed."""
    not_leaks: list[tuple[Site, list[Site]]]
    """Sink and, if given, the sources that make a reported leak the listed wrong one."""


def _ids(items: list[dict[str, Any]] | None) -> set[str]:
    return {str(i["id"]) for i in items or []}


def load_truth(spec: AppSpec) -> Truth:
    """Read ``bench/realapps/<key>.yaml``; its ``apk`` block must be the pinned one."""
    path = TRUTH / f"{spec.key}.yaml"
    d = yaml.safe_load(path.read_text(encoding="utf-8"))
    apk = d["apk"]
    pinned = {"npm": spec.npm, "version": spec.version, "path": spec.path, "sha256": spec.sha256}
    wrong = {k: (str(apk.get(k)), v) for k, v in pinned.items() if str(apk.get(k)) != v}
    if wrong:
        raise SystemExit(f"{path.name}: apk block differs from APPS in bench/realapps.py: {wrong}")
    def leaks(key: str) -> list[TruthLeak]:
        return [TruthLeak(str(lk["name"]), [Site.parse(s) for s in lk["sinks"]],
                          [Site.parse(s) for s in lk["sources"]]) for lk in d.get(key) or []]

    not_leaks = [(Site.parse(n["sink"]), [Site.parse(s) for s in n.get("sources") or []])
                 for n in d.get("not_leaks") or []]
    return Truth(str(d["app"]), _ids(d.get("pi_types")), _ids(d.get("pi_types_unsure")),
                 _ids(d.get("not_pi_types")), _ids(d.get("sdks")), _ids(d.get("not_sdks")), leaks("leaks"),
                 leaks("leaks_unsure"), not_leaks)


# ---------------------------------------------------------------------------------------------------
# Scoring


@dataclass
class KindScore:
    """One kind of finding for one app (or summed over apps)."""

    reported: int = 0
    matched: int = 0
    truth: int = 0
    found: int = 0
    fp_listed: list[str] = field(default_factory=list)
    fp_new: list[str] = field(default_factory=list)
    fn: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float | None:
        return self.matched / self.reported if self.reported else None

    @property
    def recall(self) -> float | None:
        return self.found / self.truth if self.truth else None

    def add(self, other: KindScore, app: str) -> None:
        """Add another app's score; its items are prefixed with the app's key."""
        self.reported += other.reported
        self.matched += other.matched
        self.truth += other.truth
        self.found += other.found
        self.fp_listed += [f"{app}: {i}" for i in other.fp_listed]
        self.fp_new += [f"{app}: {i}" for i in other.fp_new]
        self.fn += [f"{app}: {i}" for i in other.fn]

    def to_json(self) -> dict[str, Any]:
        return {"reported": self.reported, "matched": self.matched, "truth": self.truth, "found": self.found,
                "precision": self.precision, "recall": self.recall, "fp_listed": self.fp_listed,
                "fp_new": self.fp_new, "fn": self.fn}


def score_set(reported: set[str], truth: set[str], listed: set[str], unsure: set[str] | None = None
              ) -> KindScore:
    """Score ids: ``unsure`` ids count neither way; FP split by whether ``listed`` names them."""
    unsure = unsure or set()
    rep = reported - unsure
    fp = sorted(rep - truth)
    return KindScore(reported=len(rep), matched=len(rep & truth), truth=len(truth - unsure),
                     found=len(truth & rep), fp_listed=[i for i in fp if i in listed],
                     fp_new=[i for i in fp if i not in listed], fn=sorted(truth - rep - unsure))


def leak_label(lk: Leak) -> str:
    return f"{lk.sink.cls}.{lk.sink.method} {lk.sink_api} <- {','.join(lk.pi)}"


def matches(lk: Leak, sinks: list[Site], sources: list[Site]) -> bool:
    """The reported leak's sink (or one of its steps, the flow's other sink calls) is one of ``sinks``
    and one of its sources one of ``sources`` (any source when ``sources`` is empty)."""
    calls = [(lk.sink.cls, lk.sink.method, lk.sink_api)] + [(st.site.cls, st.site.method, st.api)
                                                            for st in lk.steps]
    if not any(s.matches(*call) for s in sinks for call in calls):
        return False
    return not sources or any(t.matches(a.location.cls, a.location.method, a.api)
                              for a in lk.sources for t in sources)


def score_leaks(leaks: tuple[Leak, ...], truth: Truth) -> KindScore:
    ks = KindScore(reported=len(leaks), truth=len(truth.leaks))
    found: set[int] = set()
    for lk in leaks:
        hit = [i for i, t in enumerate(truth.leaks) if matches(lk, t.sinks, t.sources)]
        if hit:
            ks.matched += 1
            found.update(hit)
        elif any(matches(lk, t.sinks, t.sources) for t in truth.unsure_leaks):
            ks.reported -= 1
        elif any(matches(lk, [sink], srcs) for sink, srcs in truth.not_leaks):
            ks.fp_listed.append(leak_label(lk))
        else:
            ks.fp_new.append(leak_label(lk))
    ks.found = len(found)
    ks.fn = [t.name for i, t in enumerate(truth.leaks) if i not in found]
    return ks


@dataclass
class AppResult:
    spec: AppSpec
    scores: dict[str, KindScore]
    pi_per_leak: Counter[int]
    seconds: float
    stats: dict[str, Any]
    error: str = ""
    implicit: int = 0
    """Implicit leaks (branches on PI decide the sink), apart: not scored."""


def score_app(spec: AppSpec, apk: Path, kb: KnowledgeBase) -> AppResult:
    """Scan one app and compare it with its truth."""
    from analyzer.errors import PiflowError
    from analyzer.static.scan import scan_apk

    truth = load_truth(spec)
    started = time.perf_counter()
    try:
        res: ScanResult = scan_apk(apk, kb, taint=True, budget_s=BUDGET_S)
    except PiflowError as e:
        return AppResult(spec, {}, Counter(), time.perf_counter() - started, {}, str(e))
    seconds = time.perf_counter() - started
    st = res.stats
    explicit = [lk for lk in res.leaks if not lk.implicit]  # implicit leaks are reported apart
    stats = {"classes": st.classes, "reachable_methods": st.reachable_methods, "partial": st.partial,
             "partial_reason": st.partial_reason}
    scores = {
        "pi_types": score_set(set(res.pi_types), truth.pi_types, truth.not_pi_types, truth.unsure),
        "sdks": score_set({h.sdk_id for h in res.sdks}, truth.sdks, truth.not_sdks),
        "leaks": score_leaks(explicit, truth),
    }
    return AppResult(spec, scores, Counter(len(lk.pi) for lk in explicit), seconds, stats,
                     implicit=len(res.leaks) - len(explicit))


def score(only: str = "", fetch: bool = False) -> list[AppResult]:
    from analyzer.kb.catalogue import load_kb

    kb = load_kb()
    results = []
    for spec in APPS:
        if only and only not in spec.key and only not in spec.npm:
            continue
        apk = locate(spec, fetch)
        if apk is None:
            print(f"{spec.key}: {spec.tarball.name} not in {CACHE}; run with --fetch", file=sys.stderr)
            continue
        results.append(score_app(spec, apk, kb))
    return results


# ---------------------------------------------------------------------------------------------------
# Output


def _ratio(x: float | None) -> str:
    return "–" if x is None else f"{x:.2f}"


HEADER = ("| kind | reported | matched | FP listed | FP new | truth | found | FN | precision | recall |\n"
          "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")


def _row(title: str, k: KindScore) -> str:
    return (f"| {title} | {k.reported} | {k.matched} | {len(k.fp_listed)} | {len(k.fp_new)} | {k.truth} "
            f"| {k.found} | {len(k.fn)} | {_ratio(k.precision)} | {_ratio(k.recall)} |")


def totals(results: list[AppResult]) -> dict[str, KindScore]:
    tot = {kind: KindScore() for kind in KINDS}
    for r in results:
        for kind, k in r.scores.items():
            tot[kind].add(k, r.spec.key)
    return tot


def report(results: list[AppResult], verbose: bool = False) -> str:
    """Markdown: a table per app, the totals, the PI types per reported leak."""
    out: list[str] = []
    for r in results:
        s = r.spec
        out.append(f"### {s.key}: {s.npm}@{s.version}, {Path(s.path).name}")
        if r.error:
            out += [f"scan failed: {r.error}", ""]
            continue
        partial = f", PARTIAL ({r.stats['partial_reason']})" if r.stats["partial"] else ""
        out += [f"{r.stats['classes']} classes, {r.stats['reachable_methods']} reachable methods, "
                f"scan {r.seconds:.1f} s{partial}; implicit leaks, apart (not scored): {r.implicit}",
                "", HEADER]
        out += [_row(KIND_TITLE[kind], r.scores[kind]) for kind in KINDS]
        if verbose:
            for kind in KINDS:
                k = r.scores[kind]
                for label, items in (("FP listed", k.fp_listed), ("FP new", k.fp_new), ("FN", k.fn)):
                    out += [f"- {KIND_TITLE[kind]} {label}: {i}" for i in items]
        out.append("")
    ok = [r for r in results if not r.error]
    tot = totals(ok)
    out += [f"### total, {len(ok)} apps", "", HEADER]
    out += [_row(KIND_TITLE[kind], tot[kind]) for kind in KINDS]
    width = max((n for r in ok for n in r.pi_per_leak), default=1)
    cols = " | ".join(f"{n} type{'s' if n > 1 else ''}" for n in range(1, width + 1))
    out += ["", "### PI types per reported leak", "", f"| app | leaks | {cols} |",
            "|---|---:|" + "---:|" * width]
    hist: Counter[int] = Counter()
    for r in ok:
        hist.update(r.pi_per_leak)
        out.append(f"| {r.spec.key} | {sum(r.pi_per_leak.values())} | "
                   + " | ".join(str(r.pi_per_leak.get(n, 0)) for n in range(1, width + 1)) + " |")
    out.append(f"| **all** | {sum(hist.values())} | "
               + " | ".join(str(hist.get(n, 0)) for n in range(1, width + 1)) + " |")
    return "\n".join(out)


def to_json(results: list[AppResult]) -> dict[str, Any]:
    apps = [{"app": r.spec.key, "npm": r.spec.npm, "version": r.spec.version, "apk": r.spec.path,
             "sha256": r.spec.sha256, "seconds": round(r.seconds, 1), "error": r.error, "stats": r.stats,
             "scores": {kind: k.to_json() for kind, k in r.scores.items()},
             "pi_types_per_leak": {str(n): c for n, c in sorted(r.pi_per_leak.items())}}
            for r in results]
    tot = totals([r for r in results if not r.error])
    return {"apps": apps, "total": {kind: k.to_json() for kind, k in tot.items()}}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--fetch", action="store_true", help="npm pack the pinned packages not cached yet")
    ap.add_argument("--only", default="", metavar="SUBSTR", help="only apps whose key or package has SUBSTR")
    ap.add_argument("--json", type=Path, metavar="OUT", help="write scores and their items here")
    ap.add_argument("--verbose", action="store_true", help="list each false positive and miss")
    args = ap.parse_args()
    sys.path.insert(0, str(REPO))
    results = score(args.only, args.fetch)
    print(report(results, args.verbose))
    if args.json:
        args.json.write_text(json.dumps(to_json(results), indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
