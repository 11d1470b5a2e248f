from django.urls import path

from phoihop.exchange import event_views, views

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
    path("kien-nghi/moi/", views.petition_new, name="petition_new"),
    path("de-nghi/<int:pk>/da-bao-ket-qua/", views.petition_informed, name="petition_informed"),
    path("de-nghi/<int:pk>/cho-biet-nguoi-kien-nghi/", views.petition_disclose, name="petition_disclose"),
    path("tep/<int:pk>/", views.attachment_download, name="attachment"),
    path("su-kien/", event_views.event_list, name="events"),
    path("su-kien/moi/", event_views.event_new, name="event_new"),
    path("su-kien/<int:pk>/", event_views.event_detail, name="event"),
    path("su-kien/<int:pk>/phat-ngon/", event_views.statement_new, name="event_statement"),
    path("su-kien/<int:pk>/da-phat-ngon/", event_views.event_stated, name="event_stated"),
    path("su-kien/<int:pk>/ket-thuc/", event_views.event_close, name="event_close"),
    path("phat-ngon/<int:pk>/tao-bai/", event_views.statement_draft, name="statement_draft"),
]
