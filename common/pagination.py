"""A lazy paginator whose page number cannot overflow the database's OFFSET (security review L6)."""

from django.core.paginator import EmptyPage
from django_tables2 import LazyPaginator

LARGEST_OFFSET = 2**62  # well inside a signed 64-bit OFFSET, the largest PostgreSQL and SQLite accept


class BoundedLazyPaginator(LazyPaginator):
    """django-tables2's LazyPaginator (no COUNT over millions of rows), refusing a page past any possible row:
    RequestConfig then shows the first page instead of the database failing on `?page=99999999999999999999`."""

    def validate_number(self, number):
        number = super().validate_number(number)
        if (number - 1) * self.per_page > LARGEST_OFFSET:
            raise EmptyPage("That page number is past the end")
        return number
