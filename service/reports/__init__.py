"""Marketing reports: objection gaps, library coverage and content usage."""
