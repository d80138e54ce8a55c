"""A short Markdown summary of a ``piflow.check/2`` result for pull-request comments.

Counts by severity, the top findings with their Order 24 article, and what
was not evaluated. Every string that can come from an APK, a capture or a
declaration (messages, subjects, hosts, class names) goes through
:func:`md_escape` (one line, Markdown and HTML metacharacters escaped,
table pipes too) and values are masked again on the way out, so a hostile
package or host name can neither break the table nor inject a link, an
image or HTML into the comment.
"""

from __future__ import annotations

import re
from typing import Any

from analyzer.check.document import input_line, static_incomplete
from analyzer.common.masking import mask_endpoint

SEVERITIES = ("critical", "high", "medium", "low", "info")
TOP = 10
CELL = 180
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()!|~])")  # escaped text never starts a line: no # - + . needed
_CONTROL = re.compile(r"[\x00-\x1f\x7f\u2028\u2029\u0085]+")
_URL = re.compile(r"\b[a-zA-Z][a-zA-Z0-9+.-]*://\S+")
_INCOMPLETE = {"en": "Static evidence incomplete", "zh": "静态证据不完整"}
_HEAD = {
    "en": ("piflow check", "findings", "severity", "count", "Top findings", "article", "rule", "finding",
           "Not evaluated (missing evidence, not a pass)", "no findings", "more findings in the full report",
           "suppressed", "evidence", "PI flows"),
    "zh": ("piflow 检查", "问题", "严重程度", "数量", "主要问题", "条款", "规则", "问题描述",
           "未评估（缺少证据，不等于通过）", "未发现问题", "其余问题见完整报告", "已抑制", "证据",
           "个人信息流"),
}


def one_line(text: str, limit: int = CELL) -> str:
    """``text`` on one line (control characters and line breaks become one space), cut to ``limit``."""
    flat = _CONTROL.sub(" ", str(text)).strip()
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def md_escape(text: str, limit: int = CELL) -> str:
    """``text`` safe inside Markdown (also a table cell): one line, ``& < >`` as entities, the rest escaped.

    >>> md_escape("a|b [x](http://e) <img>\\n*")
    'a\\\\|b \\\\[x\\\\]\\\\(http://e\\\\) &lt;img&gt; \\\\*'
    """
    flat = one_line(text, limit)
    flat = flat.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MD_SPECIAL.sub(r"\\\1", flat)


def _masked(text: str) -> str:
    return _URL.sub(lambda m: mask_endpoint(m.group(0)), text)


def _finding_key(f: dict[str, Any]) -> tuple[int, str, str]:
    return (SEVERITIES.index(f["severity"]), f["rule"], f["subject"])


def render_markdown(doc: dict[str, Any], top: int = TOP) -> str:
    """The PR comment for a ``piflow.check/2`` document (in the document's language)."""
    h = _HEAD.get(doc.get("lang", "en"), _HEAD["en"])
    findings = sorted(doc["findings"], key=_finding_key)
    app = str(doc.get("app", "")).removeprefix("app:")
    lines = [f"### {h[0]}: {md_escape(app)}", ""]
    read = input_line(doc.get("inputs") or {})
    if read:
        lines += [md_escape(read, 400), ""]
    lines.append(
        f"{len(findings)} {h[1]} · {len(doc.get('suppressed', []))} {h[11]} · "
        f"{h[12]}: {md_escape(', '.join(doc.get('evidence', [])) or '-')}"
    )
    flows = doc.get("flows", [])
    if flows:  # by strength of evidence, strongest first (analyzer/graph/join.py)
        order = ("confirmed", "observed", "traced", "traced-unbound", "potential")
        counts = [f"{sum(1 for fl in flows if fl['status'] == s)} {s}" for s in order
                  if any(fl["status"] == s for fl in flows)]
        lines += ["", f"{h[13]}: {md_escape(', '.join(counts))}"]
    lines += ["", f"| {h[2]} | {h[3]} |", "|---|---:|"]
    for sev in SEVERITIES:
        lines.append(f"| {sev} | {sum(1 for f in findings if f['severity'] == sev)} |")
    lines.append("")
    incomplete = static_incomplete(doc)
    if incomplete:  # a packed app: the stub's silence is no pass
        lines += [f"**{_INCOMPLETE.get(doc.get('lang', 'en'), _INCOMPLETE['en'])}: "
                  f"{md_escape(incomplete, 300)}**", ""]
    if not findings:
        if not incomplete:
            lines.append(f"**{h[9]}**")
    else:
        lines += [f"#### {h[4]}", "", f"| {h[2]} | {h[5]} | {h[6]} | {h[7]} |", "|---|---|---|---|"]
        for f in findings[:top]:
            art = f["order24"]
            mark = "" if art["verification"] == "V" else f" \\[{md_escape(art['verification'])}\\]"
            ev = f["evidence"][0]["summary"] if f["evidence"] else ""
            text = md_escape(_masked(f["message"]))
            if ev:
                text += f"<br>{md_escape(_masked(ev), 120)}"
            lines.append(
                f"| {f['severity']} | {md_escape(art['article'])}{mark} | {md_escape(f['rule'])} "
                f"`{f['fingerprint']}` | {text} |"
            )
        if len(findings) > top:
            lines += ["", f"… {len(findings) - top} {h[10]}"]
    ne = doc.get("not_evaluated", [])
    if ne:
        lines += ["", f"<details><summary>{h[8]}: {len(ne)}</summary>", ""]
        lines += [
            f"- {md_escape(n['rule'])} ({md_escape(n['order24'])}): {md_escape(n['reason'])}" for n in ne
        ]
        lines += ["", "</details>"]
    return "\n".join(lines) + "\n"
