"""Persistence: SQLAlchemy models, data-access functions and migrations."""
