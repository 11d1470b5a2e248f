from django.urls import path

from phoihop.newsroom import export_views, views

app_name = "newsroom"

urlpatterns = [
    path("", views.board, name="board"),
    path("bai/<int:page_id>/", views.article_tools, name="article_tools"),
    path("bai/<int:page_id>/go-bai/", views.takedown_confirm, name="takedown_confirm"),
    path("luu-tru/", views.archive, name="archive"),
    path("luu-tru/<int:pk>/khoi-phuc/", views.takedown_restore, name="takedown_restore"),
    path("lich/", views.calendar, name="calendar"),
    path("viec/tai-ve.<slug:fmt>", export_views.assignments_export, name="assignments_export"),
    path("viec/moi/", views.assignment_new, name="assignment_new"),
    path("viec/<int:pk>/", views.assignment_detail, name="assignment"),
    path("viec/<int:pk>/sua/", views.assignment_edit, name="assignment_edit"),
    path("viec/<int:pk>/ban-thao/", views.assignment_draft, name="assignment_draft"),
    path("viec/<int:pk>/<slug:action>/", views.assignment_action, name="assignment_action"),
    path("giao-viec/thong-tin/<int:pk>/", views.from_submission, name="from_submission"),
    path("ban/", views.sections, name="sections"),
    path("ban/<int:category_id>/thanh-vien/", views.section_member_add, name="section_member_add"),
    path("ban/thanh-vien/<int:pk>/xoa/", views.section_member_remove, name="section_member_remove"),
    path("ban/<int:category_id>/quy-trinh/", views.section_workflow, name="section_workflow"),
]
