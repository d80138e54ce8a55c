"""Summarise a batch store as a pandas DataFrame, one row per stored APK, and export it to CSV or Parquet.

Columns (``COLUMNS``): package, version_name, version_code, sha256, apk,
status, reason, budget, verdict, seconds, peak_rss_mb, pi_types, sdks,
third_party_hosts (``;``-joined lists, sorted), findings (count),
``sev_<severity>`` (one count per severity) and ``art_<article>`` (one count
per Order 24 article found in the store, e.g. ``art_9(1)``). An APK that
could not be vetted keeps its row (status ``error``, empty lists).
"""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd

from analyzer.batch.store import Store
from analyzer.common.cells import safe_cell
from analyzer.common.files import open_private
from analyzer.errors import InputError
from analyzer.model import Severity

BASE_COLUMNS = ["package", "version_name", "version_code", "sha256", "apk", "status", "reason", "budget",
                "verdict", "seconds", "peak_rss_mb", "pi_types", "sdks", "third_party_hosts", "findings"]
SEVERITY_COLUMNS = [f"sev_{s.value}" for s in Severity]
FORMATS = (".csv", ".parquet")


def _article_column(article: str) -> str:
    return "art_" + article.removeprefix("Art ").replace(" ", "_")


def summary(store: Store) -> pd.DataFrame:
    """The per-app summary of everything in ``store``, ordered by package then SHA-256."""
    scans = list(store.rows(
        "SELECT s.id, s.sha256, s.apk_path, s.status, s.reason, s.budget, s.verdict, s.seconds,"
        " s.peak_rss_mb, coalesce(a.package, '') AS package, coalesce(v.version_name, '') AS version_name,"
        " coalesce(v.version_code, '') AS version_code FROM scans s"
        " LEFT JOIN versions v ON v.id = s.version_id LEFT JOIN apps a ON a.id = v.app_id"))
    lists: dict[str, dict[int, list[str]]] = {}
    for col, q in (("pi_types", "SELECT scan_id, pi FROM pi_types"),
                   ("sdks", "SELECT scan_id, sdk FROM sdks"),
                   ("third_party_hosts", "SELECT scan_id, host FROM hosts WHERE third_party = 1")):
        per: dict[int, list[str]] = {}
        for r in store.rows(q):
            per.setdefault(r[0], []).append(r[1])
        lists[col] = per
    counts: dict[int, dict[str, int]] = {}
    articles: set[str] = set()
    for r in store.rows("SELECT scan_id, severity, article, count(*) FROM findings GROUP BY 1, 2, 3"):
        c = counts.setdefault(r[0], {})
        art = _article_column(r[2])
        articles.add(art)
        c["findings"] = c.get("findings", 0) + r[3]
        c[f"sev_{r[1]}"] = c.get(f"sev_{r[1]}", 0) + r[3]
        c[art] = c.get(art, 0) + r[3]
    art_cols = sorted(articles, key=lambda a: (len(a.split("(")[0]), a))
    rows = []
    for s in scans:
        row: dict[str, object] = {
            "package": s["package"], "version_name": s["version_name"], "version_code": s["version_code"],
            "sha256": s["sha256"], "apk": s["apk_path"], "status": s["status"], "reason": s["reason"],
            "budget": s["budget"], "verdict": s["verdict"], "seconds": s["seconds"],
            "peak_rss_mb": s["peak_rss_mb"],
        }
        for col, per in lists.items():
            row[col] = ";".join(sorted(per.get(s["id"], [])))
        c = counts.get(s["id"], {})
        for col in ["findings", *SEVERITY_COLUMNS, *art_cols]:
            row[col] = c.get(col, 0)
        rows.append(row)
    df = pd.DataFrame(rows, columns=[*BASE_COLUMNS, *SEVERITY_COLUMNS, *art_cols])
    for col in ["findings", *SEVERITY_COLUMNS, *art_cols]:
        df[col] = df[col].astype("int64")
    return df.sort_values(["package", "sha256"], kind="stable").reset_index(drop=True)


def export(df: pd.DataFrame, path: Path) -> None:
    """Write ``df`` to ``path`` (``.csv`` or ``.parquet``), created 0600."""
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise InputError(f"{path}: the summary is written as .csv or .parquet")
    with os.fdopen(open_private(path, "w"), "wb") as fh:
        if suffix == ".csv":  # text cells a spreadsheet would run as formulas are neutralised
            safe = df.copy()
            for col in safe.columns:
                if safe[col].dtype == object or pd.api.types.is_string_dtype(safe[col]):
                    safe[col] = safe[col].map(safe_cell)
            fh.write(safe.to_csv(index=False).encode("utf-8"))
        else:
            df.to_parquet(fh, index=False, engine="pyarrow")
