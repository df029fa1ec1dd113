"""django-filter filtersets for the organisations pages."""

import django_filters
from django import forms
from django.db import models

from organisations.models import Membership, StaffMember, Team
from organisations.roles import Role


class MembershipFilter(django_filters.FilterSet):
    role = django_filters.ChoiceFilter(choices=Role.choices, empty_label="Any role")
    team = django_filters.ModelChoiceFilter(queryset=Team.objects.none(), empty_label="Any team")
    is_active = django_filters.BooleanFilter(
        label="Status",
        widget=forms.Select(choices=[("", "Any status"), ("true", "Active"), ("false", "Deactivated")]),
    )

    class Meta:
        model = Membership
        fields = ["role", "team", "is_active"]

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["team"].queryset = Team.objects.for_organisation(organisation)


class StaffFilter(django_filters.FilterSet):
    name = django_filters.CharFilter(
        label="Name, staff number or email", method="find", widget=forms.TextInput(attrs={"autocomplete": "off"})
    )
    team = django_filters.ModelChoiceFilter(queryset=Team.objects.none(), empty_label="Any team")
    frontline = django_filters.BooleanFilter(
        label="Frontline",
        widget=forms.Select(choices=[("", "Frontline or not"), ("true", "Frontline"), ("false", "Not frontline")]),
    )

    class Meta:
        model = StaffMember
        fields = ["name", "team", "frontline"]

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["team"].queryset = Team.objects.for_organisation(organisation)

    def find(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(
            models.Q(name__icontains=value) | models.Q(staff_number=value) | models.Q(email=value.lower())
        )
