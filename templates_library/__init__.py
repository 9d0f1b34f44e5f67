"""Template app definitions users start from (see issue 'Templates library'; not built yet)."""
