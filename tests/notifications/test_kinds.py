import pytest
from django.utils import translation

from innocluster.platform.notifications.kinds import NotificationKind, kind_get, register
from innocluster.platform.notifications.rendering import is_local_path, localized_url, render

from .helpers import CONTEXT, GREETING, bilingual


def test_a_registered_kind_is_found_by_its_code():
    assert kind_get("test.greeting") is GREETING


def test_an_unknown_code_is_a_lookup_error():
    with pytest.raises(LookupError, match="test.nothing"):
        kind_get("test.nothing")


def test_registering_the_same_kind_again_is_harmless():
    again = NotificationKind(code="test.greeting", title=GREETING.title, body=GREETING.body)
    assert register(again) is GREETING


def test_another_kind_under_a_taken_code_is_refused():
    with pytest.raises(ValueError, match="already registered"):
        register(NotificationKind(code="test.greeting", title="Something else"))
    assert kind_get("test.greeting") is GREETING


@pytest.mark.parametrize("code", ["", "x" * 65])
def test_a_code_must_fit_the_column(code):
    with pytest.raises(ValueError, match="1 to 64"):
        register(NotificationKind(code=code, title="T"))


def test_placeholders_are_read_from_the_source_text():
    assert GREETING.placeholders() == {"organization", "due"}


def test_render_uses_the_active_language():
    with translation.override("ru"):
        assert render("test.greeting", CONTEXT) == (
            'ООО "Ромашка" одобрена',
            "Решение до 20.01.2026.",
        )
    with translation.override("en"):
        assert render("test.greeting", CONTEXT)[0] == 'ООО "Ромашка" was approved'


def test_a_context_value_is_data_never_a_template():
    title, _body = render("test.greeting", {"organization": "{due}", "due": "x"})
    assert title == "{due} was approved"


def test_a_kind_removed_since_shows_its_code():
    assert render("test.removed-long-ago", {"a": 1}) == ("test.removed-long-ago", "")


def test_a_translation_with_a_wrong_placeholder_falls_back_to_the_source():
    broken = register(
        NotificationKind(code="test.broken", title=bilingual("Hi {name}", "Привет {имя}"))
    )
    with translation.override("ru"):
        assert render(broken.code, {"name": "Анна"})[0] == "Hi Анна"


@pytest.mark.parametrize(
    "url, local",
    [
        ("/reviews/12/", True),
        ("/en/reviews/12/?tab=history#top", True),
        ("", False),
        ("reviews/12/", False),
        ("//evil.example/", False),
        ("/\\evil.example/", False),
        ("https://evil.example/", False),
        ("/ok\r\nLocation: x", False),
    ],
)
def test_only_paths_on_this_site_are_local(url, local):
    assert is_local_path(url) is local


def test_a_stored_path_is_shown_in_the_readers_language():
    assert localized_url("/notifications/", "en") == "/en/notifications/"
    assert localized_url("/en/notifications/?unread=true", "ru") == "/notifications/?unread=true"
    assert localized_url("/api/v1/notifications/", "en") == "/api/v1/notifications/"
    assert localized_url("", "en") == ""
