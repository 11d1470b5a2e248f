from django.urls import path

from phoihop.exchange import views

app_name = "exchange"

urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("gui-thong-tin/", views.submission_new, name="submission_new"),
    path("thong-tin/<int:pk>/", views.submission_detail, name="submission"),
    path("<slug:kind>/<int:pk>/tin-nhan/", views.message_new, name="message_new"),
    path("thong-tin/<int:pk>/<slug:action>/", views.submission_action, name="submission_action"),
    path("de-nghi/moi/", views.request_new, name="request_new"),
    path("de-nghi/<int:pk>/", views.request_detail, name="request"),
    path("de-nghi/<int:pk>/tra-loi/", views.request_answer, name="request_answer"),
    path("tep/<int:pk>/", views.attachment_download, name="attachment"),
]
