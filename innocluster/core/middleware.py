from django.utils import translation


class ApiLanguageMiddleware:
    """The API speaks the language the client asks for in Accept-Language.

    Pages take their language from the URL (/en/…, Russian without a prefix); API paths carry
    no prefix, so without this the API would always answer in Russian.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path_info.startswith("/api/"):
            return self.get_response(request)
        language = translation.get_language_from_request(request, check_path=False)
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response
