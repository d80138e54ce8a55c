"""The ``piflow`` command line: one small module per command family on one group.

Job: parse options into the library's request types, call the library, hand
the result to the one output writer (:func:`analyzer.cli.group.write_output`,
files created 0600). Exit statuses belong to
:func:`analyzer.cli.group.handle_errors` and :mod:`analyzer.errors`, nowhere
else.

Heavy imports happen inside the command functions, so ``piflow --help``
stays quick. Nothing imports ``cli``.

Modules: ``group`` (the group, the error decorator, the output writer),
``scan``, ``traffic`` (capture, mark, traffic), ``check`` (check, report),
``declaration``, ``diff`` (diff, baseline), ``batch``, ``lists`` (the regulator's two lists).

May import: batch, diff, lists, report, check, rules, graph, static, taint, program, apk, traffic,
declaration, kb, common, model, errors.
"""

from analyzer.cli import batch, check, declaration, diff, lists, scan, traffic
from analyzer.cli.group import main

__all__ = ["batch", "check", "declaration", "diff", "lists", "main", "scan", "traffic"]
