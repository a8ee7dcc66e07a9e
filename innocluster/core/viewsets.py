"""View sets the catalogues' APIs share (not in core/api.py: DRF's generic views import that
module for its pagination while they load, so it cannot import them)."""

from rest_framework import viewsets
from rest_framework.permissions import SAFE_METHODS, AllowAny, IsAuthenticated


class PublicReadViewSet(viewsets.GenericViewSet):
    """A catalogue's view set: anybody reads (its selectors hide what the caller may not
    see); writing signs in."""

    http_method_names = ["get", "post", "patch"]

    def get_permissions(self):
        public = self.request.method in SAFE_METHODS
        return [AllowAny()] if public else [IsAuthenticated()]
