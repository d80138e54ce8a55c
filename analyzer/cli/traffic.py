"""``piflow capture``, ``mark`` and ``traffic``: record traffic through the addon, and read captures back."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from analyzer.cli.group import INPUT, OUTPUT, handle_errors, main, output_to, quiet_logs
from analyzer.errors import EXIT_OK


@main.command(context_settings={"ignore_unknown_options": False})
@click.option("--profile", type=INPUT,
              help="Device profile YAML (known PI values of the test phone).")
@click.option("--out", "out", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Capture folder (created 0700; files in it 0600).")
@click.option("--port", type=click.IntRange(1, 65535), default=8080, show_default=True, help="Proxy port.")
@click.option("--listen-host", default="127.0.0.1", show_default=True, help="Proxy address.")
@click.option("--app", default="", help="Package name of the app under test (first/third party).")
@click.option("--first-party", multiple=True, help="A domain the app's publisher operates (repeatable).")
@click.option("--phase", default="pre-consent", show_default=True, help="Consent phase at start.")
@click.option("--confdir", type=click.Path(file_okay=False, path_type=Path),
              help="mitmproxy configuration folder holding the CA (default ~/.mitmproxy).")
@click.option("--show-values", is_flag=True, help="Write PI values unmasked (the file stays 0600).")
@click.option("--geoip", type=INPUT,
              help="MaxMind-format GeoIP database (.mmdb) for server countries.")
@click.option("-q", "--quiet", is_flag=True, help="No set-up instructions or warnings on stderr.")
@click.argument("mitmdump_args", nargs=-1, type=click.UNPROCESSED)
@handle_errors
def capture(profile: Path | None, out: Path, port: int, listen_host: str, app: str,
            first_party: tuple[str, ...], phase: str, confdir: Path | None, show_values: bool,
            geoip: Path | None, quiet: bool, mitmdump_args: tuple[str, ...]) -> None:
    """Capture traffic through mitmdump with the piflow addon (extra mitmdump options after --)."""
    from analyzer.errors import InputError
    from analyzer.traffic.capture import CaptureSpec, instructions, mitmdump_argv, prepare_out, run
    from analyzer.traffic.model import Phase
    from analyzer.traffic.profile import load_profile

    if profile is not None:
        load_profile(profile)  # fail here, with one line, rather than inside mitmdump
    if geoip is not None:
        from analyzer.traffic.attribution import open_geoip

        open_geoip(geoip)
    try:
        phase = Phase.parse(phase).value
    except ValueError as e:
        raise InputError(str(e)) from None
    prepare_out(out)
    from analyzer.traffic.phase import mark as mark_phase

    mark_phase(out, phase)  # each start marks its phase (a restart does not inherit the last mark)
    spec = CaptureSpec(out=out.resolve(), profile=profile.resolve() if profile else None, port=port,
                       listen_host=listen_host, app=app, first_party=first_party, phase=phase,
                       confdir=confdir.resolve() if confdir else None, show_values=show_values,
                       geoip=geoip.resolve() if geoip else None, extra=mitmdump_args)
    quiet_logs(quiet)
    if not quiet:
        click.echo(instructions(spec), err=True)
    sys.exit(run(mitmdump_argv(spec)))


@main.command()
@click.argument("phase")
@click.option("--out", "out", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="The capture folder of a running `piflow capture`.")
@click.option("-q", "--quiet", is_flag=True, help="No progress or warnings on stderr (errors still).")
@handle_errors
def mark(phase: str, out: Path, quiet: bool) -> None:
    """Switch the consent phase of a running capture to PHASE (no mitmproxy UI needed)."""
    quiet_logs(quiet)
    from analyzer.traffic.phase import mark as mark_phase

    rec = mark_phase(out, phase)
    click.echo(f"phase {rec['phase']} from {rec['since']:.3f}")


@main.command()
@click.argument("captures", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--profile", type=INPUT,
              help="Device profile YAML for known-value detection.")
@click.option("--app", default="", help="Package name of the app under test (first/third party).")
@click.option("--first-party", multiple=True, help="A domain the app's publisher operates (repeatable).")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "jsonl"]), default="table",
              show_default=True, help="Output format.")
@click.option("--min-confidence", type=click.Choice(["low", "medium", "high"]), default="medium",
              show_default=True, help="Leave out weaker observations.")
@click.option("--show-values", is_flag=True, help="Print PI values unmasked.")
@click.option("--geoip", type=INPUT,
              help="MaxMind-format GeoIP database (.mmdb) for server countries.")
@click.option("-o", "--output", type=OUTPUT,
              help="Write the result here instead of stdout (created 0600).")
@click.option("--graph", "graph_path", type=OUTPUT,
              help="Also write the flow graph (.json node-link, .graphml, .gexf or .dot).")
@click.option("-q", "--quiet", is_flag=True, help="No progress or warnings on stderr (errors still).")
@handle_errors
def traffic(captures: tuple[Path, ...], profile: Path | None, app: str, first_party: tuple[str, ...],
            fmt: str, min_confidence: str, show_values: bool, geoip: Path | None, output: Path | None,
            graph_path: Path | None, quiet: bool) -> None:
    """Extract PI observations from saved captures (.mitm flow files, HAR files, observations.jsonl)."""
    quiet_logs(quiet)
    from analyzer.traffic.offline import OfflineSpec, extract
    from analyzer.traffic.report import FORMATTERS

    spec = OfflineSpec(captures=captures, profile=profile, app=app, first_party=first_party,
                       min_confidence=min_confidence, show_values=show_values, geoip=geoip)
    obs, unseen = extract(spec)
    if graph_path is not None:
        from analyzer.graph import build as graphmod
        from analyzer.kb.catalogue import load_kb

        graphmod.export(graphmod.from_observations(obs, load_kb(), app=app), graph_path)
    with output_to(output) as fh:
        FORMATTERS[fmt](obs, unseen, fh)
    sys.exit(EXIT_OK)
