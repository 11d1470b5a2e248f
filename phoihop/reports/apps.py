from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "phoihop.reports"
    label = "reports"
    verbose_name = _("Báo cáo chương trình phối hợp")

    def ready(self) -> None:
        from phoihop.audit import history
        from phoihop.core import seeds
        from phoihop.reports import access
        from phoihop.reports.models import ProgramReport, SpokespersonReport

        _watch_coverage()
        seeds.register_migration("reports.layouts", "phoihop.reports.migrations.0002_seed_layouts")
        seeds.register_migration(
            "reports.layout_permissions", "phoihop.reports.migrations.0002_seed_layouts", "grant_permissions"
        )
        history.register(ProgramReport, access.get_report_for_user)
        history.register(SpokespersonReport, access.get_spokesperson_report_for_user)
        history.register_verbs(
            {
                "report.created": _("lập báo cáo"),
                "report.updated": _("sửa báo cáo"),
                "report.export_requested": _("yêu cầu xuất báo cáo"),
                "report.exported": _("xuất báo cáo"),
                "report.export_failed": _("xuất báo cáo lỗi"),
                "spokesperson_report.created": _("lập báo cáo công tác phát ngôn"),
                "spokesperson_report.updated": _("sửa báo cáo công tác phát ngôn"),
                "spokesperson_report.export_requested": _("yêu cầu xuất báo cáo công tác phát ngôn"),
                "spokesperson_report.exported": _("xuất báo cáo công tác phát ngôn"),
                "spokesperson_report.export_failed": _("xuất báo cáo công tác phát ngôn lỗi"),
                "reportlayout.created": _("thêm thể thức báo cáo"),
                "reportlayout.updated": _("sửa thể thức báo cáo"),
            }
        )


def _watch_coverage() -> None:
    """A programme, its parties or an article's source changing changes what the coverage lists show."""
    from django.db.models.signals import post_delete, post_save

    from phoihop.newsroom.models import ArticleSource
    from phoihop.portal import cache
    from phoihop.programs.models import Program, ProgramParty
    from phoihop.reports.coverage import COVERAGE_KEY

    def changed(**kwargs: object) -> None:
        cache.invalidate([COVERAGE_KEY])

    for model in (Program, ProgramParty, ArticleSource):
        post_save.connect(changed, sender=model, weak=False, dispatch_uid=f"coverage-{model.__name__}-save")
        post_delete.connect(changed, sender=model, weak=False, dispatch_uid=f"coverage-{model.__name__}-delete")
