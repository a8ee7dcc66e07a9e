from django.urls import path

from . import views

app_name = "reviews"
urlpatterns = [
    path("applications/", views.my_applications, name="mine"),
    path("applications/<int:pk>/submit", views.applicant_submit, name="submit"),
    path("applications/<int:pk>/resubmit", views.applicant_resubmit, name="resubmit"),
    path("applications/<int:pk>/withdraw", views.applicant_withdraw, name="withdraw"),
    path("reviews/", views.queue, name="queue"),
    path("reviews/<int:pk>/", views.case_detail, name="case"),
    path("reviews/<int:pk>/take", views.case_take, name="take"),
    path("reviews/<int:pk>/decide", views.case_decide, name="decide"),
]
