/* piflow check report: the first screen, the aggregated flow table (rows made in analyzer/report/html/flows.py).
   Rows are grouped, filtered and drilled into here; text reaches the DOM only through textContent, and
   elements are made with createElement, never from HTML strings. */
(function () {
  "use strict";
  var t0 = performance.now();
  var data = JSON.parse(document.getElementById("piflow-data").textContent);
  var t1 = performance.now();
  var ui = data.ui, rows = data.flows, EV = data.evidence;
  var els = {};
  data.elements.forEach(function (e) { els[e.data.id] = e.data; });
  var body = document.getElementById("flow-body");
  var $ = function (id) { return document.getElementById(id); };
  var SHOWN_HOSTS = 2, SHOWN_PATHS = 12, SHOWN_REQUESTS = 20;

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }
  function lbl(cls, text) { return el("span", "lbl " + (cls || ""), text); }
  function phaseText(p) { return p === data.pre_consent_code ? ui.ph_code : p; }
  function badPhase(p) { return p === "pre-consent" || p === "consent-refused" || p === data.pre_consent_code; }

  rows.forEach(function (r) {
    r.hay = [r.pi, r.pi_label, r.collector, r.collector_label, r.recipient, r.recipient_text, r.countries.join(" "),
      r.hosts.map(function (h) { return h.host; }).join(" "), r.domains.join(" "), r.sinks.join(" "),
      r.articles.join(" "), r.phases.join(" ")].join(" ").toLowerCase();
  });

  function fill(id, pairs) {
    var sel = $(id);
    pairs.forEach(function (p) { var o = el("option", "", p[1]); o.value = p[0]; sel.appendChild(o); });
  }
  function uniq(key, label) {
    var seen = {}, out = [];
    rows.forEach(function (r) { var ks = key(r); (Array.isArray(ks) ? ks : [ks]).forEach(function (k) {
      if (!(k in seen)) { seen[k] = 1; out.push([k, label(r, k)]); } }); });
    return out.sort(function (a, b) { return a[1].localeCompare(b[1]); });
  }
  fill("flow-pi", uniq(function (r) { return r.pi; }, function (r) { return r.pi_label; }));
  fill("flow-collector", uniq(function (r) { return r.collector; }, function (r) { return r.collector_label; }));
  fill("flow-recipient", uniq(function (r) { return r.recipient; }, function (r) { return r.recipient_text; }));
  fill("flow-phase", uniq(function (r) { return r.phases; }, function (r, p) { return phaseText(p); }));
  fill("flow-evidence", EV.filter(function (e) { return rows.some(function (r) { return r.evidence === e; }); })
    .map(function (e) { return [e, ui["ev_" + e]]; }));

  function cellList(td, items, cls, more) {
    var n = items.length;
    items.slice(0, SHOWN_HOSTS).forEach(function (x) { td.appendChild(lbl(cls, x)); });
    if (n > SHOWN_HOSTS) { td.appendChild(lbl("dim", "+" + (n - SHOWN_HOSTS) + " " + (more || ui.fv_more))); }
  }

  function rowEl(r) {
    var tr = el("tr", "flow-row party-" + r.party);
    tr.dataset.row = r.id;
    tr.tabIndex = 0;
    var td = el("td"); td.appendChild(lbl("pi", r.pi_label)); tr.appendChild(td);
    td = el("td"); td.appendChild(lbl("coll coll-" + r.collector_kind, r.collector_label)); tr.appendChild(td);
    td = el("td"); td.appendChild(lbl("rec", r.recipient_text));
    r.countries.forEach(function (c) { td.appendChild(lbl("tag cc", c)); });
    tr.appendChild(td);
    td = el("td");
    if (r.hosts.length) {
      td.appendChild(lbl("count", r.hosts.length + " " + (r.hosts.length === 1 ? ui.fv_host : ui.fv_hosts)));
      cellList(td, r.hosts.map(function (h) { return h.host; }), "host");
    }
    if (r.sinks.length) { cellList(td, r.sinks, "sink"); }
    tr.appendChild(td);
    td = el("td"); td.appendChild(lbl("ev ev-" + r.evidence, ui["ev_" + r.evidence])); tr.appendChild(td);
    td = el("td");
    r.phases.forEach(function (p) { td.appendChild(lbl("tag phase" + (badPhase(p) ? " bad" : ""), phaseText(p))); });
    if (r.cleartext) { td.appendChild(lbl("sev sev-high", ui.fv_cleartext)); }
    tr.appendChild(td);
    td = el("td"); r.articles.forEach(function (a) { td.appendChild(lbl("tag art", a)); }); tr.appendChild(td);
    return tr;
  }

  var GROUP = {
    pi: function (r) { return [r.pi, r.pi_label]; },
    collector: function (r) { return [r.collector, r.collector_label]; },
    recipient: function (r) { return [r.recipient, r.recipient_text]; }
  };
  /* Rows sort within their group by the column whose head was clicked (most first for counts). */
  var SORT = {
    pi: function (a, b) { return a.pi_label.localeCompare(b.pi_label); },
    collector: function (a, b) { return a.collector_label.localeCompare(b.collector_label); },
    recipient: function (a, b) { return a.recipient_text.localeCompare(b.recipient_text); },
    where: function (a, b) { return (b.hosts.length + b.sinks.length) - (a.hosts.length + a.sinks.length); },
    evidence: function (a, b) { return EV.indexOf(a.evidence) - EV.indexOf(b.evidence); },
    phases: function (a, b) { return b.phases.length - a.phases.length; },
    findings: function (a, b) { return b.findings.length - a.findings.length; }
  };
  var sortKey = "evidence";
  var rowEls = {}, groups = [], collapsed = {};
  rows.forEach(function (r) { rowEls[r.id] = rowEl(r); });

  function layout() {
    var key = GROUP[$("flow-group").value] || GROUP.pi;
    var byKey = {}, order = [];
    rows.forEach(function (r) {
      var k = key(r);
      if (!(k[0] in byKey)) { byKey[k[0]] = { id: k[0], label: k[1], rows: [] }; order.push(byKey[k[0]]); }
      byKey[k[0]].rows.push(r);
    });
    function best(g) { return Math.min.apply(null, g.rows.map(function (r) { return EV.indexOf(r.evidence); })); }
    order.sort(function (a, b) { return best(a) - best(b) || a.label.localeCompare(b.label); });
    while (body.firstChild) { body.removeChild(body.firstChild); }
    groups = order;
    var frag = document.createDocumentFragment();
    order.forEach(function (g) {
      g.rows.sort(function (a, b) { return (SORT[sortKey] || SORT.evidence)(a, b) ||
        EV.indexOf(a.evidence) - EV.indexOf(b.evidence) || a.pi_label.localeCompare(b.pi_label) ||
        a.collector_label.localeCompare(b.collector_label) || a.recipient_text.localeCompare(b.recipient_text); });
      var tr = el("tr", "group"), th = el("th");
      th.colSpan = 7;
      tr.dataset.group = g.id;
      th.appendChild(lbl("gname", g.label));
      g.count = lbl("dim gcount", "");
      th.appendChild(g.count);
      tr.appendChild(th);
      g.el = tr;
      frag.appendChild(tr);
      g.rows.forEach(function (r) { frag.appendChild(rowEls[r.id]); if (r.detail) { frag.appendChild(r.detail); } });
    });
    body.appendChild(frag);
    apply();
  }

  function matches(r, f) {
    return (!f.q || f.q.every(function (w) { return r.hay.indexOf(w) >= 0; })) &&
      (!f.pi || r.pi === f.pi) && (!f.coll || r.collector === f.coll) && (!f.rec || r.recipient === f.rec) &&
      (!f.art || r.articles.indexOf(f.art) >= 0) && (!f.ph || r.phases.indexOf(f.ph) >= 0) &&
      (!f.ev || r.evidence === f.ev);
  }

  function apply() {
    var q = $("flow-search").value.trim().toLowerCase();
    var f = { q: q ? q.split(/\s+/) : null, pi: $("flow-pi").value, coll: $("flow-collector").value,
      rec: $("flow-recipient").value, art: $("flow-article").value, ph: $("flow-phase").value,
      ev: $("flow-evidence").value };
    var shown = 0;
    groups.forEach(function (g) {
      var n = 0;
      g.rows.forEach(function (r) {
        var on = matches(r, f);
        n += on ? 1 : 0;
        rowEls[r.id].classList.toggle("filtered-out", !on || !!collapsed[g.id]);
        if (r.detail) { r.detail.classList.toggle("filtered-out", !on || !!collapsed[g.id]); }
      });
      shown += n;
      g.el.classList.toggle("filtered-out", n === 0);
      g.el.classList.toggle("collapsed", !!collapsed[g.id]);
      g.count.textContent = " · " + n + (n < g.rows.length ? " / " + g.rows.length : "");
    });
    $("flow-count").textContent = shown + " / " + rows.length + " " + ui.fv_count;
    document.querySelectorAll("#flow-articles .article-btn").forEach(function (b) {
      b.classList.toggle("selected", b.dataset.article === f.art);
    });
    document.querySelectorAll("#flow-articles .recipient-btn").forEach(function (b) {
      b.classList.toggle("selected", b.dataset.recipient === f.rec);
    });
  }

  /* --- drill-down ------------------------------------------------------------------------------------ */
  function section(box, title, n) {
    var s = el("div", "dd-sec");
    s.appendChild(el("h4", "", title + (n !== undefined ? " (" + n + ")" : "")));
    box.appendChild(s);
    return s;
  }
  function kv(parent, k, v, cls) {
    if (v === undefined || v === null || v === "" || (Array.isArray(v) && !v.length)) { return; }
    var d = el("div", "kv");
    d.appendChild(el("span", "k", k));
    d.appendChild(el("code", cls || "", Array.isArray(v) ? v.join("\n") : v));
    parent.appendChild(d);
  }
  function capped(parent, n, max) {
    if (n > max) { parent.appendChild(el("p", "dim", "+" + (n - max) + " " + ui.fv_more)); }
  }

  function drill(r) {
    var box = el("div", "drill");
    var paths = [], seen = {}, sent = [], reads = [];
    r.edges.forEach(function (id) {
      var e = els[id];
      if (!e) { return; }
      var d = e.details || {};
      if (e.kind === "flow" || e.kind === "leaks_to") {
        (d.paths || []).forEach(function (p) {
          var k = [p.source, p.source_api, p.sink, p.sink_api, (p.methods || []).join(">")].join("|");
          if (!(k in seen)) { seen[k] = 1; paths.push([p, e]); }
        });
      } else if (e.kind === "sent") { sent.push(e); }
      else if (e.kind === "accesses" || e.kind === "accesses_before_consent") { reads.push(e); }
    });
    var s = section(box, ui.fv_where_title, r.hosts.length + r.sinks.length);
    var ul = el("ul", "hosts");
    r.hosts.forEach(function (h) {
      var li = el("li");
      li.appendChild(lbl("host", h.host));
      li.appendChild(lbl("ev ev-" + h.evidence, ui["ev_" + h.evidence]));
      ul.appendChild(li);
    });
    r.sinks.forEach(function (k) { ul.appendChild(el("li", "sink", k)); });
    s.appendChild(ul);

    s = section(box, ui.fv_paths, paths.length);
    if (!paths.length) { s.appendChild(el("p", "dim", ui.fv_no_paths)); }
    paths.slice(0, SHOWN_PATHS).forEach(function (pe) {
      var p = pe[0], d = el("div", "path");
      kv(d, "source", p.source, "site");
      kv(d, "api", p.source_api);
      kv(d, "methods", (p.methods || []).join(" → "));
      kv(d, "sink", p.sink, "site");
      kv(d, "api", p.sink_api);
      kv(d, "to", p.destinations);
      kv(d, "→", pe[1].target);
      s.appendChild(d);
    });
    capped(s, paths.length, SHOWN_PATHS);

    s = section(box, ui.fv_requests, sent.length);
    if (!sent.length) { s.appendChild(el("p", "dim", ui.fv_no_requests)); }
    sent.slice(0, SHOWN_REQUESTS).forEach(function (e) {
      var d = e.details || {}, div = el("div", "request");
      div.appendChild(lbl("tag phase" + (badPhase(d.phase) ? " bad" : ""), d.phase));
      if (d.cleartext) { div.appendChild(lbl("sev sev-high", ui.fv_cleartext)); }
      div.appendChild(lbl("host", e.target.split(":").slice(1).join(":")));
      kv(div, "endpoints", d.endpoints, "site");
      kv(div, "in", d.locations);
      kv(div, "encodings", d.encodings);
      kv(div, "detectors", d.detectors);
      kv(div, "count", d.count);
      s.appendChild(div);
    });
    capped(s, sent.length, SHOWN_REQUESTS);

    s = section(box, ui.fv_reads, reads.length);
    reads.slice(0, SHOWN_REQUESTS).forEach(function (e) {
      var d = e.details || {}, div = el("div", "read");
      if (e.kind === "accesses_before_consent") { div.appendChild(lbl("tag phase bad", ui.ph_code)); }
      kv(div, "api", d.api);
      kv(div, "sites", (d.sites || []).slice(0, 5), "site");
      kv(div, "chains", (d.chains || []).slice(0, 3));
      s.appendChild(div);
    });
    capped(s, reads.length, SHOWN_REQUESTS);

    if (r.findings.length) {
      s = section(box, ui.fv_findings, r.findings.length);
      r.findings.forEach(function (fp) {
        var info = data.finding_info[fp] || ["info", fp, ""];
        var b = el("button", "dd-finding");
        b.type = "button";
        b.dataset.fp = fp;
        b.appendChild(lbl("sev sev-" + info[0], info[0]));
        b.appendChild(lbl("tag art", info[2]));
        b.appendChild(lbl("", info[1]));
        s.appendChild(b);
      });
    }
    var g = el("button", "dd-graph", ui.fv_graph);
    g.type = "button";
    g.dataset.row = r.id;
    box.appendChild(g);
    return box;
  }

  function toggle(r) {
    var tr = rowEls[r.id];
    if (r.detail) {
      r.detail.parentNode.removeChild(r.detail);
      r.detail = null;
      tr.classList.remove("open");
      return;
    }
    var dt = el("tr", "detail-row"), td = el("td");
    td.colSpan = 7;
    td.appendChild(drill(r));
    dt.appendChild(td);
    tr.parentNode.insertBefore(dt, tr.nextSibling);
    r.detail = dt;
    tr.classList.add("open");
  }

  var byId = {};
  rows.forEach(function (r) { byId[r.id] = r; });

  function showInGraph(r) {
    var cy = window.piflowCy;
    if (!cy) { return; }
    var ids = [r.pi, r.collector].concat(r.hosts.map(function (h) { return "host:" + h.host; }))
      .concat(r.edges);
    cy.batch(function () {
      cy.elements().removeClass("highlighted dimmed");
      var on = cy.collection();
      ids.forEach(function (id) { on = on.union(cy.getElementById(id)); });
      cy.elements().difference(on).addClass("dimmed");
      on.addClass("highlighted");
    });
    $("graph-section").scrollIntoView({ block: "start" });
  }

  body.addEventListener("click", function (ev) {
    var t = ev.target;
    var fb = t.closest("button.dd-finding");
    if (fb) {
      var art = Array.prototype.slice.call(document.querySelectorAll("article.finding"))
        .filter(function (a) { return a.dataset.fp === fb.dataset.fp; })[0];
      if (art) { art.scrollIntoView({ block: "center" }); if (window.piflowHighlight) { window.piflowHighlight(fb.dataset.fp); } }
      return;
    }
    var gb = t.closest("button.dd-graph");
    if (gb) { showInGraph(byId[gb.dataset.row]); return; }
    if (t.closest("tr.detail-row")) { return; }
    var gr = t.closest("tr.group");
    if (gr) { collapsed[gr.dataset.group] = !collapsed[gr.dataset.group]; apply(); return; }
    var tr = t.closest("tr.flow-row");
    if (tr) { toggle(byId[tr.dataset.row]); }
  });
  body.addEventListener("keydown", function (ev) {
    var tr = ev.target.closest ? ev.target.closest("tr.flow-row") : null;
    if (tr && (ev.key === "Enter" || ev.key === " ")) { ev.preventDefault(); toggle(byId[tr.dataset.row]); }
  });
  $("flow-filters").addEventListener("input", function (ev) {
    if (ev.target.id === "flow-group") { layout(); } else { apply(); }
  });
  $("flow-reset").addEventListener("click", function () {
    $("flow-filters").reset();
    collapsed = {};
    sort("evidence");
  });
  function sort(key) {
    sortKey = key;
    document.querySelectorAll("#flow-table thead th").forEach(function (th) {
      th.setAttribute("aria-sort", th.dataset.sort === key ? (key === "where" || key === "phases" ||
        key === "findings" ? "descending" : "ascending") : "none");
    });
    layout();
  }
  document.querySelector("#flow-table thead").addEventListener("click", function (ev) {
    var th = ev.target.closest("th[data-sort]");
    if (th) { sort(th.dataset.sort); }
  });
  $("flow-articles").addEventListener("click", function (ev) {
    var b = ev.target.closest("button.article-btn, button.recipient-btn");
    if (!b) { return; }
    var sel = $(b.dataset.article !== undefined ? "flow-article" : "flow-recipient");
    var v = b.dataset.article !== undefined ? b.dataset.article : b.dataset.recipient;
    sel.value = sel.value === v ? "" : v;
    apply();
  });

  layout();
  window.piflowFlows = { rows: rows, apply: apply, layout: layout, toggle: function (id) { toggle(byId[id]); } };
  window.piflowTimes = { start: t0, parsed: t1, flows: performance.now() };  /* ms since navigation start, for the bench */
  document.body.dataset.flowReady = "1";
}());
