from django.urls import path

from . import views

app_name = "ledger_api"

urlpatterns = [
    path("public-key", views.PublicKeyView.as_view(), name="public-key"),
    path("checkpoint", views.LatestCheckpointView.as_view(), name="checkpoint"),
    path("checkpoints", views.CheckpointListView.as_view(), name="checkpoints"),
    path(
        "checkpoints/<int:tree_size>",
        views.CheckpointDetailView.as_view(),
        name="checkpoint-detail",
    ),
    path("entries", views.EntryRangeView.as_view(), name="entries"),
    path("entries/<int:index>", views.EntryDetailView.as_view(), name="entry"),
    path("entries/<int:index>/proof", views.InclusionProofView.as_view(), name="entry-proof"),
    path("proof-by-hash", views.HashInclusionProofView.as_view(), name="proof-by-hash"),
    path("consistency", views.ConsistencyProofView.as_view(), name="consistency"),
    path("subjects", views.SubjectEntriesView.as_view(), name="subject-entries"),
]
