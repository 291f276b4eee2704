"""metrics layer of Tending (see docs/ARCHITECTURE.md)."""
