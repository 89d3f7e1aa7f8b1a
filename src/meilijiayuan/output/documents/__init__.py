"""Documents: what each command found, as plain data every output format can draw from."""
