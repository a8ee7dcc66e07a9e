"""The rightholders' consent, through the services: a registration that names another
organization of the platform waits for it, and goes to the ledger only with the last
confirmation."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from innocluster.core.errors import Conflict, NotFound, PermissionDenied, codes_by_field
from innocluster.core.models import AuditEvent
from innocluster.features.ipregistry import selectors, services
from innocluster.features.ipregistry.choices import IP_TRANSITIONS, IPState
from innocluster.features.ipregistry.errors import IPRegistryErrorCode as Code
from innocluster.features.ipregistry.models import IPObject
from innocluster.features.ipregistry.services import consent
from innocluster.platform.ledger.selectors import entries_for_subject, ledger_size
from innocluster.platform.notifications.models import Notification
from tests.factories import OrganizationFactory, UserFactory, member_of, with_status
from tests.ipregistry.helpers import another_sha256, register, shared_with

pytestmark = pytest.mark.django_db

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs PostgreSQL (concurrent writers)"
)


@pytest.fixture
def partner(db):
    return OrganizationFactory(short_name="ООО Партнёр")


@pytest.fixture
def partner_owner(partner):
    return member_of(partner, "owner")


def pending(organization, owner, *others):
    return register(organization, owner, rightholders=shared_with(*others, registrant=organization))


def test_naming_another_organization_makes_the_registration_wait(
    organization, owner, partner, partner_owner
):
    # When the registrant names another organization of the platform
    ip_object = pending(organization, owner, partner)
    # Then it waits, off the ledger and off the public register
    assert ip_object.state == IPState.PENDING and ip_object.registered_at is None
    consents = {h.organization_id: h.consent for h in ip_object.rightholders.all()}
    assert consents == {organization.pk: "not_asked", partner.pk: "awaited"}
    assert ledger_size() == 0 and not selectors.ip_object_list_public().exists()
    assert AuditEvent.objects.filter(action="ip_object.submitted").count() == 1
    # And the partner's people are asked, the registrant's other people told
    colleague = member_of(organization, "viewer")  # joined later: not told
    asked = Notification.objects.filter(kind="ip.consent_requested").first()
    assert asked.recipient == partner_owner and asked.url.endswith(f"/ip/{ip_object.pk}/")
    assert not Notification.objects.filter(recipient__in=[owner, colleague]).exists()


def test_the_registrants_people_hear_it_waits(organization, owner, partner, partner_owner):
    editor = member_of(organization, "editor")
    pending(organization, owner, partner)
    (told,) = Notification.objects.filter(kind="ip.pending")
    assert told.recipient == editor and told.context["waiting"] == "ООО Партнёр"


def test_the_last_confirmation_puts_it_on_the_ledger(organization, owner, partner, partner_owner):
    # Given two rightholder organizations
    third = OrganizationFactory(short_name="ООО Третий")
    third_editor = member_of(third, "editor")
    ip_object = pending(organization, owner, partner, third)
    # When the first confirms, it still waits and nothing is on the ledger
    ip_object = services.ip_object_confirm(ip_object=ip_object, actor=partner_owner)
    assert ip_object.state == IPState.PENDING and ledger_size() == 0
    told = Notification.objects.filter(kind="ip.consent_confirmed")
    assert {n.recipient for n in told} == {owner, third_editor}
    assert told.first().context["waiting"] == "ООО Третий"
    # When the last confirms, it is final and on the ledger once, with the proof of consent
    ip_object = services.ip_object_confirm(ip_object=ip_object, actor=third_editor)
    assert ip_object.state == IPState.REGISTERED and ip_object.registered_at is not None
    (entry,) = entries_for_subject(subject=ip_object.ledger_subject)
    payload = entry.content["payload"]
    assert [c["organization"]["id"] for c in payload["confirmed_by"]] == [partner.pk, third.pk]
    assert [h["share"] for h in payload["rightholders"]] == ["33.33", "33.33", "33.34"]
    assert selectors.ip_object_list_public().get() == ip_object
    registered = Notification.objects.filter(kind="ip.registered")
    assert {n.recipient for n in registered} == {owner, partner_owner}


def test_a_rightholder_declines_with_a_reason(organization, owner, partner, partner_owner):
    ip_object = pending(organization, owner, partner)
    # Without a reason it is refused
    with pytest.raises(ValidationError) as refused:
        services.ip_object_decline(ip_object=ip_object, actor=partner_owner, reason="  ")
    assert codes_by_field(refused.value) == {"reason": ["required"]}
    # With one, the registration ends as declined, off the ledger
    ip_object = services.ip_object_decline(
        ip_object=ip_object, actor=partner_owner, reason="Мы не соавторы."
    )
    assert ip_object.state == IPState.DECLINED and ip_object.closed_at is not None
    holder = ip_object.rightholders.get(organization=partner)
    assert holder.consent == "declined" and holder.decline_reason == "Мы не соавторы."
    assert holder.consent_by == partner_owner and ledger_size() == 0
    (told,) = Notification.objects.filter(kind="ip.consent_declined")
    assert told.recipient == owner and told.context["reason"] == "Мы не соавторы."
    # And no answer changes it any more
    with pytest.raises(Conflict) as late:
        services.ip_object_confirm(ip_object=ip_object, actor=partner_owner)
    assert late.value.code == Code.IP_STATE


def test_the_registrant_withdraws_and_may_register_the_work_again(
    organization, owner, partner, partner_owner
):
    ip_object = pending(organization, owner, partner)
    # A second registration of the same work while the first waits is a conflict
    with pytest.raises(Conflict) as twice:
        pending(organization, owner, partner)
    assert twice.value.code == Code.IP_ALREADY_REGISTERED
    # A rightholder cannot withdraw it; the registrant's viewer neither
    for who in (partner_owner, member_of(organization, "viewer")):
        with pytest.raises(PermissionDenied) as refused:
            services.ip_object_withdraw(ip_object=ip_object, actor=who)
        assert refused.value.code == Code.NOT_THE_REGISTRANT
    ip_object = services.ip_object_withdraw(ip_object=ip_object, actor=owner)
    assert ip_object.state == IPState.WITHDRAWN and ledger_size() == 0
    assert Notification.objects.filter(kind="ip.withdrawn", recipient=partner_owner).exists()
    with pytest.raises(Conflict) as again:
        services.ip_object_withdraw(ip_object=ip_object, actor=owner)
    assert again.value.code == Code.IP_STATE
    # The work is free again: registered without the partner, it is final at once
    again = register(organization, owner)
    assert again.state == IPState.REGISTERED and ledger_size() == 1


def test_only_an_owner_or_editor_of_the_rightholder_answers(organization, owner, partner):
    ip_object = pending(organization, owner, partner)
    viewer = member_of(partner, "viewer")
    for who in (viewer, owner):  # sees it, but answers for no awaited rightholder
        with pytest.raises(PermissionDenied) as refused:
            services.ip_object_confirm(ip_object=ip_object, actor=who)
        assert refused.value.code == Code.NOT_A_RIGHTHOLDER
    for who in (
        UserFactory(),
        member_of(OrganizationFactory(), "owner"),
        UserFactory(staff_role="admin"),
    ):
        with pytest.raises(NotFound):
            services.ip_object_confirm(ip_object=ip_object, actor=who)
        with pytest.raises(NotFound):
            services.ip_object_decline(ip_object=ip_object, actor=who, reason="нет")
        with pytest.raises(NotFound):
            services.ip_object_withdraw(ip_object=ip_object, actor=who)
    assert IPObject.objects.get().state == IPState.PENDING


def test_answering_twice_is_a_conflict(organization, owner, partner, partner_owner):
    third = OrganizationFactory()
    member_of(third)
    ip_object = pending(organization, owner, partner, third)
    services.ip_object_confirm(ip_object=ip_object, actor=partner_owner)
    with pytest.raises(Conflict) as twice:
        services.ip_object_confirm(ip_object=ip_object, actor=partner_owner)
    assert twice.value.code == Code.CONSENT_GIVEN
    with pytest.raises(Conflict):
        services.ip_object_decline(ip_object=ip_object, actor=partner_owner, reason="передумали")


def test_one_person_for_two_rightholders_names_the_organization(organization, owner, partner):
    third = OrganizationFactory()
    both = member_of(partner, "owner")
    third.memberships.create(user=both, role="editor")
    ip_object = pending(organization, owner, partner, third)
    with pytest.raises(ValidationError) as refused:
        services.ip_object_confirm(ip_object=ip_object, actor=both)
    assert codes_by_field(refused.value) == {"organization": [Code.ORGANIZATION_REQUIRED]}
    services.ip_object_confirm(ip_object=ip_object, actor=both, organization=partner)
    with pytest.raises(PermissionDenied):  # not a rightholder of this registration
        services.ip_object_confirm(ip_object=ip_object, actor=both, organization=organization)
    ip_object = services.ip_object_confirm(ip_object=ip_object, actor=both)  # the one left
    assert ip_object.state == IPState.REGISTERED and ledger_size() == 1


def test_who_sees_a_registration_that_waits(organization, owner, partner, partner_owner):
    ip_object = pending(organization, owner, partner)
    parties = [
        owner,
        member_of(organization, "viewer"),
        partner_owner,
        member_of(partner, "viewer"),
    ]
    for user in parties:
        assert selectors.ip_visible_to(user=user, ip_object=ip_object)
    outsiders = [UserFactory(), UserFactory(staff_role="admin"), member_of(OrganizationFactory())]
    for user in outsiders:
        assert not selectors.ip_visible_to(user=user, ip_object=ip_object)
    assert [o.pk for o in selectors.ip_waiting(user=partner_owner, side="rightholder")] == [
        ip_object.pk
    ]
    assert not selectors.ip_waiting(user=partner_owner, side="registrant").exists()
    assert [o.pk for o in selectors.ip_waiting(user=owner, side="registrant")] == [ip_object.pk]
    assert not selectors.ip_waiting(user=owner, side="rightholder").exists()


def test_the_transition_table_leaves_only_pending_open():
    assert IP_TRANSITIONS[IPState.PENDING] == {
        IPState.REGISTERED,
        IPState.DECLINED,
        IPState.WITHDRAWN,
    }
    assert all(
        not IP_TRANSITIONS[s] for s in (IPState.REGISTERED, IPState.DECLINED, IPState.WITHDRAWN)
    )


@on_postgresql
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("round_", range(5))
def test_two_rightholders_confirming_at_once_make_one_ledger_entry(round_, monkeypatch):
    # Given a registration waiting for two rightholder organizations
    registrant = with_status(OrganizationFactory())
    others = [OrganizationFactory(), OrganizationFactory()]
    answering = [member_of(o, "owner") for o in others]
    ip_object = register(
        registrant,
        member_of(registrant),
        rightholders=shared_with(*others),
        work_sha256=another_sha256(),
    )
    # When both confirm at the same moment, from two connections, both reaching the row lock
    # together
    start = threading.Barrier(2, timeout=10)
    lock = consent._locked

    def lock_together(ip_object):
        start.wait()
        return lock(ip_object)

    monkeypatch.setattr(consent, "_locked", lock_together)
    outcomes = []

    def confirm(user):
        try:
            outcomes.append(services.ip_object_confirm(ip_object=ip_object, actor=user).state)
        except Exception as error:  # noqa: BLE001 (asserted below)
            outcomes.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=confirm, args=(user,)) for user in answering]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    # Then both succeed, one of them last, and the ledger has exactly one entry
    assert sorted(outcomes) == [IPState.PENDING, IPState.REGISTERED], outcomes
    assert IPObject.objects.get(pk=ip_object.pk).state == IPState.REGISTERED
    assert ledger_size() == 1
    assert entries_for_subject(subject=ip_object.ledger_subject).count() == 1


def test_every_notice_reads_in_russian_and_english(
    organization, owner, partner, partner_owner, django_capture_on_commit_callbacks
):
    from django.core import mail
    from django.utils import translation

    from innocluster.platform.notifications.rendering import render

    partner_owner.language = "ru"  # the e-mail address is confirmed (the factory's)
    partner_owner.save()
    member_of(organization, "editor")  # hears of each step the owner takes
    third = OrganizationFactory()
    third_owner = member_of(third)
    with django_capture_on_commit_callbacks(execute=True):
        ip_object = pending(organization, owner, partner)
    services.ip_object_decline(ip_object=ip_object, actor=partner_owner, reason="Нет")
    ip_object = pending(organization, owner, partner, third)
    services.ip_object_confirm(ip_object=ip_object, actor=partner_owner)
    services.ip_object_confirm(ip_object=ip_object, actor=third_owner)
    ip_object = register(
        organization, owner, rightholders=shared_with(partner), work_sha256=another_sha256()
    )
    services.ip_object_withdraw(ip_object=ip_object, actor=owner)
    kinds = set(Notification.objects.values_list("kind", flat=True))
    assert kinds == {
        "ip.consent_requested",
        "ip.pending",
        "ip.consent_declined",
        "ip.consent_confirmed",
        "ip.registered",
        "ip.withdrawn",
    }
    for notice in Notification.objects.all():
        with translation.override("ru"):
            title, body = render(notice.kind, notice.context)
        with translation.override("en"):
            english = render(notice.kind, notice.context)
        assert title != english[0] and "{" not in title + body, (notice.kind, title)
    asked = Notification.objects.filter(kind="ip.consent_requested").first()
    with translation.override("ru"):
        assert render(asked.kind, asked.context)[0].startswith(organization.short_name)
    (letter,) = [m for m in mail.outbox if partner_owner.email in m.to]
    assert "правообладател" in letter.subject
