"""Contact logging, the signposting directory, the SC8 dashboard and evaluation reports (filled by their issues)."""
