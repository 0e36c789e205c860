"""Library health: tag suggestions, mis-tag detection, and demand vs supply of objection answers."""
