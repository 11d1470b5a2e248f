"""Public pages under /kiem-chung/. Only the list and the tip form's own paths are claimed here:
every other /kiem-chung/<slug>/ is a rebuttal article served by Wagtail."""

from django.urls import path

from phoihop.factcheck import views

app_name = "factcheck"

urlpatterns = [
    path("", views.verdict_list, name="verdicts"),
    path("gui-phan-anh/", views.tip_new_public, name="tip_new"),
    path("gui-phan-anh/da-gui/", views.tip_sent, name="tip_sent"),
    path("theo-doi/<str:token>/", views.tip_status, name="tip_status"),
]
