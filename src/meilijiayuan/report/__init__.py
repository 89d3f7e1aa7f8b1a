"""The report: its model and its checks against the plan."""
