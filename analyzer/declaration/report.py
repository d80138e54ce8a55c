"""Show a loaded declaration: what it declares and what its policy text mentions (rich tables or JSON)."""

from __future__ import annotations

import dataclasses
from typing import Any

from rich.console import Console
from rich.table import Table

from analyzer.declaration.model import Declaration
from analyzer.kb.apptypes import load_app_types
from analyzer.kb.catalogue import KnowledgeBase

REPORT_SCHEMA = "piflow.declaration-report/1"


def declaration_to_dict(decl: Declaration) -> dict[str, Any]:
    """The declaration as plain JSON data, with the policy's extracted PI and third parties."""
    d = dataclasses.asdict(decl)
    if decl.policy is not None:
        d["policy"]["pi_mentioned"] = list(decl.policy.pi())
        d["policy"]["third_parties_mentioned"] = list(decl.policy.third_parties())
    return {"schema": REPORT_SCHEMA, "declaration": d, "declared_pi": list(decl.declared_pi())}


def _yes(v: bool | None) -> str:
    return "—" if v is None else ("yes" if v else "no")


def render_declaration(decl: Declaration, kb: KnowledgeBase, out: Console) -> None:
    """Tables for people: app, declared PI, third parties, and what the policy text mentions."""
    types = load_app_types(kb.directory)
    at = types.get(decl.app_type or "")
    head = Table(title=f"Declaration {decl.source}", show_header=False)
    head.add_row("package", decl.package or "—")
    if at is not None:
        need = ", ".join(at.necessary_pi) or "none"
        head.add_row("app type",
                     f"{at.id} ({at.zh}, #{at.ordinal}, [{at.verified.value}]); necessary PI: {need}")
    else:
        head.add_row("app type", "—")
    head.add_row("first-party domains", ", ".join(decl.first_party_domains) or "—")
    head.add_row("privacy policy URL", decl.privacy_policy_url or "—")
    c = decl.consent
    consent = "—" if c is None else (f"{c.mechanism or '—'}; pre-ticked {_yes(c.default_checked)}; "
                                     f"withdrawable {_yes(c.withdrawable)}")
    head.add_row("consent", consent)
    head.add_row("complaint channel", decl.complaint_channel or "—")
    head.add_row("account deletion", decl.account_deletion or "—")
    out.print(head)

    pi = Table(title="Declared PI")
    for col in ("PI type", "name", "purposes", "necessary", "in app type's set"):
        pi.add_column(col)
    for p in decl.pi:
        t = kb.taxonomy[p.pi]
        in_set = "—" if at is None else ("yes" if p.pi in at.necessary_pi else "no")
        pi.add_row(p.pi, t.zh, "; ".join(p.purposes) or "—", _yes(p.necessary), in_set)
    out.print(pi)

    tp = Table(title="Declared third parties")
    for col in ("name", "SDK", "role", "PI", "domains"):
        tp.add_column(col)
    for x in decl.third_parties:
        tp.add_row(x.name, x.sdk or "—", x.role or "—", ", ".join(x.pi) or "—", ", ".join(x.domains) or "—")
    out.print(tp)

    pol = decl.policy
    if pol is None:
        out.print("No privacy-policy text given: nothing extracted.")
        return
    ex = Table(title=f"Privacy-policy text ({pol.language}, {pol.length} characters): mentions")
    for col in ("kind", "id", "keyword", "offset", "sentence"):
        ex.add_column(col)
    seen: set[tuple[str, str]] = set()
    for m in pol.mentions:
        if (m.kind, m.id) in seen:
            continue  # the first mention of each; --format json lists them all
        seen.add((m.kind, m.id))
        ex.add_row(m.kind, m.id, m.keyword, str(m.offset), m.excerpt)
    out.print(ex)
    out.print(f"complaint channel in text: {_yes(pol.has_complaint_channel)}; "
              f"account deletion in text: {_yes(pol.has_account_deletion)}; "
              f"Simplified Chinese: {_yes(pol.has_simplified_chinese)}")
    only_text = sorted(set(pol.pi()) - {p.pi for p in decl.pi})
    only_file = sorted({p.pi for p in decl.pi} - set(pol.pi()))
    out.print(f"PI in the text but not in the file: {', '.join(only_text) or 'none'}; "
              f"in the file but not in the text: {', '.join(only_file) or 'none'}")
