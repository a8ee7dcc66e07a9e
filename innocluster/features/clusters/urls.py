from django.urls import path

from . import views_projects as projects

app_name = "clusters"
P = "<int:cluster_pk>/projects/<int:pk>/"
urlpatterns = [
    # joint projects
    path("<int:cluster_pk>/projects/new", projects.project_create, name="project_create"),
    path(P, projects.project_detail, name="project"),
    path(f"{P}edit", projects.project_edit, name="project_edit"),
    path(f"{P}participants", projects.participant_set, name="participant_set"),
    path(
        f"{P}participants/<int:organization_pk>/remove",
        projects.participant_remove,
        name="participant_remove",
    ),
    path(f"{P}milestones", projects.milestone_add, name="milestone_add"),
    path(
        f"{P}milestones/<int:milestone_pk>/record",
        projects.milestone_record,
        name="milestone_record",
    ),
    path(
        f"{P}milestones/<int:milestone_pk>/remove",
        projects.milestone_remove,
        name="milestone_remove",
    ),
    path(f"{P}needs", projects.need_add, name="need_add"),
    path(f"{P}needs/<int:need_pk>/remove", projects.need_remove, name="need_remove"),
    # the status application and the register of intersectoral clusters
    path("<int:cluster_pk>/apply", projects.application_create, name="apply"),
    *projects.application_pages.urls("applications/"),
    path("register/", projects.register, name="register"),
    path("register/<str:number>/", projects.register_entry, name="register_entry"),
    path("register/<str:number>/change", projects.register_change, name="register_change"),
]
