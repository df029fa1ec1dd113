"""Django admin for platform staff: organisations, users, memberships, invitations and contracts."""

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.template.response import TemplateResponse
from simple_history.admin import SimpleHistoryAdmin

from organisations import data
from organisations.models import AuditEvent, CommissioningContract, Invitation, Membership, Organisation, Team, User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "full_name", "is_staff", "is_active", "date_joined"]
    search_fields = ["email", "full_name"]
    fieldsets = [
        (None, {"fields": ["email", "password", "full_name"]}),
        ("Access", {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]}),
        ("Dates", {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "full_name", "password1", "password2"]})]


class TeamInline(admin.TabularInline):
    model = Team
    extra = 0


@admin.action(description="Remove completely: every record, file and sole-membership account", permissions=["delete"])
def remove_completely(modeladmin, request, queryset):
    """Asks for confirmation on a page of its own, then removes each organisation through organisations.data."""
    if request.POST.get("confirm") != "yes":
        context = {**modeladmin.admin_site.each_context(request), "organisations": queryset, "opts": modeladmin.opts}
        return TemplateResponse(request, "admin/organisations/remove_confirmation.html", context)
    for organisation in queryset:
        name = organisation.name
        deleted = data.remove_organisation(organisation, removed_by=request.user)
        modeladmin.message_user(request, f"Removed {name}: {sum(deleted.values())} records.", messages.SUCCESS)
    return None


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "ods_code", "region", "staff_headcount"]
    list_filter = ["kind", "region"]
    search_fields = ["name", "ods_code", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [TeamInline]
    actions = [remove_completely]

    def get_actions(self, request):
        # Django's own bulk delete would stop at protected rows and leave files and accounts behind.
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser and obj is None  # removal goes through the action, never the delete page


@admin.register(Membership)
class MembershipAdmin(SimpleHistoryAdmin):  # each membership's history (role changes, deactivation) in the admin
    list_display = ["user", "organisation", "role", "team", "is_active"]
    list_filter = ["role", "is_active", "organisation"]
    search_fields = ["user__email", "user__full_name", "organisation__name"]
    raw_id_fields = ["user", "team"]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "organisation", "role", "created_at", "expires_at", "accepted_at", "revoked_at"]
    list_filter = ["organisation", "role"]
    search_fields = ["email"]
    readonly_fields = ["nonce", "sent_at", "send_count", "accepted_at", "accepted_by"]


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """Read only: sign-ins, downloads, imports, contract decisions and removals across every organisation."""

    list_display = ["at", "kind", "organisation", "user", "summary"]
    list_filter = ["kind"]
    search_fields = ["summary", "user__email", "organisation__name"]
    readonly_fields = ["at", "kind", "organisation", "user", "summary"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(CommissioningContract)
class CommissioningContractAdmin(admin.ModelAdmin):
    list_display = ["reference", "commissioner", "provider", "status", "start_date", "end_date"]
    list_filter = ["status"]
    search_fields = ["reference", "commissioner__name", "provider__name"]
