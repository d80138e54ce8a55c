"""Progress bars: on stderr when it is a terminal (a real pseudo-terminal), never with -q or when piped."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import sample_apk

BIN = Path(sys.executable).parent
V1, V2 = sample_apk("tracker"), sample_apk("tracker-v2")


def _on_a_terminal(*args: str) -> tuple[int, str, str]:
    """Run piflow with stderr on a pseudo-terminal, stdout piped: (status, stdout, what the terminal got)."""
    leader, follower = pty.openpty()
    env = {**os.environ, "COLUMNS": "120", "TERM": "xterm"}
    for var in ("NO_COLOR", "FORCE_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE"):
        env.pop(var, None)
    proc = subprocess.Popen([str(BIN / "piflow"), *args], stdout=subprocess.PIPE, stderr=follower, env=env)
    os.close(follower)
    seen = b""
    while True:
        ready, _, _ = select.select([leader], [], [], 120)
        if not ready:
            proc.kill()
            break
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the follower side closed: the process is done
            break
        if not chunk:
            break
        seen += chunk
    out = proc.stdout.read() if proc.stdout else b""
    proc.wait(timeout=120)
    os.close(leader)
    return proc.returncode, out.decode("utf-8", "replace"), seen.decode("utf-8", "replace")


@pytest.mark.parametrize(
    ("args", "steps"),
    [
        (("scan", str(V2), "--taint"), ("reading DEX", "following PI to sinks")),
        (("check", str(V1), "--capture", str(V1.parent / "capture")), ("reading captures", "running rules")),
        (("diff", str(V1), str(V2)), ("tracker.apk", "tracker-v2.apk", "running rules")),
    ],
    ids=["scan", "check", "diff"],
)
def test_progress_bars_on_a_terminal_not_with_quiet(args: tuple[str, ...], steps: tuple[str, ...]) -> None:
    code, out, term = _on_a_terminal(*args)
    assert code == 0, term
    for step in steps:
        assert step in term, (step, term[-2000:])
    assert "━" in term  # the bar itself
    assert out and not any(s in out for s in ("following PI to sinks", "running rules"))  # results only
    code_q, out_q, term_q = _on_a_terminal(*args, "-q")
    assert code_q == 0 and term_q == "" and out_q


def test_no_progress_when_stderr_is_piped_even_with_force_color() -> None:
    env = {**os.environ, "FORCE_COLOR": "1"}  # rich would call a pipe a terminal; the bars must not
    res = subprocess.run([str(BIN / "piflow"), "scan", str(V2), "--taint"], capture_output=True, text=True,
                         timeout=300, env=env)
    assert res.returncode == 0 and res.stderr == "" and "jpush" in res.stdout


def test_a_bad_side_fails_before_the_other_is_scanned(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"schema": "piflow.check/1"}', encoding="utf-8")
    code, out, term = _on_a_terminal("diff", str(V1), str(bad))
    assert code == 2 and out == ""
    assert term.strip() == f"piflow: error: {bad}: not a piflow check result ('graph' missing or not a dict)"


def test_every_command_takes_quiet() -> None:
    import click

    from analyzer.cli import main

    commands = []  # a group's own commands (``batch run``, ``batch report`` …) stand for it
    for name, cmd in main.commands.items():
        if isinstance(cmd, click.Group):
            commands += [(f"{name} {sub}", c) for sub, c in cmd.commands.items()]
        else:
            commands.append((name, cmd))
    lacking = [name for name, cmd in commands if not any("-q" in getattr(p, "opts", ()) for p in cmd.params)]
    assert not lacking
    want = {"scan", "check", "diff", "baseline", "traffic", "declaration", "mark", "capture"}
    assert want <= set(main.commands)


def test_quiet_declaration_and_traffic_still_print_their_results() -> None:
    decl = subprocess.run([str(BIN / "piflow"), "declaration", "-q", "--format", "json",
                           str(V1.parent / "declaration.yaml")], capture_output=True, text=True, timeout=120)
    assert decl.returncode == 0 and decl.stderr == "" and "umeng-analytics" in decl.stdout
    cap = V1.parent / "capture" / "observations.jsonl"
    traffic = subprocess.run([str(BIN / "piflow"), "traffic", "-q", "--format", "json", str(cap)],
                             capture_output=True, text=True, timeout=120)
    assert traffic.returncode == 0 and traffic.stderr == "" and "alog.umeng.com" in traffic.stdout
