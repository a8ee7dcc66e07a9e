from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _register_saved_source() -> None:
    """Vacancies as a source of the platform's one saved-search mechanism (the directory's,
    reached through its services): a saved job search brings a daily letter of new vacancies."""
    from django.urls import reverse

    from innocluster.features.directory.services import SavedSource, saved_source_register

    from . import notify, selectors  # notify registers the kind
    from .filters import VacancyFilterSet

    saved_source_register(
        SavedSource(
            code="vacancies",
            label=_("Vacancies"),
            filterset=VacancyFilterSet,
            results=lambda data: selectors.vacancy_search_queryset(data=data),
            new_field="published_at",  # a renewal keeps it: a renewed vacancy is not new
            notification=notify.KINDS["jobs.saved_search_matches"].code,
            search_url="jobs:vacancies",
            row_text=lambda vacancy: f"{vacancy.title} — {vacancy.organization.short_name}",
            row_url=lambda vacancy: reverse("jobs:vacancy", args=[vacancy.pk]),
            feed_url="jobs:feed",
        )
    )


class JobsConfig(AppConfig):
    name = "innocluster.features.jobs"
    label = "jobs"
    verbose_name = _("Jobs and internships")

    def ready(self):
        _register_saved_source()
