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
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from phoihop.accounts.models import Organization, User
from phoihop.audit.services import audit_record
from phoihop.core.text import clean_multiline, clean_text
from phoihop.programs.models import Spokesperson
from phoihop.reports import access, exporting, spokesperson
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


def _file_name(report: SpokespersonReport, extension: str) -> str:
    """Not guessable: the files are only served through the access-checked view."""
    return f"bao-cao-phat-ngon-{report.year}-{report.pk}-{secrets.token_urlsafe(12)}.{extension}"


def _build(report: SpokespersonReport, issued_on: dt.date, now: dt.datetime, step: Any) -> exporting.Built:
    from phoihop.reports.spokesperson_document import build_annual_docx, build_annual_xlsx

    step(20)
    figures = spokesperson.annual_figures(report.organization, report.year, now=now)
    step(40)
    docx = build_annual_docx(report, figures, issued_on=issued_on)
    step(65)
    xlsx = build_annual_xlsx(report, figures, generated_at=now)
    step(80)
    return exporting.Built(
        docx=docx,
        xlsx=xlsx,
        fields={"exported_figures": [row.as_json() for row in figures.rows]},
        audit={"figures": {row.key: row.text for row in figures.rows}},
    )


EXPORT = exporting.Kind(
    model=SpokespersonReport,
    verb="spokesperson_report",
    issuer=lambda report: report.organization,
    issuer_id=lambda report: report.organization_id,
    file_name=_file_name,
    related=("organization", "layout"),
    build=_build,
)


def spokesperson_report_export(*, report_id: int, now: dt.datetime | None = None) -> SpokespersonReport:
    """Produce and store the report's files; called by the worker. On failure the report is marked
    failed with the reason and the error is re-raised for the worker to record (`exporting.export`)."""
    return exporting.export(EXPORT, report_id=report_id, now=now)  # type: ignore[no-any-return]
