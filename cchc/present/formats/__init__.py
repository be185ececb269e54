"""Formats: one module per medium; each registers its writers in `cchc.present.registry`."""
