from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language


def language_links(request):
    """Links to this very page in the other languages, for the header's switch.

    The language lives in the URL (Russian at /, English at /en/), so switching is a plain link
    to the translated URL: it works without JavaScript and needs no cookie.
    """
    current = get_language()
    path = request.get_full_path()
    return {
        "language_links": [
            (code, name, translate_url(path, code))
            for code, name in settings.LANGUAGES
            if code != current
        ]
    }
