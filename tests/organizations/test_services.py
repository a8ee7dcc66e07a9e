import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from innocluster.core.errors import (
    Conflict,
    CoreErrorCode,
    NotFound,
    PermissionDenied,
    codes_by_field,
)
from innocluster.core.models import AuditEvent
from innocluster.platform.accounts.errors import AccountErrorCode
from innocluster.platform.organizations import services
from innocluster.platform.organizations.errors import OrganizationErrorCode as Code
from innocluster.platform.organizations.models import Industry, Membership, Organization, Technology
from tests.factories import (
    OrganizationFactory,
    UserFactory,
    company_inn,
    company_ogrn,
    member_of,
    personal_inn,
    proprietor_ogrnip,
)

pytestmark = pytest.mark.django_db


def png(size=(32, 32)) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", size, "#0b5cad").save(buffer, "PNG")
    return SimpleUploadedFile("logo.png", buffer.getvalue(), content_type="image/png")


def registration(**overrides) -> dict:
    return {
        "kind": "legal_entity",
        "inn": company_inn(901),
        "ogrn": company_ogrn(901),
        "full_name": 'Общество с ограниченной ответственностью "Роботех"',
        "short_name": 'ООО "Роботех"',
        "region": "77",
        "legal_address": "Москва, ул. Новый Арбат, 1",
        "org_type": "manufacturer",
        "headcount": 40,
        "year_founded": 2012,
        "industries": list(Industry.objects.filter(slug="manufacturing")),
        "technologies": list(Technology.objects.filter(slug__in=["robotics", "cnc"])),
        **overrides,
    }


def test_register_makes_the_actor_owner_and_audits():
    user = UserFactory()
    organization = services.organization_register(actor=user, **registration(logo=png()))
    assert Membership.objects.get(organization=organization).user == user
    assert organization.logo.name.startswith("logos/") and organization.logo.name.endswith(".png")
    assert sorted(organization.technologies.values_list("slug", flat=True)) == ["cnc", "robotics"]
    event = AuditEvent.objects.get(action="organization.registered")
    assert event.organization_id == organization.pk and event.actor == user


def test_register_a_sole_proprietor():
    organization = services.organization_register(
        actor=UserFactory(),
        **registration(kind="sole_proprietor", inn=personal_inn(77), ogrn=proprietor_ogrnip(77)),
    )
    assert organization.kind == "sole_proprietor"


def test_an_unconfirmed_person_cannot_register():
    with pytest.raises(PermissionDenied) as error:
        services.organization_register(actor=UserFactory(email_confirmed_at=None), **registration())
    assert error.value.code == AccountErrorCode.UNCONFIRMED
    assert Organization.objects.count() == 0


def test_a_duplicate_inn_is_a_conflict_that_names_the_existing_organization():
    existing = OrganizationFactory(inn=company_inn(901))
    with pytest.raises(Conflict) as error:
        services.organization_register(actor=UserFactory(), **registration())
    assert error.value.code == Code.ORGANIZATION_EXISTS
    assert error.value.extra["existing_organization"] == existing.pk
    assert Organization.objects.count() == 1 and Membership.objects.count() == 0


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"inn": "7707083894"}, "inn"),  # wrong checksum
        ({"ogrn": "102770013219"}, "ogrn"),  # wrong length
        ({"inn": personal_inn(3)}, "inn"),  # an INN of the wrong kind
        ({"ogrn": proprietor_ogrnip(3)}, "ogrn"),  # a valid OGRNIP for a legal entity
        ({"region": "99"}, "region"),
        ({"year_founded": 1500}, "year_founded"),
        ({"website": "not a url"}, "website"),
    ],
)
def test_bad_input_is_refused_and_leaves_no_row(overrides, field):
    with pytest.raises(ValidationError) as error:
        services.organization_register(actor=UserFactory(), **registration(**overrides))
    assert field in error.value.message_dict
    assert Organization.objects.count() == 0 and Membership.objects.count() == 0
    assert not AuditEvent.objects.filter(action="organization.registered").exists()


def test_a_file_that_is_not_an_image_is_refused_by_its_content():
    fake = SimpleUploadedFile("logo.png", b"%PDF-1.7 not an image", content_type="image/png")
    with pytest.raises(ValidationError) as error:
        services.organization_register(actor=UserFactory(), **registration(logo=fake))
    assert error.value.code == CoreErrorCode.NOT_AN_IMAGE
    assert Organization.objects.count() == 0


def test_a_logo_that_is_too_large_is_refused(settings):
    settings.LOGO_MAX_BYTES = 1000
    with pytest.raises(ValidationError) as error:
        services.organization_register(actor=UserFactory(), **registration(logo=png((400, 400))))
    assert error.value.code == CoreErrorCode.FILE_TOO_LARGE
    assert Organization.objects.count() == 0


def test_update_records_what_changed(organization, owner):
    services.organization_update(organization=organization, actor=owner, headcount=99, region="50")
    event = AuditEvent.objects.get(action="organization.updated")
    assert event.changes == {
        "headcount": {"from": 25, "to": 99},
        "region": {"from": "77", "to": "50"},
    }


def test_identifiers_cannot_be_changed(organization, owner):
    with pytest.raises(ValidationError) as error:
        services.organization_update(organization=organization, actor=owner, inn=company_inn(5))
    assert codes_by_field(error.value) == {"inn": [CoreErrorCode.NOT_EDITABLE]}


def test_editing_another_organization_is_not_found(organization):
    stranger = member_of(OrganizationFactory(), "owner")
    with pytest.raises(NotFound):
        services.organization_update(organization=organization, actor=stranger, headcount=1)
    viewer = member_of(organization, "viewer")
    with pytest.raises(NotFound):
        services.organization_update(organization=organization, actor=viewer, headcount=1)
    organization.refresh_from_db()
    assert organization.headcount == 25


def test_membership_request_approved_by_an_owner(organization, owner):
    person = UserFactory()
    request = services.membership_request_create(organization=organization, user=person)
    with pytest.raises(Conflict) as error:
        services.membership_request_create(organization=organization, user=person)
    assert error.value.code == Code.REQUEST_PENDING
    services.membership_request_decide(
        membership_request=request, actor=owner, approve=True, role="editor"
    )
    assert Membership.objects.get(organization=organization, user=person).role == "editor"
    with pytest.raises(Conflict) as error:
        services.membership_request_decide(membership_request=request, actor=owner, approve=False)
    assert error.value.code == Code.REQUEST_DECIDED


def test_a_non_owner_cannot_decide_requests(organization, owner):
    editor = member_of(organization, "editor")
    request = services.membership_request_create(organization=organization, user=UserFactory())
    with pytest.raises(NotFound):
        services.membership_request_decide(membership_request=request, actor=editor, approve=True)


def test_invitation_by_email_and_acceptance(
    organization, owner, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invitation = services.invitation_create(
            organization=organization, email="New@Example.ru", role="editor", actor=owner
        )
    secret = mailoutbox[0].body.split("/invitations/")[1].split("/")[0]
    assert services.invitation_by_secret(secret=secret) == invitation
    # Someone else cannot use it.
    with pytest.raises(PermissionDenied) as error:
        services.invitation_accept(invitation=invitation, user=UserFactory())
    assert error.value.code == Code.INVITATION_FOR_ANOTHER
    invitee = UserFactory(email="new@example.ru")
    membership = services.invitation_accept(invitation=invitation, user=invitee)
    assert membership.role == "editor"
    with pytest.raises(Conflict) as error:
        services.invitation_accept(invitation=invitation, user=invitee)
    assert error.value.code == Code.INVITATION_USED


def test_the_last_owner_can_neither_leave_nor_step_down(organization, owner):
    membership = Membership.objects.get(user=owner)
    for refused in (
        lambda: services.membership_remove(membership=membership, actor=owner),
        lambda: services.membership_change_role(membership=membership, role="viewer", actor=owner),
    ):
        with pytest.raises(Conflict) as error:
            refused()
        assert error.value.code == Code.LAST_OWNER
    # With a second owner, the first may leave.
    second = member_of(organization, "owner")
    services.membership_remove(membership=membership, actor=owner)
    assert list(organization.memberships.values_list("user", flat=True)) == [second.pk]


def test_owners_change_roles_and_remove_members(organization, owner):
    editor = member_of(organization, "editor")
    membership = Membership.objects.get(user=editor)
    services.membership_change_role(membership=membership, role="viewer", actor=owner)
    with pytest.raises(NotFound):
        services.membership_change_role(
            membership=Membership.objects.get(user=owner), role="viewer", actor=editor
        )
    services.membership_remove(membership=membership, actor=owner)
    assert not Membership.objects.filter(user=editor).exists()


def test_products_with_trl_bounds(organization, owner):
    product = services.product_create(
        organization=organization, actor=owner, name="Робот-манипулятор", category="hardware", trl=7
    )
    with pytest.raises(ValidationError):
        services.product_update(product=product, actor=owner, trl=10)
    product.refresh_from_db()
    assert product.trl == 7
    with pytest.raises(ValidationError):
        services.product_create(
            organization=organization, actor=owner, name="X", category="x", trl=0
        )
    services.product_delete(product=product, actor=owner)
    assert organization.products.count() == 0


def test_registration_is_a_fact_in_the_transparency_ledger():
    from innocluster.platform.ledger.selectors import entries_for_subject

    organization = services.organization_register(actor=UserFactory(), **registration())
    (entry,) = entries_for_subject(subject=f"organization:{organization.pk}")
    assert entry.kind == "organization.registered"
    assert entry.content["payload"]["inn"] == organization.inn


def test_a_refused_registration_leaves_no_ledger_entry():
    from innocluster.platform.ledger.selectors import ledger_size

    with pytest.raises(ValidationError):
        services.organization_register(actor=UserFactory(), **registration(region="99"))
    assert ledger_size() == 0


def test_an_expired_invitation_does_not_block_a_new_one(organization, owner):
    from datetime import timedelta

    from django.utils import timezone

    first = services.invitation_create(
        organization=organization, email="late@example.ru", role="viewer", actor=owner
    )
    first.expires_at = timezone.now() - timedelta(minutes=1)
    first.save(update_fields=["expires_at"])
    second = services.invitation_create(
        organization=organization, email="late@example.ru", role="viewer", actor=owner
    )
    first.refresh_from_db()
    assert first.status == "expired" and second.status == "pending"


def test_removing_a_member_twice_is_not_found(organization, owner):
    editor = member_of(organization, "editor")
    membership = Membership.objects.get(user=editor)
    services.membership_remove(membership=membership, actor=owner)
    with pytest.raises(NotFound):
        services.membership_remove(membership=membership, actor=owner)
