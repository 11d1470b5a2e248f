from django.urls import path

from phoihop.webhooks import views

app_name = "webhooks"

urlpatterns = [
    path("", views.endpoint_list, name="endpoints"),
    path("them/", views.endpoint_new, name="endpoint_new"),
    path("<int:pk>/", views.endpoint_detail, name="endpoint"),
    path("<int:pk>/ngung/", views.endpoint_deactivate, name="endpoint_deactivate"),
    path("lan-gui/<int:pk>/gui-lai/", views.delivery_replay, name="delivery_replay"),
]
