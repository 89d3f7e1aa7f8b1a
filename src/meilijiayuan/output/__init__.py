"""Output stage: renderers by format, and the writer."""
