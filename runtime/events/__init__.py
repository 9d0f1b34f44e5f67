"""Live updates: committed changes announced to the people who may see them, over Server-Sent Events."""
