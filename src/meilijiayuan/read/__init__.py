"""Reading: paths → documents with positions (YAML in the loader; workbooks here)."""
