from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsroomConfig(AppConfig):
    name = "phoihop.newsroom"
    label = "newsroom"
    verbose_name = _("Tòa soạn")

    def ready(self) -> None:
        from phoihop.audit import history
        from phoihop.core import scheduler, seeds
        from phoihop.newsroom import access, files, publishing, services, signals
        from phoihop.newsroom.models import Assignment
        from phoihop.newsroom.tasks import publish_scheduled_task
        from phoihop.newsroom.templatetags import newsroom_tags
        from phoihop.portal import extensions

        extensions.register("article_after_body", "newsroom.corrections", newsroom_tags.article_corrections)

        scheduler.register(publishing.PUBLISHING_KEY, publish_scheduled_task, follow=publishing.follow)
        seeds.register("newsroom.workflows", services.workflows_ensure)
        history.register(Assignment, access.get_assignment_for_user)
        history.register_verbs(
            {
                "assignment.created": _("tạo việc"),
                "assignment.updated": _("sửa việc"),
                "assignment.assigned": _("giao việc"),
                "assignment.started": _("bắt đầu thực hiện"),
                "assignment.submitted": _("nộp bài"),
                "assignment.returned": _("trả lại để sửa"),
                "assignment.completed": _("hoàn thành"),
                "assignment.cancelled": _("hủy việc"),
                "newsroom.section_member_set": _("phân người vào ban"),
                "newsroom.section_member_removed": _("đưa người ra khỏi ban"),
                "newsroom.workflow_assigned": _("đặt quy trình duyệt cho chuyên mục"),
                "newsroom.approval_waiting": _("bài chờ duyệt"),
            }
        )
        signals.connect()
        files.ready()
