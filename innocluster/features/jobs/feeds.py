"""The Atom feed of a job search: the newest vacancies that match the search's parameters (the
same query string as the search page's), so a feed reader follows a search without an account.

Django's own syndication framework writes it (django.contrib.syndication, Atom 1.0): it is
already here, needs no dependency, escapes every text, and makes every link absolute from the
request's host (checked against ALLOWED_HOSTS). feedgen would add a library for the same
feed."""

from django.contrib.syndication.views import Feed
from django.http import HttpResponse
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from . import selectors

FEED_ITEMS = 50


class VacancyFeed(Feed):
    feed_type = Atom1Feed
    description_template = "jobs/includes/feed_item.html"

    def __call__(self, request, *args, **kwargs):
        errors = selectors.vacancy_search_errors(data=request.GET)
        if errors:  # a clear answer, not an empty feed that looks like "nothing new"
            text = _("The search's parameters are not valid:") + " " + "; ".join(errors)
            return HttpResponse(text, status=400, content_type="text/plain; charset=utf-8")
        return super().__call__(request, *args, **kwargs)

    def get_object(self, request, *args, **kwargs):
        query = request.GET.copy()
        query.pop("page", None)
        return {"query": query.urlencode(), "data": request.GET, "q": request.GET.get("q", "")}

    def title(self, obj):
        words = obj["q"].strip()
        if words:
            return _("Vacancies of the innovation cluster: «%s»") % words[:100]
        return _("Vacancies of the innovation cluster")

    def subtitle(self, obj):
        return _("The newest vacancies that match the search, %(n)s at most.") % {"n": FEED_ITEMS}

    def link(self, obj):
        return reverse("jobs:vacancies") + (f"?{obj['query']}" if obj["query"] else "")

    def feed_url(self, obj):
        return reverse("jobs:feed") + (f"?{obj['query']}" if obj["query"] else "")

    def items(self, obj):
        rows = selectors.vacancy_search_queryset(data=obj["data"])
        return rows[:FEED_ITEMS]

    def item_title(self, item):
        return item.title

    def item_link(self, item):
        return reverse("jobs:vacancy", args=[item.pk])

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_author_name(self, item):
        return item.organization.short_name

    def item_categories(self, item):
        return [item.role.name, item.get_employment_type_display()]
