"""Reading: paths → documents with positions (YAML; workbooks), and which files to read."""
