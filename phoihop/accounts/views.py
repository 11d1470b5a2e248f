from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from phoihop.accounts import access, selectors
from phoihop.accounts.http import AuthenticatedHttpRequest


@login_required
def my_account(request: AuthenticatedHttpRequest) -> HttpResponse:
    return render(request, "accounts/me.html", {"memberships": selectors.memberships_for(request.user)})


@login_required
def organization_detail(request: HttpRequest, pk: int) -> HttpResponse:
    organization = access.get_organization_for_user(request.user, pk)
    context = {
        "organization": organization,
        "children": selectors.organization_children(request.user, organization),
        "members": selectors.organization_members(organization),
        **selectors.organization_successions(organization),
    }
    return render(request, "accounts/organization_detail.html", context)
