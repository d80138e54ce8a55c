"""A draft declaration (``piflow.declaration/1``) from the lists, for the developer to complete.

Every PI type of the first list and every third party of the second is
declared, with what the evidence knows (SDK id, domains, PI types) filled
in and what only the developer knows left as a placeholder: purposes as
``待填写 / to be completed``, and the keys the loader would refuse a
placeholder in (``app_type``, ``role``, ``necessary``, the policy, the
consent mechanism, complaint channel and account deletion) as comments to
fill in. Declared purposes, when a declaration was compared, are kept.
Strings are written as JSON strings, which YAML reads as double-quoted
scalars, so no name from an APK can break the file.
"""

from __future__ import annotations

import datetime
import json

from analyzer.lists.model import Lists
from analyzer.lists.text import PLACEHOLDER

TODO = f"{PLACEHOLDER.zh} / {PLACEHOLDER.en}"
_BREAKS = {"\u2028": "\\u2028", "\u2029": "\\u2029", "\x85": "\\u0085"}


def _q(value: str) -> str:
    s = json.dumps(value, ensure_ascii=False)
    for ch, esc in _BREAKS.items():
        s = s.replace(ch, esc)
    return s


def _comment(value: str) -> str:
    return " ".join(value.split())[:200]


def _purposes(declared: str) -> str:
    items = [p for p in declared.split("；") if p] if declared != PLACEHOLDER.zh else []
    return "[" + ", ".join(_q(p) for p in (items or [TODO])) + "]"


def draft(lists: Lists, today: datetime.date | None = None) -> str:
    """The draft declaration's YAML text."""
    day = (today or datetime.date.today()).isoformat()
    out = [
        f"# Draft declaration of {_comment(lists.app)}, written by `piflow lists` on {day} from the evidence",
        "# of one check. Complete it before publishing anything: replace every",
        f"# \"{TODO}\", fill in the commented keys (app_type, necessary, role,",
        "# privacy_policy, consent, complaint_channel, account_deletion) and drop what is not true.",
        "# Then check the app against it: piflow check APP --declaration THIS_FILE",
        "# Format: docs/declaration.md.",
        "schema: piflow.declaration/1",
        f"package: {_q(lists.app)}",
        "# app_type: one of the 39 app-type ids of policies/app-types.yaml (2021 necessary-PI rules)",
        "pi:" if lists.pi else "pi: []",
    ]
    for r in lists.pi:
        note = f"{r.name.en}; {r.collected_by.en}; {r.when}"
        out += [f"  - id: {_q(r.pi)}  # {_comment(note)}",
                f"    purposes: {_purposes(r.purpose.zh)}",
                "    # necessary: true or false (needed for the app's basic function?)"]
    out.append("third_parties:" if lists.parties else "third_parties: []")
    for p in lists.parties:
        name = f"{p.name.zh} ({p.company})" if p.company and p.company not in p.name.zh else p.name.zh
        out.append(f"  - name: {_q(name)}")
        if p.key.startswith("sdk:"):
            out.append(f"    sdk: {_q(p.key.removeprefix('sdk:'))}")
        out.append("    domains: [" + ", ".join(_q(d) for d in p.domains) + "]")
        out.append("    pi: [" + ", ".join(_q(x) for x in p.pi) + "]")
        out.append(f"    purposes: {_purposes(p.purpose.zh)}")
        out.append("    # role: entrusted, joint or independent")
    out.append("first_party_domains: [" + ", ".join(_q(d) for d in lists.first_party) + "]")
    out += [
        "# privacy_policy: {url: \"https://…\", file: \"privacy-policy.md\"}",
        "# consent: {mechanism: dialog-on-first-launch, default_checked: false, withdrawable: true}",
        "# complaint_channel: \"…\"",
        "# account_deletion: \"…\"",
        "",
    ]
    return "\n".join(out)
