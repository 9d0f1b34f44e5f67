"""How published entities are stored: column codecs, table names and table definitions."""
