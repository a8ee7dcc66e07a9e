"""The notifications API: a person's own notifications, and marking them read."""

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, viewsets
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from innocluster.core.api import problem_responses

from .. import selectors, services
from ..filters import NotificationFilterSet
from ..models import Notification
from . import serializers as s


@extend_schema_view(
    list=extend_schema(
        summary="My notifications, newest first (`?unread=true` for the unread ones)",
        responses={200: s.NotificationSerializer(many=True), **problem_responses(400, 401)},
    ),
)
class NotificationViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    serializer_class = s.NotificationSerializer
    filterset_class = NotificationFilterSet
    permission_classes = [IsAuthenticated]
    queryset = Notification.objects.none()  # for the schema; requests use get_queryset

    def get_queryset(self):
        return selectors.notification_list_for(user=self.request.user)

    @extend_schema(
        summary="Mark one of my notifications read",
        operation_id="notifications_read",
        request=None,
        responses={200: s.NotificationSerializer, **problem_responses(401, 404)},
    )
    def read(self, request, pk=None):
        notification = selectors.notification_get_for(user=request.user, pk=pk)
        services.notification_mark_read(user=request.user, ids=[notification.pk])
        notification.refresh_from_db(fields=["read_at"])
        return Response(s.NotificationSerializer(notification).data)

    @extend_schema(
        summary="Mark all my notifications read",
        operation_id="notifications_read_all",
        request=None,
        responses={200: s.ReadAllSerializer, **problem_responses(401)},
    )
    def read_all(self, request):
        marked = services.notification_mark_read(user=request.user)
        return Response(s.ReadAllSerializer({"marked": marked}).data)
