"""HTML blueprints, one per user-facing area; every page calls the same engine as the API."""
