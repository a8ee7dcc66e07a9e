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


def test_connections_are_kept_between_requests():
    """On SQLite as on PostgreSQL (issue 18): a new SQLite connection reads the whole schema
    on its first statement; with Django's setting it up, 4-5 ms of CPU a request when each
    request opened one."""
    from django.conf import settings

    assert settings.DATABASES["default"]["CONN_MAX_AGE"] >= 60
