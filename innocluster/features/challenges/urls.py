from django.urls import path

from . import views

app_name = "challenges"
urlpatterns = [
    path("", views.catalogue, name="catalogue"),
    path("new/", views.create, name="create"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/enter/", views.enter, name="enter"),
    path("<int:pk>/board/", views.board, name="board"),
    path("<int:pk>/assigned/", views.assigned, name="assigned"),
    path("<int:pk>/publish/", views.publish, name="publish"),
    path("entries/<int:pk>/", views.entry, name="entry"),
    path("entries/<int:pk>/edit/", views.entry_edit, name="entry_edit"),
    path("entries/<int:pk>/documents/", views.document_add, name="document_add"),
    path("entries/<int:pk>/documents/<int:document_pk>/", views.document, name="document"),
    path("entries/<int:pk>/confirm/", views.confirm, name="confirm"),
    path("entries/<int:pk>/score/", views.score, name="score"),
    path("entries/<int:pk>/decide/", views.decide, name="decide"),
    path("entries/<int:pk>/assign/", views.assign, name="assign"),
]
