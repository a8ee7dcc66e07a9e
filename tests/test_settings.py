import os
import subprocess
import sys

import pytest
from django.core.management import call_command


def test_the_system_checks_pass_in_development():
    call_command("check", fail_level="WARNING")


def test_templates_are_compiled_once_per_process():
    """Django caches compiled templates only when no `loaders` are set (or its cached loader is
    named): a page's includes would otherwise be read and parsed on every request."""
    from django.template import engines
    from django.template.loaders.cached import Loader

    [loader] = engines["django"].engine.template_loaders
    assert isinstance(loader, Loader)


@pytest.mark.parametrize("url", ["sqlite:///{tmp}/site.sqlite3", "postgres://localhost/site"])
def test_the_server_keeps_its_database_connections(tmp_path, url):
    """Each server thread keeps its connection between requests (settings.py `CONN_MAX_AGE`),
    SQLite's as PostgreSQL's: a new SQLite connection reads the whole schema at its first
    statement, 3-7 ms of CPU that every request paid (issue 18). The site's own settings,
    read in a process of their own (the tests' in-memory SQLite is never closed)."""
    show = "from django.conf import settings; print(settings.DATABASES['default']['CONN_MAX_AGE'])"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "innocluster.site.settings",
        "DATABASE_URL": url.format(tmp=tmp_path),
    }
    env.pop("CONN_MAX_AGE", None)
    shown = subprocess.run(  # noqa: S603 - our own interpreter and code
        [sys.executable, "-c", show], env=env, capture_output=True, text=True, check=True
    )
    assert int(shown.stdout) >= 60
