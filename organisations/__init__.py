"""The ground floor: organisations (tenants), teams, people, roles and capabilities, invitations and contracts."""
