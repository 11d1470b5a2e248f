"""Background work of the reports: the export runs in the worker, never in a web request."""

from __future__ import annotations

from django_tasks import task


@task()
def report_export_task(report_id: int) -> dict[str, object]:
    """Produce a report's DOCX, XLSX (and PDF with LibreOffice); progress is written on the report."""
    from phoihop.reports.services import report_export

    report = report_export(report_id=report_id)
    return {"report": report.pk, "number": report.number_text, "seconds": report.generation_seconds}


@task()
def spokesperson_report_export_task(report_id: int) -> dict[str, object]:
    """Produce an annual spokesperson report's DOCX, XLSX (and PDF with LibreOffice)."""
    from phoihop.reports.spokesperson_services import spokesperson_report_export

    report = spokesperson_report_export(report_id=report_id)
    return {"report": report.pk, "number": report.number_text, "seconds": report.generation_seconds}
