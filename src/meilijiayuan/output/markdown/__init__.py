"""``--format markdown``: documents for meeting minutes and 通报, one module per command."""
