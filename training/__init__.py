"""Training: resources, quality-marker self-evaluations, sessions, staff training records, coverage and surveys."""
