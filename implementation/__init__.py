"""The four-phase implementation checklist, SMART objectives and team roll-out (filled by its own issue)."""
