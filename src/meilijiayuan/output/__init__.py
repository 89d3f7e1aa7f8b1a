"""Renderers: one module per output format, sharing only the finding and assessment records."""
