from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "innocluster.platform.search"
    label = "search"
    verbose_name = _("Search")

    def ready(self):
        # Each app adds what it makes searchable from its own `search.py` (as each has its
        # `tasks.py`), so the search imports no feature and no feature imports another's search.
        autodiscover_modules("search")
