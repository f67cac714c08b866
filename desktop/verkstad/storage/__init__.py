"""Persistence: SQLAlchemy mappings of the domain objects, the SQLite database, migrations and backups."""
