"""Small-number suppression for every figure shown outside the organisation it describes.

A count from 1 to 4 is written "<5", so that no one can be singled out from a small group; every other count is
rounded to the nearest 5 (never below 5), so that no difference between two figures a reader is shown (a rolling
total and the weeks inside it, a period and a quarter) can give back a hidden count exactly. Pages, exports and
reports that show figures to another organisation use `shown_outside`; tests/evaluation/test_suppression.py
proves the property over generated histories.
"""

SMALL_NUMBER = 5
ROUNDING = 5


def is_small(count: int) -> bool:
    """A count from 1 to 4: never shown outside the organisation, nor anything it can be worked out from."""
    return 0 < count < SMALL_NUMBER


def suppress(count: int) -> str:
    """For figures of the organisation's own report: counts under 5 hidden, the rest exact."""
    return "<5" if is_small(count) else f"{count:,}"


def rounded(count: int) -> int | None:
    """The count as shown outside: None when it is hidden (1 to 4), 0 for none, otherwise to the nearest 5."""
    if is_small(count):
        return None
    if count == 0:
        return 0
    return max(SMALL_NUMBER, (count + ROUNDING // 2) // ROUNDING * ROUNDING)


def shown_outside(count: int) -> str:
    shown = rounded(count)
    return "<5" if shown is None else f"{shown:,}"
