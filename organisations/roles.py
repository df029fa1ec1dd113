"""Roles and the one table that says which role may do what.

Views declare the capability they need (see organisations.access); templates ask the same table through
Membership.can, so a page never offers a link its view would refuse.
"""

from enum import StrEnum

from django.db import models


class Role(models.TextChoices):
    ORG_ADMIN = "org_admin", "Organisation admin"
    IMPLEMENTATION_LEAD = "implementation_lead", "Implementation lead"
    TEAM_MANAGER = "team_manager", "Team manager"
    FRONTLINE = "frontline", "Frontline staff"
    TRAINER = "trainer", "Trainer"
    BOARD_MEMBER = "board_member", "Board member"
    COMMISSIONER = "commissioner", "Commissioner"


class Capability(StrEnum):
    VIEW_MEMBERS = "view members"
    MANAGE_MEMBERS = "manage members"
    MANAGE_ROSTER = "manage the staff roster"
    MANAGE_API_TOKENS = "create and revoke API tokens for analysts"
    MANAGE_CONTRACTS = "manage contracts"
    VIEW_PROVIDER_PORTFOLIO = "view provider portfolio"
    SET_SC8_TARGETS = "set SC8 targets on own contracts"
    LOG_CONVERSATIONS = "log conversations"
    VIEW_CONVERSATIONS = "view conversations"
    IMPORT_CONVERSATIONS = "import conversations"
    VIEW_DIRECTORY = "view directory"
    MANAGE_DIRECTORY = "manage directory"
    RUN_ASSESSMENT = "run assessments"
    VIEW_CHECKLIST = "view implementation"
    EDIT_CHECKLIST = "edit checklist"
    SIGN_OFF_OBJECTIVES = "sign off objectives"
    VIEW_OWN_SC8 = "view own SC8 position"
    VIEW_TRAINING = "view training"
    ASSESS_OWN_SKILLS = "assess own skills"
    VIEW_LIBRARY = "view the resource library"
    MANAGE_LIBRARY = "manage the resource library"
    MANAGE_TRAINING = "manage training"
    VIEW_ASSESSMENT = "view assessments"
    REPORTS = "request and download evaluation reports"
    EXPORT_DATA = "export organisation data"
    VIEW_AUDIT_TRAIL = "view the audit trail"
    SCHEDULE_REPORTS = "schedule board reports"
    EDIT_TEAM_PLANS = "edit team roll-out plans"
    CHANGE_ANY_CONVERSATION = "change or read the history of anyone's conversation"


ROLES_BY_CAPABILITY: dict[Capability, frozenset[Role]] = {
    Capability.VIEW_MEMBERS: frozenset({Role.ORG_ADMIN, Role.IMPLEMENTATION_LEAD, Role.TEAM_MANAGER}),
    Capability.MANAGE_MEMBERS: frozenset({Role.ORG_ADMIN}),
    # The roster is the denominator of coverage: kept by whoever runs the account or the programme.
    Capability.MANAGE_ROSTER: frozenset({Role.ORG_ADMIN, Role.IMPLEMENTATION_LEAD}),
    # Analysts' read-only API tokens (issue 20): the organisation's admin, and a commissioner for its providers.
    Capability.MANAGE_API_TOKENS: frozenset({Role.ORG_ADMIN, Role.COMMISSIONER}),
    Capability.MANAGE_CONTRACTS: frozenset({Role.ORG_ADMIN}),
    Capability.EXPORT_DATA: frozenset({Role.ORG_ADMIN}),
    Capability.VIEW_AUDIT_TRAIL: frozenset({Role.ORG_ADMIN}),
    Capability.VIEW_PROVIDER_PORTFOLIO: frozenset({Role.ORG_ADMIN, Role.COMMISSIONER}),
    # The commissioner who follows a contract sets its targets, not only the organisation's admin.
    Capability.SET_SC8_TARGETS: frozenset({Role.ORG_ADMIN, Role.COMMISSIONER}),
    # Everyone who meets the public records conversations; board members and commissioners do not.
    Capability.LOG_CONVERSATIONS: frozenset(
        {Role.ORG_ADMIN, Role.IMPLEMENTATION_LEAD, Role.TEAM_MANAGER, Role.FRONTLINE, Role.TRAINER}
    ),
    # Team and organisation views of the raw log; board members read only; commissioners never see raw rows.
    Capability.VIEW_CONVERSATIONS: frozenset(
        {Role.ORG_ADMIN, Role.IMPLEMENTATION_LEAD, Role.TEAM_MANAGER, Role.BOARD_MEMBER}
    ),
    Capability.IMPORT_CONVERSATIONS: frozenset({Role.ORG_ADMIN, Role.IMPLEMENTATION_LEAD}),
    Capability.VIEW_DIRECTORY: frozenset(Role),
    Capability.MANAGE_DIRECTORY: frozenset({Role.ORG_ADMIN, Role.IMPLEMENTATION_LEAD}),
    Capability.RUN_ASSESSMENT: frozenset({Role.ORG_ADMIN, Role.IMPLEMENTATION_LEAD}),
    # Board members and team managers read results; frontline staff, trainers and commissioners do not.
    Capability.VIEW_ASSESSMENT: frozenset(
        {Role.ORG_ADMIN, Role.IMPLEMENTATION_LEAD, Role.BOARD_MEMBER, Role.TEAM_MANAGER}
    ),
    Capability.VIEW_CHECKLIST: frozenset(
        {Role.ORG_ADMIN, Role.IMPLEMENTATION_LEAD, Role.TEAM_MANAGER, Role.BOARD_MEMBER, Role.TRAINER}
    ),
    Capability.EDIT_CHECKLIST: frozenset({Role.ORG_ADMIN, Role.IMPLEMENTATION_LEAD}),
    # The guide: "Objectives have been signed off by senior management". The board member role is the service's
    # senior management; an organisation admin runs the account and is not, by that role, senior management.
    Capability.SIGN_OFF_OBJECTIVES: frozenset({Role.BOARD_MEMBER}),
    Capability.VIEW_TRAINING: frozenset(
        {Role.ORG_ADMIN, Role.IMPLEMENTATION_LEAD, Role.TRAINER, Role.TEAM_MANAGER, Role.BOARD_MEMBER}
    ),
    Capability.MANAGE_TRAINING: frozenset({Role.ORG_ADMIN, Role.IMPLEMENTATION_LEAD, Role.TRAINER}),
    # Everyone who works with the public or runs the programme rates their own skills (the toolkit's individual and
    # team skills assessment); a commissioner follows providers and has no MECC conversations of its own.
    Capability.ASSESS_OWN_SKILLS: frozenset(Role) - {Role.COMMISSIONER},
    Capability.VIEW_LIBRARY: frozenset(Role),
    Capability.MANAGE_LIBRARY: frozenset({Role.ORG_ADMIN, Role.IMPLEMENTATION_LEAD, Role.TRAINER}),
    Capability.VIEW_OWN_SC8: frozenset({Role.ORG_ADMIN, Role.IMPLEMENTATION_LEAD, Role.BOARD_MEMBER}),
    # Reports are for the board: leads and admins prepare them, board members receive and request them.
    Capability.REPORTS: frozenset({Role.ORG_ADMIN, Role.IMPLEMENTATION_LEAD, Role.BOARD_MEMBER}),
    Capability.SCHEDULE_REPORTS: frozenset({Role.ORG_ADMIN, Role.IMPLEMENTATION_LEAD}),
    # Team managers edit their own team's plan only (Membership.can_edit_plan); leads and admins every team's.
    Capability.EDIT_TEAM_PLANS: frozenset({Role.ORG_ADMIN, Role.IMPLEMENTATION_LEAD, Role.TEAM_MANAGER}),
    # Others change their own conversations within 24 hours (Conversation.editable_by).
    Capability.CHANGE_ANY_CONVERSATION: frozenset({Role.ORG_ADMIN}),
}

# Roles that can change the organisation's programme or see across providers: two-factor authentication required.
MFA_REQUIRED_ROLES = frozenset({Role.ORG_ADMIN, Role.IMPLEMENTATION_LEAD, Role.COMMISSIONER})

# What each role is for in a MECC programme (implementation guide, section 5), shown on the home page.
ROLE_PURPOSE: dict[Role, str] = {
    Role.ORG_ADMIN: "You manage this organisation's teams, members, invitations and commissioning contracts.",
    Role.IMPLEMENTATION_LEAD: "You lead the MECC programme: readiness, planning, roll-out to teams and review.",
    Role.TEAM_MANAGER: "You lead MECC in your team: its roll-out plan, its training and its conversations.",
    Role.FRONTLINE: "You use routine contacts for brief conversations about health and record them.",
    Role.TRAINER: "You deliver and evaluate MECC training for this organisation.",
    Role.BOARD_MEMBER: "You set the vision, approve the MECC plan and receive evaluation reports.",
    Role.COMMISSIONER: "You commission MECC through contracts and follow your providers' progress.",
}


# Only an organisation that commissions (an ICB or a local authority) has providers to follow and contracts to set
# targets on; in a trust or a charity no role has these, whatever the table above says (walkthrough 30).
COMMISSIONING_CAPABILITIES = frozenset({Capability.VIEW_PROVIDER_PORTFOLIO, Capability.SET_SC8_TARGETS})


def role_can(role: str, capability: Capability) -> bool:
    return role in ROLES_BY_CAPABILITY[Capability(capability)]
