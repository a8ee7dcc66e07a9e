"""View sets the catalogues' APIs share (not in core/api.py: DRF's generic views import that
module for its pagination while they load, so it cannot import them)."""

from rest_framework import mixins, viewsets
from rest_framework.permissions import SAFE_METHODS, AllowAny, IsAuthenticated

from .httpcache import public_read

# No docstrings on these bases: drf-spectacular would give their text to every operation of
# the view sets built on them that has no description of its own.


class PublicReadViewSet(viewsets.GenericViewSet):
    # A catalogue's view set: anybody reads (its selectors hide what the caller may not see);
    # writing signs in.

    http_method_names = ["get", "post", "patch"]

    def get_permissions(self):
        public = self.request.method in SAFE_METHODS
        return [AllowAny()] if public else [IsAuthenticated()]


class PublicListMixin(mixins.ListModelMixin):
    # A public list whose anonymous reads carry validators and may be cached for a few seconds
    # (core/httpcache.py); a signed-in caller's are private.

    @public_read
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)
