"""The privacy-policy keyword dictionary: load ``policies/policy-keywords.yaml`` and find keywords in a text.

Keywords name a PI type (taxonomy id), an SDK (``sdks.yaml`` id) or a
company (``sdks.yaml`` company); besides the file's own lists, every SDK's
display names (``"Umeng+ Analytics (友盟+统计)"`` → both parts) are keywords,
except short or plain-word ASCII names and names two SDKs share. One
Aho-Corasick automaton (``ahocorasick-rs``) finds all hits, overlapping; the
leftmost-longest hits on word boundaries are kept.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import ahocorasick_rs

from analyzer.errors import PolicyError
from analyzer.kb.catalogue import load_kb
from analyzer.kb.resources import policies_dir
from analyzer.kb.yamlfile import load_yaml


@dataclass(frozen=True)
class Target:
    """What one keyword names."""

    kind: str
    """``pi``, ``third_party``, or ``ignore`` (a phrase that names nothing, e.g. 短信验证码)."""
    id: str
    """Taxonomy id, SDK id or company name (as in ``sdks.yaml``); empty for ``ignore``."""
    exact_case: bool = False
    """Match only with the keyword's own letter case (single-word SDK names)."""


@dataclass(frozen=True)
class Dictionary:
    """The keywords and the automaton over them."""

    keywords: tuple[str, ...]
    """Case-folded keywords, in automaton order."""
    originals: tuple[str, ...]
    """The keywords as written."""
    targets: tuple[Target, ...]
    """What each keyword names."""
    automaton: Any
    """``ahocorasick_rs.AhoCorasick`` over ``keywords``."""


_FULL_WIDTH = {o: o - 0xFEE0 for r in ((0xFF10, 0xFF19), (0xFF21, 0xFF3A), (0xFF41, 0xFF5A))
               for o in range(r[0], r[1] + 1)}


def fold(text: str) -> str:
    """Lower-case and map full-width letters and digits to ASCII, keeping every offset.

    Full-width punctuation (，；：) stays: it separates Chinese clauses. The rare
    characters whose lower case is longer (``İ``) are kept as they are.

    >>> fold("ＩＭＥＩ，GPS")
    'imei，gps'
    """
    t = text.translate(_FULL_WIDTH)
    low = t.lower()
    if len(low) == len(t):
        return low
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in t)


_ASCII_WORD = re.compile(r"[A-Za-z0-9]")
CJK = re.compile(r"[\u3400-\u9fff]")


def sdk_names(name: str) -> list[str]:
    """The names an SDK entry's display name offers: ``"Umeng+ Analytics (友盟+统计)"`` → both parts.

    Short or generic ASCII parts are left out: fewer than four characters, or a
    single plain word (``Segment``, ``Branch``), which prose uses in its own sense.
    """
    parts = [p.strip() for p in re.split(r" / ", re.sub(r"\(.*?\)", "", name))]
    for inner in re.findall(r"\((.*?)\)", name):
        parts.extend(p.strip() for p in re.split(r"[,、]", inner))
    out = []
    for p in parts:
        if not p:
            continue
        if CJK.search(p):
            if len(p) >= 2:
                out.append(p)
            continue
        if len(p) < 4 or (p.isupper() and len(p) <= 4):
            continue
        if " " not in p and re.fullmatch(r"[A-Z]?[a-z]+(?:-[a-z]+)*", p):
            continue
        out.append(p)
    return out


def _keyword_list(v: Any, where: str) -> list[str]:
    if not isinstance(v, list) or not all(isinstance(k, str) and k.strip() for k in v):
        raise PolicyError(f"{where}: expected a list of non-empty keywords")
    return [k.strip() for k in v]


def _explicit(path: Path, taxonomy: set[str], sdks: dict[str, Any],
              companies: set[str]) -> dict[str, tuple[str, Target]]:
    doc = load_yaml(path)
    name = path.name
    if not isinstance(doc, dict) or set(doc) - {"version", "checked", "pi", "sdks", "companies", "ignore"}:
        raise PolicyError(f"{name}: expected a mapping with version, checked, pi, sdks, companies, ignore")
    out: dict[str, tuple[str, Target]] = {}

    def add(kw: str, target: Target, where: str) -> None:
        key = fold(kw)
        prev = out.get(key)
        if prev is not None and prev[1] != target:
            raise PolicyError(f"{where}: keyword {kw!r} already names {prev[1].kind} {prev[1].id}")
        out[key] = (kw, target)

    for pid, langs in (doc.get("pi") or {}).items():
        where = f"{name}: pi.{pid}"
        if pid not in taxonomy:
            raise PolicyError(f"{where}: not a taxonomy id")
        if not isinstance(langs, dict) or not set(langs) <= {"zh", "en"} or not langs:
            raise PolicyError(f"{where}: expected zh and/or en keyword lists")
        for lang, kws in langs.items():
            for kw in _keyword_list(kws, f"{where}.{lang}"):
                add(kw, Target("pi", pid), where)
    for sid, kws in (doc.get("sdks") or {}).items():
        if sid not in sdks:
            raise PolicyError(f"{name}: sdks.{sid}: not an SDK id of sdks.yaml")
        for kw in _keyword_list(kws, f"{name}: sdks.{sid}"):
            add(kw, Target("third_party", sid), f"{name}: sdks.{sid}")
    for comp, kws in (doc.get("companies") or {}).items():
        if comp not in companies:
            raise PolicyError(f"{name}: companies.{comp}: not a company of sdks.yaml")
        for kw in _keyword_list(kws, f"{name}: companies.{comp}"):
            add(kw, Target("third_party", comp), f"{name}: companies.{comp}")
    for kw in _keyword_list(doc.get("ignore") or [], f"{name}: ignore"):
        add(kw, Target("ignore", ""), f"{name}: ignore")
    return out


def load_dictionary(directory: Path | None = None) -> Dictionary:
    """The keyword dictionary of ``directory`` (default: the policies folder), built once."""
    return _dictionary(Path(directory or policies_dir()).resolve())


@lru_cache(maxsize=4)
def _dictionary(directory: Path) -> Dictionary:
    kb = load_kb(directory)
    companies = {s.company for s in kb.sdks.values()}
    entries = _explicit(directory / "policy-keywords.yaml", set(kb.taxonomy), dict(kb.sdks), companies)
    auto: dict[str, tuple[str, Target]] = {}
    clash: set[str] = set()
    for sdk in kb.sdks.values():
        for nm in sdk_names(sdk.name):
            key = fold(nm)
            single = " " not in nm and not CJK.search(nm)
            t = Target("third_party", sdk.id, exact_case=single)
            if key in auto and auto[key][1].id != sdk.id:
                clash.add(key)
            auto[key] = (nm, t)
    for key, val in auto.items():
        if key not in clash and key not in entries:
            entries[key] = val
    keys = tuple(sorted(entries))
    return Dictionary(
        keywords=keys, originals=tuple(entries[k][0] for k in keys),
        targets=tuple(entries[k][1] for k in keys),
        automaton=ahocorasick_rs.AhoCorasick(keys, matchkind=ahocorasick_rs.MatchKind.Standard),
    )


def boundary_ok(text: str, start: int, end: int) -> bool:
    if _ASCII_WORD.match(text[start]) and start > 0 and _ASCII_WORD.match(text[start - 1]):
        return False
    return not (_ASCII_WORD.match(text[end - 1]) and end < len(text) and _ASCII_WORD.match(text[end]))


def find(d: Dictionary, text: str, folded: str) -> list[tuple[int, int, int]]:
    """Leftmost-longest keyword hits among those that sit on word boundaries (and match case if asked).

    Overlapping hits are collected first, so a hit rejected for its boundary
    ("our email address" inside "your email address") cannot hide a valid one.
    """
    hits = []
    for idx, start, end in d.automaton.find_matches_as_indexes(folded, overlapping=True):
        if not boundary_ok(folded, start, end):
            continue
        if d.targets[idx].exact_case and text[start:end] != d.originals[idx]:
            continue
        hits.append((start, -end, idx))
    hits.sort()
    out, reach = [], 0
    for start, neg_end, idx in hits:
        if start >= reach:
            out.append((idx, start, -neg_end))
            reach = -neg_end
    return out
