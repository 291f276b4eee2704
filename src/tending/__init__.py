"""Tending: a local-first companion for cultivating intimacy in close relationships."""

__version__ = "0.1.0"
__all__ = ["__version__"]
