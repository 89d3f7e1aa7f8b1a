"""Cell texts: each row of a view as plain strings, drawn as terminal tables (``table/``)
and as markdown (``markdown/``)."""
