from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "innocluster.core"
    label = "core"
    verbose_name = "Core"
