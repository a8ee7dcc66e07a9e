from django.urls import include, path

urlpatterns = [
    path("", include("innocluster.accounts.api")),
    path("", include("innocluster.organizations.api.urls")),
]
