"""exporters layer of Tending (see docs/ARCHITECTURE.md)."""
