"""Form fields shared by the apps, where Django's own needs one guard more."""

from django import forms
from django.core.exceptions import ValidationError

BIGINT = (-(2**63), 2**63 - 1)
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")  # the browser's date picker, ISO on the wire


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
