"""The chains' API. Views translate HTTP to selectors and service calls and nothing more."""

from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ErrorDetail, ValidationError
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from innocluster.core.api import problem_responses, validated
from innocluster.features.clusters.selectors import cluster_get_visible
from innocluster.platform.organizations.permissions import EDIT_PROFILE
from innocluster.platform.organizations.selectors import organization_get_for

from .. import selectors, services
from ..choices import LinkState
from . import serializers as s

STATES = [choice for choice, _label in LinkState.choices]


@extend_schema_view(
    list=extend_schema(
        summary="Supply links of my organizations, newest first",
        description="Links where an organization of the caller is the supplier or the customer, "
        "in every state; `link_state` filters them.",
        parameters=[OpenApiParameter("link_state", str, enum=STATES, required=False)],
        responses={200: s.SupplyLinkSerializer(many=True), **problem_responses(400, 401)},
    ),
    retrieve=extend_schema(
        summary="A supply link",
        description="A confirmed or ended link is public; any other is seen only by the people "
        "of its two organizations: 404 for anybody else.",
        responses={200: s.SupplyLinkSerializer, **problem_responses(404)},
    ),
)
class SupplyLinkViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = s.SupplyLinkSerializer
    filterset_class = None

    def get_permissions(self):
        if self.action == "retrieve":
            return []
        return [IsAuthenticated()]

    def get_queryset(self):
        mine = list(selectors.my_roles(user=self.request.user))
        links = selectors.link_list_visible_to(user=self.request.user).involving(mine)
        state = self.request.query_params.get("link_state")
        if state is not None:
            if state not in STATES:
                detail = ErrorDetail("Choose one of: " + ", ".join(STATES), code="invalid_choice")
                raise ValidationError({"link_state": [detail]})
            links = links.filter(state=state)
        return links.order_by("-created_at", "-id")

    def get_object(self):
        return selectors.link_get_for(user=self.request.user, pk=self.kwargs["pk"])

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "roles": _roles(self.request)}

    @extend_schema(
        summary="Record a supply link (owners and editors of the supplier)",
        description="The link waits (`pending`) until an owner or editor of the customer "
        "confirms it. 400 with a field code: `supply_self_link`, "
        "`supply_unknown_organization`, `supply_product_not_of_supplier`, "
        "`supply_subject_required`, `supply_subject_twice`, `supply_period`, `max_length`; "
        "404 for a supplier you do not own or edit; 409 `supply_duplicate` for a live link "
        "of the same supplier, customer and product (with `existing_supply_link`).",
        request=s.SupplyLinkCreateSerializer,
        responses={201: s.SupplyLinkSerializer, **problem_responses(400, 401, 404, 409)},
    )
    def create(self, request):
        data = validated(s.SupplyLinkCreateSerializer, request.data)
        supplier = organization_get_for(
            user=request.user, pk=data["supplier"], ability=EDIT_PROFILE
        )
        link = services.supply_link_record(
            supplier=supplier,
            actor=request.user,
            customer_id=data["customer"],
            product_id=data.get("product"),
            subject=data.get("subject", ""),
            starts_on=data["starts_on"],
            ends_on=data.get("ends_on"),
        )
        return Response(_detail(link, request), status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Confirm a supply link (owners and editors of the customer)",
        description="404 for anybody who is not; 409 `supply_link_state` if it no longer waits.",
        request=None,
        responses={200: s.SupplyLinkSerializer, **problem_responses(401, 404, 409)},
    )
    @action(detail=True, methods=["post"])
    def confirm(self, request, pk=None):
        link = services.supply_link_confirm(link=self.get_object(), actor=request.user)
        return Response(_detail(link, request))

    @extend_schema(
        summary="Decline a supply link (owners and editors of the customer)",
        description="With an optional reason, told to the supplier. 404 for anybody who is not "
        "of the customer; 409 `supply_link_state` if it no longer waits.",
        request=s.SupplyLinkDeclineSerializer,
        responses={200: s.SupplyLinkSerializer, **problem_responses(400, 401, 404, 409)},
    )
    @action(detail=True, methods=["post"])
    def decline(self, request, pk=None):
        data = validated(s.SupplyLinkDeclineSerializer, request.data)
        link = services.supply_link_decline(
            link=self.get_object(), actor=request.user, reason=data.get("reason", "")
        )
        return Response(_detail(link, request))

    @extend_schema(
        summary="Withdraw a supply link that waits (owners and editors of the supplier)",
        request=None,
        responses={200: s.SupplyLinkSerializer, **problem_responses(401, 404, 409)},
    )
    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None):
        link = services.supply_link_withdraw(link=self.get_object(), actor=request.user)
        return Response(_detail(link, request))

    @extend_schema(
        summary="End a confirmed supply link (owners and editors of either side)",
        description="`ends_on` not before the link's start (400 `supply_period`).",
        request=s.SupplyLinkEndSerializer,
        responses={200: s.SupplyLinkSerializer, **problem_responses(400, 401, 404, 409)},
    )
    @action(detail=True, methods=["post"])
    def end(self, request, pk=None):
        data = validated(s.SupplyLinkEndSerializer, request.data)
        link = services.supply_link_end(
            link=self.get_object(), actor=request.user, ends_on=data.get("ends_on")
        )
        return Response(_detail(link, request))


class ClusterChainView(APIView):
    permission_classes = []

    @extend_schema(
        summary="A cluster's supply chain: its members, the confirmed links among them, gaps",
        description="Each member with its sector (its first industry); the links both sides "
        "confirmed; the needs of the cluster's projects that no member supplies. 404 for a "
        "cluster the caller may not see.",
        responses={200: s.ClusterChainSerializer, **problem_responses(404)},
    )
    def get(self, request, pk):
        cluster = cluster_get_visible(user=request.user, pk=pk)
        chain = selectors.cluster_chain(cluster)
        gaps = selectors.chain_gaps(
            selectors.needs_of_cluster(cluster), [node.id for node in chain.nodes]
        )
        data = {"nodes": chain.nodes, "edges": chain.edges, "gaps": gaps}
        return Response(s.ClusterChainSerializer(data).data)


def _roles(request) -> dict:
    return selectors.my_roles(user=request.user)


def _detail(link, request) -> dict:
    link = selectors.link_get_for(user=request.user, pk=link.pk)
    context = {"request": request, "roles": _roles(request)}
    return s.SupplyLinkSerializer(link, context=context).data
