"""The products and services an organization offers."""

from django.db import transaction
from django.utils.translation import gettext_lazy

from innocluster.core.audit import audit_record, diff, register_actions, snapshot

from ..models import Organization, Product
from ..permissions import MANAGE_PRODUCTS
from ._common import PRODUCT_FIELDS, assign_fields, checked_image, not_editable, require_ability

# The history pages' words for what this module records (core.audit).
register_actions(
    {
        "product.created": gettext_lazy("added a product"),
        "product.updated": gettext_lazy("changed a product"),
        "product.deleted": gettext_lazy("deleted a product"),
    }
)


@transaction.atomic
def product_create(*, organization: Organization, actor, **fields) -> Product:
    """Add a product or service (owners and editors); its image is checked by content."""
    require_ability(user=actor, organization=organization, ability=MANAGE_PRODUCTS)
    fields["image"] = checked_image(fields.get("image"), "image")
    product = Product(organization=organization)
    assign_fields(product, fields)
    product.full_clean()
    product.save()
    audit_record(
        actor=actor,
        action="product.created",
        target=product,
        organization=organization,
        changes=snapshot(product, PRODUCT_FIELDS),
    )
    return product


@transaction.atomic
def product_update(*, product: Product, actor, **fields) -> Product:
    """Change the given fields of a product; what changed goes to the audit trail."""
    require_ability(user=actor, organization=product.organization, ability=MANAGE_PRODUCTS)
    unknown = set(fields) - set(PRODUCT_FIELDS)
    if unknown:
        raise not_editable(sorted(unknown))
    if "image" in fields:
        fields["image"] = checked_image(fields["image"], "image")
    before = snapshot(product, fields)
    assign_fields(product, dict(fields))
    product.full_clean()
    product.save(update_fields=[*fields, "updated_at"])
    changes = diff(before, snapshot(product, fields))
    if changes:
        audit_record(
            actor=actor,
            action="product.updated",
            target=product,
            organization=product.organization,
            changes=changes,
        )
    return product


@transaction.atomic
def product_delete(*, product: Product, actor) -> None:
    """Delete a product; the trail keeps its name."""
    require_ability(user=actor, organization=product.organization, ability=MANAGE_PRODUCTS)
    audit_record(
        actor=actor,
        action="product.deleted",
        target=product,
        organization=product.organization,
        changes={"name": product.name},
    )
    product.delete()
