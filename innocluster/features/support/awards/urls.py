"""The award pages. No app_name: innocluster/features/support/urls.py includes these inside its own
"support" namespace at "support/awards/", so the names read "support:award" and so on."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.award_list, name="award_list"),
    path("<int:pk>/", views.award, name="award"),
    path("<int:pk>/agreement.pdf", views.agreement_file, name="agreement_file"),
    path("<int:pk>/accept", views.agreement_accept, name="agreement_accept"),
    path("<int:pk>/tranches/<int:number>/pay", views.payment_record, name="payment_record"),
    path("<int:pk>/reports/<int:report_pk>.pdf", views.report_download, name="report_download"),
    path("<int:pk>/reports/<int:report_pk>/file", views.report_file, name="report_file"),
    path("<int:pk>/reports/<int:report_pk>/accept", views.report_accept, name="report_accept"),
    path("<int:pk>/reports/<int:report_pk>/return", views.report_return, name="report_return"),
]
