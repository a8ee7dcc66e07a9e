"""Third-party apps whose names the admin shows in English: these subclasses, named in
INSTALLED_APPS instead of the apps' own configs, give them names in the page's language
without touching the apps' code."""

from axes.apps import AppConfig as AxesConfig
from django.utils.translation import gettext_lazy as _
from django_tasks_db.apps import TasksAppConfig


class TasksDatabaseConfig(TasksAppConfig):
    verbose_name = _("Background tasks")

    def ready(self):
        super().ready()
        meta = self.get_model("DBTaskResult")._meta
        meta.verbose_name = _("task result")
        meta.verbose_name_plural = _("task results")


class SignInAttemptsConfig(AxesConfig):
    verbose_name = _("Sign-in attempts")
