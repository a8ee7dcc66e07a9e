"""The community's pages: a cluster's threads, a thread with its posts, and the moderation
buttons. Each view asks `selectors.standing` who the caller is in the cluster (404 when the
cluster is not theirs to see) and hands writes to the services."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from innocluster.core.files import serve_file
from innocluster.core.forms import form_status
from innocluster.core.views import call_service

from . import selectors, services
from .forms import PostForm, RemoveForm, ThreadForm
from .text import post_articles

THREADS_PER_PAGE = 30
# What each moderation button changes.
MODERATION = {
    "pin": ("is_pinned", True),
    "unpin": ("is_pinned", False),
    "close": ("is_closed", True),
    "reopen": ("is_closed", False),
    "public": ("is_public", True),
    "private": ("is_public", False),
    "announce": ("is_announcement", True),
    "unannounce": ("is_announcement", False),
}


def _int_or_none(value):
    try:
        return int(value) if value not in (None, "") else None
    except ValueError:
        return None


def thread_list(request, cluster_pk):
    standing = selectors.standing(user=request.user, cluster_pk=cluster_pk)
    query = request.GET.get("q", "")[:200]
    threads = selectors.thread_list_visible(standing=standing, query=query)
    page = Paginator(threads, THREADS_PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "standing": standing,
        "cluster": standing.cluster,
        "page_obj": page,
        "query": query,
        "query_string": urlencode({"q": query}) if query else "",
        "followed": selectors.followed_thread_ids(user=request.user, threads=page),
    }
    return render(request, "community/list.html", context)


@login_required
def thread_new(request, cluster_pk):
    standing = selectors.standing(user=request.user, cluster_pk=cluster_pk)
    if not standing.is_member:
        messages.error(
            request, _("Only the people of the cluster's member organizations start threads.")
        )
        return redirect("community:list", cluster_pk=cluster_pk)
    organizations = selectors.mentionable_organizations(cluster=standing.cluster)
    form = ThreadForm(request.POST or None, request.FILES or None, organizations=organizations)
    if request.method == "POST" and form.is_valid():
        outcome = call_service(
            request,
            services.thread_create,
            form=form,
            success=_("The thread is started."),
            standing=standing,
            actor=request.user,
            **form.cleaned_data,
        )
        if outcome:
            return redirect("community:thread", cluster_pk=cluster_pk, pk=outcome.result.pk)
    status = form_status(form) if request.method == "POST" else 200
    context = {"standing": standing, "cluster": standing.cluster, "form": form}
    return render(request, "community/new.html", context, status=status)


def thread_detail(request, cluster_pk, pk, form=None, status=200):
    standing = selectors.standing(user=request.user, cluster_pk=cluster_pk)
    thread = selectors.thread_get_visible(standing=standing, pk=pk)
    if "last" in request.GET:
        page = selectors.last_page(thread=thread)
    else:
        page = selectors.post_page(
            thread=thread,
            after=_int_or_none(request.GET.get("after")),
            before=_int_or_none(request.GET.get("before")),
        )
    if form is None and standing.is_member and not thread.is_closed:
        organizations = selectors.mentionable_organizations(cluster=standing.cluster)
        form = PostForm(organizations=organizations)
    # The posts' own links are this plus "<pk>/remove/" or "<pk>/attachment/" (urls.py): one
    # reverse for the page instead of two a post.
    posts_url = reverse("community:thread", kwargs={"cluster_pk": cluster_pk, "pk": pk}) + "posts/"
    context = {
        "standing": standing,
        "cluster": standing.cluster,
        "thread": thread,
        "page": page,
        "form": form,
        "following": selectors.is_following(user=request.user, thread=thread),
        "articles": post_articles(page.posts, is_admin=standing.is_admin, posts_url=posts_url),
    }
    return render(request, "community/thread.html", context, status=status)


@login_required
@require_POST
def post_new(request, cluster_pk, pk):
    standing = selectors.standing(user=request.user, cluster_pk=cluster_pk)
    thread = selectors.thread_get_visible(standing=standing, pk=pk)
    organizations = selectors.mentionable_organizations(cluster=standing.cluster)
    form = PostForm(request.POST, request.FILES, organizations=organizations)
    if form.is_valid():
        outcome = call_service(
            request,
            services.post_create,
            form=form,
            success=_("The post is published."),
            standing=standing,
            thread=thread,
            actor=request.user,
            **form.cleaned_data,
        )
        if outcome:
            url = reverse("community:thread", kwargs={"cluster_pk": cluster_pk, "pk": pk})
            return redirect(f"{url}?last#post-{outcome.result.pk}")
    request.GET = request.GET.copy()
    request.GET["last"] = ""
    return thread_detail(request, cluster_pk, pk, form=form, status=form_status(form))


@login_required
@require_POST
def thread_moderate(request, cluster_pk, pk):
    standing = selectors.standing(user=request.user, cluster_pk=cluster_pk)
    thread = selectors.thread_get_visible(standing=standing, pk=pk)
    action = MODERATION.get(request.POST.get("action", ""))
    if action is None:
        messages.error(request, _("Unknown action."))
    else:
        field, value = action
        call_service(
            request,
            services.thread_update,
            success=_("The thread's settings are saved."),
            standing=standing,
            thread=thread,
            actor=request.user,
            **{field: value},
        )
    return redirect("community:thread", cluster_pk=cluster_pk, pk=pk)


@login_required
@require_POST
def thread_follow(request, cluster_pk, pk):
    standing = selectors.standing(user=request.user, cluster_pk=cluster_pk)
    thread = selectors.thread_get_visible(standing=standing, pk=pk)
    if selectors.is_following(user=request.user, thread=thread):
        services.thread_unfollow(standing=standing, thread=thread, actor=request.user)
        messages.success(request, _("You no longer follow this thread."))
    else:
        services.thread_follow(standing=standing, thread=thread, actor=request.user)
        messages.success(request, _("You follow this thread: new posts come as notifications."))
    return redirect("community:thread", cluster_pk=cluster_pk, pk=pk)


@login_required
def post_remove(request, cluster_pk, pk, post_pk):
    standing = selectors.standing(user=request.user, cluster_pk=cluster_pk)
    thread = selectors.thread_get_visible(standing=standing, pk=pk)
    post = selectors.post_get_visible(thread=thread, pk=post_pk)
    if not standing.is_admin:
        messages.error(request, _("Only the cluster's administrators do this."))
        return redirect("community:thread", cluster_pk=cluster_pk, pk=pk)
    form = RemoveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        outcome = call_service(
            request,
            services.post_remove,
            form=form,
            success=_("The post is removed."),
            standing=standing,
            post=post,
            actor=request.user,
            reason=form.cleaned_data["reason"],
        )
        if outcome:
            url = reverse("community:thread", kwargs={"cluster_pk": cluster_pk, "pk": pk})
            return redirect(f"{url}?after={post.pk - 1}#post-{post.pk}")
    status = form_status(form) if request.method == "POST" else 200
    context = {
        "standing": standing,
        "cluster": standing.cluster,
        "thread": thread,
        "post": post,
        "form": form,
    }
    return render(request, "community/remove.html", context, status=status)


def attachment(request, cluster_pk, pk, post_pk):
    standing = selectors.standing(user=request.user, cluster_pk=cluster_pk)
    thread = selectors.thread_get_visible(standing=standing, pk=pk)
    post = selectors.attachment_get(thread=thread, pk=post_pk)
    return serve_file(post.attachment, public=False, download_name=post.attachment_name)
