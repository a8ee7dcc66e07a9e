"""The services of clusters: founding, invitations, requests, leaving, rights, the minimum."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from innocluster.core.errors import Conflict, NotFound
from innocluster.core.models import AuditEvent
from innocluster.features.clusters import errors, selectors
from innocluster.features.clusters.choices import ClusterStatus, InvitationState
from innocluster.features.clusters.errors import ClusterErrorCode as Code
from innocluster.features.clusters.models import (
    Cluster,
    ClusterInvitation,
    ClusterJoinRequest,
    ClusterMember,
)
from innocluster.features.clusters.services import clusters as cluster_services
from innocluster.features.clusters.services import membership as services
from innocluster.features.clusters.services.minimum import note_membership_change
from innocluster.platform.notifications.models import Notification
from innocluster.platform.organizations.models import Membership
from tests.factories import OrganizationFactory, UserFactory, member_of

from .helpers import add_members, found, participant, partner

pytestmark = pytest.mark.django_db


def codes(error: ValidationError) -> dict:
    return {field: [e.code for e in errors] for field, errors in error.error_dict.items()}


class TestFounding:
    def test_the_founder_and_the_lead_are_the_first_administrators(self):
        founder = participant()
        lead = participant()
        person = member_of(founder, "owner")
        Membership.objects.create(organization=lead, user=person, role="editor")
        cluster, _ = found(founder, person, lead_organization=lead)
        admins = set(cluster.members.filter(is_admin=True).values_list("organization", flat=True))
        assert admins == {founder.pk, lead.pk}
        assert cluster.lead_organization == lead
        assert AuditEvent.objects.filter(action="cluster.created", target_id=str(cluster.pk))

    def test_an_organization_without_participant_status_cannot_found(self):
        organization = partner()
        person = member_of(organization, "owner")
        with pytest.raises(ValidationError) as error:
            found(organization, person)
        assert codes(error.value) == {"organization": ["not_a_participant"]}
        assert not Cluster.objects.exists()

    def test_the_lead_must_be_one_the_founder_acts_for(self):
        with pytest.raises(ValidationError) as error:
            found(lead_organization=participant())
        assert codes(error.value) == {"lead_organization": [Code.LEAD_NOT_ACTED_FOR]}
        assert not Cluster.objects.exists()

    def test_a_viewer_cannot_found_for_the_organization(self):
        organization = participant()
        with pytest.raises(NotFound):
            found(organization, member_of(organization, "viewer"))

    def test_over_long_text_is_refused_and_nothing_written(self):
        with pytest.raises(ValidationError) as error:
            found(aims="я" * 10_001, name="Н" * 201)
        assert set(codes(error.value)) == {"aims", "name"}
        assert not Cluster.objects.exists() and not ClusterMember.objects.exists()

    def test_an_administrator_cannot_make_another_member_the_lead(self, cluster, admin):
        # The lead applies for the status and may not leave: its own people choose it.
        other = add_members(cluster, 1)[0]
        with pytest.raises(ValidationError) as error:
            cluster_services.cluster_update(cluster=cluster, actor=admin, lead_organization=other)
        assert codes(error.value) == {"lead_organization": [Code.LEAD_NOT_ACTED_FOR]}
        cluster.refresh_from_db()
        assert cluster.lead_organization_id != other.pk

    def test_administrators_edit_others_do_not(self, cluster, admin, outsider):
        cluster_services.cluster_update(cluster=cluster, actor=admin, name="Новое имя")
        cluster.refresh_from_db()
        assert cluster.name == "Новое имя"
        assert AuditEvent.objects.filter(action="cluster.updated").count() == 1
        with pytest.raises(NotFound):
            cluster_services.cluster_update(cluster=cluster, actor=outsider, name="Чужое")


class TestAdministrators:
    def test_rights_are_given_and_taken_but_the_last_stays(self, cluster, admin):
        other = add_members(cluster, 1)[0]
        member = cluster.members.get(organization=other)
        cluster_services.member_admin_set(member=member, actor=admin, is_admin=True)
        assert set(
            selectors.administrators(cluster=cluster).values_list("organization", flat=True)
        ) == {
            cluster.lead_organization_id,
            other.pk,
        }
        founder_member = cluster.members.get(organization=cluster.lead_organization)
        cluster_services.member_admin_set(member=founder_member, actor=admin, is_admin=False)
        only = cluster.members.get(organization=other)
        with pytest.raises(NotFound):  # the founder's organization is no administrator now
            cluster_services.member_admin_set(member=only, actor=admin, is_admin=False)
        other_person = member_of(other, "owner")
        with pytest.raises(Conflict) as error:
            cluster_services.member_admin_set(member=only, actor=other_person, is_admin=False)
        assert error.value.code == Code.LAST_ADMINISTRATOR
        assert cluster.members.filter(is_admin=True).count() == 1


class TestInvitations:
    def test_invite_and_accept(self, cluster, admin, outsider_org, outsider):
        invitation = services.invitation_create(
            cluster=cluster, organization=outsider_org, actor=admin, message="Ждём вас"
        )
        assert invitation.expires_at - timezone.now() > timedelta(days=29)
        assert Notification.objects.filter(recipient=outsider, kind="clusters.invited").exists()
        services.invitation_accept(invitation=invitation, actor=outsider)
        assert cluster.members.filter(organization=outsider_org).exists()
        assert Notification.objects.filter(
            recipient=admin, kind="clusters.invitation_accepted"
        ).exists()
        assert AuditEvent.objects.filter(action="cluster.invitation_accepted").exists()

    def test_inviting_twice_is_a_clear_conflict(self, cluster, admin, outsider_org):
        services.invitation_create(cluster=cluster, organization=outsider_org, actor=admin)
        with pytest.raises(Conflict) as error:
            services.invitation_create(cluster=cluster, organization=outsider_org, actor=admin)
        assert error.value.code == Code.ALREADY_INVITED
        assert ClusterInvitation.objects.count() == 1

    def test_inviting_a_member_or_an_organization_without_status(self, cluster, admin):
        with pytest.raises(Conflict) as error:
            services.invitation_create(
                cluster=cluster, organization=cluster.lead_organization, actor=admin
            )
        assert error.value.code == errors.ALREADY_MEMBER
        with pytest.raises(ValidationError) as refused:
            services.invitation_create(
                cluster=cluster, organization=OrganizationFactory(), actor=admin
            )
        assert codes(refused.value) == {"organization": [Code.NOT_ELIGIBLE]}

    def test_partners_may_be_invited(self, cluster, admin):
        services.invitation_create(cluster=cluster, organization=partner(), actor=admin)

    def test_only_administrators_invite(self, cluster, outsider, outsider_org):
        with pytest.raises(NotFound):
            services.invitation_create(cluster=cluster, organization=outsider_org, actor=outsider)

    def test_an_expired_invitation_cannot_be_accepted_and_may_be_sent_again(
        self, cluster, admin, outsider_org, outsider
    ):
        invitation = services.invitation_create(
            cluster=cluster, organization=outsider_org, actor=admin
        )
        ClusterInvitation.objects.filter(pk=invitation.pk).update(
            expires_at=timezone.now() - timedelta(seconds=1)
        )
        invitation.refresh_from_db()
        with pytest.raises(Conflict) as error:
            services.invitation_accept(invitation=invitation, actor=outsider)
        assert error.value.code == errors.INVITATION_EXPIRED
        assert not cluster.members.filter(organization=outsider_org).exists()
        assert not selectors.invitations_for_user(user=outsider).exists()
        again = services.invitation_create(cluster=cluster, organization=outsider_org, actor=admin)
        invitation.refresh_from_db()
        assert invitation.state == InvitationState.EXPIRED and again.state == "pending"

    def test_a_revoked_invitation_cannot_be_accepted(self, cluster, admin, outsider_org, outsider):
        invitation = services.invitation_create(
            cluster=cluster, organization=outsider_org, actor=admin
        )
        services.invitation_revoke(invitation=invitation, actor=admin)
        with pytest.raises(Conflict) as error:
            services.invitation_accept(invitation=invitation, actor=outsider)
        assert error.value.code == Code.INVITATION_STATE
        assert not cluster.members.filter(organization=outsider_org).exists()

    def test_only_an_owner_or_editor_of_the_invited_organization_answers(
        self, cluster, admin, outsider_org
    ):
        invitation = services.invitation_create(
            cluster=cluster, organization=outsider_org, actor=admin
        )
        for stranger in (member_of(outsider_org, "viewer"), UserFactory(), admin):
            with pytest.raises(NotFound):
                services.invitation_accept(invitation=invitation, actor=stranger)
        editor = member_of(outsider_org, "editor")
        services.invitation_decline(invitation=invitation, actor=editor)
        invitation.refresh_from_db()
        assert invitation.state == InvitationState.DECLINED and invitation.answered_by == editor


class TestJoinRequests:
    def test_ask_and_be_accepted(self, cluster, admin, outsider_org, outsider):
        join_request = services.join_request_create(
            cluster=cluster, organization=outsider_org, actor=outsider, reason="Делаем моторы"
        )
        assert Notification.objects.filter(recipient=admin, kind="clusters.join_requested")
        with pytest.raises(Conflict) as error:
            services.join_request_create(
                cluster=cluster, organization=outsider_org, actor=outsider, reason="Ещё раз"
            )
        assert error.value.code == errors.REQUEST_PENDING
        services.join_request_accept(join_request=join_request, actor=admin)
        assert cluster.members.filter(organization=outsider_org).exists()
        assert Notification.objects.filter(recipient=outsider, kind="clusters.join_accepted")

    def test_two_administrators_accepting_at_once_one_wins(
        self, cluster, admin, outsider_org, outsider
    ):
        second_org = add_members(cluster, 1, admin=True)[0]
        second_admin = member_of(second_org, "owner")
        join_request = services.join_request_create(
            cluster=cluster, organization=outsider_org, actor=outsider, reason="Хотим"
        )
        stale = ClusterJoinRequest.objects.get(pk=join_request.pk)  # both loaded it pending
        services.join_request_accept(join_request=join_request, actor=admin)
        with pytest.raises(Conflict) as error:
            services.join_request_accept(join_request=stale, actor=second_admin)
        assert error.value.code == Code.REQUEST_STATE
        assert cluster.members.filter(organization=outsider_org).count() == 1

    def test_declining_needs_a_reason_and_tells_it(self, cluster, admin, outsider_org, outsider):
        join_request = services.join_request_create(
            cluster=cluster, organization=outsider_org, actor=outsider, reason="Хотим"
        )
        with pytest.raises(ValidationError) as error:
            services.join_request_decline(join_request=join_request, actor=admin, reason=" ")
        assert codes(error.value) == {"reason": ["required"]}
        with pytest.raises(ValidationError) as error:
            services.join_request_decline(join_request=join_request, actor=admin, reason="я" * 2001)
        assert codes(error.value) == {"reason": ["max_length"]}
        services.join_request_decline(join_request=join_request, actor=admin, reason="Не профиль")
        note = Notification.objects.get(recipient=outsider, kind="clusters.join_declined")
        assert note.context["reason"] == "Не профиль"

    def test_a_private_cluster_is_not_found_by_outsiders(self, outsider_org, outsider):
        cluster, _admin = found(is_public=False)
        with pytest.raises(NotFound):
            services.join_request_create(
                cluster=cluster, organization=outsider_org, actor=outsider, reason="Хотим"
            )
        assert not ClusterJoinRequest.objects.exists()

    def test_withdraw(self, cluster, outsider_org, outsider, admin):
        join_request = services.join_request_create(
            cluster=cluster, organization=outsider_org, actor=outsider, reason="Хотим"
        )
        services.join_request_withdraw(join_request=join_request, actor=outsider)
        with pytest.raises(Conflict):
            services.join_request_accept(join_request=join_request, actor=admin)


class TestLeaving:
    def test_a_member_leaves_and_the_administrators_are_told(self, cluster, admin):
        organization = add_members(cluster, 1)[0]
        person = member_of(organization, "editor")
        member = cluster.members.get(organization=organization)
        services.member_leave(member=member, actor=person)
        assert not cluster.members.filter(organization=organization).exists()
        assert Notification.objects.filter(recipient=admin, kind="clusters.member_left")
        assert AuditEvent.objects.filter(action="cluster.member_left").exists()

    def test_the_last_administrator_who_is_not_the_lead_cannot_leave(self, cluster, admin):
        lead_member = cluster.members.get()
        other = add_members(cluster, 1, admin=True)[0]
        person = member_of(other, "owner")
        cluster_services.member_admin_set(member=lead_member, actor=admin, is_admin=False)
        with pytest.raises(Conflict) as error:
            services.member_leave(member=cluster.members.get(organization=other), actor=person)
        assert error.value.code == Code.LAST_ADMINISTRATOR

    def test_the_lead_cannot_leave(self, cluster, admin):
        add_members(cluster, 1, admin=True)
        with pytest.raises(Conflict) as error:
            services.member_leave(
                member=cluster.members.get(organization=cluster.lead_organization), actor=admin
            )
        assert error.value.code == Code.LEAD_ORGANIZATION

    def test_administrators_remove_with_a_reason(self, cluster, admin):
        organization = add_members(cluster, 1)[0]
        person = member_of(organization, "viewer")
        member = cluster.members.get(organization=organization)
        with pytest.raises(ValidationError):
            services.member_remove(member=member, actor=admin, reason="")
        with pytest.raises(NotFound):
            services.member_remove(member=member, actor=person, reason="Сам себя")
        services.member_remove(member=member, actor=admin, reason="Не участвует")
        assert not cluster.members.filter(organization=organization).exists()
        assert Notification.objects.filter(recipient=person, kind="clusters.member_removed")


class TestMinimum:
    def test_counting_members_are_active_participants_only(self, cluster):
        add_members(cluster, 3)
        add_members(cluster, 2, kind="partner")
        add_members(cluster, 1, kind=None)
        suspended = add_members(cluster, 1)[0]
        suspended.cluster_status.state = "suspended"
        suspended.cluster_status.save()
        assert cluster.members.count() == 8
        assert selectors.counting_member_count(cluster) == 4  # the founder and three

    def test_falling_below_30_is_noted_once_and_cleared(self, cluster, admin):
        staff = UserFactory(staff_role="reviewer")
        add_members(cluster, 29)  # 30 counting with the founder
        add_members(cluster, 3, kind="partner")
        Cluster.objects.filter(pk=cluster.pk).update(status=ClusterStatus.ACTIVE)
        members = list(cluster.members.filter(is_admin=False, organization__region="77"))
        people = [member_of(m.organization, "owner") for m in members[:2]]
        services.member_leave(member=members[0], actor=people[0])
        cluster.refresh_from_db()
        assert cluster.below_minimum_since is not None
        told = Notification.objects.filter(kind="clusters.below_minimum")
        assert set(told.values_list("recipient", flat=True)) == {admin.pk, staff.pk}
        services.member_leave(member=members[1], actor=people[1])
        assert told.count() == 2  # not again
        add_members(cluster, 2)
        note_membership_change(cluster)
        cluster.refresh_from_db()
        assert cluster.below_minimum_since is None

    def test_without_the_status_nothing_is_noted(self, cluster, admin):
        note_membership_change(cluster)
        cluster.refresh_from_db()
        assert cluster.below_minimum_since is None
        assert not Notification.objects.filter(kind="clusters.below_minimum").exists()
