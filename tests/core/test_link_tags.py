"""core/templatetags/link_tags.py: `{% fixed_url %}`, reversed once per process, gives what
`{% url %}` gives, in each language and under any script prefix (the header's links)."""

import re
from pathlib import Path

import pytest
from django.template import engines
from django.test import RequestFactory
from django.urls import clear_script_prefix, resolve, reverse, set_script_prefix
from django.utils import translation

import innocluster

BASE = Path(innocluster.__file__).parent / "templates" / "base.html"
NAMES = re.findall(r"\{% fixed_url '([a-z_:-]+)' %\}", BASE.read_text(encoding="utf-8"))


@pytest.mark.parametrize("prefix", ["/", "/cluster/"])
@pytest.mark.parametrize("language", ["ru", "en"])
def test_each_link_is_what_the_url_tag_gives(language, prefix):
    assert len(NAMES) > 20  # the header's and the footer's
    engine = engines["django"]
    with translation.override(language):
        path = reverse("reviews:queue")
        request = RequestFactory().get(path)
        request.resolver_match = resolve(path)  # an application's namespace, as on a page
    old = engine.from_string("".join(f"{{% url '{name}' %}}|" for name in NAMES))
    new = engine.from_string(
        "{% load link_tags %}" + "".join(f"{{% fixed_url '{name}' %}}|" for name in NAMES)
    )
    set_script_prefix(prefix)
    try:
        with translation.override(language):
            for _ in range(2):  # reversed, then kept
                assert new.render({}, request) == old.render({}, request)
    finally:
        clear_script_prefix()
    with translation.override(language):
        assert new.render({}, request) == old.render({}, request)
