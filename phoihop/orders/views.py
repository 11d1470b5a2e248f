"""The order pages of the workspace (/phoi-hop/dat-hang/). Parse → access → service → render."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from phoihop.accounts.http import AuthenticatedHttpRequest
from phoihop.orders import access, selectors, services
from phoihop.orders.forms import AnswerForm, DisputeForm, ItemEditForm, PaymentForm
from phoihop.orders.models import Kind


@login_required
def order_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    orders = access.orders_for_user(request.user).order_by("-starts_on", "pk")
    return render(request, "orders/order_list.html", {"orders": orders, "current": "orders"})


@login_required
def order_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    order = access.get_order_for_user(request.user, pk)
    context = {
        "order": order,
        "summary": selectors.order_summary(order),
        "periods": order.periods.prefetch_related("payments"),
        "deliverables": order.deliverables.select_related("theme"),
        "can_edit": access.can_edit(request.user),
        "payment_form": PaymentForm(),
    }
    return render(request, "orders/order_detail.html", context)


@login_required
def period_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    period = access.get_period_for_user(request.user, pk)
    items = period.items.select_related("article", "theme").order_by("article__first_published_at", "pk")
    context = {
        "period": period,
        "order": period.order,
        "items": [(item, selectors.public_url(item.article)) for item in items],
        "rows": selectors.minutes_rows(period),
        "total": sum(row.amount for row in selectors.minutes_rows(period)),
        "can_edit": access.can_edit(request.user),
        "can_accept": access.can_accept(request.user, period.order),
        "kinds": Kind.choices,
    }
    return render(request, "orders/period_detail.html", context)


def _run(request: AuthenticatedHttpRequest, call: Any, done: str) -> None:
    try:
        call()
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, done)


def _invalid(request: AuthenticatedHttpRequest, form: Any) -> None:
    messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))


@login_required
@require_POST
def item_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    item = access.get_item_for_user(request.user, pk)
    access.require_edit(request.user)
    form = ItemEditForm(request.POST)
    if form.is_valid():
        _run(request, lambda: services.item_edit(actor=request.user, item=item, **form.cleaned_data), _("Đã lưu."))
    else:
        _invalid(request, form)
    return redirect("orders:period", item.period_id)


@login_required
@require_POST
def item_dispute(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    item = access.get_item_for_user(request.user, pk)
    access.require_accept(request.user, item.period.order)
    form = DisputeForm(request.POST)
    if form.is_valid():
        reason = form.cleaned_data["reason"]
        _run(request, lambda: services.item_dispute(actor=request.user, item=item, reason=reason), _("Đã gửi ý kiến."))
    else:
        _invalid(request, form)
    return redirect("orders:period", item.period_id)


@login_required
@require_POST
def item_answer(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    item = access.get_item_for_user(request.user, pk)
    access.require_edit(request.user)
    form = AnswerForm(request.POST)
    if form.is_valid():
        _run(
            request, lambda: services.item_answer(actor=request.user, item=item, **form.cleaned_data), _("Đã trả lời.")
        )
    else:
        _invalid(request, form)
    return redirect("orders:period", item.period_id)


@login_required
@require_POST
def period_propose(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    period = access.get_period_for_user(request.user, pk)
    access.require_edit(request.user)
    _run(request, lambda: services.period_propose(actor=request.user, period=period), _("Đã gửi đề nghị nghiệm thu."))
    return redirect("orders:period", period.pk)


@login_required
@require_POST
def period_accept(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    period = access.get_period_for_user(request.user, pk)
    access.require_accept(request.user, period.order)
    _run(request, lambda: services.period_accept(actor=request.user, period=period), _("Đã nghiệm thu kỳ."))
    return redirect("orders:period", period.pk)


@login_required
@require_POST
def payment_new(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    period = access.get_period_for_user(request.user, pk)
    access.require_edit(request.user)
    form = PaymentForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        _run(
            request, lambda: services.payment_record(actor=request.user, period=period, **data), _("Đã ghi thanh toán.")
        )
    else:
        _invalid(request, form)
    return redirect("orders:order", period.order_id)


@login_required
def minutes_download(request: AuthenticatedHttpRequest, pk: int, kind: str) -> FileResponse:
    period = access.get_period_for_user(request.user, pk)
    field = {"docx": period.minutes_docx, "xlsx": period.minutes_xlsx}.get(kind)
    if not field:
        raise Http404
    name = f"bien-ban-nghiem-thu-{period.pk}.{kind}"
    return FileResponse(field.open("rb"), as_attachment=True, filename=name)


@login_required
def snapshot_download(request: AuthenticatedHttpRequest, pk: int) -> FileResponse:
    item = access.get_item_for_user(request.user, pk)
    if not item.snapshot:
        raise Http404
    return FileResponse(item.snapshot.open("rb"), as_attachment=True, filename=f"trang-{item.article_id}.pdf")
