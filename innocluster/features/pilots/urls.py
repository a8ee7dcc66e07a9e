from django.urls import path

from . import views, views_pilots

app_name = "pilots"

urlpatterns = [
    path("sites/", views.site_list, name="sites"),
    path("sites/mine/", views.my_sites, name="my_sites"),
    path("sites/new/", views.site_create, name="site_new"),
    path("sites/<int:pk>/", views.site_detail, name="site"),
    path("sites/<int:pk>/edit/", views.site_edit, name="site_edit"),
    # The published results of finished pilots: their catalogue and each one's public page.
    path("results/", views.result_list, name="results"),
    path("results/<int:pk>/", views.result_detail, name="result"),
]

# Pilots: a proposal (the submission kit's pages), a pilot's page and the sites' consent.
urlpatterns += [
    path("propose/", views_pilots.propose, name="propose"),
    path("proposals/new/", views_pilots.proposal_create, name="proposal_new"),
    *views_pilots.proposal_pages.urls("proposals/"),
    path("mine/", views_pilots.my_pilots, name="my_pilots"),
    path("<int:pk>/", views_pilots.pilot_detail, name="pilot"),
    path(
        "<int:pk>/consents/<int:consent_pk>/answer/",
        views_pilots.consent_answer,
        name="consent_answer",
    ),
    path("<int:pk>/propose-site/", views_pilots.propose_site, name="propose_site"),
    path("<int:pk>/plan/", views_pilots.plan_edit, name="plan_edit"),
    path("<int:pk>/plan/agree/", views_pilots.plan_agree, name="plan_agree"),
    path("<int:pk>/start/", views_pilots.pilot_start, name="start"),
    path("<int:pk>/notes/", views_pilots.note_add, name="note_add"),
    path("<int:pk>/report/", views_pilots.report_file, name="report_file"),
    path("<int:pk>/report/answer/", views_pilots.report_answer, name="report_answer"),
    path("<int:pk>/publish/", views_pilots.result_publish, name="publish"),
    path("<int:pk>/<slug:step>/", views_pilots.pilot_step, name="step"),
]
