from django.urls import path

from phoihop.ingest import views

app_name = "ingest"

urlpatterns = [
    path("", views.quarantine, name="quarantine"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/duyet/", views.release, name="release"),
    path("<int:pk>/loai/", views.reject, name="reject"),
]
