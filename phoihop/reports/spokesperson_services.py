"""Writes for the annual report on spokesperson work (Decree 244/2026 Art. 10): create a unit's
report for a year, edit its header and narrative, ask for the export, and the export itself (run by
the worker, like the programme reports: `tasks.spokesperson_report_export_task`). Every change
writes an audit event on the report.

The number is given at the first export from the same counter as the unit's programme reports
(`report:<unit>:<year>`), so a unit's "…/BC-…" numbers never repeat across the two kinds.
"""

from __future__ import annotations

import datetime as dt
import logging
import secrets
import time
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from phoihop.accounts.models import Organization, User
from phoihop.audit.services import audit_record
from phoihop.core.services import next_number
from phoihop.core.text import clean_multiline, clean_text
from phoihop.programs.models import Spokesperson
from phoihop.reports import access, pdf, spokesperson
from phoihop.reports.models import ANNUAL_RECIPIENT, ReportLayout, SpokespersonReport, annual_due_on
from phoihop.reports.services import _default_layout, issuer_code_for

logger = logging.getLogger(__name__)

NARRATIVE_FIELDS = ("figures_notes", "difficulties", "signer_title", "recipients")
LINE_FIELDS = ("parent_body", "issuer_name", "issuer_code", "place_name", "signer_name")
EDITABLE_FIELDS = (*LINE_FIELDS, *NARRATIVE_FIELDS, "layout", "issued_on")
FIRST_YEAR = 2026  # Decree 244/2026 is in force from 01/7/2026 (Art. 11(1))


def default_code(organization: Organization) -> str:
    """The abbreviation in "Số: …/BC-(2)": the first word of the short name when it is an acronym
    ("UBND TP Hà Nội" → "UBND", as People's Committees sign), else `issuer_code_for`."""
    first = (clean_text(organization.short_name).split() or [""])[0]
    if len(first) >= 2 and first.isalpha() and first.isupper():
        return first
    return issuer_code_for(organization)


def _signer(organization: Organization, on: dt.date) -> tuple[str, str]:
    """The head of the body (Art. 3(2)(a)) in office on `on`, as the default signer."""
    head = (
        Spokesperson.objects.filter(organization=organization, role=Spokesperson.Role.HEAD)
        .in_office(on)
        .order_by("-valid_from", "pk")
        .first()
    )
    return (head.title.upper(), head.full_name) if head is not None else ("", "")


@transaction.atomic
def spokesperson_report_create(
    *,
    actor: User | None,
    organization: Organization,
    year: int,
    layout: ReportLayout | None = None,
    difficulties: str = "",
) -> SpokespersonReport:
    """A draft of `organization`'s report for `year` with the header, signer and recipients filled in
    (all editable before export), and section II when given. The actor must act for the unit
    (`access.can_write_annual`); `actor=None` is the system (the demo). One report per unit and year:
    a second one is refused."""
    if actor is not None and not access.can_write_annual(actor, organization.pk):
        raise PermissionDenied
    if organization.kind != Organization.Kind.PARTNER:
        raise ValidationError(_("Chỉ đơn vị phối hợp (cơ quan hành chính) lập báo cáo công tác phát ngôn."))
    if year < FIRST_YEAR or year > timezone.localdate().year + 1:
        raise ValidationError(_("Năm báo cáo không hợp lệ."))
    if SpokespersonReport.objects.filter(organization=organization, year=year).exists():
        raise ValidationError(_("Đơn vị đã có báo cáo năm này."))
    layout = layout or _default_layout()
    signer_title, signer_name = _signer(organization, annual_due_on(year))
    recipients = [f"- {ANNUAL_RECIPIENT};", *(line for line in layout.default_recipients.splitlines() if line.strip())]
    report = SpokespersonReport(
        organization=organization,
        year=year,
        layout=layout,
        parent_body=organization.parent.name if organization.parent_id and organization.parent else "",
        issuer_name=organization.name,
        issuer_code=default_code(organization),
        place_name=layout.place_name,
        signer_title=signer_title,
        signer_name=signer_name,
        recipients="\n".join(recipients),
        difficulties=clean_multiline(difficulties),
        created_by=actor,
    )
    report.full_clean()
    report.save()
    audit_record(
        actor=actor, verb="spokesperson_report.created", target=report, organization=organization, data={"year": year}
    )
    return report


@transaction.atomic
def spokesperson_report_update(*, actor: User, report: SpokespersonReport, **fields: Any) -> SpokespersonReport:
    """Edit the header lines and the narrative: the unit's side only (403), not while exporting."""
    if not access.can_write_annual(actor, report.organization_id):
        raise PermissionDenied
    current = SpokespersonReport.objects.select_for_update().get(pk=report.pk)
    if not current.accepts_changes:
        raise ValidationError(_("Báo cáo đang được xuất; hãy sửa sau khi xuất xong."))
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    changed = []
    for name, value in fields.items():
        if name in LINE_FIELDS:
            value = clean_text(value)
        elif name in NARRATIVE_FIELDS:
            value = clean_multiline(value)
        if getattr(current, name) != value:
            setattr(current, name, value)
            changed.append(name)
    if not changed:
        return current
    current.full_clean()
    current.save(update_fields=[*changed, "updated_at"])
    audit_record(
        actor=actor,
        verb="spokesperson_report.updated",
        target=current,
        organization=current.organization,
        data={"changed": changed},
    )
    return current


@transaction.atomic
def spokesperson_report_request_export(*, actor: User, report: SpokespersonReport) -> SpokespersonReport:
    """Queue the export (DOCX, XLSX and, with LibreOffice, PDF) for the worker. The unit's side only."""
    if not access.can_write_annual(actor, report.organization_id):
        raise PermissionDenied
    current = SpokespersonReport.objects.select_for_update().get(pk=report.pk)
    if not current.accepts_changes:
        raise ValidationError(_("Báo cáo đang được xuất."))
    current.status = SpokespersonReport.Status.QUEUED
    current.progress = 0
    current.error = ""
    current.requested_by = actor
    current.save(update_fields=["status", "progress", "error", "requested_by", "updated_at"])
    audit_record(
        actor=actor, verb="spokesperson_report.export_requested", target=current, organization=current.organization
    )
    from phoihop.reports.tasks import spokesperson_report_export_task

    report_id = current.pk
    transaction.on_commit(lambda: spokesperson_report_export_task.enqueue(report_id=report_id), robust=True)
    return current


def _progress(report_id: int, percent: int) -> None:
    SpokespersonReport.objects.filter(pk=report_id).update(
        status=SpokespersonReport.Status.RUNNING, progress=percent, updated_at=timezone.now()
    )


@transaction.atomic
def _assign_number(report_id: int, issued_on: dt.date) -> SpokespersonReport:
    report = (
        SpokespersonReport.objects.select_for_update(of=("self",))
        .select_related("organization", "layout")
        .get(pk=report_id)
    )
    if report.number is None or report.number_year != issued_on.year:
        report.number = next_number(f"report:{report.organization_id}:{issued_on.year}")
        report.number_year = issued_on.year
        report.save(update_fields=["number", "number_year"])
    return report


def _file_name(report: SpokespersonReport, extension: str) -> str:
    """Not guessable: the files are only served through the access-checked view."""
    return f"bao-cao-phat-ngon-{report.year}-{report.pk}-{secrets.token_urlsafe(12)}.{extension}"


def spokesperson_report_export(*, report_id: int, now: dt.datetime | None = None) -> SpokespersonReport:
    """Produce and store the report's files; called by the worker. On failure the report is marked
    failed with the reason and the error is re-raised for the worker to record."""
    started = time.perf_counter()
    _progress(report_id, 5)
    try:
        with translation.override("vi"):
            return _export(report_id, started, now)
    except Exception as error:
        with transaction.atomic():
            report = SpokespersonReport.objects.select_related("organization").get(pk=report_id)
            report.status = SpokespersonReport.Status.FAILED
            report.error = str(error)[:2000] or error.__class__.__name__
            report.save(update_fields=["status", "error", "updated_at"])
            audit_record(
                actor=report.requested_by,
                verb="spokesperson_report.export_failed",
                target=report,
                organization=report.organization,
                data={"error": report.error[:300]},
            )
        raise


def _export(report_id: int, started: float, now: dt.datetime | None) -> SpokespersonReport:
    from phoihop.reports.spokesperson_document import build_annual_docx, build_annual_xlsx

    now = now or timezone.now()
    report = SpokespersonReport.objects.get(pk=report_id)
    issued_on = report.issued_on or timezone.localdate(now)
    report = _assign_number(report_id, issued_on)
    _progress(report_id, 20)
    figures = spokesperson.annual_figures(report.organization, report.year, now=now)
    _progress(report_id, 40)
    docx = build_annual_docx(report, figures, issued_on=issued_on)
    _progress(report_id, 65)
    xlsx = build_annual_xlsx(report, figures, generated_at=now)
    _progress(report_id, 80)
    pdf_bytes: bytes | None = None
    pdf_note = ""
    if pdf.available():
        try:
            pdf_bytes = pdf.docx_to_pdf(docx)
        except pdf.ConversionError as error:
            logger.warning("PDF conversion of spokesperson report %s failed: %s", report_id, error)
            pdf_note = _("Không chuyển được sang PDF: %(error)s") % {"error": str(error)[:300]}
    _progress(report_id, 95)
    old_files = [f.name for f in (report.docx, report.xlsx, report.pdf) if f]
    with transaction.atomic():
        report = (
            SpokespersonReport.objects.select_for_update(of=("self",))
            .select_related("organization", "layout")
            .get(pk=report_id)
        )
        report.docx.save(_file_name(report, "docx"), ContentFile(docx), save=False)
        report.xlsx.save(_file_name(report, "xlsx"), ContentFile(xlsx), save=False)
        if pdf_bytes is not None:
            report.pdf.save(_file_name(report, "pdf"), ContentFile(pdf_bytes), save=False)
        else:
            report.pdf = ""  # type: ignore[assignment]
        report.status = SpokespersonReport.Status.DONE
        report.progress = 100
        report.error = pdf_note
        report.generated_at = now
        report.generation_seconds = round(time.perf_counter() - started, 3)
        report.exported_figures = [row.as_json() for row in figures.rows]
        report.save(
            update_fields=[
                "docx", "xlsx", "pdf", "status", "progress", "error", "generated_at", "generation_seconds",
                "exported_figures", "updated_at",
            ]
        )  # fmt: skip
        audit_record(
            actor=report.requested_by,
            verb="spokesperson_report.exported",
            target=report,
            organization=report.organization,
            data={
                "number": report.number_text,
                "issued_on": issued_on.isoformat(),
                "seconds": report.generation_seconds,
                "pdf": pdf_bytes is not None,
                "figures": {row.key: row.text for row in figures.rows},
            },
        )
        kept = {f.name for f in (report.docx, report.xlsx, report.pdf) if f}
        storage = report.docx.storage
        stale = [name for name in old_files if name and name not in kept]

        def delete_stale() -> None:
            for name in stale:
                storage.delete(name)

        transaction.on_commit(delete_stale)
    return report
