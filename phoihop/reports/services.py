"""Writes for programme reports: create, edit the narrative, ask for an export, and the export itself
(run by the worker). Every change writes an audit event, so a report's page lists its history."""

from __future__ import annotations

import datetime as dt
import logging
import secrets
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from phoihop.accounts.models import Organization, User
from phoihop.audit.services import audit_record
from phoihop.core.text import clean_multiline, clean_text
from phoihop.programs.models import Program, Signatory
from phoihop.reports import access, exporting, periods, selectors
from phoihop.reports.models import ProgramReport, ReportLayout
from phoihop.reports.periods import Period
from vntext import slugify

logger = logging.getLogger(__name__)

NARRATIVE_FIELDS = (
    "general_assessment",
    "results_notes",
    "exchange_notes",
    "refutation_notes",
    "shortcomings",
    "proposals",
    "signer_title",
    "recipients",
)
LINE_FIELDS = ("subject", "parent_body", "issuer_name", "issuer_code", "place_name", "signer_name")
EDITABLE_FIELDS = (*LINE_FIELDS, *NARRATIVE_FIELDS, "layout", "issued_on")


def report_period(report: ProgramReport) -> Period:
    program = report.program
    return periods.make(report.period_kind, program.starts_on, program.ends_on, report.period_year, report.period_index)


def issuer_code_for(organization: Organization) -> str:
    """The unit's short name, else the initials of its name ("Báo Lao động Thủ đô" → "BLĐTĐ")."""
    if organization.short_name:
        return clean_text(organization.short_name).replace(" ", "")
    return "".join(word[0] for word in clean_text(organization.name).split() if word[0].isalnum()).upper()


def default_subject(kind: str, period: Period, program: Program) -> str:
    label = ProgramReport.Kind(kind).label
    if period.phrase:
        return f"{label} {period.phrase} thực hiện {program.title}"
    years = (
        f"{program.starts_on.year}"
        if program.starts_on.year == program.ends_on.year
        else (f"{program.starts_on.year}–{program.ends_on.year}")
    )
    if years in program.title:  # "… giai đoạn 2023–2025" already says it
        return f"{label} thực hiện {program.title}"
    return f"{label} thực hiện {program.title} ({years})"


def _default_layout() -> ReportLayout:
    layout = ReportLayout.objects.filter(is_active=True, kind=ReportLayout.Kind.STATE).first()
    layout = layout or ReportLayout.objects.filter(is_active=True).first()
    if layout is None:
        raise ValidationError(_("Chưa có thể thức báo cáo nào; hãy thêm trong trang quản trị."))
    return layout


@transaction.atomic
def report_create(
    *,
    actor: User,
    program: Program,
    issuer: Organization,
    period: Period,
    kind: str | None = None,
    layout: ReportLayout | None = None,
) -> ProgramReport:
    """A new report draft for `program` and `period`, issued by `issuer`, with the header, signer and
    recipients filled in from the programme (all editable before export). The actor must be a leader
    who may issue for `issuer` (see reports.access)."""
    if not access.can_view(actor, program):
        raise PermissionDenied
    if issuer.pk not in {org.pk for org in access.issuer_choices(actor, program)}:
        raise PermissionDenied
    layout = layout or _default_layout()
    kind = kind or (ProgramReport.Kind.FINAL if period.kind == periods.WHOLE else ProgramReport.Kind.INTERIM)
    if kind not in ProgramReport.Kind.values:
        raise ValidationError(_("Loại báo cáo không hợp lệ."))
    signatory = Signatory.objects.filter(program=program, organization=issuer).order_by("sort_order", "pk").first()
    others = [
        party.organization.name
        for party in program.parties.select_related("organization").order_by("organization__name")
        if party.organization_id != issuer.pk
    ]
    recipients = [f"- {name};" for name in others] + [
        line for line in layout.default_recipients.splitlines() if line.strip()
    ]
    report = ProgramReport(
        program=program,
        issuer=issuer,
        layout=layout,
        kind=kind,
        period_kind=period.kind,
        period_year=period.year,
        period_index=period.index,
        subject=default_subject(kind, period, program)[:500],
        parent_body=issuer.parent.name if issuer.parent_id and issuer.parent else "",
        issuer_name=issuer.name,
        issuer_code=issuer_code_for(issuer),
        place_name=layout.place_name,
        signer_title=signatory.title.upper() if signatory else layout.signature_title,
        signer_name=signatory.full_name if signatory else "",
        recipients="\n".join(recipients),
        created_by=actor,
    )
    report.full_clean()
    report.save()
    audit_record(
        actor=actor,
        verb="report.created",
        target=report,
        organization=issuer,
        data={"program": program.pk, "period": period.query()},
    )
    return report


@transaction.atomic
def report_update(*, actor: User, report: ProgramReport, **fields: Any) -> ProgramReport:
    """Edit the header lines and the narrative. Only the issuing side (403 otherwise), and not while
    an export is running (the document would mix old and new text)."""
    if not access.can_write(actor, report):
        raise PermissionDenied
    current = ProgramReport.objects.select_for_update().get(pk=report.pk)
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
        actor=actor, verb="report.updated", target=current, organization=current.issuer, data={"changed": changed}
    )
    return current


@transaction.atomic
def report_request_export(*, actor: User, report: ProgramReport) -> ProgramReport:
    """Queue the export (DOCX, XLSX and, with LibreOffice, PDF) for the worker. Issuing side only."""
    if not access.can_write(actor, report):
        raise PermissionDenied
    current = ProgramReport.objects.select_for_update().get(pk=report.pk)
    if not current.accepts_changes:
        raise ValidationError(_("Báo cáo đang được xuất."))
    current.status = ProgramReport.Status.QUEUED
    current.progress = 0
    current.error = ""
    current.requested_by = actor
    current.save(update_fields=["status", "progress", "error", "requested_by", "updated_at"])
    audit_record(actor=actor, verb="report.export_requested", target=current, organization=current.issuer)
    from phoihop.reports.tasks import report_export_task

    report_id = current.pk
    transaction.on_commit(lambda: report_export_task.enqueue(report_id=report_id), robust=True)
    return current


def _file_name(report: ProgramReport, extension: str) -> str:
    """A name nobody can guess: the files are only ever served through the access-checked view,
    but a media folder published by mistake must not hand them out either."""
    stem = slugify(report.subject, max_length=50) or "bao-cao"
    return f"bao-cao-{report.pk}-{secrets.token_urlsafe(12)}-{stem}.{extension}"


def _build(report: ProgramReport, issued_on: dt.date, now: dt.datetime, step: Any) -> exporting.Built:
    from phoihop.reports.document import build_docx
    from phoihop.reports.workbook import build_xlsx

    step(15)
    figures = selectors.program_figures(report.program, report_period(report), now=now)
    step(45)
    docx = build_docx(report, figures, issued_on=issued_on)
    step(70)
    xlsx = build_xlsx(figures, generated_at=now)
    step(85)
    return exporting.Built(docx=docx, xlsx=xlsx, audit={"articles": figures.articles_total})


EXPORT = exporting.Kind(
    model=ProgramReport,
    verb="report",
    issuer=lambda report: report.issuer,
    issuer_id=lambda report: report.issuer_id,
    file_name=_file_name,
    related=("program", "issuer", "layout"),
    build=_build,
)


def report_export(*, report_id: int, now: dt.datetime | None = None) -> ProgramReport:
    """Produce and store the report's files; called by the worker. Progress is written as it goes
    (5 → 100); on failure the report is marked failed with the reason and the error is re-raised so
    the worker records it too (`exporting.export`)."""
    return exporting.export(EXPORT, report_id=report_id, now=now)  # type: ignore[no-any-return]
