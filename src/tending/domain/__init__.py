"""Pure values and enums of Tending: no I/O, no SQL, no CLI."""
