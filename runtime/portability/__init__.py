"""An app as one JSON file and back: `dabble export` and `dabble import`."""
