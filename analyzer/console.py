"""Render a scan result for people: rich tables on a terminal, plain text elsewhere.

Every string that came from the APK goes through :func:`rich.markup.escape`
(or a ``Text`` object) so an app cannot inject console markup.
"""

from __future__ import annotations

from collections import defaultdict

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from analyzer.kb import KnowledgeBase
from analyzer.scan import ScanResult


def _size(n: int) -> str:
    return f"{n / 1e6:.1f} MB" if n >= 1e6 else f"{n / 1e3:.0f} KB"


def render_scan(result: ScanResult, kb: KnowledgeBase, console: Console, verbose: bool = False) -> None:
    """Print the summary of one scan."""
    info = result.app
    console.print(f"[bold]{escape(info.package)}[/] {escape(info.version_name or '')} "
                  f"(versionCode {escape(info.version_code or '?')}) · minSdk {info.min_sdk} · "
                  f"targetSdk {info.target_sdk} · {_size(result.size)} · "
                  f"sha256 {result.sha256[:12]}…")
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
    if info.dangerous_permissions:
        console.print("dangerous permissions: " + ", ".join(
            escape(p.removeprefix("android.permission.")) for p in dict.fromkeys(info.dangerous_permissions)))

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
            escape(pi), escape(t.zh if t else ""),
            "\n".join(escape(o) for o in sorted(owners)),
            "\n".join(escape(api) for api in sorted({x for v in owners.values() for x in v})[:4])
            + ("\n…" if len({x for v in owners.values() for x in v}) > 4 else ""),
            str(sites[pi]))
    if grouped:
        console.print(table)
    else:
        console.print("No catalogued PI source is reachable from the app's entry points.")
    if result.unreachable_pi_types:
        console.print("Only in unreachable code: "
                      + ", ".join(escape(p) for p in result.unreachable_pi_types))

    if result.sdks:
        st = Table(title="Third-party SDKs bundled", title_justify="left")
        for col in ("SDK", "company", "country", "category", "classes", "reachable", "PI it reads"):
            st.add_column(col, overflow="fold")
        pi_by_sdk: dict[str, set[str]] = defaultdict(set)
        for a in result.access:
            if a.reachable and a.owner.kind == "sdk":
                pi_by_sdk[a.owner.id].update(a.pi)
        for h in result.sdks:
            st.add_row(escape(h.name), escape(h.company), escape(h.country), escape(h.category),
                       str(h.classes), "yes" if h.reachable else "no",
                       escape(", ".join(sorted(pi_by_sdk.get(h.sdk_id, ())))))
        console.print(st)
    else:
        console.print("No catalogued third-party SDK found.")
    hosts = sorted({(e.host, e.scheme) for e in result.endpoints})
    if hosts:
        shown = ", ".join(escape(f"{sch}://{h}" if sch else h) for h, sch in hosts[:12])
        more = f" … (+{len(hosts) - 12})" if len(hosts) > 12 else ""
        console.print(f"Endpoints in code: {shown}{more}")
    if verbose:
        vt = Table(title="Call sites", title_justify="left")
        for col in ("PI", "API", "location", "owner", "reachable"):
            vt.add_column(col, overflow="fold")
        for a in result.access:
            vt.add_row(escape(",".join(a.pi)), escape(a.api), escape(str(a.location)),
                       escape(a.owner.node), "yes" if a.reachable else "no")
        console.print(vt)
    for w in result.warnings:
        console.print(f"[yellow]note:[/] {escape(w)}")
