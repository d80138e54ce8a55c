"""Render a ``piflow check`` JSON document as one self-contained, offline HTML report.

Everything the page needs is inside the file: the template's CSS and script,
cytoscape.js (vendored from the npm registry in ``analyzer/report/html/vendor/`` with its
licence) and the report's data as a JSON ``<script type="application/json">``
block. A Content-Security-Policy meta allows only those inline blocks (by
their SHA-256) and nothing remote, so the page makes no network request.
Jinja2 autoescapes every string from the document (app, capture and rule
texts alike); the data block has ``<``, ``>`` and ``&`` written as JSON
``\\u`` escapes so no string can close it; the page's script puts text into
the DOM only through ``textContent``.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from analyzer import __version__
from analyzer.check.document import input_line
from analyzer.errors import InputError
from analyzer.report.html.flows import EVIDENCE, PRE_CONSENT_CODE, articles, flow_rows, headline, recipients
from analyzer.report.html.view import elements, finding_paths, graph_parts, inventory, node_label, prefix

CYTOSCAPE_VERSION = "3.35.0"
_HERE = Path(__file__).resolve().parent
_VENDOR = _HERE / "vendor"
_TEMPLATES = _HERE / "templates"
_SEVERITIES = ("critical", "high", "medium", "low", "info")
_DOC_DEFAULTS: dict[str, Any] = {
    "app": "",
    "pack": "",
    "evidence": [],
    "phases": [],
    "findings": [],
    "not_evaluated": [],
    "manual": [],
    "flows": [],
    "suppressed": [],
    "warnings": [],
}
"""What a document may leave out (an older or hand-trimmed ``piflow.check/2``)."""
_FINDING_DEFAULTS: dict[str, Any] = {
    "rule": "",
    "subject": "",
    "fingerprint": "",
    "severity": "info",
    "confidence": "",
    "order24": {"article": "?", "verification": ""},
    "penalty": {"article": "", "verification": ""},
    "basis": [],
    "evidence": [],
}

UI: dict[str, dict[str, str]] = {
    "en": {
        "title": "piflow check report",
        "summary": "App and scan",
        "app": "App",
        "version": "version",
        "pack": "rule pack",
        "evidence": "evidence",
        "phases": "consent phases covered",
        "counts": "counts",
        "findings": "Findings by Order 24 article",
        "no_findings": "no findings",
        "graph": "Flow graph",
        "filters": "Filters",
        "f_pi": "PI type",
        "f_party": "party",
        "f_phase": "phase",
        "f_finding": "finding",
        "all": "all",
        "first": "first party",
        "third": "third party",
        "clear_hl": "clear highlight",
        "show": "show in graph",
        "penalty": "penalty",
        "basis": "basis",
        "severity": "severity",
        "confidence": "confidence",
        "subject": "subject",
        "ev": "evidence",
        "remediation": "remediation",
        "unverified": "provision not verified against the source text",
        "not_evaluated": "Not evaluated (missing evidence, not a pass)",
        "ne_short": "not evaluated",
        "manual": "Manual checklist",
        "inventory": "Data inventory",
        "inv_pi": "PI type",
        "inv_who": "who collects it",
        "inv_where": "where it goes",
        "inv_sinks": "sinks in code",
        "inv_phases": "phases seen",
        "inv_declared": "declared",
        "yes": "yes",
        "no": "no",
        "cleartext": "cleartext",
        "suppressed": "Suppressed",
        "warnings": "Warnings",
        "incomplete": "Static evidence incomplete (no static verdict)",
        "details": "Select a node or an edge to see its attributes.",
        "columns": "app / SDKs → PI types → sinks / hosts → companies / countries",
        "flows": "PI flows",
        "nodes": "graph nodes",
        "footer": "Values in request excerpts are masked. Generated offline by piflow",
        "flowview": "Where personal information goes",
        "fv_hint": "PI type → collector (app or SDK) → recipient; a row opens its evidence",
        "fv_pi": "PI type",
        "fv_collector": "collector",
        "fv_recipient": "recipient",
        "fv_where": "hosts / sinks",
        "fv_evidence": "evidence",
        "fv_phases": "phases",
        "fv_findings": "findings",
        "fv_search": "search PI, SDK, host, company, article",
        "fv_group": "group by",
        "fv_article": "article",
        "fv_all_articles": "all articles",
        "fv_count": "flows shown",
        "fv_by_article": "Findings by article",
        "fv_who": "Who receives PI",
        "fv_pis_n": "PI types",
        "fv_pre_short": "before consent",
        "fv_reset": "reset",
        "fv_graph": "show in graph",
        "fv_paths": "code paths (source call site → methods → sink call site)",
        "fv_requests": "captured requests (values masked)",
        "fv_reads": "code reads",
        "fv_hosts": "hosts",
        "fv_host": "host",
        "fv_where_title": "hosts and sinks",
        "fv_no_paths": "no taint path",
        "fv_no_requests": "not seen in captured traffic",
        "fv_more": "more",
        "fv_sent_pis": "PI types leave the device",
        "fv_third": "named third parties",
        "fv_unattributed": "domains of unattributed hosts",
        "fv_countries": "countries",
        "fv_wire": "flows seen on the wire",
        "fv_pre": "flows before consent",
        "fv_collectors": "collectors",
        "fv_cleartext": "cleartext",
        "ev_wire": "wire",
        "ev_code": "code path",
        "ev_colocated": "co-located code",
        "ev_none": "no path",
        "party_first": "first party (the app's servers)",
        "party_unattributed": "unattributed hosts",
        "party_device": "on the device",
        "party_none": "no transfer seen",
        "ph_code": "pre-consent (code)",
        "full_graph": "Full flow graph (every node)",
    },
    "zh": {
        "title": "piflow 合规检查报告",
        "summary": "应用与扫描概况",
        "app": "应用",
        "version": "版本",
        "pack": "规则包",
        "evidence": "证据类型",
        "phases": "已覆盖的同意阶段",
        "counts": "数量",
        "findings": "按第24号令条款列出的问题",
        "no_findings": "未发现问题",
        "graph": "个人信息流向图",
        "filters": "筛选",
        "f_pi": "个人信息类型",
        "f_party": "参与方",
        "f_phase": "阶段",
        "f_finding": "问题",
        "all": "全部",
        "first": "第一方",
        "third": "第三方",
        "clear_hl": "取消高亮",
        "show": "在图中显示",
        "penalty": "罚则",
        "basis": "依据",
        "severity": "严重程度",
        "confidence": "置信度",
        "subject": "对象",
        "ev": "证据",
        "remediation": "整改建议",
        "unverified": "该条款尚未与原文核对",
        "not_evaluated": "未评估（缺少证据，不等于通过）",
        "ne_short": "未评估",
        "manual": "人工核查清单",
        "inventory": "数据清单",
        "inv_pi": "个人信息类型",
        "inv_who": "收集方",
        "inv_where": "去向",
        "inv_sinks": "代码中的去向",
        "inv_phases": "出现的阶段",
        "inv_declared": "已声明",
        "yes": "是",
        "no": "否",
        "cleartext": "明文",
        "suppressed": "已抑制",
        "warnings": "警告",
        "incomplete": "静态证据不完整（无静态结论）",
        "details": "选择节点或连线查看其属性。",
        "columns": "应用 / SDK → 个人信息类型 → 去向 / 主机 → 公司 / 国家",
        "flows": "个人信息流",
        "nodes": "图节点",
        "footer": "请求摘录中的值已脱敏。由 piflow 离线生成",
        "flowview": "个人信息去向",
        "fv_hint": "个人信息类型 → 收集方（应用或 SDK）→ 接收方；点击一行查看证据",
        "fv_pi": "个人信息类型",
        "fv_collector": "收集方",
        "fv_recipient": "接收方",
        "fv_where": "主机 / 去向",
        "fv_evidence": "证据",
        "fv_phases": "阶段",
        "fv_findings": "问题",
        "fv_search": "搜索个人信息、SDK、主机、公司、条款",
        "fv_group": "分组",
        "fv_article": "条款",
        "fv_all_articles": "全部条款",
        "fv_count": "显示的信息流",
        "fv_by_article": "按条款列出的问题",
        "fv_who": "个人信息的接收方",
        "fv_pis_n": "类个人信息",
        "fv_pre_short": "同意前",
        "fv_reset": "重置",
        "fv_graph": "在图中显示",
        "fv_paths": "代码路径（读取位置 → 方法 → 发送位置）",
        "fv_requests": "抓包请求（值已脱敏）",
        "fv_reads": "代码读取",
        "fv_hosts": "个主机",
        "fv_host": "个主机",
        "fv_where_title": "主机与去向",
        "fv_no_paths": "无污点路径",
        "fv_no_requests": "抓包中未见",
        "fv_more": "更多",
        "fv_sent_pis": "类个人信息离开设备",
        "fv_third": "个已知第三方",
        "fv_unattributed": "个未归属主机的域名",
        "fv_countries": "国家/地区",
        "fv_wire": "条信息流见于网络流量",
        "fv_pre": "条信息流发生在同意之前",
        "fv_collectors": "个收集方",
        "fv_cleartext": "明文",
        "ev_wire": "网络流量",
        "ev_code": "代码路径",
        "ev_colocated": "同处代码",
        "ev_none": "无路径",
        "party_first": "第一方（应用自己的服务器）",
        "party_unattributed": "未归属的主机",
        "party_device": "设备本地",
        "party_none": "未见传输",
        "ph_code": "同意前（代码）",
        "full_graph": "完整信息流图（全部节点）",
    },
}


@cache
def _env() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(_TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


@cache
def _asset(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def script_json(data: Any) -> str:
    """JSON safe inside ``<script type="application/json">``: no ``<``, ``>`` or ``&`` left to end it.

    >>> script_json({"x": "</script><b>&"})
    '{"x": "\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e\\\\u0026"}'
    """
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, default=str, allow_nan=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def csp_hash(text: str) -> str:
    """The CSP source expression allowing exactly this inline block."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def text_in(value: Any, lang: str) -> str:
    """A text that may be given per language (``{"en": …, "zh": …}``) in ``lang``, else the other one."""
    if isinstance(value, Mapping):
        return str(value.get(lang) or value.get("en") or value.get("zh") or "")
    return "" if value is None else str(value)


def _article_key(article: str) -> tuple[int, str]:
    m = re.search(r"Art (\d+)", article)
    return (int(m.group(1)) if m else 999, article)


def _check_doc(doc: Any) -> None:
    if not isinstance(doc, Mapping) or not str(doc.get("schema", "")).startswith("piflow.check/"):
        raise InputError("not a piflow check document (schema piflow.check/2)")
    graph = doc.get("graph")
    if not isinstance(graph, Mapping) or not isinstance(graph.get("nodes"), list):
        raise InputError("the check document carries no graph (node-link data)")


def _view(doc: Mapping[str, Any], lang: str) -> dict[str, Any]:
    """Everything the template shows, as plain data."""
    graph = doc["graph"]
    nodes = {str(n["id"]): n for n in graph.get("nodes", [])}
    app_id = str((graph.get("graph") or {}).get("app") or doc.get("app") or "")
    parts = graph_parts(doc)
    findings = []
    paths = finding_paths(doc.get("findings", []), doc, parts)
    for i, (f, path) in enumerate(zip(doc.get("findings", []), paths, strict=True)):
        findings.append(
            {
                **_FINDING_DEFAULTS,
                **f,
                "idx": i,
                "fp": str(f.get("fingerprint") or f"finding-{i}"),
                "title": text_in(f.get("title"), lang),
                "message": text_in(f.get("message"), lang),
                "remediation": text_in(f.get("remediation"), lang),
                "path": path,
            }
        )
    groups: dict[str, list[dict[str, Any]]] = {}
    for f in findings:
        groups.setdefault(str((f.get("order24") or {}).get("article", "?")), []).append(f)
    severities = {s: sum(1 for f in findings if f.get("severity") == s) for s in _SEVERITIES}
    kinds: dict[str, int] = {}
    for nid in nodes:
        kinds[prefix(nid)] = kinds.get(prefix(nid), 0) + 1
    attrs = graph.get("graph") or {}
    rows = flow_rows(doc, lang, [(f, f["path"]) for f in findings], parts)
    t = UI[lang]
    for r in rows:
        r["recipient_text"] = r["recipient_label"] or t["party_" + r["party"]]
    return {
        "flows": rows,
        "headline": headline(rows),
        "recipients": [{**e, "text": e["label"] or t["party_" + e["party"]]} for e in recipients(rows)],
        "articles": articles(findings, _SEVERITIES),
        "incomplete": str(attrs.get("static_incomplete") or ""),
        "app": dict(nodes.get(app_id, {})),
        "app_label": node_label(nodes[app_id], lang) if app_id in nodes else str(doc.get("app", "")),
        "input": input_line(doc.get("inputs") or {}),
        "groups": [(a, groups[a]) for a in sorted(groups, key=_article_key)],
        "findings": findings,
        "severities": severities,
        "kinds": sorted(kinds.items()),
        "pis": [(nid, node_label(n, lang)) for nid, n in sorted(nodes.items()) if prefix(nid) == "pi"],
        "inventory": inventory(doc, lang),
        "manual": [
            {**m, "title": text_in(m.get("title"), lang), "what": text_in(m.get("what"), lang)}
            for m in sorted(doc.get("manual", []), key=lambda m: _article_key(str(m.get("order24", ""))))
        ],
    }


def render_html(doc: dict[str, Any], lang: str = "en") -> str:
    """The HTML report for a ``piflow.check/2`` document (``lang``: ``en`` or ``zh``)."""
    _check_doc(doc)
    if lang not in UI:
        raise InputError(f"unknown language {lang!r} (en or zh)")
    doc = {**_DOC_DEFAULTS, **doc}
    view = _view(doc, lang)
    t = UI[lang]
    data = {
        "elements": elements(doc, lang),
        "findings": {f["fp"]: f["path"] for f in view["findings"]},
        "flows": view["flows"],
        "finding_info": {f["fp"]: [f["severity"], f["title"], str(f["order24"].get("article", "?"))]
                         for f in view["findings"]},
        "ui": {k: v for k, v in t.items() if k.startswith(("fv_", "ev_", "party_", "ph_"))},
        "evidence": list(EVIDENCE),
        "pre_consent_code": PRE_CONSENT_CODE,
    }
    css = _asset(_TEMPLATES / "report.css")
    # one block for the page's own code: the flow table first (the first screen), then the graph
    own = _asset(_TEMPLATES / "flows.js") + _asset(_TEMPLATES / "report.js")
    scripts = [_asset(_VENDOR / "cytoscape.min.js"), own]
    csp = "; ".join(
        (
            "default-src 'none'",
            "script-src " + " ".join(csp_hash(s) for s in scripts),
            f"style-src {csp_hash(css)}",
            "img-src data:",
            "base-uri 'none'",
            "form-action 'none'",
        )
    )
    return _env().get_template("report.html.j2").render(
        doc=doc,
        lang=lang,
        t=UI[lang],
        v=view,
        csp=csp,
        css=Markup(css),
        scripts=[Markup(s) for s in scripts],
        data=Markup(script_json(data)),
        version=__version__,
        cytoscape_version=CYTOSCAPE_VERSION,
    )
