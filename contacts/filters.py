"""django-filter filtersets for the contact log and the directory."""

import django_filters
from django.db.models import Q

from common.fields import DATE
from contacts import content
from contacts.models import Conversation, Service
from organisations.models import Team


def bit_filter(field, items):
    def apply(queryset, name, value):
        return queryset.with_bit(field, items, value) if value else queryset

    return apply


class ConversationFilter(django_filters.FilterSet):
    date_from = django_filters.DateFilter(
        field_name="occurred_on",
        lookup_expr="gte",
        label="From",
        widget=DATE,
    )
    date_to = django_filters.DateFilter(
        field_name="occurred_on",
        lookup_expr="lte",
        label="To",
        widget=DATE,
    )
    team = django_filters.ModelChoiceFilter(queryset=Team.objects.none(), empty_label="Any team")
    topic = django_filters.ChoiceFilter(
        choices=content.choices(content.TOPICS), empty_label="Any topic", method="filter_topic", label="Topic"
    )
    determinant = django_filters.ChoiceFilter(
        choices=content.choices(content.DETERMINANTS),
        empty_label="Any determinant",
        method="filter_determinant",
        label="Wider determinant",
    )
    outcome = django_filters.ChoiceFilter(
        choices=content.choices(content.OUTCOMES), empty_label="Any outcome", method="filter_outcome", label="Outcome"
    )
    intervention_level = django_filters.ChoiceFilter(
        choices=content.choices(content.INTERVENTION_LEVELS), empty_label="Any level", label="Level"
    )
    setting = django_filters.ChoiceFilter(choices=content.choices(content.SETTINGS), empty_label="Any setting")

    class Meta:
        model = Conversation
        fields = []

    def __init__(self, *args, organisation, membership=None, **kwargs):
        super().__init__(*args, **kwargs)
        teams = Team.objects.for_organisation(organisation)
        if membership is not None and membership.sees_only_own_team():
            teams = teams.filter(pk=membership.team_id)  # never offer a team whose conversations it cannot show
        self.filters["team"].queryset = teams

    filter_topic = staticmethod(bit_filter("topics", content.TOPICS))
    filter_determinant = staticmethod(bit_filter("determinants", content.DETERMINANTS))
    filter_outcome = staticmethod(bit_filter("outcomes", content.OUTCOMES))


class ServiceFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label="Search by keyword", method="search")
    topic = django_filters.ChoiceFilter(
        choices=content.choices(content.TOPICS) + content.choices(content.DETERMINANTS),
        empty_label="Any topic or determinant",
        label="Topic or determinant",
        method="filter_topic",
    )

    class Meta:
        model = Service
        fields = []

    def search(self, queryset, name, value):
        words = value.split()[:5]
        for word in words:
            queryset = queryset.filter(
                Q(name__icontains=word) | Q(description__icontains=word) | Q(area_served__icontains=word)
            )
        return queryset

    def filter_topic(self, queryset, name, value):
        topic_codes = {item.code for item in content.TOPICS}
        if value in topic_codes:
            return bit_filter("topics", content.TOPICS)(queryset, name, value)
        return bit_filter("determinants", content.DETERMINANTS)(queryset, name, value)
