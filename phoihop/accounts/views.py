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
    successions = selectors.organization_successions(organization)
    related = {organization.parent_id}
    related |= {s.successor_id for s in successions["successors"]} | {
        s.predecessor_id for s in successions["predecessors"]
    }
    scope = access.scope_for(request.user)
    context = {
        "organization": organization,
        # A unit the user may not open (the parent of their own, a successor) is named, not linked.
        "visible_ids": {org_id for org_id in related if scope.can_see(org_id)},
        "children": selectors.organization_children(request.user, organization),
        "members": selectors.organization_members(organization),
        **successions,
    }
    return render(request, "accounts/organization_detail.html", context)
