"""Data files of the practice catalogue and the emotional vocabulary (loaded, never imported)."""
