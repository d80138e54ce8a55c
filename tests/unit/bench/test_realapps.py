"""The real-app truth files are pinned to the APK bytes and name PI types and SDKs the catalogue knows."""

from __future__ import annotations

import pytest

from analyzer.kb.catalogue import load_kb
from bench import realapps


@pytest.mark.parametrize("spec", realapps.APPS, ids=lambda s: s.key)
def test_truth_is_pinned_and_names_known_ids(spec: realapps.AppSpec) -> None:
    truth = realapps.load_truth(spec)  # exits when its apk block is not the pinned one
    kb = load_kb()
    types = truth.pi_types | truth.unsure | truth.not_pi_types
    assert types <= set(kb.taxonomy), types - set(kb.taxonomy)
    assert not truth.pi_types & truth.not_pi_types  # an item is right or wrong, never both
    assert truth.not_sdks <= set(kb.sdks)
    assert all(lk.sinks and lk.sources for lk in truth.leaks + truth.unsure_leaks)


def test_scoring_counts_what_matches() -> None:
    s = realapps.score_set({"a", "b", "c"}, {"a", "d"}, {"b"})
    assert (s.reported, s.matched, s.truth, s.found) == (3, 1, 2, 1)
    assert s.fp_listed == ["b"] and s.fp_new == ["c"] and s.fn == ["d"]
