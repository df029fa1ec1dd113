"""Spreadsheet exports that a spreadsheet cannot turn against its reader: the one formula guard of the project.

A cell starting with one of FORMULA_START would run as a formula in Excel or LibreOffice (OWASP "CSV injection");
every export and every import check goes through `neutralise_formula` or `looks_like_formula`.
"""

from django_tables2.export import TableExport

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def looks_like_formula(value) -> bool:
    """True for text a spreadsheet would run: leading spaces are ignored, as spreadsheets ignore them."""
    return isinstance(value, str) and value.strip() != "" and value.lstrip(" ").startswith(FORMULA_START)


def neutralise_formula(value):
    """A cell that a spreadsheet would run as a formula is written as text instead."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


class SafeTableExport(TableExport):
    """django-tables2's export with every header and cell passed through neutralise_formula."""

    def __init__(self, export_format, table, **kwargs):
        super().__init__(export_format, table, **kwargs)
        headers = self.dataset.headers
        rows = [[neutralise_formula(value) for value in row] for row in self.dataset]
        self.dataset.wipe()
        self.dataset.headers = [neutralise_formula(h) for h in headers]
        for row in rows:
            self.dataset.append(row)
