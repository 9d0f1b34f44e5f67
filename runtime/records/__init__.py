"""The records API of published apps: validation, queries, writes with audit, HTTP routes."""
