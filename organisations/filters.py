"""django-filter filtersets for the organisations pages."""

import django_filters
from django import forms

from organisations.models import Membership, Team
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
