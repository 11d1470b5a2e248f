from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FactcheckConfig(AppConfig):
    name = "phoihop.factcheck"
    label = "factcheck"
    verbose_name = _("Kiểm chứng thông tin")

    def ready(self) -> None:
        from phoihop.audit import history
        from phoihop.core import seeds
        from phoihop.factcheck import access, signals
        from phoihop.factcheck.models import Claim, Tip
        from phoihop.factcheck.templatetags import factcheck_tags
        from phoihop.portal import extensions

        extensions.register("article_head_jsonld", "factcheck.claim_review", factcheck_tags.claim_review_jsonld)
        extensions.register("article_before_body", "factcheck.verdict_box", factcheck_tags.verdict_box)

        seeds.register_migration("factcheck.reference_lists", "phoihop.factcheck.migrations.0002_seed_reference_lists")
        history.register(Tip, access.get_tip_for_user)
        history.register(Claim, access.get_claim_for_user)
        history.register_verbs(
            {
                "tip.created": _("gửi phản ánh"),
                "tip.grouped": _("gom vào hồ sơ"),
                "tip.auto_grouped": _("tự động gom vào hồ sơ (trùng lặp)"),
                "tip.dismissed": _("không xử lý phản ánh"),
                "tip.answered": _("báo kết luận cho người phản ánh"),
                "claim.created": _("lập hồ sơ kiểm chứng"),
                "claim.updated": _("sửa hồ sơ kiểm chứng"),
                "claim.dismissed": _("không xử lý hồ sơ"),
                "claim.deadline_set": _("đặt hạn xác minh"),
                "claim.checklist_added": _("thêm bước kiểm tra"),
                "claim.checklist_done": _("hoàn thành bước kiểm tra"),
                "claim.checklist_reopened": _("mở lại bước kiểm tra"),
                "claim.checklist_removed": _("bỏ bước kiểm tra"),
                "claim.evidence_added": _("thêm bằng chứng"),
                "claim.note_added": _("thêm ghi chú nội bộ"),
                "claim.info_requested": _("đề nghị đơn vị cung cấp thông tin"),
                "verdict.drafted": _("soạn kết luận"),
                "verdict.approved": _("duyệt kết luận"),
                "verdict.published": _("công bố kết luận"),
                "rebuttal.drafted": _("tạo bản nháp bài kiểm chứng"),
                "rebuttal.linked": _("gắn bài kiểm chứng"),
            }
        )
        signals.connect()
