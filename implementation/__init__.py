"""The programme's plan: the four-phase implementation checklist, SMART objectives and the roll-out to teams."""
