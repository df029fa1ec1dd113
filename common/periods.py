"""Reporting periods as NHS boards use them: financial quarters and years (April to March), or any two dates."""

import datetime
from dataclasses import dataclass


@dataclass(frozen=True)
class Period:
    code: str  # "q-2026-2" (Q2 of 2026/27), "fy-2026" (2026/27) or "custom"
    label: str
    start: datetime.date
    end: datetime.date

    @property
    def name(self) -> str:
        """The label without its months: "Q3 2026/27", "Financial year 2026/27"."""
        return self.label.split(" (")[0]


def _fy(day: datetime.date) -> int:
    """The year in which the financial year holding this day began."""
    return day.year if day.month >= 4 else day.year - 1


def _fy_label(year: int) -> str:
    return f"{year}/{(year + 1) % 100:02d}"


def quarter(year: int, number: int) -> Period:
    first_month = 4 + 3 * (number - 1)
    start = datetime.date(year + (first_month - 1) // 12, (first_month - 1) % 12 + 1, 1)
    next_start = datetime.date(start.year + (start.month + 2) // 12, (start.month + 2) % 12 + 1, 1)
    end = next_start - datetime.timedelta(days=1)
    label = f"Q{number} {_fy_label(year)} ({start:%B} to {end:%B %Y})"
    return Period(f"q-{year}-{number}", label, start, end)


def financial_year(year: int) -> Period:
    return Period(
        f"fy-{year}",
        f"Financial year {_fy_label(year)}",
        datetime.date(year, 4, 1),
        datetime.date(year + 1, 3, 31),
    )


def quarter_of(day: datetime.date) -> Period:
    year = _fy(day)
    return quarter(year, (day.month - 4) % 12 // 3 + 1)


def previous_quarter(day: datetime.date) -> Period:
    return quarter_of(quarter_of(day).start - datetime.timedelta(days=1))


def presets(today: datetime.date) -> list[tuple[str, datetime.date, datetime.date]]:
    """(name, first day, last day) of the periods a date filter offers with one tap."""
    last_quarter = previous_quarter(today)
    year = financial_year(_fy(today))
    return [
        ("This month", today.replace(day=1), today),
        ("Last month", (today.replace(day=1) - datetime.timedelta(days=1)).replace(day=1),
         today.replace(day=1) - datetime.timedelta(days=1)),
        ("This quarter", quarter_of(today).start, today),
        (f"Last quarter ({last_quarter.name})", last_quarter.start, last_quarter.end),
        (f"This financial year ({year.name.removeprefix('Financial year ')})", year.start, today),
    ]  # fmt: skip


def custom(start: datetime.date, end: datetime.date) -> Period:
    return Period("custom", f"{start:%-d %B %Y} to {end:%-d %B %Y}", start, end)


def recent(today: datetime.date, quarters: int = 8, years: int = 3) -> list[Period]:
    """The current and previous quarters, then the current and previous financial years, newest first."""
    periods, day = [], today
    for _ in range(quarters):
        current = quarter_of(day)
        periods.append(current)
        day = current.start - datetime.timedelta(days=1)
    periods += [financial_year(_fy(today) - n) for n in range(years)]
    return periods


def by_code(code: str, today: datetime.date) -> Period | None:
    return next((p for p in recent(today) if p.code == code), None)


def parse_day(value: str) -> datetime.date | None:
    """A day typed in a spreadsheet: YYYY-MM-DD or DD/MM/YYYY; None for anything else (the imports' one reading)."""
    try:
        if "/" in value:
            day, month, year = value.split("/")
            return datetime.date(int(year), int(month), int(day)) if len(year) == 4 else None
        return datetime.date.fromisoformat(value) if len(value) == 10 else None
    except ValueError:
        return None
