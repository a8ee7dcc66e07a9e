from django.urls import path

from . import feeds, views
from . import views_applications as applications

app_name = "jobs"

urlpatterns = [
    path("", views.vacancy_list, name="vacancies"),
    path("feed/", feeds.VacancyFeed(), name="feed"),
    path("mine/", views.my_vacancies, name="my_vacancies"),
    path("new/", views.vacancy_create, name="vacancy_new"),
    path("moderation/", views.moderation, name="moderation"),
    path("<int:pk>/", views.vacancy_detail, name="vacancy"),
    path("<int:pk>/edit/", views.vacancy_edit, name="vacancy_edit"),
    path("<int:pk>/withdraw/", views.vacancy_withdraw, name="vacancy_withdraw"),
    path("<int:pk>/fill/", views.vacancy_fill, name="vacancy_fill"),
    path("<int:pk>/renew/", views.vacancy_renew, name="vacancy_renew"),
    path("<int:pk>/approve/", views.vacancy_approve, name="vacancy_approve"),
    path("<int:pk>/hide/", views.vacancy_hide, name="vacancy_hide"),
    path("<int:pk>/apply/", applications.apply, name="apply"),
    path("<int:pk>/applications/", applications.vacancy_applications, name="applications"),
    path("applications/mine/", applications.my_applications, name="my_applications"),
    path("applications/mine/<int:pk>/", applications.my_application, name="my_application"),
    path("applications/mine/<int:pk>/withdraw/", applications.withdraw, name="withdraw"),
    path("applications/<int:pk>/", applications.application_detail, name="application"),
    path("applications/<int:pk>/cv/", applications.application_cv, name="application_cv"),
    path(
        "applications/<int:pk>/<slug:move>/", applications.application_move, name="application_move"
    ),
    path("cv/", applications.profile_cv, name="profile_cv"),
]
