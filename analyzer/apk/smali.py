"""Assemble an apktool-decoded folder's smali into DEX with smali (a child process, no shell, bounded).

``apktool d`` without ``-s`` leaves the code as smali text: ``smali/`` for
``classes.dex``, ``smali_classesN/`` for ``classesN.dex``. Reviewers often have
only that form, so the folder's code is assembled back into DEX with the smali
assembler (Debian's ``smali``, the tool apktool itself builds with) and read
like an APK's. The files assembled are exactly the ones the folder walk took
(copied into a private temporary directory: no symlink leads out of the
folder); the assembler runs as ``[smali, "assemble", …]`` with absolute paths
(never through a shell), a heap limit and a timeout. When the assembler is
missing, fails or times out, the reason is returned and the scan goes on
without code, saying so.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

SMALI_DIR = re.compile(r"^smali(?:_classes([2-9]|[1-9]\d))?/")
"""A smali tree and its DEX: ``smali/`` → ``classes.dex``, ``smali_classes2/`` → ``classes2.dex``."""
TIMEOUT_S = 600.0
HEAP = "-Xmx1g"
API = 29
"""The API level smali assembles for: it allows every opcode an app of that level may hold (DEX 039)."""


def smali_groups(names: list[str]) -> dict[str, list[str]]:
    """The smali files of each DEX, by DEX name (``classes.dex``, ``classes2.dex``, …)."""
    out: dict[str, list[str]] = {}
    for name in names:
        m = SMALI_DIR.match(name)
        if m and name.endswith(".smali"):
            out.setdefault(f"classes{m.group(1) or ''}.dex", []).append(name)
    return out


def assemble(root: Path, names: list[str], timeout: float = TIMEOUT_S) -> tuple[list[tuple[str, bytes]], str]:
    """``(dex name, bytes)`` of each smali tree of ``root`` (``names``: the folder's files, relative), and
    why none could be made (empty when they were)."""
    groups = smali_groups(names)
    if not groups:
        return [], ""
    tool = shutil.which("smali")
    if tool is None:
        return [], "the smali assembler is not installed (make installs Debian's smali)"
    out: list[tuple[str, bytes]] = []
    env = {**os.environ, "JAVA_ARGS": HEAP}
    with tempfile.TemporaryDirectory(prefix="piflow-smali-") as tmp:
        for dex, files in sorted(groups.items()):
            src = Path(tmp) / dex.removesuffix(".dex")
            for name in files:
                target = src / name
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(root / name, target, follow_symlinks=False)
            target_dex = Path(tmp) / dex
            try:
                proc = subprocess.run([tool, "assemble", "-a", str(API), "-o", str(target_dex), str(src)],
                                      capture_output=True, timeout=timeout, env=env, check=False)
            except subprocess.TimeoutExpired:
                return [], f"assembling its smali took more than {timeout:.0f} s"
            except OSError as e:
                return [], f"the smali assembler did not run ({e.strerror})"
            if proc.returncode != 0 or not target_dex.is_file():
                lines = [ln for ln in proc.stderr.decode("utf-8", "replace").splitlines() if ln.strip()]
                first = lines[0].replace(str(src) + os.sep, "")[:160] if lines else f"exit {proc.returncode}"
                return [], f"its smali does not assemble ({first})"
            out.append((dex, target_dex.read_bytes()))
    return out, ""
