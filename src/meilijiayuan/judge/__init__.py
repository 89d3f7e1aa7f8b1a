"""Judging (pure): the 序时进度 rules, one organisation, the reports in effect, the district."""
