"""The fact-checking workspace under /phoi-hop/kiem-chung/ (login)."""

from django.urls import path

from phoihop.factcheck import export_views, views

app_name = "factcheck_workspace"

urlpatterns = [
    path("", views.workspace, name="home"),
    path("phan-anh/moi/", views.tip_new, name="tip_new"),
    path("phan-anh/<int:pk>/", views.tip_detail, name="tip"),
    path("phan-anh/<int:pk>/anh/", views.tip_screenshot, name="tip_screenshot"),
    path("phan-anh/<int:pk>/<slug:action>/", views.tip_action, name="tip_action"),
    path("ho-so/tai-ve.<slug:fmt>", export_views.claims_export, name="claims_export"),
    path("ho-so/<int:pk>/", views.claim_detail, name="claim"),
    path("ho-so/<int:pk>/buoc/<int:item_pk>/<slug:action>/", views.checklist_action, name="checklist_action"),
    path("ho-so/<int:pk>/<slug:action>/", views.claim_action, name="claim_action"),
    path("bang-chung/<int:pk>/", views.evidence_file, name="evidence"),
]
