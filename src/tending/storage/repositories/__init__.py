"""Repositories: each translates rows of its tables to domain values and back, on one Connection."""
