"""``piflow lists``: the two lists regulators expect an app to publish, and a draft declaration."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from analyzer.cli.group import APP, INPUT, OUTPUT, handle_errors, main, quiet_logs, stderr, write_output
from analyzer.errors import EXIT_OK, InputError

_FORMATS = ("md", "html", "csv", "xlsx")


def _formats(value: str | None, out: Path | None) -> tuple[str, ...]:
    if value is None:
        return _FORMATS if out is not None else ("md",)
    chosen = tuple(dict.fromkeys(f.strip().lower() for f in value.split(",") if f.strip()))
    bad = [f for f in chosen if f not in _FORMATS]
    if bad or not chosen:
        raise InputError(f"--format: {', '.join(bad) or 'nothing'} is not one of {', '.join(_FORMATS)}")
    if out is None and chosen != ("md",):
        raise InputError("--format: only md can go to stdout; give --out DIR for html, csv and xlsx")
    return chosen


def _is_check_document(target: Path) -> bool:
    """Whether ``target`` is a saved ``piflow.check/2`` document (else an app or a saved scan)."""
    if target.suffix.lower() != ".json" or not target.is_file():
        return False
    with target.open("rb") as fh:
        head = fh.read(4096)
    return b'"schema": "piflow.check/' in head or b'"schema":"piflow.check/' in head


@main.command("lists")
@click.argument("target", type=APP)
@click.option("--capture", "captures", multiple=True, type=click.Path(path_type=Path),
              help="A capture: .mitm, HAR, observations.jsonl or a capture folder (repeatable).")
@click.option("--declaration", type=INPUT,
              help="Compare with what the app declares: rows it leaves out point to rule o24-09-2.")
@click.option("--profile", type=INPUT, help="Device profile YAML (known PI values of the test phone).")
@click.option("--out", "out", type=click.Path(file_okay=False, path_type=Path),
              help="Write the files into this folder (created 0700, files 0600); without it, "
                   "Markdown goes to stdout.")
@click.option("--lang", type=click.Choice(["zh", "en", "both"]), default="both", show_default=True,
              help="Language of the lists.")
@click.option("--format", "fmt", metavar="LIST",
              help="Comma-separated: md, html, csv, xlsx (default: all four with --out, md without).")
@click.option("--draft-declaration", "draft_path", type=OUTPUT,
              help="Also write a draft declaration YAML from the same evidence, for the developer "
                   "to complete.")
@click.option("--no-taint", is_flag=True, help="Scan the APK without the taint analysis (faster).")
@click.option("--budget", type=click.FloatRange(min=1.0), default=60.0, show_default=True,
              help="Seconds the APK scan may take.")
@click.option("-q", "--quiet", is_flag=True, help="No progress on stderr.")
@handle_errors
def lists_command(target: Path, captures: tuple[Path, ...], declaration: Path | None, profile: Path | None,
                  out: Path | None, lang: str, fmt: str | None, draft_path: Path | None, no_taint: bool,
                  budget: float, quiet: bool) -> None:
    """The PI and third-party lists of TARGET (APK, split set, bundle, decoded folder, saved scan or check).

    已收集个人信息清单 and 第三方信息共享清单 from the same evidence as `piflow check`;
    what the evidence cannot decide is marked for a person.
    """
    from analyzer.check.run import CHECK_STEPS, CheckRequest, run_check
    from analyzer.common.progress import Bars, scan_steps
    from analyzer.declaration.load import load_declaration
    from analyzer.kb.catalogue import load_kb
    from analyzer.lists.build import from_result

    formats = _formats(fmt, out)
    if draft_path is not None and not draft_path.parent.is_dir():
        raise InputError(f"--draft-declaration: {draft_path.parent}: no such folder")
    langs = ("zh", "en") if lang == "both" else (lang,)
    quiet_logs(quiet)
    if _is_check_document(target):  # a saved `piflow check --format json`: its evidence is fixed
        from analyzer.check.readback import load_result
        from analyzer.lists.build import from_document

        if captures or declaration is not None or profile is not None:
            raise InputError(f"{target}: a saved check result already holds its evidence; "
                             "give --capture, --declaration and --profile with the APK instead")
        lists = from_document(load_result(target), load_kb())
    else:
        decl = load_declaration(declaration) if declaration is not None else None
        req = CheckRequest(target=target, captures=captures, profile=profile, lang=langs[0],
                           taint=not no_taint, budget_s=budget)
        scanning = target.suffix.lower() != ".json"
        with Bars(enabled=not quiet, console=stderr()) as bars:
            result = run_check(req, decl, progress=bars.job(target.name, CHECK_STEPS + (
                scan_steps(not no_taint) if scanning else 0)))
        lists = from_result(result, load_kb())
    if out is None:
        from analyzer.lists.render import markdown

        write_output("\n".join(markdown(lists, la) for la in langs), None)
    else:
        from analyzer.lists.output import write_lists
        from analyzer.lists.render import summary

        for path in write_lists(lists, out, langs, formats):
            if not quiet:
                stderr().print(f"wrote {path}", markup=False, highlight=False)
        if not quiet:
            stderr().print(summary(lists, langs[-1]), markup=False, highlight=False)
    if draft_path is not None:
        from analyzer.lists.draft import draft

        write_output(draft(lists), draft_path)
    sys.exit(EXIT_OK)
