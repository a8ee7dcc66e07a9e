from django.urls import path

from . import views

app_name = "jobs"

urlpatterns = [
    path("", views.vacancy_list, name="vacancies"),
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
]
