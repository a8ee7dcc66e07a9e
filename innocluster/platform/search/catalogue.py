"""The catalogue kit: things an organization runs and everybody searches and filters
(facilities, their equipment, capacity offers; pilot sites, orders, vacancies next).

What a catalogue needs, each written once:
- the model mixins `Operated` (an organization runs it) and `Catalogued` (…and shows it to
  everybody once published), with the field helpers `operator_field` and `published_field`;
- owner-scoped selectors: `get_operated` (the row, or 404 for anyone who is not a member of
  its operator with the ability to run it), `list_operated`, `list_published`, `list_visible`,
  `operated_organizations` (what a create page offers);
- the create and edit pages (core/catalogue.py: they need no organizations);
- one FilterSet per list, in the app's `filters.py`, named by both the page
  (core.listing.filtered_page) and the API view set (`filterset_class`), so the two lists
  never differ (tests/platform_search/test_catalogue.py checks the facilities');
- the list page's filter panel: its multiple-choice filters as checkboxes with counts of what
  the caller may see (core/facets.py; `filtered_page(..., facets=True)` and
  `render_catalogue` in core/listing.py, the template includes/catalogue.html);
- a `search.py` registering the app's sources with the one search (sources.py).

A 404, never a 403, for what the caller may not run: they are not told it exists.
"""

from typing import ClassVar

from django.db import models
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from innocluster.platform.organizations.models import Organization
from innocluster.platform.organizations.permissions import EDIT_PROFILE
from innocluster.platform.organizations.selectors import organization_ids_of


class Operated(models.Model):
    """A row an organization runs. `OPERATOR` is the path from a row to that organization
    (a facility's own foreign key; a resource's through its facility), `ABILITY` what a member
    must be able to do there to run it: by default what owners and editors may (edit the
    profile)."""

    OPERATOR: ClassVar[str] = "organization"
    ABILITY: ClassVar[str] = EDIT_PROFILE

    class Meta:
        abstract = True


class Catalogued(Operated):
    """…and shows to everybody once published: `published()` is which rows anybody may see
    (override it where more than the row's own flag decides, such as its facility's)."""

    class Meta:
        abstract = True

    @classmethod
    def published(cls) -> Q:
        return Q(is_published=True)


def operator_field(*, related_name: str, verbose_name=None) -> models.ForeignKey:
    """The organization that runs the row (a model's `organization`)."""
    return models.ForeignKey(
        "organizations.Organization",
        on_delete=models.CASCADE,
        related_name=related_name,
        verbose_name=verbose_name,
    )


def published_field() -> models.BooleanField:
    """Whether everybody sees the row, or only its operators (a model's `is_published`)."""
    return models.BooleanField(_("published"), default=True)


def operated_organization_ids(*, user, ability: str = EDIT_PROFILE) -> list[int]:
    """The organizations in which `user`'s role grants `ability`; none for the anonymous."""
    return list(organization_ids_of(user=user, ability=ability))


def operated_organizations(*, user, ability: str = EDIT_PROFILE) -> QuerySet[Organization]:
    """The organizations `user` may create things for, by name: a create page's choices."""
    ids = operated_organization_ids(user=user, ability=ability)
    return Organization.objects.filter(pk__in=ids).order_by("short_name")


def operated_by(model: type[Operated], *, user) -> Q:
    """The rows of `model` that `user` runs."""
    ids = operated_organization_ids(user=user, ability=model.ABILITY)
    return Q(**{f"{model.OPERATOR}__in": ids})


def list_operated(queryset: QuerySet, *, user) -> QuerySet:
    """The rows of `queryset` that `user` runs, published or not."""
    return queryset.filter(operated_by(queryset.model, user=user))


def get_operated(queryset: QuerySet, *, user, pk):
    """Row `pk` of `queryset` if `user` runs it; else 404, as if it did not exist."""
    return get_or_404(list_operated(queryset, user=user), pk)


def list_published(queryset: QuerySet) -> QuerySet:
    """The rows of `queryset` anybody may see."""
    return queryset.filter(queryset.model.published())


def list_visible(queryset: QuerySet, *, user) -> QuerySet:
    """The published rows of `queryset`, and those `user` runs (to see what they have not
    published yet)."""
    model = queryset.model
    return queryset.filter(model.published() | operated_by(model, user=user))


def get_or_404(queryset: QuerySet, pk):
    """Row `pk` of `queryset`; 404 for none and for a key that is not one (`?pk=abc`)."""
    try:
        return queryset.get(pk=pk)
    except (queryset.model.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
