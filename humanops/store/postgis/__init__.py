"""The team workspace in PostgreSQL/PostGIS (issue 14): the store's second backend."""
