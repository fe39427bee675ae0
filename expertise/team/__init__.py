"""Team hub: laptops sync through PostgreSQL, end-to-end encrypted (docs/TEAM.md)."""
