from django.urls import URLPattern, URLResolver, path

from phoihop.notifications import views

app_name = "notifications"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.inbox, name="inbox"),
    path("<int:pk>/doc/", views.mark_read, name="mark_read"),
    path("doc-tat-ca/", views.mark_all_read, name="mark_all_read"),
    path("cai-dat/", views.preferences, name="preferences"),
]
