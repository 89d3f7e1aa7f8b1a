"""Running: one orchestrator per command returning a result record; the per-file loop."""
