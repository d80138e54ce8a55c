"""Show traffic observations: a rich table for people, JSON or JSON Lines for tools (one formatter each).

Every string that came from a capture goes through ``common.terminal.term``
so traffic cannot inject console markup. Values are whatever the
observations hold: masked unless ``--show-values`` produced them.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import IO

from rich.console import Console
from rich.table import Table

from analyzer.common.terminal import term
from analyzer.traffic.model import SCHEMA, Attribution, NotInspected, Observation, Phase

PHASE_ORDER = {p.value: i for i, p in enumerate(Phase)}
_DIR = {("request", True): "req", ("response", False): "resp", ("websocket", True): "ws>",
        ("websocket", False): "ws<"}


def _when(ts: float) -> str:
    try:
        return datetime.fromtimestamp(ts, UTC).strftime("%Y-%m-%d %H:%M:%S")
    except (OverflowError, OSError, ValueError):  # a time no calendar holds (a record written elsewhere)
        return "-"


def _sorted(obs: Sequence[Observation]) -> list[Observation]:
    return sorted(obs, key=lambda o: (o.timestamp, o.flow_id, o.direction, o.pi, o.location))


def _where_to(a: Attribution) -> str:
    """``EU, DE``: the host's region and the country its data goes to, ``(GeoIP)`` beside a country the
    server address gave (records written before regions had no other source of a country).

    >>> _where_to(Attribution("posthog.com", "third", region="EU", country="DE", country_source="kb"))
    'EU, DE'
    """
    country = f"{a.country} (GeoIP)" if a.country and a.country_source != "kb" else a.country
    return ", ".join(x for x in (a.region, country) if x)


def render_table(obs: Sequence[Observation], unseen: Sequence[NotInspected], out: IO[str] | None) -> None:
    """Observations as tables: PI by phase and receiver, then every observation, then what was not seen."""
    console = Console(file=out, highlight=False)
    if not console.is_terminal:
        console = Console(file=out, highlight=False, width=200)
    if not obs and not unseen:
        console.print("no PI observed")
        return
    summary: dict[tuple[str, str, str, str, str], Counter[str]] = defaultdict(Counter)
    for o in obs:
        a = o.attribution
        who = a.sdk or a.domain or o.host
        summary[(o.pi, who, a.company, _where_to(a), a.party)][o.phase] += 1
    phases = sorted({o.phase for o in obs}, key=lambda p: PHASE_ORDER.get(p, 99))
    t = Table(title="PI sent, by receiver and consent phase", show_lines=False)
    for col in ("PI type", "receiver (SDK or domain)", "company", "region, country", "party", *phases):
        t.add_column(col)
    for (pi, who, company, place, party), counts in sorted(summary.items()):
        t.add_row(term(pi), term(who), term(company), term(place), party,
                  *[str(counts.get(p, "")) for p in phases])
    console.print(t)
    d = Table(title="observations", show_lines=False)
    for col in ("time (UTC)", "phase", "dir", "host", "PI type", "where", "encoding", "value", "conf",
                "tls"):
        d.add_column(col, overflow="fold")
    for o in _sorted(obs):
        d.add_row(_when(o.timestamp), term(o.phase), _DIR.get((o.direction, o.from_client), o.direction),
                  term(o.host), term(o.pi), term(o.location), term(o.encoding), term(o.excerpt),
                  o.confidence.value,
                  "yes" if o.tls else "[red]no[/]")
    console.print(d)
    if unseen:
        u = Table(title="not inspected: TLS refused (pinning, untrusted CA) or a body piflow cannot read")
        for col in ("time (UTC)", "phase", "host", "SDK", "reason"):
            u.add_column(col, overflow="fold")
        for n in sorted(unseen, key=lambda n: n.timestamp):
            u.add_row(_when(n.timestamp), term(n.phase), term(n.host), term(n.attribution.sdk),
                      term(n.reason))
        console.print(u)


def render_json(obs: Sequence[Observation], unseen: Sequence[NotInspected], out: IO[str] | None) -> None:
    """One JSON document: schema, observations, not-inspected connections."""
    doc = {"schema": SCHEMA, "observations": [o.to_dict() for o in _sorted(obs)],
           "not_inspected": [n.to_dict() for n in unseen]}
    text = json.dumps(doc, ensure_ascii=False, indent=2, allow_nan=False)
    (out.write(text + "\n") if out is not None else print(text))


def render_jsonl(obs: Sequence[Observation], unseen: Sequence[NotInspected], out: IO[str] | None) -> None:
    """One record per line, as the capture's observations.jsonl."""
    lines = [json.dumps(r, ensure_ascii=False, sort_keys=True, allow_nan=False)
             for r in [o.to_dict() for o in _sorted(obs)] + [n.to_dict() for n in unseen]]
    text = "\n".join(lines)
    (out.write(text + "\n") if out is not None else print(text))


FORMATTERS: dict[str, Callable[[Sequence[Observation], Sequence[NotInspected], IO[str] | None], None]] = {
    "table": render_table, "json": render_json, "jsonl": render_jsonl}
