from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExchangeConfig(AppConfig):
    name = "phoihop.exchange"
    label = "exchange"
    verbose_name = _("Trao đổi thông tin")

    def ready(self) -> None:
        import datetime as dt

        from phoihop.accounts import succession
        from phoihop.audit import history
        from phoihop.core import scheduler, seeds
        from phoihop.exchange.tasks import (
            CLEANUP_KEY,
            CONFERENCES_KEY,
            PETITIONS_KEY,
            REMINDERS_KEY,
            STATEMENTS_KEY,
            cleanup_uploads_tick,
            periodic_duty_tick,
            petitions_tick,
            reminders_tick,
            statements_tick,
        )

        scheduler.register(REMINDERS_KEY, reminders_tick, every=dt.timedelta(minutes=15))
        # The initial statement's clock is 24 hours: its thresholds are checked every 5 minutes.
        scheduler.register(STATEMENTS_KEY, statements_tick, every=dt.timedelta(minutes=5))
        # Petitions: the unit's limit and the newspaper's own, in working days; checked with the reminders.
        scheduler.register(PETITIONS_KEY, petitions_tick, every=dt.timedelta(minutes=15))
        scheduler.register(CLEANUP_KEY, cleanup_uploads_tick, every=dt.timedelta(hours=6))
        # Periodic information (Decree 244/2026 Art. 6(2)): each notice goes once per unit and period,
        # so an hourly check costs a few queries per unit with the duty.
        scheduler.register(CONFERENCES_KEY, periodic_duty_tick, every=dt.timedelta(hours=1))

        seeds.register_migration("exchange.reference_lists", "phoihop.exchange.migrations.0002_seed_reference_lists")
        from phoihop.exchange import access, services, views
        from phoihop.exchange.models import InfoRequest, PressConference, StatementEvent, Submission
        from phoihop.programs import panels

        panels.register("exchange.activity", views.program_activity_panel)

        from phoihop.search import kinds

        kinds.register(services.WORKSPACE_SUBMISSION, param="thong-tin", label=_("Thông tin"), order=10)
        kinds.register(services.WORKSPACE_REQUEST, param="de-nghi", label=_("Đề nghị"), order=20)
        kinds.register(services.WORKSPACE_ATTACHMENT, param="tep", label=_("Tệp đính kèm"), order=30)

        history.register(Submission, access.get_submission_for_user)
        history.register(InfoRequest, access.get_info_request_for_user)
        history.register(StatementEvent, access.get_statement_event_for_user)
        history.register(PressConference, access.get_press_conference_for_user)
        history.register_verbs(
            {
                "submission.created": _("gửi thông tin"),
                "submission.received": _("tiếp nhận"),
                "submission.in_progress": _("đang xử lý"),
                "submission.published": _("đã đăng"),
                "submission.not_used": _("không sử dụng"),
                "thread.message": _("gửi tin nhắn"),
                "info_request.created": _("gửi đề nghị cung cấp thông tin"),
                "info_request.answered": _("trả lời"),
                "info_request.partial": _("trả lời một phần"),
                "info_request.refused": _("từ chối cung cấp thông tin"),
                "info_request.withdrawn": _("rút đề nghị"),
                "info_request.reminded": _("nhắc hạn trả lời"),
                "info_request.escalated": _("báo lãnh đạo đơn vị: quá hạn"),
                "exchange.transferred": _("chuyển cho đơn vị kế thừa"),
                "petition.forwarded": _("chuyển kiến nghị đến đơn vị"),
                "petition.overdue": _("quá hạn thông báo biện pháp xử lý: báo tòa soạn và lãnh đạo đơn vị"),
                "petition.informed": _("tòa soạn báo thông tin kết quả cho người kiến nghị"),
                "petition.press_overdue": _("tòa soạn quá hạn báo thông tin kết quả"),
                "petition.petitioner_disclosed": _("cho đơn vị biết người kiến nghị"),
                "statement_event.opened": _("mở sự kiện cần phát ngôn"),
                "statement_event.statement_added": _("đăng phát ngôn, thông cáo"),
                "statement_event.stated": _("phát ngôn ban đầu"),
                "statement_event.closed": _("kết thúc sự kiện"),
                "statement_event.escalated_warn": _("báo lãnh đạo đơn vị: sắp hết hạn phát ngôn"),
                "statement_event.escalated_due": _("báo lãnh đạo đơn vị: quá hạn phát ngôn"),
                "statement_event.article_drafted": _("tạo bài viết từ phát ngôn"),
                "press_conference.planned": _("lên kế hoạch họp báo"),
                "press_conference.invited": _("gửi giấy mời họp báo"),
                "press_conference.updated": _("sửa thông tin họp báo"),
                "press_conference.held": _("ghi nhận đã tổ chức họp báo"),
                "press_conference.cancelled": _("hủy họp báo"),
                "press_conference.materials_added": _("thêm tài liệu họp báo"),
                "press_conference.question_added": _("ghi câu hỏi của báo chí"),
                "periodic_information.recorded": _("ghi nhận thông tin định kỳ hằng tháng"),
                "periodic_duty.reminded": _("nhắc nghĩa vụ cung cấp thông tin định kỳ"),
                "periodic_duty.missed": _("báo chưa thực hiện nghĩa vụ cung cấp thông tin định kỳ"),
            }
        )

        def transfer(*, actor: object, predecessor: object, successor: object) -> None:
            services.transfer_open_work(actor=actor, predecessor=predecessor, successor=successor)  # type: ignore[arg-type]

        succession.register(transfer)
