from django.apps import AppConfig


class SiteConfig(AppConfig):
    """The composition root: settings, URLs, the CLI and the commands that gather every app
    (demo data). Nothing imports it; it may import anything."""

    name = "innocluster.site"
    label = "site"
    verbose_name = "innocluster"
