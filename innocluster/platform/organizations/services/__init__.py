"""Writes on organizations, their members and products. Every one is audited.

One module per subject; import from here: `from innocluster.platform.organizations import services`.
"""

from ._common import PRODUCT_FIELDS, PROFILE_FIELDS, require_ability
from .membership import (
    invitation_accept,
    invitation_by_secret,
    invitation_create,
    invitation_revoke,
    membership_change_role,
    membership_remove,
    membership_request_create,
    membership_request_decide,
)
from .products import product_create, product_delete, product_update
from .profile import organization_register, organization_update

__all__ = [
    "PRODUCT_FIELDS",
    "PROFILE_FIELDS",
    "invitation_accept",
    "invitation_by_secret",
    "invitation_create",
    "invitation_revoke",
    "membership_change_role",
    "membership_remove",
    "membership_request_create",
    "membership_request_decide",
    "organization_register",
    "organization_update",
    "product_create",
    "product_delete",
    "product_update",
    "require_ability",
]
