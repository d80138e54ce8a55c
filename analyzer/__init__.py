"""piflow: which personal information an Android app collects, where it goes, which rules that breaks.

The packages, each importing only those below it (the ``May import:`` line
of each package's docstring; ``tests/unit/test_layers.py`` enforces them)::

    cli → batch → report, diff → check → rules → graph ─┬→ static → taint → program → apk ─┐
                                                        ├→ traffic ─────────────────────────┤
                                                        └→ declaration ─────────────────────┴→ kb → common

    (and every package → ``model``, ``errors``)

``model`` (value types shared by every part) and ``errors`` (each error
class tied to one exit status) import nothing of piflow.
"""

__version__ = "0.1.0"
