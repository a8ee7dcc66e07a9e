from django.urls import path

from . import views

app_name = "kpireports"
urlpatterns = [
    path("kpi-reports/", views.mine, name="mine"),
    path("kpi-reports/open", views.report_open, name="open"),
    path("kpi-reports/indicators/", views.catalogue, name="catalogue"),
    *views.report_pages.urls("kpi-reports/"),
    path("kpi-reports/campaigns/", views.campaigns, name="campaigns"),
    path("kpi-reports/campaigns/open", views.campaign_open, name="campaign_open"),
    path("kpi-reports/campaigns/<int:year>/", views.campaign, name="campaign"),
]
