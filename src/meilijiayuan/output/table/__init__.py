"""Rich tables for the terminal, one module per command."""
