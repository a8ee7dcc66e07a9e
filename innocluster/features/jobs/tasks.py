"""The job board's daily work: archive vacancies past their 30 days, then delete the
applications (and CVs) of vacancies closed longer than applications.RETENTION_DAYS. (CV files
no row names go with every app's in core's daily sweep: models_applications.ORPHAN_FILES.)"""

import datetime as dt

from django_tasks import task

from innocluster.core.schedule import daily

from .applications import applications_purge
from .services import vacancies_expire


@task()
def expire_vacancies() -> int:
    """Archive every published vacancy whose 30 days are over."""
    return vacancies_expire()


@task()
def purge_applications() -> int:
    """Delete the applications of vacancies closed long enough (personal data, 152-FZ)."""
    return applications_purge()


daily("jobs.expire_vacancies", at=dt.time(0, 15), task=expire_vacancies)
daily("jobs.purge_applications", at=dt.time(0, 45), task=purge_applications)
