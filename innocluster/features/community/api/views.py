"""The community API: a cluster's threads and their posts. Views translate HTTP to service
calls; the selectors decide who sees what (404 for what the caller may not see)."""

from django.utils.functional import cached_property
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.pagination import CursorPagination
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from innocluster.core.api import problem_responses, validated
from innocluster.core.files import serve_file
from innocluster.core.parsers import JSON_AND_FILES
from innocluster.platform.organizations.models import Organization

from .. import selectors, services
from ..models import Post, Thread
from . import serializers as s

CLUSTER = OpenApiParameter("cluster_pk", int, OpenApiParameter.PATH, description="The cluster.")
THREAD = OpenApiParameter("thread_pk", int, OpenApiParameter.PATH, description="The thread.")


class PostCursor(CursorPagination):
    """Keyset paging by post id, oldest first: each page is one indexed range scan, whatever
    the thread's length, and nothing is counted (the thread's `post_count` says how many)."""

    ordering = "id"
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 100


def _organization(pk):
    """The organization a post mentions, or None; an id of no organization is kept as an
    unsaved one, so the service refuses it as for any other non-member."""
    if pk is None:
        return None
    return Organization.objects.filter(pk=pk).first() or Organization(pk=pk)


class _InCluster:
    @cached_property
    def standing(self):
        return selectors.standing(user=self.request.user, cluster_pk=self.kwargs["cluster_pk"])


@extend_schema(parameters=[CLUSTER])
class ThreadViewSet(
    _InCluster,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = s.ThreadSerializer
    parser_classes = JSON_AND_FILES
    filterset_class = None

    queryset = Thread.objects.none()  # for the schema; get_queryset answers requests

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return self.queryset
        return selectors.thread_list_visible(standing=self.standing)

    def get_object(self):
        return selectors.thread_get_visible(standing=self.standing, pk=self.kwargs["pk"])

    @extend_schema(
        summary="A cluster's threads, pinned first, then by last post",
        description="Member people of the cluster see every thread; anybody else who sees the "
        "cluster sees its public threads and announcements. A cluster the caller may not see "
        "is 404.",
        parameters=[OpenApiParameter("q", str, description="Words in the subject.")],
    )
    def list(self, request, *args, **kwargs):
        query = request.query_params.get("q", "")[:200]
        threads = selectors.thread_list_visible(standing=self.standing, query=query)
        page = self.paginate_queryset(threads)
        return self.get_paginated_response(s.ThreadSerializer(page, many=True).data)

    @extend_schema(
        summary="A thread", responses={200: s.ThreadSerializer, **problem_responses(404)}
    )
    def retrieve(self, request, *args, **kwargs):
        return super().retrieve(request, *args, **kwargs)

    @extend_schema(
        summary="Start a thread with its first post (member people)",
        description="Members-only until an administrator opens it. The author follows it. "
        "403 `not_a_member_person` for anybody else who sees the cluster.",
        request={
            "application/json": s.ThreadCreateSerializer,
            "multipart/form-data": s.ThreadCreateSerializer,
        },
        responses={201: s.ThreadSerializer, **problem_responses(400, 401, 403, 404)},
    )
    def create(self, request, *args, **kwargs):
        data = validated(s.ThreadCreateSerializer, request.data)
        thread = services.thread_create(
            standing=self.standing,
            actor=request.user,
            title=data["title"],
            text=data["text"],
            attachment=data.get("attachment"),
            mentioned_organization=_organization(data.get("mentioned_organization")),
        )
        return Response(s.ThreadSerializer(thread).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Rename a thread or moderate it",
        description="`title`: the author or an administrator (403 `not_the_author`). "
        "`is_pinned`, `is_closed`, `is_public`, `is_announcement`: administrators only (403 "
        "`not_an_administrator`); recorded in the audit trail.",
        request=s.ThreadUpdateSerializer,
        responses={200: s.ThreadSerializer, **problem_responses(400, 401, 403, 404)},
    )
    def partial_update(self, request, *args, **kwargs):
        data = validated(s.ThreadUpdateSerializer, request.data)
        thread = services.thread_update(
            standing=self.standing, thread=self.get_object(), actor=request.user, **data
        )
        return Response(s.ThreadSerializer(thread).data)

    @extend_schema(
        summary="Follow (POST) or stop following (DELETE) a thread",
        description="New posts in a followed thread come as notifications.",
        request=None,
        responses={204: OpenApiResponse(description="Done."), **problem_responses(401, 404)},
    )
    @action(detail=True, methods=["post", "delete"], permission_classes=[IsAuthenticated])
    def follow(self, request, *args, **kwargs):
        thread = self.get_object()
        service = services.thread_follow if request.method == "POST" else services.thread_unfollow
        service(standing=self.standing, thread=thread, actor=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


@extend_schema(parameters=[CLUSTER, THREAD])
class PostViewSet(_InCluster, mixins.ListModelMixin, viewsets.GenericViewSet):
    serializer_class = s.PostSerializer
    pagination_class = PostCursor
    parser_classes = JSON_AND_FILES
    filterset_class = None

    @cached_property
    def thread(self):
        return selectors.thread_get_visible(standing=self.standing, pk=self.kwargs["thread_pk"])

    queryset = Post.objects.none()  # for the schema; get_queryset answers requests

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return self.queryset
        return self.thread.posts.select_related("author", "thread")

    @extend_schema(
        summary="A thread's posts, oldest first, by cursor",
        description="A removed post keeps its place with an empty `text` and its `removal_reason`.",
    )
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(
        summary="Reply in a thread (member people)",
        description="409 `thread_closed` when the thread is closed; 400 `text_empty`, "
        "`max_length`, `mention_not_a_member`, `attachment_type`, `file_too_large`, "
        "`not_a_pdf`, … for bad input. The followers and the mentioned organization's people "
        "are notified.",
        request={
            "application/json": s.PostWriteSerializer,
            "multipart/form-data": s.PostWriteSerializer,
        },
        responses={201: s.PostSerializer, **problem_responses(400, 401, 403, 404, 409)},
    )
    def create(self, request, *args, **kwargs):
        data = validated(s.PostWriteSerializer, request.data)
        post = services.post_create(
            standing=self.standing,
            thread=self.thread,
            actor=request.user,
            text=data["text"],
            attachment=data.get("attachment"),
            mentioned_organization=_organization(data.get("mentioned_organization")),
        )
        return Response(s.PostSerializer(post).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Remove a post with a reason (administrators)",
        description="The reason is shown in the post's place and kept in the audit trail. "
        "400 `reason_required`; 403 `not_an_administrator`; 409 `post_removed`.",
        request=s.RemoveSerializer,
        responses={200: s.PostSerializer, **problem_responses(400, 401, 403, 404, 409)},
    )
    @action(detail=True, methods=["post"], permission_classes=[IsAuthenticated])
    def remove(self, request, *args, **kwargs):
        data = validated(s.RemoveSerializer, request.data)
        post = selectors.post_get_visible(thread=self.thread, pk=kwargs["pk"])
        post = services.post_remove(
            standing=self.standing, post=post, actor=request.user, reason=data["reason"]
        )
        return Response(s.PostSerializer(post).data)

    @extend_schema(
        summary="Download a post's attachment (whoever reads the thread)",
        responses={
            (200, "application/octet-stream"): OpenApiResponse(OpenApiTypes.BINARY),
            **problem_responses(404),
        },
    )
    @action(detail=True, methods=["get"])
    def attachment(self, request, *args, **kwargs):
        post = selectors.attachment_get(thread=self.thread, pk=kwargs["pk"])
        return serve_file(post.attachment, public=False, download_name=post.attachment_name)
