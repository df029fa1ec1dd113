"""Tenants (organisations), teams, memberships and roles, invitations and commissioning contracts."""
