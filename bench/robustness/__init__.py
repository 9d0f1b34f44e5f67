"""Shared machinery of the load, crash and fuzz benchmarks: databases, instances, gunicorn servers, clients, checks."""
