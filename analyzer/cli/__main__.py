"""``python -m analyzer.cli``: the same as the ``piflow`` command."""

from analyzer.cli import main

main()
