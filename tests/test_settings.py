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
