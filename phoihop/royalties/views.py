"""The royalty pages (/toa-soan/nhuan-but/): parse → access → service → render. Outside the press: 404."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from phoihop.accounts.http import AuthenticatedHttpRequest
from phoihop.portal.models import ArticlePage, CategoryPage
from phoihop.royalties import access, selectors, services
from phoihop.royalties.forms import MonthFilterForm, PaidForm, RoyaltyForm
from phoihop.royalties.models import GenreFrame, number
from phoihop.royalties.workbook import royalty_workbook


def _errors(request: AuthenticatedHttpRequest, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


def _month(request: AuthenticatedHttpRequest) -> tuple[MonthFilterForm, int, int, dict[str, object]]:
    form = MonthFilterForm(request.GET or None)
    year, month = form.period()
    data = form.cleaned_data if form.is_valid() else {}
    return form, year, month, {"section_id": data.get("section"), "status": data.get("status") or ""}


@login_required
def month_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    access.require_royalty_pages(request.user)
    form, year, month, filters = _month(request)
    royalties = selectors.month_royalties(request.user, year, month, **filters)  # type: ignore[arg-type]
    rows = [(r, selectors.visible_shares(request.user, r)) for r in royalties]
    context = {
        "filter_form": form,
        "month_value": f"{year:04d}-{month:02d}",
        "month_label": f"{month:02d}/{year}",
        "rows": rows,
        "sections": CategoryPage.objects.live().order_by("title"),
        "pending": selectors.articles_without_royalty(request.user, year, month),
        "genres": GenreFrame.objects.in_force_on(dt.date(year, month, 1)),
        "today": timezone.localdate(),
        "total": sum(share.amount for _royalty, shares in rows for share in shares),
        "can_decide": access.can_decide(request.user),
        "query": request.GET.urlencode(),
    }
    return render(request, "royalties/list.html", context)


@login_required
def month_xlsx(request: AuthenticatedHttpRequest) -> HttpResponse:
    access.require_royalty_pages(request.user)
    _form, year, month, filters = _month(request)
    royalties = selectors.month_royalties(request.user, year, month, **filters)  # type: ignore[arg-type]
    content = royalty_workbook(
        month_label=f"{month:02d}/{year}",
        authors=selectors.author_sheets(request.user, royalties),
        sections=selectors.section_sheets(royalties) if access.sees_all_lines(request.user) else [],
        royalties=royalties,
    )
    response = HttpResponse(content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="nhuan-but-{year:04d}-{month:02d}.xlsx"'
    return response


@login_required
def overdue_panel(request: AuthenticatedHttpRequest) -> HttpResponse:
    access.require_royalty_pages(request.user)
    today = timezone.localdate()
    context = {
        "groups": [
            (_("Quá hạn chi trả"), selectors.overdue(request.user, today)),
            (_("Đến hạn trong 7 ngày tới"), selectors.due_soon(request.user, today)),
        ],
    }
    return render(request, "royalties/overdue.html", context)


@login_required
@require_POST
def create(request: AuthenticatedHttpRequest, page_id: int) -> HttpResponse:
    access.require_royalty_pages(request.user)
    article = ArticlePage.objects.live().filter(pk=page_id).first()
    if article is None or article.first_published_at is None:
        raise Http404
    form = RoyaltyForm(request.POST, day=timezone.localdate(article.first_published_at))
    if not form.is_valid():
        messages.error(request, form.errors.as_text())
        return redirect("royalties:list")
    try:
        royalty = services.royalty_create(
            actor=request.user,
            article=article,
            genre_code=form.cleaned_data["genre"],
            coefficient=form.cleaned_data["coefficient"],
        )
    except PermissionDenied:
        raise Http404 from None
    except ValidationError as error:
        _errors(request, error)
        return redirect("royalties:list")
    return redirect("royalties:detail", pk=royalty.pk)


@login_required
def detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    royalty = access.get_royalty_for_user(request.user, pk)
    shares = selectors.visible_shares(request.user, royalty)
    can_prepare = access.can_prepare(request.user, royalty.section_id) and royalty.status == royalty.Status.DRAFT
    initial = {"genre": royalty.genre.code, "coefficient": number(royalty.coefficient)}
    form = RoyaltyForm(
        request.POST or None, day=royalty.published_on, shares=shares if can_prepare else None, initial=initial
    )
    if request.method == "POST":
        royalty = access.get_royalty_for_user(request.user, pk, write=True)
        if form.is_valid():
            inputs = [
                services.ShareInput(name=s.name, user=s.user, percent=Decimal(form.cleaned_data[f"share_{s.pk}"]))
                for s in shares
            ]
            try:
                services.royalty_update(
                    actor=request.user,
                    royalty=royalty,
                    genre_code=form.cleaned_data["genre"],
                    coefficient=form.cleaned_data["coefficient"],
                    shares=inputs,
                )
            except ValidationError as error:
                _errors(request, error)
            else:
                messages.success(request, _("Đã lưu bản tính nhuận bút."))
                return redirect("royalties:detail", pk=pk)
    context = {
        "royalty": royalty,
        "shares": shares,
        "form": form if can_prepare else None,
        "paid_form": PaidForm(initial={"paid_on": timezone.localdate().strftime("%d/%m/%Y")}),
        "can_decide": access.can_decide(request.user),
        "can_see_total": access.sees_all_lines(request.user),
        "overdue": royalty.is_overdue(timezone.localdate()),
    }
    return render(request, "royalties/detail.html", context)


@login_required
@require_POST
def approve(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    royalty = access.get_royalty_for_user(request.user, pk)
    try:
        services.royalty_approve(actor=request.user, royalty=royalty)
    except ValidationError as error:
        _errors(request, error)
    return redirect("royalties:detail", pk=pk)


@login_required
@require_POST
def pay(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    royalty = access.get_royalty_for_user(request.user, pk)
    form = PaidForm(request.POST)
    if not form.is_valid():
        messages.error(request, form.errors.as_text())
        return redirect("royalties:detail", pk=pk)
    try:
        services.royalty_mark_paid(actor=request.user, royalty=royalty, paid_on=form.cleaned_data["paid_on"])
    except ValidationError as error:
        _errors(request, error)
    return redirect("royalties:detail", pk=pk)
