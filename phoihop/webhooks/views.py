"""The webhook pages of the workspace (/phoi-hop/webhook/): a unit's endpoints, adding one (its
secret shown once), stopping one, and its delivery log with "Gửi lại". Parse → access → service → render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from phoihop.accounts.http import AuthenticatedHttpRequest
from phoihop.core.http import page_number
from phoihop.webhooks import access, events, services, signing
from phoihop.webhooks.forms import EndpointForm
from phoihop.webhooks.models import WebhookDelivery

PAGE_SIZE = 20
_SESSION_KEY = "webhooks.new_secret"


@login_required
def endpoint_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    access.require_manage(request.user)
    endpoints = access.endpoints_for_user(request.user).annotate(
        failed=Count("deliveries", filter=Q(deliveries__status=WebhookDelivery.Status.FAILED)),
        pending=Count("deliveries", filter=Q(deliveries__status=WebhookDelivery.Status.PENDING)),
    )
    return render(request, "webhooks/endpoint_list.html", {"endpoints": endpoints, "labels": events.EVENTS})


@login_required
def endpoint_new(request: AuthenticatedHttpRequest) -> HttpResponse:
    access.require_manage(request.user)
    form = EndpointForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            endpoint = services.endpoint_create(
                actor=request.user,
                organization=form.cleaned_data["organization"],
                url=form.cleaned_data["url"],
                events_chosen=form.cleaned_data["events"],
                description=form.cleaned_data["description"],
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            # Shown once, on the next page, then forgotten.
            request.session[_SESSION_KEY] = {"endpoint": endpoint.pk, "secret": endpoint.secret}
            messages.success(request, _("Đã thêm địa chỉ nhận webhook."))
            return redirect("webhooks:endpoint", endpoint.pk)
    return render(request, "webhooks/endpoint_form.html", {"form": form})


@login_required
def endpoint_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    endpoint = access.get_endpoint_for_user(request.user, pk)
    shown = request.session.get(_SESSION_KEY)
    secret = ""
    if shown and shown.get("endpoint") == endpoint.pk:
        secret = shown["secret"]
        del request.session[_SESSION_KEY]
    deliveries = endpoint.deliveries.all()
    paginator = Paginator(deliveries, PAGE_SIZE)
    number = page_number(request.GET.get("trang"))
    if number > paginator.num_pages:
        raise Http404
    return render(
        request,
        "webhooks/endpoint_detail.html",
        {
            "endpoint": endpoint,
            "secret": secret,
            "labels": events.EVENTS,
            "page_obj": paginator.page(number),
            "signature_header": signing.SIGNATURE_HEADER,
        },
    )


@login_required
@require_POST
def endpoint_deactivate(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    endpoint = access.get_endpoint_for_user(request.user, pk)
    services.endpoint_deactivate(actor=request.user, endpoint=endpoint)
    messages.success(request, _("Đã ngừng gửi đến địa chỉ này."))
    return redirect("webhooks:endpoint", endpoint.pk)


@login_required
@require_POST
def delivery_replay(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    delivery = access.get_delivery_for_user(request.user, pk)
    try:
        services.delivery_replay(actor=request.user, delivery=delivery)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Đã gửi lại sự kiện (một lần gửi mới trong nhật ký)."))
    return redirect(reverse("webhooks:endpoint", args=[delivery.endpoint_id]))
