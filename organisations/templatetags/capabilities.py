"""The `can` filter (loaded as a builtin in every template): templates ask the same role table the views enforce."""

from django import template

from organisations.roles import Capability

register = template.Library()


@register.filter
def can(membership, capability: str) -> bool:
    """{% if membership|can:"manage members" %}"""
    return membership is not None and membership.can(Capability(capability))
