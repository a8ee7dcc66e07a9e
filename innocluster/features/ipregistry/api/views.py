"""The IP register API. Views translate HTTP to service calls and nothing more."""

from django.utils.translation import gettext as _
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ErrorDetail, ValidationError
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from innocluster.core.api import problem_responses, validated
from innocluster.core.parsers import JSON_AND_FILES
from innocluster.platform.organizations.models import Organization
from innocluster.platform.organizations.permissions import EDIT_PROFILE
from innocluster.platform.organizations.selectors import organization_get_for

from .. import selectors, services
from ..filters import IPObjectFilterSet
from ..views import serve_work
from . import serializers as s

CREATE_REQUEST = {
    "application/json": s.IPObjectCreateSerializer,
    "multipart/form-data": s.IPObjectCreateSerializer,
}


@extend_schema_view(
    list=extend_schema(
        summary="The public register of intellectual property, newest first",
        description="Final registrations only: one that waits for its rightholders' consent, "
        "or was declined or withdrawn, is not in it (see `waiting/`).",
    ),
    retrieve=extend_schema(
        summary="A registration's certificate, with its ledger entry and inclusion proof link",
        description="A registration that is not final (`registration_state` other than "
        "`registered`) is seen only by the people of the registering organization and of the "
        "rightholder organizations asked for consent: 404 for anybody else.",
        responses={200: s.IPObjectDetailSerializer, **problem_responses(404)},
    ),
)
class IPObjectViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = s.IPObjectSerializer
    filterset_class = IPObjectFilterSet
    parser_classes = JSON_AND_FILES

    def get_queryset(self):
        return selectors.ip_object_list_public()

    def get_object(self):
        return selectors.ip_object_get_for(user=self.request.user, pk=self.kwargs["pk"])

    def retrieve(self, request, pk=None):
        return Response(_detail(self.get_object(), request))

    @extend_schema(
        summary="Register an IP object (owners and editors of the organization)",
        description="JSON with `work_sha256`, or multipart/form-data with the work as `file` "
        "(hashed on the server and kept only if `keep_file`). The registration is final and "
        "recorded in the transparency ledger at once, unless a rightholder is another "
        "organization of the platform: then it is `pending` until an owner or editor of each "
        "such organization confirms (`confirm/`), and goes to the ledger with the last "
        "confirmation. An organization registers a work once: the same `work_sha256` again "
        "while the first waits or stands is 409 `ip_already_registered`, with "
        "`existing_ip_object`.",
        request=CREATE_REQUEST,
        responses={201: s.IPObjectDetailSerializer, **problem_responses(400, 401, 404, 409)},
    )
    def create(self, request):
        serializer = s.IPObjectCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        organization = organization_get_for(
            user=request.user, pk=data.pop("organization"), ability=EDIT_PROFILE
        )
        ip_object = services.ip_object_register(
            organization=organization,
            actor=request.user,
            upload=data.pop("file", None),
            rightholders=[dict(row) for row in data.pop("rightholders")],
            **data,
        )
        return Response(_detail(ip_object, request), status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Download the kept work (members of the organization and fund staff)",
        responses={
            (200, "application/octet-stream"): OpenApiResponse(description="The file."),
            **problem_responses(404),
        },
    )
    @action(detail=True, methods=["get"], url_path="file", permission_classes=[IsAuthenticated])
    def file(self, request, pk=None):
        return serve_work(selectors.ip_object_get_with_file(user=request.user, pk=pk))

    @extend_schema(
        summary="Registrations waiting for confirmation that involve me, oldest first",
        operation_id="ip_objects_waiting_list",
        description="`side=rightholder`: those naming an organization of yours as a "
        "rightholder that has not answered yet; `side=registrant`: those your organizations "
        "registered. Both when `side` is left out.",
        parameters=[
            OpenApiParameter("side", str, enum=["rightholder", "registrant"], required=False)
        ],
        responses={
            200: s.IPObjectDetailSerializer(many=True),
            **problem_responses(400, 401),
        },
    )
    @action(
        detail=False,
        methods=["get"],
        permission_classes=[IsAuthenticated],
        filterset_class=None,
    )
    def waiting(self, request):
        side = request.query_params.get("side", "")
        if side not in selectors.WAITING_SIDES:
            message = _("Choose rightholder or registrant.")
            raise ValidationError({"side": [ErrorDetail(message, code="invalid_choice")]})
        objects = selectors.ip_waiting(user=request.user, side=side or None)
        page = self.paginate_queryset(objects)
        data = s.IPObjectDetailSerializer(page, many=True, context=_context(request)).data
        return self.get_paginated_response(data)

    @extend_schema(
        summary="Confirm a registration that names your organization as a rightholder",
        description="An owner or editor of the rightholder organization. The last "
        "confirmation makes the registration final and appends it to the ledger. 409 "
        "`ip_state` if it no longer waits, `consent_given` if your organization has answered.",
        request=s.IPAnswerSerializer,
        responses={200: s.IPObjectDetailSerializer, **problem_responses(400, 401, 403, 404, 409)},
    )
    @action(detail=True, methods=["post"], permission_classes=[IsAuthenticated])
    def confirm(self, request, pk=None):
        data = validated(s.IPAnswerSerializer, request.data)
        ip_object = services.ip_object_confirm(
            ip_object=self.get_object(), actor=request.user, organization=_org(data)
        )
        return Response(_detail(ip_object, request))

    @extend_schema(
        summary="Decline a registration that names your organization as a rightholder",
        description="An owner or editor of the rightholder organization, with the reason. The "
        "registration ends as `declined`: nothing goes to the ledger.",
        request=s.IPDeclineSerializer,
        responses={200: s.IPObjectDetailSerializer, **problem_responses(400, 401, 403, 404, 409)},
    )
    @action(detail=True, methods=["post"], permission_classes=[IsAuthenticated])
    def decline(self, request, pk=None):
        data = validated(s.IPDeclineSerializer, request.data)
        ip_object = services.ip_object_decline(
            ip_object=self.get_object(),
            actor=request.user,
            organization=_org(data),
            reason=data["reason"],
        )
        return Response(_detail(ip_object, request))

    @extend_schema(
        summary="Withdraw a registration that waits for its rightholders (the registrant)",
        description="An owner or editor of the registering organization. Nothing goes to the "
        "ledger; the work may be registered again.",
        request=None,
        responses={200: s.IPObjectDetailSerializer, **problem_responses(401, 403, 404, 409)},
    )
    @action(detail=True, methods=["post"], permission_classes=[IsAuthenticated])
    def withdraw(self, request, pk=None):
        ip_object = services.ip_object_withdraw(ip_object=self.get_object(), actor=request.user)
        return Response(_detail(ip_object, request))


def _org(data: dict):
    """The organization named in an answer, or None; an id that is no organization matches
    no rightholder, so the service refuses it as for any other organization."""
    pk = data.get("organization")
    return None if pk is None else Organization(pk=pk)


def _context(request) -> dict:
    return {"request": request, "roles": selectors.my_roles(user=request.user)}


def _detail(ip_object, request) -> dict:
    ip_object = selectors.ip_object_list_visible_to(user=request.user).get(pk=ip_object.pk)
    context = {**_context(request), "ledger_entry": selectors.ip_ledger_entry(ip_object=ip_object)}
    return s.IPObjectDetailSerializer(ip_object, context=context).data
