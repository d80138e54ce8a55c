"""``piflow diff`` and baselines: what a build adds, drops or changes against another, and the release gate.

``operand`` turns one side (an APK, a saved scan, a check document or a
baseline) into a :class:`~analyzer.check.snapshot.Snapshot`, running the
check when needed; ``compare`` diffs two snapshots by category and applies
the ``--fail-on`` gates; ``report`` prints the diff as a table, JSON or
Markdown.

May import: check, declaration, kb, common, model, errors.
"""
