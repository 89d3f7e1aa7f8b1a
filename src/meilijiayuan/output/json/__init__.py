"""``--format json``: the stable machine interface, one module per command."""
