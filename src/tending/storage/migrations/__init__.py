"""Alembic migrations of Tending, shipped inside the package and run programmatically."""
