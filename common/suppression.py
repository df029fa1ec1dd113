"""Small-number suppression: a count under 5 shown outside the organisation is written "<5", so that no one can
be singled out from a small group. Pages, exports and reports that show figures to another organisation use it."""

SMALL_NUMBER = 5


def is_small(count: int) -> bool:
    """A count from 1 to 4: never shown outside the organisation, nor anything it can be worked out from."""
    return 0 < count < SMALL_NUMBER


def suppress(count: int) -> str:
    return "<5" if is_small(count) else f"{count:,}"
