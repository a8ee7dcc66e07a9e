"""The organizations API. Views translate HTTP to service calls and nothing more."""

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.generics import ListAPIView
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView

from innocluster.core.api import CachedCountPagination, problem_responses, validated
from innocluster.core.httpcache import public_read
from innocluster.core.parsers import JSON_AND_FILES

from .. import selectors, services
from ..filters import OrganizationFilterSet
from ..models import Industry, Invitation, Membership, MembershipRequest, Product, Technology
from ..permissions import EDIT_PROFILE, MANAGE_MEMBERS, MANAGE_PRODUCTS, VIEW_AUDIT, VIEW_MEMBERS
from . import serializers as s

PARSERS = JSON_AND_FILES


@extend_schema_view(
    list=extend_schema(summary="List organizations (public directory) with filters"),
    retrieve=extend_schema(summary="Read an organization's public profile"),
)
class OrganizationViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = s.OrganizationSerializer
    filterset_class = OrganizationFilterSet
    parser_classes = PARSERS
    pagination_class = CachedCountPagination

    def get_queryset(self):
        return selectors.organization_list_public()

    def get_object(self):
        return selectors.organization_get_public(pk=self.kwargs["pk"])

    @public_read
    def list(self, request, *args, **kwargs):
        # Rows read as values(), not model instances through the serializer (issue 18); the
        # schema still documents OrganizationSerializer, which writes the same JSON.
        rows = self.get_queryset().prefetch_related(None)
        rows = rows.values(*s.ORGANIZATION_COLUMNS)
        page = self.paginate_queryset(self.filter_queryset(rows))
        return self.get_paginated_response(s.organization_rows(page))

    @extend_schema(
        summary="Register an organization; the caller becomes its owner",
        request=s.OrganizationCreateSerializer,
        responses={201: s.OrganizationSerializer, **problem_responses(400, 409)},
    )
    def create(self, request):
        data = validated(s.OrganizationCreateSerializer, request.data)
        organization = services.organization_register(actor=request.user, **data)
        return Response(s.OrganizationSerializer(organization).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Replace the profile (owners and editors)",
        request=s.OrganizationWriteSerializer,
        responses={200: s.OrganizationSerializer, **problem_responses(400, 404)},
    )
    def update(self, request, pk=None):
        return self._update(request, pk, partial=False)

    @extend_schema(
        summary="Change some profile fields (owners and editors)",
        request=s.OrganizationWriteSerializer,
        responses={200: s.OrganizationSerializer, **problem_responses(400, 404)},
    )
    def partial_update(self, request, pk=None):
        return self._update(request, pk, partial=True)

    def _update(self, request, pk, *, partial: bool):
        organization = selectors.organization_get_for(
            user=request.user, pk=pk, ability=EDIT_PROFILE
        )
        data = validated(s.OrganizationWriteSerializer, request.data, partial=partial)
        organization = services.organization_update(
            organization=organization, actor=request.user, **data
        )
        return Response(s.OrganizationSerializer(selectors.organization_get_public(pk=pk)).data)

    @extend_schema(
        summary="The organization's audit trail (owners and fund staff)",
        responses=s.AuditEventSerializer(many=True),
    )
    @action(detail=True, methods=["get"], permission_classes=[IsAuthenticated])
    def audit(self, request, pk=None):
        organization = selectors.organization_get_for(user=request.user, pk=pk, ability=VIEW_AUDIT)
        page = self.paginate_queryset(selectors.audit_trail(organization=organization))
        return self.get_paginated_response(s.AuditEventSerializer(page, many=True).data)


class _OrganizationChild(viewsets.GenericViewSet):
    """Base for lists that live under /organizations/{organization_pk}/."""

    permission_classes = [IsAuthenticated]
    parser_classes = PARSERS
    ability = VIEW_MEMBERS
    throttle_scope: str | None = None  # throttles creation when set (it sends letters)

    def get_throttles(self):
        if self.throttle_scope and self.action == "create":
            return [ScopedRateThrottle()]
        return super().get_throttles()

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # the schema generator has no pk
            return self.queryset
        return self.child_queryset()

    def organization(self, ability=None):
        return selectors.organization_get_for(
            user=self.request.user,
            pk=self.kwargs["organization_pk"],
            ability=ability or self.ability,
        )


@extend_schema_view(
    list=extend_schema(summary="List members (members and fund staff)"),
    partial_update=extend_schema(
        summary="Change a member's role (owners)",
        request=s.RoleSerializer,
        responses={200: s.MemberSerializer, **problem_responses(409)},
    ),
    destroy=extend_schema(
        summary="Remove a member (owners), or leave (yourself)",
        responses={204: None, **problem_responses(409)},
    ),
)
class MemberViewSet(_OrganizationChild, mixins.ListModelMixin):
    serializer_class = s.MemberSerializer
    http_method_names = ["get", "patch", "delete"]

    queryset = Membership.objects.none()

    def child_queryset(self):
        return selectors.member_list(organization=self.organization())

    def partial_update(self, request, organization_pk=None, pk=None):
        membership = selectors.membership_get(organization=self.organization(MANAGE_MEMBERS), pk=pk)
        role = validated(s.RoleSerializer, request.data)["role"]
        membership = services.membership_change_role(
            membership=membership, role=role, actor=request.user
        )
        return Response(s.MemberSerializer(membership).data)

    def destroy(self, request, organization_pk=None, pk=None):
        membership = selectors.membership_get(organization=self.organization(), pk=pk)
        services.membership_remove(membership=membership, actor=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


@extend_schema_view(
    list=extend_schema(summary="List the organization's products (public)"),
    retrieve=extend_schema(summary="Read a product (public)"),
    create=extend_schema(summary="Add a product (owners and editors)"),
    partial_update=extend_schema(summary="Change a product (owners and editors)"),
    destroy=extend_schema(summary="Delete a product (owners and editors)"),
)
class ProductViewSet(_OrganizationChild, mixins.ListModelMixin, mixins.RetrieveModelMixin):
    serializer_class = s.ProductSerializer
    http_method_names = ["get", "post", "patch", "delete"]

    def get_permissions(self):
        return [AllowAny()] if self.action in ("list", "retrieve") else [IsAuthenticated()]

    def public_organization(self):
        return selectors.organization_get_public(pk=self.kwargs["organization_pk"])

    queryset = Product.objects.none()

    def child_queryset(self):
        return selectors.product_list(organization=self.public_organization())

    def get_object(self):
        return selectors.product_get(organization=self.public_organization(), pk=self.kwargs["pk"])

    def create(self, request, organization_pk=None):
        organization = self.organization(MANAGE_PRODUCTS)
        data = validated(s.ProductSerializer, request.data)
        product = services.product_create(organization=organization, actor=request.user, **data)
        return Response(s.ProductSerializer(product).data, status=status.HTTP_201_CREATED)

    def partial_update(self, request, organization_pk=None, pk=None):
        product = selectors.product_get(organization=self.organization(MANAGE_PRODUCTS), pk=pk)
        data = validated(s.ProductSerializer, request.data, partial=True)
        product = services.product_update(product=product, actor=request.user, **data)
        return Response(s.ProductSerializer(product).data)

    def destroy(self, request, organization_pk=None, pk=None):
        product = selectors.product_get(organization=self.organization(MANAGE_PRODUCTS), pk=pk)
        services.product_delete(product=product, actor=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


@extend_schema_view(
    list=extend_schema(summary="Pending requests to join (owners)"),
    create=extend_schema(
        summary="Ask to join the organization (any signed-in person)",
        responses={201: s.MembershipRequestSerializer, **problem_responses(409)},
    ),
)
class MembershipRequestViewSet(_OrganizationChild, mixins.ListModelMixin):
    serializer_class = s.MembershipRequestSerializer
    ability = MANAGE_MEMBERS
    throttle_scope = "join_request"

    queryset = MembershipRequest.objects.none()

    def child_queryset(self):
        return selectors.pending_requests(organization=self.organization())

    def create(self, request, organization_pk=None):
        organization = selectors.organization_get_public(pk=organization_pk)
        data = validated(s.MembershipRequestSerializer, request.data)
        membership_request = services.membership_request_create(
            organization=organization, user=request.user, message=data.get("message", "")
        )
        return Response(
            s.MembershipRequestSerializer(membership_request).data, status=status.HTTP_201_CREATED
        )

    def _decide(self, request, pk, approve: bool):
        membership_request = selectors.pending_request_get(organization=self.organization(), pk=pk)
        role = validated(s.DecisionSerializer, request.data).get("role")
        membership_request = services.membership_request_decide(
            membership_request=membership_request, actor=request.user, approve=approve, role=role
        )
        return Response(s.MembershipRequestSerializer(membership_request).data)

    @extend_schema(
        summary="Approve a request (owners)",
        request=s.DecisionSerializer,
        responses={200: s.MembershipRequestSerializer, **problem_responses(409)},
    )
    @action(detail=True, methods=["post"])
    def approve(self, request, organization_pk=None, pk=None):
        return self._decide(request, pk, approve=True)

    @extend_schema(
        summary="Decline a request (owners)",
        request=None,
        responses={200: s.MembershipRequestSerializer, **problem_responses(409)},
    )
    @action(detail=True, methods=["post"])
    def decline(self, request, organization_pk=None, pk=None):
        return self._decide(request, pk, approve=False)


@extend_schema_view(
    list=extend_schema(summary="Pending invitations (owners)"),
    create=extend_schema(
        summary="Invite a person by e-mail (owners)",
        responses={201: s.InvitationSerializer, **problem_responses(409)},
    ),
    destroy=extend_schema(summary="Revoke an invitation (owners)"),
)
class InvitationViewSet(_OrganizationChild, mixins.ListModelMixin):
    serializer_class = s.InvitationSerializer
    ability = MANAGE_MEMBERS
    throttle_scope = "invitation"
    http_method_names = ["get", "post", "delete"]

    queryset = Invitation.objects.none()

    def child_queryset(self):
        return selectors.pending_invitations(organization=self.organization())

    def create(self, request, organization_pk=None):
        organization = self.organization()  # 404 for outsiders before any validation
        data = validated(s.InvitationSerializer, request.data)
        invitation = services.invitation_create(
            organization=organization, actor=request.user, **data
        )
        return Response(s.InvitationSerializer(invitation).data, status=status.HTTP_201_CREATED)

    def destroy(self, request, organization_pk=None, pk=None):
        invitation = selectors.pending_invitation_get(organization=self.organization(), pk=pk)
        services.invitation_revoke(invitation=invitation, actor=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


class InvitationAcceptView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        summary="Accept an invitation with the token from its e-mail",
        request=s.InvitationAcceptSerializer,
        responses={201: s.MemberSerializer, **problem_responses(403, 404, 409)},
    )
    def post(self, request):
        token = validated(s.InvitationAcceptSerializer, request.data)["token"]
        invitation = services.invitation_by_secret(secret=token)
        membership = services.invitation_accept(invitation=invitation, user=request.user)
        return Response(s.MemberSerializer(membership).data, status=status.HTTP_201_CREATED)


@extend_schema(summary="The industries of the managed taxonomy")
class IndustryList(ListAPIView):
    permission_classes = [AllowAny]
    serializer_class = s.TermSerializer
    pagination_class = None
    queryset = Industry.objects.all()


@extend_schema(summary="The technologies of the managed taxonomy")
class TechnologyList(ListAPIView):
    permission_classes = [AllowAny]
    serializer_class = s.TermSerializer
    pagination_class = None
    queryset = Technology.objects.all()
