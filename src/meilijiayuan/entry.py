"""The ``mljy`` console script and ``python -m meilijiayuan``: the collector tuned, then the CLI.

A run of mljy is short, and while it imports typer, pydantic and rich and reads the reports
it allocates hundreds of thousands of objects, hardly any of them garbage in cycles.
CPython's cyclic collector, with its default thresholds, looks at the youngest objects after
every 700 allocations and at all of them again and again: about 24 M instructions of a
one-report ``mljy check`` and half the time of ``mljy status`` over 10,000 reports, for the
same peak memory (benchmarks/README.md). The collector stays on, with thresholds that let
it run a handful of times a run instead of hundreds.

This is done here, before anything else is imported, and not in :mod:`meilijiayuan.cli`:
importing the CLI (tests do) must not change how the importing process collects garbage.
"""

import gc

GC_THRESHOLDS = (200_000, 50, 1_000)  # CPython's default: (700, 10, 10)
gc.set_threshold(*GC_THRESHOLDS)


def main() -> None:
    """Run the command line (:func:`meilijiayuan.cli.main`)."""
    from meilijiayuan.cli import main as cli_main

    cli_main()
