"""Allow ``python -m meilijiayuan``."""

from meilijiayuan.entry import main

main()
