"""The upkeep dashboard: what is due, grouped by reason; shown after unlock."""
