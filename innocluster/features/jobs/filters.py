"""The job search's one FilterSet, for the page and the API: the platform's Russian word
matching, facets with counts (core/facets.py), the salary and the order."""

import django_filters
from django.db.models import Case, Q, When
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from innocluster.core.facettotals import KeptCounts
from innocluster.core.filters import AnyOfFilter, FrozenChoices, IntegerFilter, WordsLastFilterSet
from innocluster.core.querycache import cached_rows
from innocluster.platform.search import sources

from . import search
from .choices import District, EmploymentType, Experience, SalaryBand, Schedule, WorkFormat
from .models import (
    BEST_PAID_FIRST,
    MAX_SALARY,
    NEWEST_FIRST,
    TOTALS,
    Vacancy,
    start_of_today,
)

SORTS = [
    ("date", _("newest first")),
    ("salary", _("highest salary first")),
    ("relevance", _("most relevant first")),
]


def _terms(model_getter):
    """A facet's choices from a managed list, read when the form is made (not at import)."""

    def choices():
        return [(str(pk), name) for pk, name in model_getter()]

    return choices


def _named(queryset):
    """(id, name in the page's language) of a managed list, read from the query cache: every
    facet's count builds its own FilterSet, and each would read the lists again."""
    english = (get_language() or "ru").startswith("en")
    return [(pk, en if english else ru) for pk, ru, en in cached_rows(queryset)]


def _roles():
    from .selectors import role_choices

    return _named(role_choices().values_list("pk", "name_ru", "name_en"))


def _industries():
    from .selectors import industry_choices

    return _named(industry_choices().values_list("pk", "name_ru", "name_en"))


def _stations():
    from .selectors import station_choices

    fields = ("pk", "name_ru", "name_en", "line__number")
    rows = cached_rows(station_choices().values_list(*fields))
    english = (get_language() or "ru").startswith("en")
    return [(pk, f"{en if english else ru} ({line})") for pk, ru, en, line in rows]


def _public():
    from .selectors import vacancy_list_public

    return vacancy_list_public()


def _companies():
    from .selectors import hiring_companies

    return list(cached_rows(hiring_companies()))


class VacancyFilterSet(WordsLastFilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="filter_q", max_length=200)
    role = AnyOfFilter(label=_("Professional role"), choices=_terms(_roles), field_name="role_id")
    industry = AnyOfFilter(
        label=_("Industry"), choices=_terms(_industries), field_name="industry_id"
    )
    company = AnyOfFilter(
        label=_("Company"), choices=_terms(_companies), field_name="organization_id"
    )
    district = AnyOfFilter(label=_("District"), choices=District.choices)
    metro = AnyOfFilter(label=_("Metro"), choices=_terms(_stations), field_name="metro_id")
    work_format = AnyOfFilter(label=_("Work format"), choices=WorkFormat.choices)
    employment_type = AnyOfFilter(label=_("Employment type"), choices=EmploymentType.choices)
    schedule = AnyOfFilter(label=_("Schedule"), choices=Schedule.choices)
    experience = AnyOfFilter(label=_("Experience"), choices=Experience.choices)
    salary_band = AnyOfFilter(label=_("Salary"), choices=SalaryBand.choices)
    salary_min = IntegerFilter(
        label=_("Salary from, ₽"),
        method="filter_salary_min",
        min_value=1,  # a floor of nothing is no floor: leave the field empty
        max_value=MAX_SALARY,
    )
    sort = django_filters.ChoiceFilter(
        label=_("Order"), choices=SORTS, method="filter_sort", empty_label=None
    )

    # the bare search's counts, kept by the writes (core/facettotals.py)
    kept_totals = KeptCounts(TOTALS, rows=_public, since=start_of_today)

    class Meta:
        model = Vacancy
        fields = ["q"]

    def __init__(self, data=None, *args, **kwargs):
        if data is not None and not data.get("sort"):
            data = data.copy()
            data["sort"] = "date"
        super().__init__(data, *args, **kwargs)
        # A callable's choices are read again at every use (each value checked, each label):
        # read the managed lists once for this FilterSet.
        for name in ("role", "industry", "company", "metro"):
            extra = self.filters[name].extra
            extra["choices"] = FrozenChoices(extra["choices"]())

    def filter_q(self, queryset, name, value):
        return search.vacancies_matching(
            queryset, value, beside=self.words_beside, every_row=self.counting
        )

    def filter_salary_min(self, queryset, name, value):
        """Vacancies in roubles that pay at least `value` at their upper bound (or their lower
        one when they name no upper): only vacancies that state a salary."""
        return queryset.filter(currency="RUB").filter(
            Q(salary_to__gte=value) | Q(salary_to__isnull=True, salary_from__gte=value)
        )

    def filter_sort(self, queryset, name, value):
        if value == "salary":
            return queryset.order_by(BEST_PAID_FIRST, "-id")  # as an index has them (models.py)
        query = self.form.cleaned_data.get("q")
        if value == "relevance" and query:
            # the more of the query's words start a word of the title, the higher
            hits = [
                Case(When(title__iregex=sources.starts_a_word(forms), then=1), default=0)
                for forms in sources.word_forms(query)
            ]
            ranked = queryset.annotate(relevance=sum(hits[1:], hits[0])) if hits else queryset
            order = ["-relevance"] if hits else []
            return ranked.order_by(*order, NEWEST_FIRST, "-id")
        return queryset.order_by(NEWEST_FIRST, "-id")
