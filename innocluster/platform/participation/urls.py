from django.urls import path

from . import views

app_name = "participation"
urlpatterns = [
    path("status/", views.home, name="home"),
    path("status/apply/<int:organization_pk>", views.application_create, name="apply"),
    path("status/applications/<int:pk>/", views.application, name="application"),
    path("status/applications/<int:pk>/submit", views.application_submit, name="submit"),
    path("status/applications/<int:pk>/resubmit", views.application_resubmit, name="resubmit"),
    path("status/applications/<int:pk>/withdraw", views.application_withdraw, name="withdraw"),
    path("status/applications/<int:pk>/documents", views.document_add, name="document_add"),
    path(
        "status/applications/<int:pk>/documents/<int:document_pk>",
        views.document_file,
        name="document",
    ),
    path(
        "status/applications/<int:pk>/documents/<int:document_pk>/remove",
        views.document_remove,
        name="document_remove",
    ),
    path("register/", views.register, name="register"),
    path("register/export.csv", views.register_csv, name="register_csv"),
    path("register/<str:number>/", views.register_entry, name="entry"),
    path("register/<str:number>/change", views.register_change, name="change"),
]
