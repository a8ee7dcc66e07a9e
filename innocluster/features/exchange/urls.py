from django.urls import path

from . import views, views_after

app_name = "exchange"
urlpatterns = [
    path("", views.catalogue, name="catalogue"),
    path("orders/<int:pk>/", views.order, name="order"),
    path("orders/<int:pk>/offer/", views.offer, name="offer"),
    path("orders/<int:pk>/award/", views.award, name="award"),
    path("mine/", views.my_orders, name="mine"),
    path("interests/", views.interests, name="interests"),
    path("orders/new/", views.order_create, name="order_create"),
    path("orders/<int:pk>/edit/", views.order_edit, name="order_edit"),
    path("orders/<int:pk>/publish/", views.order_publish, name="order_publish"),
    path("orders/<int:pk>/files/", views.file_add, name="file_add"),
    path("orders/<int:pk>/files/<int:file_pk>/", views.file_download, name="file"),
    path("orders/<int:pk>/nda/", views.nda, name="nda"),
    path("orders/<int:pk>/questions/", views.question_ask, name="question_ask"),
    path(
        "orders/<int:pk>/questions/<int:question_pk>/answer/",
        views.question_answer,
        name="question_answer",
    ),
    path("orders/<int:pk>/offer/withdraw/", views.offer_withdraw, name="offer_withdraw"),
    path(
        "offers/<int:pk>/documents/<int:document_pk>/",
        views.offer_document,
        name="offer_document",
    ),
    path("orders/<int:pk>/matches/", views.matches, name="matches"),
    path("orders/<int:pk>/contract/", views_after.contract, name="contract"),
    path("orders/<int:pk>/delivery/", views_after.delivery, name="delivery"),
    path("orders/<int:pk>/rating/", views_after.rating, name="rating"),
]
