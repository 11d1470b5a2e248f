from django.urls import path

from phoihop.exchange import conference_views, event_views, export_views, views

app_name = "exchange"

urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("tai-ve.<slug:fmt>", export_views.inbox_export, name="inbox_export"),
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
    path("hop-bao/", conference_views.conference_list, name="conferences"),
    path("hop-bao/moi/", conference_views.conference_new, name="conference_new"),
    path("hop-bao/nghia-vu/<int:org_pk>/", conference_views.conference_duty, name="conference_duty"),
    path("hop-bao/<int:pk>/", conference_views.conference_detail, name="conference"),
    path("hop-bao/<int:pk>/sua/", conference_views.conference_edit, name="conference_edit"),
    path("hop-bao/<int:pk>/da-to-chuc/", conference_views.conference_held, name="conference_held"),
    path("hop-bao/<int:pk>/huy/", conference_views.conference_cancel, name="conference_cancel"),
    path("hop-bao/<int:pk>/gui-giay-moi/", conference_views.conference_invite, name="conference_invite"),
    path("hop-bao/<int:pk>/tai-lieu/", conference_views.conference_materials, name="conference_materials"),
    path("hop-bao/<int:pk>/cau-hoi/", conference_views.conference_question, name="conference_question"),
]
