"""The children's classes API: classes and the enrolments of children in them."""

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status
from rest_framework.decorators import action
from rest_framework.response import Response

from innocluster.core.api import problem_responses, validated
from innocluster.core.viewsets import PublicReadViewSet

from .. import selectors, services
from ..choices import AGE_MAX, AGE_MIN, ClassSubject
from ..filters import CourseFilterSet
from ..models import Course, Enrolment
from .views import ChildViewSet


class CourseSerializer(serializers.ModelSerializer):
    facility_name = serializers.CharField(source="facility.name", read_only=True)
    seats_taken = serializers.IntegerField(source="seated", read_only=True)
    waiting = serializers.IntegerField(read_only=True)

    class Meta:
        model = Course
        fields = [
            "id",
            "facility",
            "facility_name",
            "title",
            "subject",
            "description",
            "age_min",
            "age_max",
            "schedule",
            "starts_on",
            "ends_on",
            "seats",
            "seats_taken",
            "waiting",
            "is_published",
        ]
        read_only_fields = fields


class CourseWriteSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=200)
    subject = serializers.ChoiceField(choices=ClassSubject.choices)
    description = serializers.CharField(required=False, allow_blank=True, max_length=10_000)
    age_min = serializers.IntegerField(min_value=AGE_MIN, max_value=AGE_MAX)
    age_max = serializers.IntegerField(min_value=AGE_MIN, max_value=AGE_MAX)
    schedule = serializers.CharField(max_length=200)
    starts_on = serializers.DateField()
    ends_on = serializers.DateField()
    seats = serializers.IntegerField(min_value=1, max_value=500)
    is_published = serializers.BooleanField(required=False)


class CourseCreateSerializer(CourseWriteSerializer):
    facility = serializers.IntegerField()


class EnrolmentSerializer(serializers.ModelSerializer):
    class_title = serializers.CharField(source="course.title", read_only=True)

    class Meta:
        model = Enrolment
        fields = [
            "id",
            "course",
            "class_title",
            "child_name",
            "child_birth_date",
            "guardian_consent",
            "status",
            "created_at",
            "promoted_at",
            "cancelled_at",
        ]
        read_only_fields = [
            "id",
            "course",
            "class_title",
            "status",
            "created_at",
            "promoted_at",
            "cancelled_at",
        ]


@extend_schema_view(
    list=extend_schema(summary="Children's technology classes (ages 7–18)"),
    retrieve=extend_schema(summary="Read a class, with its seats taken and waiting list"),
)
class CourseViewSet(PublicReadViewSet, mixins.ListModelMixin, mixins.RetrieveModelMixin):
    serializer_class = CourseSerializer
    filterset_class = CourseFilterSet

    def get_queryset(self):
        return selectors.course_list_public()

    def get_object(self):
        return selectors.course_get_visible(user=self.request.user, pk=self.kwargs["pk"])

    @extend_schema(
        summary="Publish a class (the facility's operators)",
        request=CourseCreateSerializer,
        responses={201: CourseSerializer, **problem_responses(400, 404)},
    )
    def create(self, request):
        data = validated(CourseCreateSerializer, request.data)
        facility = selectors.facility_get_operated(user=request.user, pk=data.pop("facility"))
        course = services.course_create(facility=facility, actor=request.user, **data)
        return Response(
            CourseSerializer(self._read(course.pk)).data, status=status.HTTP_201_CREATED
        )

    @extend_schema(
        summary="Change a class; more seats promote from the waiting list",
        request=CourseWriteSerializer,
        responses={200: CourseSerializer, **problem_responses(400, 404)},
    )
    def partial_update(self, request, pk=None):
        course = self.get_object()
        data = validated(CourseWriteSerializer, request.data, partial=True)
        services.course_update(course=course, actor=request.user, **data)
        return Response(CourseSerializer(self._read(pk)).data)

    def _read(self, pk):
        return selectors.course_get_visible(user=self.request.user, pk=pk)


@extend_schema_view(
    list=extend_schema(summary="Enrolments: your children's, or all of a class you run"),
)
class EnrolmentViewSet(ChildViewSet):
    serializer_class = EnrolmentSerializer
    queryset = Enrolment.objects.none()

    def course(self):
        return selectors.course_get_visible(user=self.request.user, pk=self.kwargs["course_pk"])

    def child_queryset(self):
        return selectors.enrolment_list_visible(user=self.request.user, course=self.course())

    @extend_schema(
        summary="Enrol a child: a seat, or a place on the waiting list",
        responses={201: EnrolmentSerializer, **problem_responses(400, 404, 409)},
    )
    def create(self, request, course_pk=None):
        course = self.course()
        data = validated(EnrolmentSerializer, request.data)
        enrolment = services.enrolment_create(course=course, parent=request.user, **data)
        return Response(EnrolmentSerializer(enrolment).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Withdraw a child (the parent) or remove one (the operators)",
        request=None,
        responses={200: EnrolmentSerializer, **problem_responses(404, 409)},
    )
    @action(detail=True, methods=["post"])
    def cancel(self, request, course_pk=None, pk=None):
        enrolment = selectors.enrolment_get_visible(user=request.user, pk=pk, course=self.course())
        enrolment = services.enrolment_cancel(enrolment=enrolment, actor=request.user)
        return Response(EnrolmentSerializer(enrolment).data)
