"""One FilterSet for the catalogue of challenges, shared by its page and the API."""

import django_filters
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from innocluster.core.filters import AnyOfFilter, WordsLastFilterSet
from innocluster.platform.search import sources

from .choices import PrizeKind, Stage
from .models import Challenge


def stage_q(stages, now=None) -> Q:
    """Challenges at any of `stages` (Challenge.stage, in SQL)."""
    now = now or timezone.now()
    undecided = Q(results_published_at__isnull=True)
    parts = {
        Stage.OPEN: undecided & Q(submissions_until__gt=now),
        Stage.EVALUATING: undecided & Q(submissions_until__lte=now),
        Stage.DECIDED: Q(results_published_at__isnull=False),
    }
    found = Q(pk__in=[])
    for stage in stages:
        found |= parts[stage]
    return found


class ChallengeFilterSet(WordsLastFilterSet):
    q = django_filters.CharFilter(label=_("Words"), method="filter_q", max_length=200)
    stage = AnyOfFilter(label=_("Stage"), choices=Stage.choices, method="filter_stage")
    prize_kind = AnyOfFilter(label=_("Prize"), choices=PrizeKind.choices)

    class Meta:
        model = Challenge
        fields = ["q", "stage", "prize_kind"]

    def filter_q(self, queryset, name, value):
        return sources.matching(queryset, value, "search_text")

    def filter_stage(self, queryset, name, value):
        chosen = set(value)
        if not chosen or chosen == set(Stage.values):
            return queryset
        return queryset.filter(stage_q(chosen))
