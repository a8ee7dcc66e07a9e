"""The IP register API. Views translate HTTP to service calls and nothing more."""

from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from innocluster.core.api import problem_responses
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
    list=extend_schema(summary="The public register of intellectual property, newest first"),
    retrieve=extend_schema(
        summary="A registration's certificate, with its ledger entry and inclusion proof link",
        responses={200: s.IPObjectDetailSerializer, **problem_responses(404)},
    ),
)
class IPObjectViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = s.IPObjectSerializer
    filterset_class = IPObjectFilterSet
    parser_classes = [JSONParser, MultiPartParser, FormParser]

    def get_queryset(self):
        return selectors.ip_object_list_public()

    def get_object(self):
        return selectors.ip_object_get_public(pk=self.kwargs["pk"])

    def retrieve(self, request, pk=None):
        return Response(_detail(self.get_object(), request))

    @extend_schema(
        summary="Register an IP object (owners and editors of the organization)",
        description="JSON with `work_sha256`, or multipart/form-data with the work as `file` "
        "(hashed on the server and kept only if `keep_file`). The registration is final and "
        "recorded in the transparency ledger. An organization registers a work once: the same "
        "`work_sha256` again is 409 `ip_already_registered`, with `existing_ip_object`.",
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


def _detail(ip_object, request) -> dict:
    context = {
        "request": request,
        "ledger_entry": selectors.ip_ledger_entry(ip_object=ip_object),
        "can_download": selectors.ip_file_visible(user=request.user, ip_object=ip_object),
    }
    return s.IPObjectDetailSerializer(ip_object, context=context).data
