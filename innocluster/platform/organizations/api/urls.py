from django.urls import include, path
from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter(trailing_slash=True)
router.register("organizations", views.OrganizationViewSet, basename="organization")

nested = SimpleRouter(trailing_slash=True)
nested.register("members", views.MemberViewSet, basename="organization-member")
nested.register("products", views.ProductViewSet, basename="organization-product")
nested.register(
    "membership-requests",
    views.MembershipRequestViewSet,
    basename="organization-membership-request",
)
nested.register("invitations", views.InvitationViewSet, basename="organization-invitation")

urlpatterns = [
    path("", include(router.urls)),
    path("organizations/<int:organization_pk>/", include(nested.urls)),
    path("invitations/accept", views.InvitationAcceptView.as_view(), name="invitation-accept"),
    path("industries/", views.IndustryList.as_view(), name="industry-list"),
    path("technologies/", views.TechnologyList.as_view(), name="technology-list"),
]
