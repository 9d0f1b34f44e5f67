"""The workflow engine: approval instances pinned to a version, routed by the definition's flow."""
