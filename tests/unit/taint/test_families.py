"""Every behaviour family of the taint analysis, on its own small program: exactly the planted leaks.

The index is ``programs/families.yaml``: what each family exercises and the
sink sites that must leak (``implicit``: leak only implicitly, through
branches on PI); every other sink site of its program must not.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.unit.taint.programs import index, run_family

FAMILIES = index()


@pytest.fixture(scope="session")
def dex_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("families")


@pytest.mark.parametrize("family", sorted(FAMILIES))
def test_family_leaks_exactly_where_planted(family: str, dex_cache: Path) -> None:
    spec = FAMILIES[family]
    run = run_family(family, spec, dex_cache)
    assert not run.result.partial and not run.result.errors
    assert run.leaks == frozenset(spec["leaks"]), spec["what"]
    assert run.implicit == frozenset(spec.get("implicit", ())), spec["what"]
    if "pi" in spec:  # the PI types each leak carries
        assert run.pi == {k: tuple(v) for k, v in spec["pi"].items()}, spec["what"]


def test_every_program_folder_is_in_the_index() -> None:
    folders = {p.name for p in Path(__file__).resolve().parent.joinpath("programs").iterdir() if p.is_dir()}
    assert folders == set(FAMILIES)


def test_implicit_send_names_the_app_components_that_receive_it(dex_cache: Path) -> None:
    run = run_family("icc_implicit", FAMILIES["icc_implicit"], dex_cache)
    got = {lk.sink.method.split("->")[1].split("(")[0]: lk.receivers
           for lk in run.result.leaks if lk.sink.sink == "icc_implicit"}
    assert got == {"activity": (),
                   "broadcast": ("com.piflow.families.icc_implicit.Receiver",)}



@pytest.mark.parametrize(("family", "apis", "named"), [
    ("broadcast_extras", {"android.content.Intent.getStringExtra", "android.os.Bundle.getString",
                          "android.os.Bundle.get"}, '") of android.'),
    ("provider_query", {"android.content.ContentResolver.query"}, "(")])
def test_a_read_through_a_carrier_is_the_source_at_its_call(family: str, apis: set[str], named: str,
                                                            dex_cache: Path) -> None:
    run = run_family(family, FAMILIES[family], dex_cache)
    sources = [s for lk in run.result.leaks for s in lk.sources]
    assert sources and all(s.location.offset >= 0 for s in sources)
    assert {s.api.split("(")[0] for s in sources} == apis
    assert all(named in s.api for s in sources)  # the key and the broadcast, or the provider's Uri


def test_row_write_has_the_puts_of_data_as_steps(dex_cache: Path) -> None:
    run = run_family("db_rows", FAMILIES["db_rows"], dex_cache)
    (leak,) = run.result.leaks
    assert [s.api for s in leak.steps] == ["android.content.ContentValues.put"]
    assert leak.steps[0].method == leak.sink.method and leak.steps[0].pc < leak.sink.pc


def test_web_content_leak_has_the_returns_as_steps(dex_cache: Path) -> None:
    run = run_family("js_interface", FAMILIES["js_interface"], dex_cache)
    got = {lk.sink.method.split("->")[1].split("(")[0]: {s.method.split("->")[0].rsplit("/", 1)[1]
                                                         for s in lk.steps}
           for lk in run.result.leaks}
    assert got == {"exposeBridge": {"Bridge;"}, "exposeX5": {"X5Bridge;"}, "exposeChild": {"BaseBridge;"}}


def test_calls_on_the_connection_are_steps_of_the_url_leak(dex_cache: Path) -> None:
    run = run_family("connection_steps", FAMILIES["connection_steps"], dex_cache)
    (leak,) = run.result.leaks
    assert leak.sink.api == "java.net.URL.openConnection" and not leak.steps
    assert [s.api.rsplit(".", 1)[1] for s in leak.follows] == ["connect", "getOutputStream"]
