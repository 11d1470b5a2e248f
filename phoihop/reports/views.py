"""Programme dashboards and reports in the workspace. Thin: access → selectors/services → render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from phoihop.accounts.http import AuthenticatedHttpRequest
from phoihop.audit.models import AuditEvent
from phoihop.programs.access import programs_for_user
from phoihop.reports import access, charts, pdf, periods, selectors, services
from phoihop.reports.forms import ReportCreateForm, ReportEditForm
from phoihop.reports.models import ProgramReport
from phoihop.reports.workbook import build_xlsx
from vntext import slugify

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOWNLOADS = {
    "docx": ("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    "xlsx": ("xlsx", XLSX),
    "pdf": ("pdf", "application/pdf"),
}


def _period(request: HttpRequest, program: object) -> periods.Period:
    return periods.parse(
        request.GET,
        program_starts=program.starts_on,  # type: ignore[attr-defined]
        program_ends=program.ends_on,  # type: ignore[attr-defined]
        today=timezone.localdate(),
    )


@login_required
def index(request: AuthenticatedHttpRequest) -> HttpResponse:
    programs = [p for p in programs_for_user(request.user).prefetch_related("parties__organization")
                if access.can_view(request.user, p)]  # fmt: skip
    reports = (
        ProgramReport.objects.filter(program__in=[p.pk for p in programs])
        .select_related("program", "issuer", "layout")
        .order_by("-created_at")[:30]
    )
    return render(request, "reports/index.html", {"programs": programs, "reports": reports})


@login_required
def dashboard(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    program = access.get_program_for_reports(request.user, pk)
    period = _period(request, program)
    figures = selectors.program_figures(program, period)
    issuers = access.issuer_choices(request.user, program)
    initial_kind = ProgramReport.Kind.FINAL if period.kind == periods.WHOLE else ProgramReport.Kind.INTERIM
    context = {
        "program": program,
        "period": period,
        "figures": figures,
        "columns": selectors.COLUMNS,
        "charts": charts.dashboard_charts(figures),
        "choices": periods.choices_for(program.starts_on, program.ends_on, period, timezone.localdate()),
        "reports": program.reports.select_related("issuer", "layout").order_by("-created_at")[:20],  # type: ignore[attr-defined]
        "create_form": ReportCreateForm(issuers=issuers, initial_kind=initial_kind) if issuers else None,
    }
    return render(request, "reports/dashboard.html", context)


@login_required
def dashboard_xlsx(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    program = access.get_program_for_reports(request.user, pk)
    period = _period(request, program)
    content = build_xlsx(selectors.program_figures(program, period))
    name = f"so-lieu-{slugify(program.title, max_length=50)}-{period.kind}.xlsx"
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
@require_POST
def report_new(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    program = access.get_program_for_reports(request.user, pk)
    period = _period(request, program)
    issuers = access.issuer_choices(request.user, program)
    if not issuers:
        raise PermissionDenied
    form = ReportCreateForm(request.POST, issuers=issuers, initial_kind="")
    if not form.is_valid():
        messages.error(request, _("Không lập được báo cáo: hãy chọn đơn vị, loại báo cáo và thể thức."))
        return redirect(f"{reverse('reports:dashboard', args=[program.pk])}?{period.querystring()}")
    report = services.report_create(
        actor=request.user,
        program=program,
        issuer=form.cleaned_data["issuer"],
        period=period,
        kind=form.cleaned_data["kind"],
        layout=form.cleaned_data["layout"],
    )
    messages.success(request, _("Đã lập báo cáo. Hãy viết phần đánh giá, rồi bấm “Xuất báo cáo”."))
    return redirect(report)


@login_required
def report_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    report = access.get_report_for_user(request.user, pk, write=request.method == "POST")
    can_write = access.can_write(request.user, report)
    form = ReportEditForm(request.POST or None, instance=report) if can_write and report.accepts_changes else None
    if request.method == "POST" and form is not None and form.is_valid():
        try:
            services.report_update(
                actor=request.user, report=report, **{name: form.cleaned_data[name] for name in form.Meta.fields}
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Đã lưu báo cáo."))
            return redirect(report)
    context = {
        "report": report,
        "period": services.report_period(report),
        "form": form,
        "can_write": can_write,
        "pdf_available": pdf.available(),
        "history": AuditEvent.objects.for_object(report)[:50],
    }
    return render(request, "reports/report_detail.html", context)


@login_required
@require_POST
def report_export(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    report = access.get_report_for_user(request.user, pk, write=True)
    try:
        services.report_request_export(actor=request.user, report=report)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Đã gửi yêu cầu xuất báo cáo; trang sẽ tự cập nhật tiến độ."))
    return redirect(report)


@login_required
def report_download(request: AuthenticatedHttpRequest, pk: int, kind: str) -> FileResponse:
    report = access.get_report_for_user(request.user, pk)
    if kind not in DOWNLOADS:
        raise Http404
    extension, content_type = DOWNLOADS[kind]
    stored = getattr(report, kind)
    if not stored:
        raise Http404
    name = f"bao-cao-{report.number or report.pk}-{slugify(report.subject, max_length=50)}.{extension}"
    return FileResponse(stored.open("rb"), as_attachment=True, filename=name, content_type=content_type)
