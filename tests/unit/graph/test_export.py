"""Graph exports: GraphML and GEXF re-read by networkx, node-link JSON, and DOT parsed by the real
Graphviz `dot` (hostile names can neither break out of a string nor merge two nodes)."""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from click.testing import CliRunner

from analyzer.check.readback import graph_of
from analyzer.cli import main
from analyzer.graph import build as graph
from analyzer.graph.export import RENDERERS, to_dot, to_gexf, to_graphml, to_node_link, xml_text
from analyzer.model import CodeLocation, Endpoint, Owner
from tests.conftest import SAMPLES, check_doc, sample_apk

HOSTILE = [
    'evil"; "x" -> "y"; "',
    "back\\slash\\",
    'q\\"q',
    "line\nbreak\r\nx",
    "line\nbreak\nx",
    "}; digraph z {",
    "<b>html</b>",
    "ctl\x01char",
    "ctlchar",
    "tab\there",
    "中文",
    "a\\nb",
]


@pytest.fixture(scope="module")
def joined() -> nx.MultiDiGraph:
    """The joined graph of the tracker APK and its capture (flows, sent edges, taint paths)."""
    return graph_of(check_doc("tracker", SAMPLES / "tracker" / "capture"))


def _leak(g: nx.MultiDiGraph) -> tuple[str, str, str, dict[str, Any]]:
    return next((u, v, k, d) for u, v, k, d in g.edges(keys=True, data=True) if d["kind"] == "leaks_to")


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_graphml_and_gexf_reread_with_networkx(joined: nx.MultiDiGraph, fmt: str) -> None:
    text = RENDERERS[fmt](joined)
    reader = nx.read_graphml if fmt == "graphml" else nx.read_gexf
    back = reader(io.BytesIO(text.encode("utf-8")))
    assert back.is_directed() and back.is_multigraph()
    assert back.number_of_nodes() == joined.number_of_nodes()
    assert back.number_of_edges() == joined.number_of_edges()
    assert set(back.nodes) == set(joined.nodes)
    app = joined.graph["app"]
    assert back.nodes[app]["kind"] == "app"
    assert back.nodes["pi:device.imei"]["label"] == joined.nodes["pi:device.imei"]["label"]
    u, v, _, d = _leak(joined)
    (e,) = [x for x in back.get_edge_data(u, v).values() if x.get("kind") == "leaks_to"]
    assert json.loads(e["paths"]) == d["paths"]  # lists and dicts come back as JSON strings
    flows = [x for _, _, x in back.edges(data=True) if x.get("kind") == "flow"]
    assert {x["status"] for x in flows} == {d["status"] for _, _, d in joined.edges(data=True)
                                            if d["kind"] == "flow"}


def test_node_link_keeps_lists(joined: nx.MultiDiGraph) -> None:
    data = json.loads(to_node_link(joined))
    back = nx.node_link_graph(data, directed=True, multigraph=True, edges="edges")
    assert nx.utils.graphs_equal(back, joined)
    u, v, k, d = _leak(joined)
    assert back.edges[u, v, k]["paths"] == d["paths"]


def _hostile_graph() -> nx.MultiDiGraph:
    g = graph.new_graph()
    app = graph.add_app(g, HOSTILE[0])
    here = CodeLocation("a.B", "c", "()V", 1)
    for h in HOSTILE:
        graph.add_permission(g, app, h, "dangerous")
        graph.add_endpoints(g, [Endpoint(h, f"http://{h}/", "http", here, Owner("app", HOSTILE[0]), True)])
    g.graph["app"] = app
    return g


def _graphviz_name(name: str) -> str:
    """Undo our escaping on a name as Graphviz reports it (Graphviz itself only turns \\" into ")."""
    out, i = [], 0
    while i < len(name):
        if name[i] == "\\" and i + 1 < len(name):
            nxt = name[i + 1]
            if nxt == "u":
                out.append(chr(int(name[i + 2 : i + 6], 16)))
                i += 6
                continue
            out.append({"n": "\n", "r": "\r", "\\": "\\"}.get(nxt, "\\" + nxt))
            i += 2
            continue
        out.append(name[i])
        i += 1
    return "".join(out)


def test_dot_with_hostile_names_parses_in_graphviz_with_every_node_and_edge() -> None:
    dot = shutil.which("dot")
    assert dot, "Graphviz `dot` is needed (make test installs the Debian package graphviz)"
    g = _hostile_graph()
    text = to_dot(g)
    assert text.count("\n") == 2 + g.number_of_nodes() + g.number_of_edges() + 1  # one statement a line
    proc = subprocess.run([dot, "-Tjson"], input=text, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert "syntax error" not in proc.stderr
    out = json.loads(proc.stdout)
    names = [_graphviz_name(o["name"]) for o in out["objects"]]
    assert sorted(names) == sorted(g.nodes)  # nothing injected, nothing merged, names intact
    assert len(out["edges"]) == g.number_of_edges()
    by_id = {o["_gvid"]: n for o, n in zip(out["objects"], names, strict=True)}
    assert {(by_id[e["tail"]], by_id[e["head"]]) for e in out["edges"]} == {(u, v) for u, v in g.edges()}


def test_dot_of_the_joined_graph_renders_svg(joined: nx.MultiDiGraph) -> None:
    dot = shutil.which("dot")
    assert dot
    proc = subprocess.run([dot, "-Tsvg"], input=to_dot(joined), capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert len(re.findall(r'<g id="node\d+" class="node">', proc.stdout)) == joined.number_of_nodes()


def test_hostile_names_survive_graphml_and_gexf() -> None:
    g = _hostile_graph()
    for text, reader in ((to_graphml(g), nx.read_graphml), (to_gexf(g), nx.read_gexf)):
        back = reader(io.BytesIO(text.encode("utf-8")))
        assert back.number_of_edges() == g.number_of_edges()
        # XML 1.0 cannot hold most control characters: they come back as \uXXXX, everything else intact
        assert set(back.nodes) == {xml_text(n) for n in g.nodes}
        assert {"perm:ctl\\u0001char", "perm:line\nbreak\r\nx", f"app:{HOSTILE[0]}"} <= set(back.nodes)


def test_check_writes_a_dot_graph_file_0600(tmp_path: Path) -> None:
    out = tmp_path / "g.dot"
    res = CliRunner().invoke(main, ["check", str(sample_apk("insecure")), "--graph", str(out)])
    assert res.exit_code == 0, res.output
    assert out.stat().st_mode & 0o777 == 0o600
    proc = subprocess.run(["dot", "-Tjson"], input=out.read_text(encoding="utf-8"), capture_output=True,
                          text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert "app:com.piflow.sample.insecure" in {o["name"] for o in json.loads(proc.stdout)["objects"]}
