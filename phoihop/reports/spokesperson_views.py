"""Pages of the annual report on spokesperson work (Decree 244/2026 Art. 10). Thin: access (through
`reports.access`) → selectors (`reports.spokesperson`) / services → render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from phoihop.accounts.access import scope_for
from phoihop.accounts.http import AuthenticatedHttpRequest
from phoihop.accounts.models import Organization
from phoihop.audit.models import AuditEvent
from phoihop.reports import access, pdf, spokesperson, spokesperson_services
from phoihop.reports.forms import SpokespersonReportEditForm
from phoihop.reports.models import (
    ANNUAL_LEGAL_BASIS,
    ANNUAL_RECIPIENT,
    SpokespersonReport,
    annual_due_on,
    annual_duty,
    annual_period,
    annual_year_for,
)
from phoihop.reports.views import DOWNLOADS


def _years(organization: Organization) -> list[dict[str, object]]:
    """The years the unit's page offers: the running period's, last year's while its report is still
    due, and every year the unit has a report for; newest first."""
    today = timezone.localdate()
    current = annual_year_for(today)
    reports = {r.year: r for r in SpokespersonReport.objects.filter(organization=organization).select_related("layout")}
    years = set(reports) | {current}
    if annual_due_on(current - 1) >= today and current - 1 >= spokesperson_services.FIRST_YEAR:
        years.add(current - 1)
    rows = []
    for year in sorted(years, reverse=True):
        first, last = annual_period(year)
        due = annual_due_on(year)
        rows.append(
            {
                "year": year,
                "first_day": first,
                "last_day": last,
                "due_on": due,
                "days_left": (due - today).days,
                "report": reports.get(year),
                "may_create": year >= spokesperson_services.FIRST_YEAR,
            }
        )
    return rows


@login_required
def annual_index(request: AuthenticatedHttpRequest) -> HttpResponse:
    units = list(access.annual_units_for_user(request.user).order_by("name"))
    press = scope_for(request.user).is_press_editor
    if not units and not press:
        # Reporters, staff, people of no unit: no report to read, so no (empty) list either.
        raise PermissionDenied
    with_reports = set(
        SpokespersonReport.objects.filter(organization__in=units).values_list("organization_id", flat=True)
    )
    # The press sees every unit: it is offered those with the duty and those with a report.
    shown = [unit for unit in units if not press or annual_duty(unit) or unit.pk in with_reports]
    shown.sort(key=lambda unit: (not annual_duty(unit), unit.name))
    rows = [{"unit": unit, "required": annual_duty(unit), "has_reports": unit.pk in with_reports} for unit in shown]
    context = {
        "rows": rows,
        "legal_basis": ANNUAL_LEGAL_BASIS,
        "year": annual_year_for(timezone.localdate()),
        "due_on": annual_due_on(annual_year_for(timezone.localdate())),
    }
    return render(request, "reports/spokesperson_index.html", context)


@login_required
def annual_unit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    organization = access.get_annual_unit_for_user(request.user, pk)
    context = {
        "unit": organization,
        "required": annual_duty(organization),
        "years": _years(organization),
        "can_write": access.can_write_annual(request.user, organization.pk),
        "legal_basis": ANNUAL_LEGAL_BASIS,
        "recipient": ANNUAL_RECIPIENT,
    }
    return render(request, "reports/spokesperson_unit.html", context)


@login_required
@require_POST
def annual_create(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    organization = access.get_annual_unit_for_user(request.user, pk)
    try:
        year = int(request.POST.get("nam", ""))
    except ValueError:
        raise Http404 from None
    existing = SpokespersonReport.objects.filter(organization=organization, year=year).first()
    if existing is not None:
        return redirect(existing)
    try:
        report = spokesperson_services.spokesperson_report_create(
            actor=request.user, organization=organization, year=year
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("reports:spokesperson_unit", pk=organization.pk)
    messages.success(
        request, _("Đã lập báo cáo. Số liệu được tính từ hệ thống; hãy viết phần II rồi bấm “Xuất báo cáo”.")
    )
    return redirect(report)


@login_required
def report_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    report = access.get_spokesperson_report_for_user(request.user, pk, write=request.method == "POST")
    can_write = access.can_write_annual(request.user, report.organization_id)
    form = (
        SpokespersonReportEditForm(request.POST or None, instance=report)
        if can_write and report.accepts_changes
        else None
    )
    if request.method == "POST" and form is not None and form.is_valid():
        try:
            spokesperson_services.spokesperson_report_update(
                actor=request.user, report=report, **{name: form.cleaned_data[name] for name in form.Meta.fields}
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Đã lưu báo cáo."))
            return redirect(report)
    figures = spokesperson.annual_figures(report.organization, report.year)
    exported = {item["key"]: spokesperson.ratio_text(item["value"], item["total"]) for item in report.exported_figures}
    context = {
        "report": report,
        "figures": figures,
        "rows": [{"figure": row, "exported": exported.get(row.key, "")} for row in figures.rows],
        "form": form,
        "can_write": can_write,
        "pdf_available": pdf.available(),
        "days_left": (report.due_on - timezone.localdate()).days,
        "history": AuditEvent.objects.for_object(report)[:50],
    }
    return render(request, "reports/spokesperson_report.html", context)


@login_required
def figure_records(request: AuthenticatedHttpRequest, pk: int, key: str) -> HttpResponse:
    report = access.get_spokesperson_report_for_user(request.user, pk)
    if key not in spokesperson.BY_KEY:
        raise Http404
    figures = spokesperson.annual_figures(report.organization, report.year)
    context = {
        "report": report,
        "row": figures.by_key[key],
        "records": spokesperson.figure_records(report.organization, report.year, key),
        "bounds": figures.bounds,
    }
    return render(request, "reports/spokesperson_figure.html", context)


@login_required
@require_POST
def report_export(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    report = access.get_spokesperson_report_for_user(request.user, pk, write=True)
    try:
        spokesperson_services.spokesperson_report_request_export(actor=request.user, report=report)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Đã gửi yêu cầu xuất báo cáo; trang sẽ tự cập nhật tiến độ."))
    return redirect(report)


@login_required
def report_download(request: AuthenticatedHttpRequest, pk: int, kind: str) -> FileResponse:
    report = access.get_spokesperson_report_for_user(request.user, pk)
    if kind not in DOWNLOADS:
        raise Http404
    extension, content_type = DOWNLOADS[kind]
    stored = getattr(report, kind)
    if not stored:
        raise Http404
    name = f"bao-cao-phat-ngon-{report.year}-{report.number or report.pk}.{extension}"
    return FileResponse(stored.open("rb"), as_attachment=True, filename=name, content_type=content_type)
