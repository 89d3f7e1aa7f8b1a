"""Allow ``python -m meilijiayuan``."""

from meilijiayuan.cli import main

main()
