/* piflow check report: the full flow graph (cytoscape.js, preset column layout), finding highlight, filters.
   Text reaches the DOM only through textContent; element ids are looked up with getElementById and
   dataset comparisons, never by building selectors or HTML from report data. */
(function () {
  "use strict";
  /* After the first screen (flows.js) is painted: a frame, then a task. */
  requestAnimationFrame(function () { setTimeout(start, 0); });

  function start() {
  var data = JSON.parse(document.getElementById("piflow-data").textContent);
  var COLORS = {
    app: "#1f618d", sdk: "#884ea0", component: "#5d6d7e", pi: "#d35400", perm: "#a04000",
    host: "#117a65", sink: "#7d6608", weakness: "#922b21", company: "#34495e", party: "#616a6b",
    country: "#2c3e50"
  };
  var SHAPES = { app: "round-rectangle", sdk: "round-rectangle", pi: "ellipse", host: "rectangle",
    sink: "diamond", weakness: "triangle", company: "hexagon", party: "hexagon", country: "octagon",
    perm: "tag", component: "round-tag" };
  var style = [
    { selector: "node", style: {
      "label": "data(label)", "font-size": 10, "text-valign": "bottom", "text-margin-y": 3,
      "text-wrap": "wrap", "text-max-width": "170px", "width": 22, "height": 22,
      "background-color": "#7f8c8d", "color": "#1d232a", "border-width": 1, "border-color": "#fff"
    } },
    { selector: "edge", style: {
      "width": 1.5, "line-color": "#aab7b8", "target-arrow-color": "#aab7b8", "target-arrow-shape": "triangle",
      "curve-style": "bezier", "arrow-scale": 0.8
    } },
    { selector: "edge[kind = 'flow']", style: { "width": 3, "line-color": "#e59866", "target-arrow-color": "#e59866" } },
    /* flows by strength of evidence: a taint path not bound to the host dashed, co-occurrence only dotted and thin */
    { selector: "edge[status = 'traced-unbound']", style: { "line-style": "dashed", "width": 2 } },
    { selector: "edge[status = 'potential']", style: { "line-style": "dotted", "width": 1.5, "opacity": 0.7 } },
    { selector: "edge[kind = 'sent']", style: { "line-style": "dashed", "line-color": "#85c1e9",
      "target-arrow-color": "#85c1e9" } },
    { selector: ".dimmed", style: { "opacity": 0.12 } },
    { selector: "node.highlighted", style: { "border-width": 4, "border-color": "#e67e22", "font-weight": "bold" } },
    { selector: "edge.highlighted", style: { "line-color": "#e67e22", "target-arrow-color": "#e67e22",
      "width": 4, "z-index": 10 } },
    { selector: ".hidden", style: { "display": "none" } }
  ];
  Object.keys(COLORS).forEach(function (k) {
    style.splice(1, 0, { selector: "node[kind = '" + k + "']",
      style: { "background-color": COLORS[k], "shape": SHAPES[k] || "ellipse" } });
  });
  var cy = cytoscape({
    container: document.getElementById("cy"),
    elements: data.elements,
    layout: { name: "preset", fit: true, padding: 40 },
    style: style,
    boxSelectionEnabled: false,
    minZoom: 0.2,
    maxZoom: 4
  });

  var details = document.getElementById("details");
  cy.on("tap", "node", function (ev) {
    var d = ev.target.data();
    details.textContent = d.id + "\n\n" + JSON.stringify(d.details, null, 2);
  });
  cy.on("tap", "edge", function (ev) {
    var d = ev.target.data();
    details.textContent = d.source + "\n  → " + d.target + "\n\n" + JSON.stringify(d.details, null, 2);
  });

  function findingEls() { return Array.prototype.slice.call(document.querySelectorAll("article.finding")); }

  function highlight(fp) {
    var path = fp ? data.findings[fp] : null;
    cy.batch(function () {
      cy.elements().removeClass("highlighted dimmed");
      if (!path) { return; }
      var on = cy.collection();
      path.nodes.concat(path.edges).forEach(function (id) { on = on.union(cy.getElementById(id)); });
      cy.elements().difference(on).addClass("dimmed");
      on.addClass("highlighted");
    });
    findingEls().forEach(function (el) { el.classList.toggle("selected", !!path && el.dataset.fp === fp); });
  }

  function checkedPis() {
    var s = new Set();
    document.querySelectorAll("input.pi-filter").forEach(function (i) { if (i.checked) { s.add(i.value); } });
    return s;
  }

  function applyFilters() {
    var pis = checkedPis();
    var party = document.getElementById("filter-party").value;
    var phase = document.getElementById("filter-phase").value;
    var only = document.getElementById("filter-finding").value;
    var onlyPath = only ? data.findings[only] : null;
    var onlyNodes = onlyPath ? new Set(onlyPath.nodes) : null;
    var onlyEdges = onlyPath ? new Set(onlyPath.edges) : null;
    cy.batch(function () {
      cy.nodes().forEach(function (n) {
        var d = n.data();
        var hide = (d.kind === "pi" && !pis.has(d.id)) || (!!party && !!d.party && d.party !== party) ||
          (!!onlyNodes && !onlyNodes.has(d.id));
        n.toggleClass("hidden", hide);
      });
      cy.edges().forEach(function (e) {
        var ph = e.data("phases") || [];
        var hide = (!!phase && ph.length > 0 && ph.indexOf(phase) < 0) || (!!onlyEdges && !onlyEdges.has(e.id())) ||
          e.source().hasClass("hidden") || e.target().hasClass("hidden");
        e.toggleClass("hidden", hide);
      });
    });
    findingEls().forEach(function (el) {
      var p = data.findings[el.dataset.fp] || { pis: [], parties: [], phases: [] };
      var hide = (p.pis.length > 0 && !p.pis.some(function (x) { return pis.has(x); })) ||
        (!!party && p.parties.length > 0 && p.parties.indexOf(party) < 0) ||
        (!!phase && p.phases.length > 0 && p.phases.indexOf(phase) < 0) ||
        (!!only && el.dataset.fp !== only);
      el.classList.toggle("filtered-out", hide);
    });
    document.querySelectorAll("#inventory tr[data-pi]").forEach(function (tr) {
      tr.classList.toggle("filtered-out", !pis.has(tr.dataset.pi));
    });
  }

  document.getElementById("findings").addEventListener("click", function (ev) {
    var head = ev.target.closest ? ev.target.closest("button.finding-head") : null;
    if (!head) { return; }
    highlight(head.dataset.fp);
    document.getElementById("graph-section").scrollIntoView({ block: "start" });
  });
  document.getElementById("filters").addEventListener("change", function (ev) {
    applyFilters();
    if (ev.target.id === "filter-finding") { highlight(ev.target.value); }
  });
  document.getElementById("clear-highlight").addEventListener("click", function () { highlight(null); });

  window.piflowCy = cy;
  window.piflowHighlight = highlight;
  if (window.piflowTimes) { window.piflowTimes.ready = performance.now(); }
  document.body.dataset.ready = "1";
  }
}());
