"""Training resources, quality-marker self-evaluation, sessions and confidence surveys (filled by its own issue)."""
