"""Middleware of the composition root."""

from django.middleware.gzip import GZipMiddleware

# What is worth compressing: pages, the API's JSON and problem+json, calendars, CSV. Uploaded
# documents, images and PDFs are compressed already or not worth the CPU.
TEXT_TYPES = ("text/", "application/json", "application/problem+json", "application/xml")


class TextGZipMiddleware(GZipMiddleware):
    """Django's gzip, text answers only. Django (4.2+) pads each compressed answer with a random
    number of bytes in the gzip header ("Heal the BREACH"), so the size of a page that holds a
    secret (the CSRF token, which Django also masks anew on every response) no longer tells an
    attacker whether a guess matched."""

    def process_response(self, request, response):
        if not response.get("Content-Type", "").startswith(TEXT_TYPES):
            return response
        return super().process_response(request, response)
