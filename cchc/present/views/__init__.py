"""Views: typed data a command renders, one module per kind (report, findings, diff, query)."""
