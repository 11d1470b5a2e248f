"""One export path for every report the worker produces (the programme report and the annual
spokesperson report): progress written as it goes, the number given once per issuer and year, the
DOCX/XLSX built by the report's own builder, the PDF through LibreOffice when available, the files
stored privately under names nobody can guess, the old files deleted after the commit, and on
failure the report marked failed with its reason and the error re-raised for the worker.

A report model taking this path has the fields `docx`, `xlsx`, `pdf`, `status` (with `Status.RUNNING`,
`DONE`, `FAILED`), `progress`, `error`, `generated_at`, `generation_seconds`, `requested_by`,
`issued_on`, `number`, `number_year`, and `updated_at`.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from phoihop.accounts.models import Organization
from phoihop.audit.services import audit_record
from phoihop.core.services import next_number
from phoihop.reports import pdf

logger = logging.getLogger(__name__)


@dataclass
class Built:
    """What a report's builder returns: the two documents, the report's own fields to store with
    them, and what the audit event of the export adds."""

    docx: bytes
    xlsx: bytes
    fields: dict[str, Any] = field(default_factory=dict)
    audit: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Kind:
    """How one kind of report takes the export path."""

    model: Any
    verb: str  # audit verbs "<verb>.exported" and "<verb>.export_failed"
    issuer: Callable[[Any], Organization]  # whose counter numbers it, and whose trail records it
    issuer_id: Callable[[Any], int]
    file_name: Callable[[Any, str], str]
    related: tuple[str, ...]
    build: Callable[[Any, dt.date, dt.datetime, Callable[[int], None]], Built]


def progress(model: Any, report_id: int, percent: int, status: str | None = None) -> None:
    """Committed at once (the worker runs outside a transaction), so the report page sees it."""
    model.objects.filter(pk=report_id).update(
        status=status or model.Status.RUNNING, progress=percent, updated_at=timezone.now()
    )


@transaction.atomic
def assign_number(kind: Kind, report_id: int, issued_on: dt.date) -> Any:
    """The report's number, per issuer and year, given once (a re-export keeps it); gap-free because
    the counter and the report commit together. Every kind of report of one issuer shares the counter."""
    report = kind.model.objects.select_for_update(of=("self",)).select_related(*kind.related).get(pk=report_id)
    if report.number is None or report.number_year != issued_on.year:
        report.number = next_number(f"report:{kind.issuer_id(report)}:{issued_on.year}")
        report.number_year = issued_on.year
        report.save(update_fields=["number", "number_year"])
    return report


def export(kind: Kind, *, report_id: int, now: dt.datetime | None = None) -> Any:
    """Produce and store the report's files; on failure mark it failed and re-raise."""
    started = time.perf_counter()
    progress(kind.model, report_id, 5)
    try:
        with translation.override("vi"):
            return _export(kind, report_id, started, now)
    except Exception as error:
        with transaction.atomic():
            report = kind.model.objects.select_related(*kind.related).get(pk=report_id)
            report.status = kind.model.Status.FAILED
            report.error = str(error)[:2000] or error.__class__.__name__
            report.save(update_fields=["status", "error", "updated_at"])
            audit_record(
                actor=report.requested_by,
                verb=f"{kind.verb}.export_failed",
                target=report,
                organization=kind.issuer(report),
                data={"error": report.error[:300]},
            )
        raise


def _export(kind: Kind, report_id: int, started: float, now: dt.datetime | None) -> Any:
    model = kind.model
    now = now or timezone.now()
    report = model.objects.get(pk=report_id)
    issued_on = report.issued_on or timezone.localdate(now)
    report = assign_number(kind, report_id, issued_on)
    built = kind.build(report, issued_on, now, lambda percent: progress(model, report_id, percent))
    pdf_bytes: bytes | None = None
    pdf_note = ""
    if pdf.available():
        try:
            pdf_bytes = pdf.docx_to_pdf(built.docx)
        except pdf.ConversionError as error:
            logger.warning("PDF conversion of %s %s failed: %s", kind.verb, report_id, error)
            pdf_note = _("Không chuyển được sang PDF: %(error)s") % {"error": str(error)[:300]}
    progress(model, report_id, 95)
    old_files = [f.name for f in (report.docx, report.xlsx, report.pdf) if f]
    with transaction.atomic():
        report = model.objects.select_for_update(of=("self",)).select_related(*kind.related).get(pk=report_id)
        report.docx.save(kind.file_name(report, "docx"), ContentFile(built.docx), save=False)
        report.xlsx.save(kind.file_name(report, "xlsx"), ContentFile(built.xlsx), save=False)
        if pdf_bytes is not None:
            report.pdf.save(kind.file_name(report, "pdf"), ContentFile(pdf_bytes), save=False)
        else:
            report.pdf = ""
        report.status = model.Status.DONE
        report.progress = 100
        report.error = pdf_note
        report.generated_at = now
        report.generation_seconds = round(time.perf_counter() - started, 3)
        for name, value in built.fields.items():
            setattr(report, name, value)
        report.save(
            update_fields=[
                "docx", "xlsx", "pdf", "status", "progress", "error", "generated_at", "generation_seconds",
                *built.fields, "updated_at",
            ]
        )  # fmt: skip
        audit_record(
            actor=report.requested_by,
            verb=f"{kind.verb}.exported",
            target=report,
            organization=kind.issuer(report),
            data={
                "number": report.number_text,
                "issued_on": issued_on.isoformat(),
                "seconds": report.generation_seconds,
                "pdf": pdf_bytes is not None,
                **built.audit,
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
