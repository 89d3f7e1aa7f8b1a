"""The plan: its model, its index (organisations, aliases, groups, items), loading and checks."""
