"""What each page shows, built from the use cases; no FastAPI here, so the pages stay thin."""
