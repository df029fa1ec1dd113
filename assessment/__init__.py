"""Organisational Assessment Tool: the adapted NHS Sustainability Model (filled by its own issue)."""
