from django.urls import path

from . import opendata, views

app_name = "figures"

urlpatterns = [
    path("figures/", views.figures_page, name="page"),
    path("figures/charts.css", views.chart_stylesheet, name="charts_css"),
    path("figures/snapshots/", views.snapshot_list, name="snapshots"),
    path("figures/snapshots/<str:day>/", views.snapshot_detail, name="snapshot"),
    path("figures/snapshots/<str:day>.json", views.snapshot_body, name="snapshot_body"),
    path("figures/fund/", views.fund_dashboard, name="fund"),
    path("figures/fund/targets/", views.fund_targets, name="fund_targets"),
    path("figures/fund/<slug:code>/", views.fund_drilldown, name="drilldown"),
    path("figures/<slug:code>/", views.figure_detail, name="detail"),
    path("figures/<slug:code>/<slug:table>.csv", views.figure_csv, name="csv"),
    path("opendata/", opendata.index, name="opendata"),
    path("opendata/datapackage.json", opendata.datapackage, name="datapackage"),
    path("opendata/catalog.jsonld", opendata.catalog_jsonld, name="catalog_jsonld"),
    path("opendata/catalog.ttl", opendata.catalog_turtle, name="catalog_turtle"),
    path("opendata/<slug:name>.<str:fmt>", opendata.dataset, name="dataset"),
]
