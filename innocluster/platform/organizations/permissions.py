"""Who may do what inside an organization. One table, read by services and selectors."""

from .choices import MemberRole

EDIT_PROFILE = "edit_profile"
MANAGE_PRODUCTS = "manage_products"
MANAGE_MEMBERS = "manage_members"
VIEW_MEMBERS = "view_members"
VIEW_AUDIT = "view_audit"
# Applications to the fund (status, support measures…): prepare and submit; follow them.
APPLY = "apply"
VIEW_APPLICATIONS = "view_applications"

ROLE_ABILITIES: dict[str, frozenset[str]] = {
    MemberRole.OWNER: frozenset(
        {
            EDIT_PROFILE,
            MANAGE_PRODUCTS,
            MANAGE_MEMBERS,
            VIEW_MEMBERS,
            VIEW_AUDIT,
            APPLY,
            VIEW_APPLICATIONS,
        }
    ),
    MemberRole.EDITOR: frozenset(
        {EDIT_PROFILE, MANAGE_PRODUCTS, VIEW_MEMBERS, APPLY, VIEW_APPLICATIONS}
    ),
    MemberRole.VIEWER: frozenset({VIEW_MEMBERS, VIEW_APPLICATIONS}),
}
# Fund staff read what members read, and the audit trail, but edit nothing of the company.
STAFF_ABILITIES = frozenset({VIEW_MEMBERS, VIEW_AUDIT})
