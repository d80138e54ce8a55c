"""Render a scan result for people: rich tables on a terminal, plain text elsewhere.

Every string that came from the APK goes through
:func:`analyzer.common.terminal.term` (one printable line, markup escaped), so
an app can inject neither console markup nor control characters.
"""

from __future__ import annotations

from collections import defaultdict

from rich.console import Console
from rich.table import Table

from analyzer.common.terminal import term
from analyzer.kb.catalogue import KnowledgeBase
from analyzer.model import LEAK_SCOPES, Leak, PreConsentHit, SecurityFact
from analyzer.static.scan import ScanResult


def _size(n: int) -> str:
    return f"{n / 1e6:.1f} MB" if n >= 1e6 else f"{n / 1e3:.0f} KB"


_MAX_ROWS = 30


def _render_security(result: ScanResult, console: Console) -> None:
    """One row per (fact kind, class, owner): sites, reachability, use and the first evidence."""
    if not result.security:
        return
    rows: dict[tuple[str, str, str], list[SecurityFact]] = defaultdict(list)
    for f in result.security:
        rows[(f.kind, f.subject or f.location.cls, f.owner.node)].append(f)
    table = Table(title="Security facts", title_justify="left")
    table.add_column("fact", no_wrap=True)
    for col in ("class", "owner", "sites", "reachable", "used", "evidence"):
        table.add_column(col, overflow="fold")
    ordered = sorted(rows.items(), key=lambda kv: (not any(f.reachable for f in kv[1]), kv[0]))
    for (kind, cls, owner), facts in ordered[:_MAX_ROWS]:
        installs = any(f.used_at for f in facts) or kind.startswith(("trust_all", "ssl_error", "allow_all"))
        table.add_row(term(kind), term(cls), term(owner), str(len(facts)),
                      "yes" if any(f.reachable for f in facts) else "no",
                      ("yes" if any(f.used for f in facts) else "no") if installs else "",
                      term(facts[0].evidence))
    console.print(table)
    if len(ordered) > _MAX_ROWS:
        console.print(f"… and {len(ordered) - _MAX_ROWS} more rows (--format json has them all)")


def _render_pre_consent(result: ScanResult, console: Console) -> None:
    """SDK calls and PI reads before any user interaction, grouped, with the shortest chain."""
    open_hits = [h for h in result.pre_consent if not h.gate]
    _render_gated(result, console)
    if not open_hits:
        return
    rows: dict[tuple[str, str], list[PreConsentHit]] = defaultdict(list)
    for h in open_hits:
        what = f"sdk:{h.sdk}" if h.kind == "sdk_call" else ", ".join(h.pi)
        rows[(what, h.owner.node)].append(h)
    table = Table(title="Before any user interaction (pre-consent)", title_justify="left")
    for col in ("SDK / PI", "by", "APIs", "sites", "first reached from"):
        table.add_column(col, overflow="fold")
    for (what, owner), hits in sorted(rows.items())[:_MAX_ROWS]:
        apis = sorted({h.api.split("(")[0] + (" (init)" if h.sdk_init else "") for h in hits})
        shortest = min(hits, key=lambda h: len(h.chain))
        shown = "\n".join(apis[:3]) + ("\n…" if len(apis) > 3 else "")
        table.add_row(term(what), term(owner), term(shown), str(len(hits)),
                      term(" → ".join(shortest.chain)))
    console.print(table)
    if len(rows) > _MAX_ROWS:
        console.print(f"… and {len(rows) - _MAX_ROWS} more rows (--format json has them all)")


def _render_gated(result: ScanResult, console: Console) -> None:
    """Window sites a consent flag keeps out on the first launch, and flags window code presets."""
    gated = [h for h in result.pre_consent if h.gate]
    if gated:
        table = Table(title="Behind a consent gate (not run before consent on the first launch)",
                      title_justify="left")
        for col in ("SDK / PI", "by", "APIs", "gate"):
            table.add_column(col, overflow="fold")
        rows: dict[tuple[str, str, str], list[PreConsentHit]] = defaultdict(list)
        for h in gated:
            what = f"sdk:{h.sdk}" if h.kind == "sdk_call" else ", ".join(h.pi or h.permissions)
            rows[(what, h.owner.node, h.gate)].append(h)
        for (what, owner, gate), hits in sorted(rows.items())[:_MAX_ROWS]:
            apis = sorted({h.api.split("(")[0] for h in hits})
            table.add_row(term(what), term(owner), term("\n".join(apis[:3])), term(gate))
        console.print(table)
    for gt in result.consent_gates:
        if gt.preset:
            console.print(term(f"Default consent: {', '.join(gt.flags)} is set with no user action at "
                               f"{gt.preset[0]}, so it keeps {gt.gated} site(s) in the pre-consent window"))


def _steps(lk: Leak) -> str:
    """The other sink calls of a flow, in one line (none: empty)."""
    if not lk.steps:
        return ""
    names = ", ".join(dict.fromkeys(st.api.rsplit(".", 2)[-2] + "." + st.api.rsplit(".", 1)[-1]
                                    for st in lk.steps))
    return "\n" + term(f"after {len(lk.steps)} more sink call(s) of the same flow: {names}")


def _sends_to(lk: Leak) -> str:
    """Where a network sink call sends (its destinations), in one line; empty for other sinks."""
    if lk.sink_kind not in ("network", "webview"):
        return ""
    return "\n" + term("sends to " + (", ".join(lk.destinations) or "a host the code does not fix"))


def _render_leaks(result: ScanResult, console: Console) -> None:
    """Taint paths: PI, source call site, the methods passed, sink call site, the owner of each end."""
    if not result.leaks:
        if result.stats.taint_methods:
            console.print("Taint: no PI reaches a catalogued sink.")
        return
    table = Table(title="Taint paths: PI reaching a sink", title_justify="left")
    for col in ("PI", "source", "through", "sink", "owners", "conf."):
        table.add_column(col, overflow="fold")
    # what leaves the app first; what stays in its storage or goes to its own components after
    ordered = sorted(result.leaks, key=lambda lk: (LEAK_SCOPES.index(lk.scope), lk.sink_kind, lk.pi,
                                                   str(lk.sink)))
    kept = sum(lk.scope != "outside" for lk in ordered)
    if kept:
        table.caption = (f"{len(ordered) - kept} leave the app; {kept} stay in it (its storage, "
                         "or intents to its own components: scope shown under the sink)")
    for lk in ordered[:_MAX_ROWS]:
        src = lk.sources[0]
        more = f"\n(+{len(lk.sources) - 1} more sources)" if len(lk.sources) > 1 else ""
        through = " → ".join(lk.path[:6]) + (" → …" if len(lk.path) > 6 else "")
        owners = sorted({s.owner.node for s in lk.sources})
        table.add_row(term(", ".join(lk.pi)), term(src.api) + "\n@ " + term(src.location) + more,
                      term(through), term(f"{lk.sink_kind}: {lk.sink_api}") + "\n@ " + term(lk.sink)
                      + (f"\n(stays in the app: {lk.scope})" if lk.scope != "outside" else "")
                      + _sends_to(lk) + _steps(lk),
                      term(", ".join(owners) + f" → {lk.sink_owner.node}"),
                      term(lk.confidence.value + ("\nimplicit" if lk.implicit else "")))
    console.print(table)
    if len(ordered) > _MAX_ROWS:
        console.print(f"… and {len(ordered) - _MAX_ROWS} more paths (--format json has them all)")
    if result.unresolved:
        kinds = sorted({u.kind for u in result.unresolved})
        console.print(f"{len(result.unresolved)} calls into code the analysis cannot see ("
                      + ", ".join(term(k) for k in kinds) + "): --format json lists them")


_FORMAT_NAMES = {"apks": "a split set (.apks)", "xapk": "an XAPK", "aab": "an app bundle (.aab)",
                 "decoded": "an apktool-decoded folder"}


def render_scan(result: ScanResult, kb: KnowledgeBase, console: Console, verbose: bool = False) -> None:
    """Print the summary of one scan."""
    info = result.app
    console.print(f"[bold]{term(info.package)}[/] {term(info.version_name or '')} "
                  f"(versionCode {term(info.version_code or '?')}) · minSdk {info.min_sdk} · "
                  f"targetSdk {info.target_sdk} · {_size(result.size)} · "
                  f"sha256 {result.sha256[:12]}…")
    if result.input_format != "apk":
        splits = f": {', '.join(term(s) for s in result.splits)}" if result.splits else ""
        console.print(f"read as one app from {_FORMAT_NAMES.get(result.input_format, result.input_format)}"
                      f"{splits}")
    s = result.stats
    console.print(f"{s.classes} classes, {s.methods} methods, {s.reachable_methods} reachable from "
                  f"{s.entry_points} entry points · {s.seconds:.2f} s")
    flags = []
    if info.uses_cleartext_traffic:
        flags.append("[yellow]cleartext HTTP permitted[/]")
    if info.allow_backup:
        flags.append("allowBackup")
    if info.debuggable:
        flags.append("[red]debuggable[/]")
    if info.network_security.trusts_user_cas:
        flags.append("trusts user CAs")
    exported = [c for c in info.components if c.exported and c.enabled]
    flags.append(f"{len(exported)} exported components")
    console.print(" · ".join(flags))
    for f in result.frameworks:
        console.print(f"hybrid app: [bold]{term(f.name)}[/] ({term(', '.join(f.evidence[:3]))})"
                      + (f" · [yellow]{term(f.incomplete)}[/]" if f.incomplete else ""))
    if result.script_leaks:
        console.print(f"{len(result.script_leaks)} script request calls send a bridge read's value "
                      "(read then sent in one function):")
        for lk in result.script_leaks:
            console.print(f"  {term(', '.join(lk.pi))} → {term(lk.sink_api)} at {term(str(lk.sink))} → "
                          f"{term(', '.join(lk.destinations) or 'a host the script does not fix')}")
    for ph in result.packers:
        colour = "red" if ph.hides_code else "yellow"
        console.print(f"[{colour}]{term(ph.kind)}: {term(ph.name)}[/] ({term(ph.vendor)}) · "
                      + ", ".join(term(e) for e in ph.evidence[:4])
                      + (f" · {len(ph.opaque_files)} assets look encrypted" if ph.opaque_files else ""))
    if not result.stats.static_complete:
        console.print(f"[bold red]static evidence incomplete:[/] {term(result.stats.incomplete_reason)}")
    if info.dangerous_permissions:
        console.print("dangerous permissions: " + ", ".join(
            term(p.removeprefix("android.permission.")) for p in dict.fromkeys(info.dangerous_permissions)))

    table = Table(title="Personal information the code can reach", title_justify="left")
    for col in ("PI type", "名称", "read by", "through"):
        table.add_column(col, overflow="fold")
    table.add_column("sites", justify="right")
    grouped: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    sites: dict[str, int] = defaultdict(int)
    for a in result.access:
        if not a.reachable:
            continue
        for p in a.pi:
            grouped[p][a.owner.node].add(a.api)
            sites[p] += 1
    for pi in sorted(grouped):
        t = kb.taxonomy.get(pi)
        owners = grouped[pi]
        table.add_row(
            term(pi), term(t.zh if t else ""),
            "\n".join(term(o) for o in sorted(owners)),
            "\n".join(term(api) for api in sorted({x for v in owners.values() for x in v})[:4])
            + ("\n…" if len({x for v in owners.values() for x in v}) > 4 else ""),
            str(sites[pi]))
    if grouped:
        console.print(table)
    elif not result.stats.static_complete:
        console.print("No catalogued PI source is reachable in the code that could be read "
                      "(the rest is packed: no verdict).")
    else:
        console.print("No catalogued PI source is reachable from the app's entry points.")
    if result.unreachable_pi_types:
        console.print("Only in unreachable code: "
                      + ", ".join(term(p) for p in result.unreachable_pi_types))
    unheld: dict[str, set[str]] = defaultdict(set)
    for a in result.unheld:
        unheld[(a.permission or "").removeprefix("android.permission.")].update(a.pi)
    if unheld:
        console.print("Not collected, guarded by a permission the app does not hold: " + "; ".join(
            f"{term(', '.join(sorted(pis)))} ({term(perm)})" for perm, pis in sorted(unheld.items())))
    idle: dict[str, set[str]] = defaultdict(set)
    for a in result.idle:
        idle[a.owner.id].update(a.pi)
    if idle:
        console.print("Not collected, in data classes of SDKs the app does not use: " + "; ".join(
            f"{term(', '.join(sorted(pis)))} ({term(sdk)})" for sdk, pis in sorted(idle.items())))
    off: dict[str, set[str]] = defaultdict(set)
    for a in result.off:
        off[a.location.cls.rpartition(".")[2].split("$")[0]].update(a.pi)
    if off:
        console.print("Not collected, in library code the app never switches on: " + "; ".join(
            f"{term(', '.join(sorted(pis)))} ({term(cls)})" for cls, pis in sorted(off.items())))
    compared: dict[str, set[str]] = defaultdict(set)
    for a in result.compared:
        compared[a.api].update(a.pi)
    if compared:
        console.print("Not collected, read only to be compared: " + "; ".join(
            f"{term(', '.join(sorted(pis)))} ({term(api)})" for api, pis in sorted(compared.items())))

    if result.sdks:
        st = Table(title="Third-party SDKs bundled", title_justify="left")
        for col in ("SDK", "company", "country", "category", "classes", "reachable", "PI it reads",
                    "account"):
            st.add_column(col, overflow="fold")
        pi_by_sdk: dict[str, set[str]] = defaultdict(set)
        for a in result.access:
            if a.reachable and a.owner.kind == "sdk":
                pi_by_sdk[a.owner.id].update(a.pi)
        for h in result.sdks:
            st.add_row(term(h.name), term(h.company), term(h.country), term(h.category),
                       str(h.classes) if h.classes else "0 (manifest only)", "yes" if h.reachable else "no",
                       term(", ".join(sorted(pi_by_sdk.get(h.sdk_id, ())))),
                       term("; ".join(f"{a.name}={a.value}" for a in h.accounts)))
        console.print(st)
    else:
        console.print("No catalogued third-party SDK found.")
    hosts = sorted({(e.host, e.scheme) for e in result.endpoints})
    if hosts:
        shown = ", ".join(term(f"{sch}://{h}" if sch else h) for h, sch in hosts[:12])
        more = f" … (+{len(hosts) - 12})" if len(hosts) > 12 else ""
        console.print(f"Endpoints in code: {shown}{more}")
    _render_security(result, console)
    _render_pre_consent(result, console)
    _render_leaks(result, console)
    if verbose:
        vt = Table(title="Call sites", title_justify="left")
        for col in ("PI", "API", "location", "owner", "reachable"):
            vt.add_column(col, overflow="fold")
        for a in result.access:
            vt.add_row(term(",".join(a.pi)), term(a.api), term(str(a.location)),
                       term(a.owner.node), "yes" if a.reachable else "no")
        console.print(vt)
    for w in result.warnings:
        console.print(f"[yellow]note:[/] {term(w)}")
