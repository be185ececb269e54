"""Changing data files in place: round-trip YAML edits, checked and written atomically."""
