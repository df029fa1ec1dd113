"""Platform staff publish corrected scoring schemes here (or with `manage.py publish_scoring_scheme` from the official
scoring sheet); assessments keep the scheme they were scored with."""

from django.contrib import admin

from assessment.models import Assessment, FactorLevel, SchemeFactor, ScoringScheme
from assessment.publishing import copy_scheme


class FactorLevelInline(admin.TabularInline):
    model = FactorLevel
    extra = 0


@admin.register(ScoringScheme)
class ScoringSchemeAdmin(admin.ModelAdmin):
    list_display = ["version", "published_at", "is_current"]
    actions = ["copy_as_new_version"]

    @admin.action(description="Copy as a new draft version (to correct weights or wording)")
    def copy_as_new_version(self, request, queryset):
        for scheme in queryset:
            copy = copy_scheme(scheme, f"{scheme.version}-copy")
            self.message_user(request, f"Created {copy}. Edit its factors, then tick 'is current' to publish it.")


@admin.register(SchemeFactor)
class SchemeFactorAdmin(admin.ModelAdmin):
    list_display = ["scheme", "number", "domain", "label"]
    list_filter = ["scheme", "domain"]
    inlines = [FactorLevelInline]

    def has_change_permission(self, request, obj=None):
        # A scheme that assessments use is history: correct it by copying, never by editing in place.
        if obj is not None and obj.scheme.assessments.exists():
            return False
        return super().has_change_permission(request, obj)


@admin.register(Assessment)
class AssessmentAdmin(admin.ModelAdmin):
    list_display = ["organisation", "scope", "team", "status", "started_at", "completed_at", "total"]
    list_filter = ["status", "scheme"]
