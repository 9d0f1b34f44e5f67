"""Compile parts of a definition into artifacts others run: the JSON Schemas of records."""
