"""Migrations between published versions: plan from the two definitions, dry-run, then apply."""
