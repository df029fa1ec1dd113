"""Small-number suppression: a count under 5 shown outside the organisation is written "<5", so that no one can
be singled out from a small group. Pages, exports and reports that show figures to another organisation use it."""

SMALL_NUMBER = 5


def suppress(count: int) -> str:
    return "<5" if 0 < count < SMALL_NUMBER else f"{count:,}"
