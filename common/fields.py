"""Form fields shared by the apps, where Django's own needs one guard more."""

import datetime

from django import forms
from django.core.exceptions import ValidationError

BIGINT = (-(2**63), 2**63 - 1)
DATE_PARTS = ("day", "month", "year")


class NHSDateInput(forms.MultiWidget):
    """The NHS.UK date input: day, month and year boxes, rendered by the nhs_field tag. Never the browser's date
    picker, which shows US order in an en-US browser (walkthrough 22).

    What it hands the field is "year-month-day" for DateField's ISO format to check (a day that does not exist is
    refused there). A single ISO date under the field's own name is accepted too, as the CSV imports, scripts and
    the benchmark send it.
    """

    def __init__(self, attrs=None):
        super().__init__([forms.TextInput, forms.TextInput, forms.TextInput], attrs)

    def decompress(self, value):
        if isinstance(value, datetime.date):
            return [value.day, value.month, value.year]
        if isinstance(value, str) and value.count("-") == 2:
            year, month, day = value.split("-")
            return [day, month, year]
        return [None, None, None]

    def value_from_datadict(self, data, files, name):
        parts = [data.get(f"{name}_{part}") for part in DATE_PARTS]
        if all(part is None for part in parts):
            return data.get(name)
        day, month, year = (str(part or "").strip() for part in parts)
        if not (day or month or year):
            return ""
        return f"{year}-{month}-{day}"

    def value_omitted_from_data(self, data, files, name):
        return name not in data and all(f"{name}_{part}" not in data for part in DATE_PARTS)


DATE = NHSDateInput()


class ModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Django's, except that an id no database column can hold is an invalid choice, not a server error.

    Django 5 already treats such an id as matching nothing in exact lookups (ModelChoiceField), but this field also
    asks the database with an `__in` lookup, which passes the number through and fails (SQLite: OverflowError;
    PostgreSQL: out of range).
    """

    def _check_values(self, value):
        for pk in value:
            try:
                number = int(str(pk))
            except ValueError:
                continue  # not a number at all: Django's own check refuses it
            if not BIGINT[0] <= number <= BIGINT[1]:
                raise ValidationError(
                    self.error_messages["invalid_pk_value"], code="invalid_pk_value", params={"pk": pk}
                )
        return super()._check_values(value)
