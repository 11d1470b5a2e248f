from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsroomConfig(AppConfig):
    name = "phoihop.newsroom"
    label = "newsroom"
    verbose_name = _("Tòa soạn")

    def ready(self) -> None:
        from phoihop.audit import history
        from phoihop.core import scheduler, seeds
        from phoihop.newsroom import access, files, publishing, selectors, services, signals
        from phoihop.newsroom.models import Assignment
        from phoihop.newsroom.tasks import publish_scheduled_task
        from phoihop.newsroom.templatetags import newsroom_tags
        from phoihop.portal import extensions

        # Decree 237 Art. 19, 21: corrections above the body, responses under it, the homepage's own
        # section of corrections, and the NewsArticle's `correction` property.
        extensions.register("article_before_body", "newsroom.corrections", newsroom_tags.article_corrections)
        extensions.register("article_after_body", "newsroom.responses", newsroom_tags.article_responses)
        extensions.register("home_top", "newsroom.corrections", newsroom_tags.homepage_corrections)
        extensions.register_article_jsonld("newsroom.corrections", newsroom_tags.correction_jsonld)

        from phoihop.exchange import routing

        # A partner's messages about a submission reach the journalists given work on it.
        routing.register_assignees("newsroom.assignments", selectors.exchange_item_assignees)

        from phoihop.exchange import statements
        from phoihop.newsroom.statement_drafts import draft_from_statement

        # A press editor turns a statement on an event into a draft article.
        statements.register_drafter("newsroom.article", draft_from_statement)

        scheduler.register(publishing.PUBLISHING_KEY, publish_scheduled_task, follow=publishing.follow)
        seeds.register("newsroom.workflows", services.workflows_ensure)
        history.register(Assignment, access.get_assignment_for_user)
        history.register_verbs(
            {
                "assignment.created": _("tạo việc"),
                "assignment.updated": _("sửa việc"),
                "assignment.drafted": _("tạo bản thảo"),
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
                "newsroom.approval_approved": _("bài được duyệt một bước"),
                "newsroom.approval_rejected": _("bài được yêu cầu sửa"),
                "newsroom.approval_finished": _("bài được duyệt bước cuối"),
            }
        )
        signals.connect()
        files.ready()
