"""Dabble's runtime: serves published apps; `create_app` is the composition root."""
