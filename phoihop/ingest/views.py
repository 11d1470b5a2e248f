"""The triage desk's view of the e-mail intake (/toa-soan/thu-den/): held mail, release, reject."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from phoihop.accounts.http import AuthenticatedHttpRequest
from phoihop.exchange.access import can_triage
from phoihop.ingest import access, services
from phoihop.ingest.forms import RejectMailForm, ReleaseForm


@login_required
def quarantine(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not can_triage(request.user):
        raise Http404
    show_all = request.GET.get("muc") == "tat-ca"
    mails = access.mails_for_user(request.user)
    if not show_all:
        mails = mails.quarantined()
    page = Paginator(mails.select_related("submission"), 30).get_page(request.GET.get("trang"))
    return render(request, "ingest/quarantine.html", {"page": page, "show_all": show_all})


@login_required
def detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    mail = access.get_mail_for_user(request.user, pk)
    return render(
        request,
        "ingest/detail.html",
        {"mail": mail, "release_form": ReleaseForm(), "reject_form": RejectMailForm()},
    )


@login_required
@require_POST
def release(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    mail = access.get_mail_for_user(request.user, pk)
    form = ReleaseForm(request.POST)
    if form.is_valid():
        try:
            submission = services.quarantine_release(
                actor=request.user,
                mail=mail,
                organization=form.cleaned_data["organization"],
                title=form.cleaned_data["title"],
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            messages.success(request, _("Đã chuyển thư thành thông tin %(ref)s.") % {"ref": submission.reference})
            return redirect(submission.get_absolute_url())
    context = {"mail": mail, "release_form": form, "reject_form": RejectMailForm()}
    return render(request, "ingest/detail.html", context, status=400)


@login_required
@require_POST
def reject(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    mail = access.get_mail_for_user(request.user, pk)
    form = RejectMailForm(request.POST)
    if form.is_valid():
        try:
            services.quarantine_reject(actor=request.user, mail=mail, note=form.cleaned_data["note"])
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            messages.success(request, _("Đã loại thư."))
            return redirect("ingest:quarantine")
    context = {"mail": mail, "release_form": ReleaseForm(), "reject_form": form}
    return render(request, "ingest/detail.html", context, status=400)
