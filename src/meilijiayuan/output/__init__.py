"""Output: renderers, one module per format (a folder where several commands share a format)."""
