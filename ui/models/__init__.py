"""Qt table models over the core's objects, one per list."""
