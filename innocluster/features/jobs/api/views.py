"""The jobs API. Views translate HTTP to selector and service calls and nothing more."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from innocluster.core.api import problem_responses, validated
from innocluster.core.viewsets import PublicReadViewSet
from innocluster.platform.organizations.selectors import organization_get_public

from .. import applications, selectors, services
from ..filters import VacancyFilterSet
from ..models import MetroStation, ProfessionalRole
from . import serializers as s


def _references(data: dict) -> dict:
    """The ids of the managed lists the body names, as their rows; an unknown id is a 404."""
    from innocluster.platform.organizations.models import Industry

    if "role" in data:
        data["role"] = get_object_or_404(ProfessionalRole, pk=data["role"])
    if "industry" in data:
        data["industry"] = get_object_or_404(Industry, pk=data["industry"])
    if data.get("metro") is not None:
        data["metro"] = get_object_or_404(MetroStation, pk=data["metro"])
    return data


class VacancyApplicationsMixin:
    @extend_schema(
        summary="Apply to a vacancy (signed in; one application per person and vacancy)",
        request={"multipart/form-data": s.JobApplySerializer},
        responses={201: s.JobApplicationSerializer, **problem_responses(400, 404, 409)},
    )
    @action(detail=True, methods=["post"], parser_classes=[MultiPartParser, FormParser])
    def apply(self, request, pk=None):
        vacancy = selectors.vacancy_get_visible(user=request.user, pk=pk)
        data = validated(s.JobApplySerializer, request.data)
        application = applications.application_submit(
            vacancy=vacancy, applicant=request.user, **data
        )
        fresh = selectors.application_get_of_applicant(user=request.user, pk=application.pk)
        return Response(s.JobApplicationSerializer(fresh).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="The applications of one of your organizations' vacancies (404 for others')",
        responses={200: s.JobApplicationRowSerializer(many=True), **problem_responses(404)},
    )
    @action(detail=True, methods=["get"], url_path="applications")
    def applications(self, request, pk=None):
        _vacancy, rows = selectors.application_list_for_vacancy(user=request.user, vacancy_pk=pk)
        keys = self.paginate_queryset(rows.values_list("pk", flat=True))
        page = selectors.application_rows(rows, keys=keys)
        return self.get_paginated_response(s.JobApplicationRowSerializer(page, many=True).data)


@extend_schema_view(
    list=extend_schema(summary="The job search: live vacancies with filters and an order"),
    retrieve=extend_schema(summary="Read a vacancy"),
)
class VacancyViewSet(
    VacancyApplicationsMixin,
    PublicReadViewSet,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
):
    """Vacancies and internships of the cluster's participants and partners. Anybody reads
    the live ones; their organizations' owners and editors post and change them; the fund's
    moderators approve and hide them."""

    serializer_class = s.VacancySerializer
    filterset_class = VacancyFilterSet

    def get_queryset(self):
        return selectors.vacancy_list_public()

    def get_object(self):
        return selectors.vacancy_get_visible(user=self.request.user, pk=self.kwargs["pk"])

    @extend_schema(
        summary="Post a vacancy (owners and editors of a participant or partner)",
        request=s.VacancyCreateSerializer,
        responses={201: s.VacancySerializer, **problem_responses(400, 404)},
    )
    def create(self, request):
        data = _references(validated(s.VacancyCreateSerializer, request.data))
        organization = organization_get_public(pk=data.pop("organization"))
        vacancy = services.vacancy_create(organization=organization, actor=request.user, **data)
        return Response(self._read(vacancy), status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Change a vacancy (its organization's owners and editors)",
        request=s.VacancyWriteSerializer,
        responses={200: s.VacancySerializer, **problem_responses(400, 404)},
    )
    def partial_update(self, request, pk=None):
        vacancy = selectors.vacancy_get_operated(user=request.user, pk=pk)
        data = _references(validated(s.VacancyWriteSerializer, request.data, partial=True))
        vacancy = services.vacancy_update(vacancy=vacancy, actor=request.user, **data)
        return Response(self._read(vacancy))

    def _move(self, request, pk, service, selector):
        vacancy = selector(user=request.user, pk=pk)
        return Response(self._read(service(vacancy=vacancy, actor=request.user)))

    @extend_schema(
        summary="Withdraw a vacancy (its organization)",
        request=None,
        responses={200: s.VacancySerializer, **problem_responses(404, 409)},
    )
    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None):
        return self._move(request, pk, services.vacancy_withdraw, selectors.vacancy_get_operated)

    @extend_schema(
        summary="Archive a vacancy as filled (its organization)",
        request=None,
        responses={200: s.VacancySerializer, **problem_responses(404, 409)},
    )
    @action(detail=True, methods=["post"])
    def fill(self, request, pk=None):
        return self._move(request, pk, services.vacancy_fill, selectors.vacancy_get_operated)

    @extend_schema(
        summary="Renew a vacancy for 30 days (its organization)",
        request=None,
        responses={200: s.VacancySerializer, **problem_responses(404, 409)},
    )
    @action(detail=True, methods=["post"])
    def renew(self, request, pk=None):
        return self._move(request, pk, services.vacancy_renew, selectors.vacancy_get_operated)

    @extend_schema(
        summary="Approve and publish a vacancy (the fund's moderators)",
        request=None,
        responses={200: s.VacancySerializer, **problem_responses(404, 409)},
    )
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        return self._move(
            request, pk, services.vacancy_approve, selectors.vacancy_get_for_moderation
        )

    @extend_schema(
        summary="Hide a vacancy with a reason (the fund's moderators)",
        request=s.VacancyHideSerializer,
        responses={200: s.VacancySerializer, **problem_responses(400, 404, 409)},
    )
    @action(detail=True, methods=["post"])
    def hide(self, request, pk=None):
        vacancy = selectors.vacancy_get_for_moderation(user=request.user, pk=pk)
        data = validated(s.VacancyHideSerializer, request.data)
        vacancy = services.vacancy_hide(vacancy=vacancy, actor=request.user, **data)
        return Response(self._read(vacancy))

    def _read(self, vacancy):
        fresh = selectors.vacancy_get_visible(user=self.request.user, pk=vacancy.pk)
        return s.VacancySerializer(fresh).data


MOVES = {
    "view": applications.application_view,
    "invite": applications.application_invite,
    "offer": applications.application_offer,
    "hire": applications.application_hire,
    "reject": applications.application_reject,
}


class ApplicationViewSet(viewsets.GenericViewSet, mixins.ListModelMixin):
    """Your own applications (list, read, withdraw), and the moves of an application to one
    of your organizations' vacancies: view, invite, offer, hire, reject."""

    permission_classes = [IsAuthenticated]
    serializer_class = s.JobApplicationSerializer
    http_method_names = ["get", "post"]

    def get_queryset(self):
        return selectors.application_list_of_applicant(user=self.request.user)

    @extend_schema(summary="Read one of your applications, with its stages")
    def retrieve(self, request, pk=None):
        application = selectors.application_get_of_applicant(user=request.user, pk=pk)
        return Response(s.JobApplicationSerializer(application).data)

    @extend_schema(
        summary="Withdraw your application; its CV is deleted",
        request=None,
        responses={200: s.JobApplicationSerializer, **problem_responses(404, 409)},
    )
    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None):
        application = selectors.application_get_of_applicant(user=request.user, pk=pk)
        applications.application_withdraw(application=application, actor=request.user)
        fresh = selectors.application_get_of_applicant(user=request.user, pk=pk)
        return Response(s.JobApplicationSerializer(fresh).data)

    @extend_schema(
        summary="Move an application of your organization's vacancy to its next stage",
        request=s.JobApplicationMoveSerializer,
        responses={200: s.JobApplicationSerializer, **problem_responses(400, 404, 409)},
        parameters=[
            OpenApiParameter(
                "move", str, OpenApiParameter.PATH, enum=list(MOVES), description="The move."
            )
        ],
    )
    @action(detail=True, methods=["post"], url_path=r"move/(?P<move>[a-z]+)")
    def move(self, request, pk=None, move=None):
        application = selectors.application_get_for_employer(user=request.user, pk=pk)
        if move not in MOVES:
            raise Http404
        data = validated(s.JobApplicationMoveSerializer, request.data)
        MOVES[move](application=application, actor=request.user, **data)
        fresh = selectors.application_get_for_employer(user=request.user, pk=pk)
        return Response(s.JobApplicationSerializer(fresh).data)
