"""Routes by kind: HTML pages and their `.json` twins, downloads, the REST API, its docs."""
