"""The clusters API. Views translate HTTP to selector and service calls and nothing more;
what the caller may not see is a 404."""

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.permissions import SAFE_METHODS, AllowAny, IsAuthenticated
from rest_framework.response import Response

from innocluster.core.api import problem_responses, validated
from innocluster.platform.organizations.selectors import organization_get_public

from .. import selectors
from ..filters import ClusterFilterSet
from ..services import clusters as cluster_services
from ..services import membership as services
from . import serializers as s


def _organization_fields(data: dict) -> dict:
    """Organization ids of a body as organizations (404 for one that does not exist)."""
    for name in ("organization", "lead_organization"):
        if data.get(name) is not None:
            data[name] = organization_get_public(pk=data[name])
    return data


@extend_schema_view(
    list=extend_schema(summary="Intersectoral clusters (public ones, and your own private ones)"),
    retrieve=extend_schema(summary="Read a cluster"),
)
class ClusterViewSet(viewsets.GenericViewSet, mixins.ListModelMixin, mixins.RetrieveModelMixin):
    serializer_class = s.ClusterSerializer
    filterset_class = ClusterFilterSet
    http_method_names = ["get", "post", "patch"]
    parser_classes = [JSONParser, MultiPartParser, FormParser]

    def get_permissions(self):
        public = self.request.method in SAFE_METHODS
        return [AllowAny()] if public else [IsAuthenticated()]

    def get_queryset(self):
        return selectors.cluster_list_visible(user=self.request.user).prefetch_related(
            "industries", "technologies"
        )

    def get_object(self):
        cluster = selectors.cluster_get_visible(user=self.request.user, pk=self.kwargs["pk"])
        return self.get_queryset().get(pk=cluster.pk)

    @extend_schema(
        summary="Found a cluster (an owner or editor of an organization with participant status)",
        request=s.ClusterCreateSerializer,
        responses={201: s.ClusterSerializer, **problem_responses(400, 404)},
    )
    def create(self, request):
        data = _organization_fields(validated(s.ClusterCreateSerializer, request.data))
        cluster = cluster_services.cluster_create(actor=request.user, **data)
        return Response(self._read(cluster.pk), status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Change a cluster (its administrators)",
        request=s.ClusterWriteSerializer,
        responses={200: s.ClusterSerializer, **problem_responses(400, 404)},
    )
    def partial_update(self, request, pk=None):
        cluster = selectors.cluster_get_administered(user=request.user, pk=pk)
        data = _organization_fields(validated(s.ClusterWriteSerializer, request.data, partial=True))
        cluster_services.cluster_update(cluster=cluster, actor=request.user, **data)
        return Response(self._read(cluster.pk))

    def _read(self, pk):
        return s.ClusterSerializer(self.get_queryset().get(pk=pk)).data

    @extend_schema(
        summary="The cluster's members, administrators first",
        responses=s.ClusterMemberSerializer(many=True),
    )
    @action(detail=True, methods=["get"], filterset_class=None)
    def members(self, request, pk=None):
        cluster = selectors.cluster_get_visible(user=request.user, pk=pk)
        page = self.paginate_queryset(selectors.member_list(cluster=cluster))
        return self.get_paginated_response(s.ClusterMemberSerializer(page, many=True).data)


def _member(request, pk, member_pk):
    cluster = selectors.cluster_get_visible(user=request.user, pk=pk)
    return selectors.member_get_visible(user=request.user, cluster=cluster, pk=member_pk)


class ClusterMemberViewSet(viewsets.GenericViewSet):
    """Acts on one member: /clusters/{pk}/members/{member_pk}/…"""

    permission_classes = [IsAuthenticated]
    serializer_class = s.ClusterMemberSerializer

    @extend_schema(
        summary="Remove a member, with a reason (administrators)",
        request=s.ClusterReasonSerializer,
        responses={204: None, **problem_responses(400, 404, 409)},
    )
    def remove(self, request, pk=None, member_pk=None):
        member = _member(request, pk, member_pk)
        data = validated(s.ClusterReasonSerializer, request.data)
        services.member_remove(member=member, actor=request.user, **data)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(
        summary="Leave the cluster (an owner or editor of the member organization)",
        request=None,
        responses={204: None, **problem_responses(404, 409)},
    )
    def leave(self, request, pk=None, member_pk=None):
        member = _member(request, pk, member_pk)
        services.member_leave(member=member, actor=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(
        summary="Give or take administrator rights (administrators)",
        request=s.ClusterAdminRightsSerializer,
        responses={200: s.ClusterMemberSerializer, **problem_responses(400, 404, 409)},
    )
    def admin(self, request, pk=None, member_pk=None):
        member = _member(request, pk, member_pk)
        data = validated(s.ClusterAdminRightsSerializer, request.data)
        member = cluster_services.member_admin_set(member=member, actor=request.user, **data)
        return Response(s.ClusterMemberSerializer(member).data)


@extend_schema_view(
    list=extend_schema(summary="Invitations waiting for the organizations you act for"),
)
class InvitationViewSet(viewsets.GenericViewSet, mixins.ListModelMixin):
    permission_classes = [IsAuthenticated]
    serializer_class = s.ClusterInvitationSerializer
    filterset_class = None

    def get_queryset(self):
        return selectors.invitations_for_user(user=self.request.user)

    @extend_schema(
        summary="Invite an organization (administrators); it has 30 days to answer",
        request=s.ClusterInvitationCreateSerializer,
        responses={201: s.ClusterInvitationSerializer, **problem_responses(400, 404, 409)},
    )
    def create(self, request):
        data = validated(s.ClusterInvitationCreateSerializer, request.data)
        cluster = selectors.cluster_get_administered(user=request.user, pk=data.pop("cluster"))
        organization = organization_get_public(pk=data.pop("organization"))
        invitation = services.invitation_create(
            cluster=cluster, organization=organization, actor=request.user, **data
        )
        return Response(
            s.ClusterInvitationSerializer(invitation).data, status=status.HTTP_201_CREATED
        )

    @extend_schema(
        summary="Revoke an invitation (administrators)",
        request=None,
        responses={200: s.ClusterInvitationSerializer, **problem_responses(404, 409)},
    )
    @action(detail=True, methods=["post"])
    def revoke(self, request, pk=None):
        invitation = selectors.invitation_get_revocable(user=request.user, pk=pk)
        invitation = services.invitation_revoke(invitation=invitation, actor=request.user)
        return Response(s.ClusterInvitationSerializer(invitation).data)

    @extend_schema(
        summary="Accept an invitation (an owner or editor of the invited organization)",
        request=None,
        responses={200: s.ClusterMemberSerializer, **problem_responses(404, 409)},
    )
    @action(detail=True, methods=["post"])
    def accept(self, request, pk=None):
        invitation = selectors.invitation_get_for_answer(user=request.user, pk=pk)
        member = services.invitation_accept(invitation=invitation, actor=request.user)
        return Response(s.ClusterMemberSerializer(member).data)

    @extend_schema(
        summary="Decline an invitation (an owner or editor of the invited organization)",
        request=None,
        responses={200: s.ClusterInvitationSerializer, **problem_responses(404, 409)},
    )
    @action(detail=True, methods=["post"])
    def decline(self, request, pk=None):
        invitation = selectors.invitation_get_for_answer(user=request.user, pk=pk)
        invitation = services.invitation_decline(invitation=invitation, actor=request.user)
        return Response(s.ClusterInvitationSerializer(invitation).data)


@extend_schema_view(
    list=extend_schema(summary="Requests to join waiting, of the organizations you act for"),
)
class JoinRequestViewSet(viewsets.GenericViewSet, mixins.ListModelMixin):
    permission_classes = [IsAuthenticated]
    serializer_class = s.ClusterJoinRequestSerializer
    filterset_class = None

    def get_queryset(self):
        return selectors.join_requests_of_user(user=self.request.user)

    @extend_schema(
        summary="Ask to join a cluster, with a reason",
        request=s.ClusterJoinRequestCreateSerializer,
        responses={201: s.ClusterJoinRequestSerializer, **problem_responses(400, 404, 409)},
    )
    def create(self, request):
        data = validated(s.ClusterJoinRequestCreateSerializer, request.data)
        cluster = selectors.cluster_get_visible(user=request.user, pk=data.pop("cluster"))
        organization = organization_get_public(pk=data.pop("organization"))
        join_request = services.join_request_create(
            cluster=cluster, organization=organization, actor=request.user, **data
        )
        return Response(
            s.ClusterJoinRequestSerializer(join_request).data, status=status.HTTP_201_CREATED
        )

    @extend_schema(
        summary="Withdraw a request (its organization's owner or editor)",
        request=None,
        responses={200: s.ClusterJoinRequestSerializer, **problem_responses(404, 409)},
    )
    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None):
        join_request = selectors.join_request_get_own(user=request.user, pk=pk)
        join_request = services.join_request_withdraw(join_request=join_request, actor=request.user)
        return Response(s.ClusterJoinRequestSerializer(join_request).data)

    @extend_schema(
        summary="Accept a request (administrators)",
        request=None,
        responses={200: s.ClusterMemberSerializer, **problem_responses(404, 409)},
    )
    @action(detail=True, methods=["post"])
    def accept(self, request, pk=None):
        join_request = selectors.join_request_get_answerable(user=request.user, pk=pk)
        member = services.join_request_accept(join_request=join_request, actor=request.user)
        return Response(s.ClusterMemberSerializer(member).data)

    @extend_schema(
        summary="Decline a request, with a reason (administrators)",
        request=s.ClusterReasonSerializer,
        responses={200: s.ClusterJoinRequestSerializer, **problem_responses(400, 404, 409)},
    )
    @action(detail=True, methods=["post"])
    def decline(self, request, pk=None):
        join_request = selectors.join_request_get_answerable(user=request.user, pk=pk)
        data = validated(s.ClusterReasonSerializer, request.data)
        join_request = services.join_request_decline(
            join_request=join_request, actor=request.user, **data
        )
        return Response(s.ClusterJoinRequestSerializer(join_request).data)
