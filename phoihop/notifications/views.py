from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from phoihop.accounts.http import AuthenticatedHttpRequest
from phoihop.notifications import access, selectors, services
from phoihop.notifications.delivery import base_url
from phoihop.notifications.forms import PreferenceForm

PAGE_SIZE = 20


@login_required
def inbox(request: AuthenticatedHttpRequest) -> HttpResponse:
    page = Paginator(selectors.inbox_for(request.user), PAGE_SIZE).get_page(request.GET.get("trang"))
    return render(request, "notifications/inbox.html", {"page": page})


@login_required
@require_POST
def mark_read(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    notification = access.get_notification_for_user(request.user, pk)
    services.notification_mark_read(actor=request.user, notification=notification)
    hosts = {request.get_host(), base_url().split("//", 1)[-1].split("/", 1)[0]}
    if notification.url and url_has_allowed_host_and_scheme(notification.url, hosts, request.is_secure()):
        return redirect(notification.url)
    return redirect("notifications:inbox")


@login_required
@require_POST
def mark_all_read(request: AuthenticatedHttpRequest) -> HttpResponse:
    count = services.notifications_mark_all_read(actor=request.user)
    messages.success(request, _("Đã đánh dấu %(count)s thông báo là đã đọc.") % {"count": count})
    return redirect("notifications:inbox")


@login_required
def preferences(request: AuthenticatedHttpRequest) -> HttpResponse:
    current = selectors.preference_for(request.user)
    form = PreferenceForm(
        request.POST or None, initial={"email_mode": current.email_mode, "digest_hour": current.digest_hour}
    )
    if request.method == "POST" and form.is_valid():
        services.preference_update(actor=request.user, user=request.user, **form.cleaned_data)
        messages.success(request, _("Đã lưu cách nhận thông báo."))
        return redirect(reverse("notifications:preferences"))
    return render(request, "notifications/preferences.html", {"form": form, "preference": current})
