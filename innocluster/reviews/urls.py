from django.urls import path

from . import views

app_name = "reviews"
urlpatterns = [
    path("applications/", views.my_applications, name="mine"),
    path("reviews/", views.queue, name="queue"),
    path("reviews/<int:pk>/", views.case_detail, name="case"),
    path("reviews/<int:pk>/take", views.case_take, name="take"),
    path("reviews/<int:pk>/decide", views.case_decide, name="decide"),
]
