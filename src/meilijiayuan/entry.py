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

When the command is done, the collector is told to leave every object alone
(``gc.freeze``): the interpreter's shutdown would otherwise walk all of them, several
times, only for the process to hand its memory back to the system right after. That walk
was 30-40 ms of a 220 ms ``mljy check``; output is flushed, files are closed and ``atexit``
handlers run as before (mljy keeps no file or temporary file open in a reference cycle).
"""

import gc

GC_THRESHOLDS = (200_000, 50, 1_000)  # CPython's default: (700, 10, 10)
gc.set_threshold(*GC_THRESHOLDS)


def main() -> None:
    """Run the command line (:func:`meilijiayuan.cli.main`), then let the process end fast."""
    from meilijiayuan.cli import main as cli_main

    try:
        cli_main()
    finally:
        gc.freeze()  # the process ends next: no collection over what is left (see above)
