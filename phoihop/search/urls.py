from django.urls import path

from phoihop.search import views

app_name = "search"

urlpatterns = [
    path("", views.search, name="search"),
    path("goi-y/", views.suggest, name="suggest"),
    path("phoi-hop/", views.workspace, name="workspace"),
]
