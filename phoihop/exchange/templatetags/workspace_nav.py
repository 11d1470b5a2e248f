"""The workspace's navigation, shown in the header of every page to a signed-in user.

`{% workspace_nav %}` (loaded by the site's `base.html`) lists the workspace's sections the user may
use and the workspace search box. Each link is shown on the same rule its page applies, read from the
role policy (`accounts.roles` through `UserScope`), so nobody is offered a page that refuses them:

* Phối hợp (the inbox), Sự kiện cần phát ngôn (events and their 24-hour clocks), Họp báo (press
  conferences, briefings and the periodic duty), Chương trình, Kiểm chứng, the search: every
  signed-in user (each page shows only what the user's units may see);
* Người phát ngôn, Đưa tin (the coverage feeds and embed code for the unit's portal): members of a unit;
* Báo cáo: those who read programme figures — the press's editors and leaders, partner leaders — and the
  units' spokespersons and liaisons, who prepare the annual spokesperson report;
* Webhook: a unit's leaders, spokespersons and liaisons, the press's leaders (who manage endpoints);
* Tòa soạn: members of the press; Quản trị: those Wagtail lets into its admin.
"""

from __future__ import annotations

from typing import Any

from django import template

from phoihop.accounts.access import scope_for
from phoihop.accounts.roles import PARTNER_WRITE_ROLES, PRESS_LEADER_ROLES

register = template.Library()

# The section a page belongs to, by its URL namespace (or URL name outside a namespace).
SECTIONS = {
    "exchange": "exchange",
    "statements": "statements",
    "conferences": "conferences",
    "programs": "programs",
    "reports": "reports",
    "newsroom": "newsroom",
    "factcheck_workspace": "factcheck",
    "spokespersons": "spokespersons",
    "coverage_workspace": "coverage",
    "webhooks": "webhooks",
    "workspace_search": "search",
}


@register.inclusion_tag("exchange/_workspace_nav.html", takes_context=True)
def workspace_nav(context: dict[str, Any]) -> dict[str, Any]:
    request = context.get("request")
    user = getattr(request, "user", None)
    if request is None or user is None or not user.is_authenticated:
        return {"show": False}
    scope = scope_for(user)
    match = getattr(request, "resolver_match", None)
    key = ""
    if match is not None:
        key = "workspace_search" if match.view_name == "search:workspace" else (match.namespace or match.url_name or "")
        if match.namespace == "exchange" and (match.url_name or "").startswith(("event", "statement")):
            key = "statements"
        if match.namespace == "exchange" and (match.url_name or "").startswith("conference"):
            key = "conferences"
    return {
        "show": True,
        "current": SECTIONS.get(key, ""),
        "member": bool(scope.member_of),
        "is_press": scope.is_press,
        # A unit's spokesperson and liaison prepare its annual spokesperson report (Decree 244 Art. 10),
        # which lives under Báo cáo too.
        # Those who manage their unit's webhooks (webhooks.access.MANAGER_ROLES).
        "webhooks": any(
            scope.tree_for(org_id).is_active(org_id)
            for org_id in scope.units_with(PARTNER_WRITE_ROLES | PRESS_LEADER_ROLES)
        ),
        "reports": scope.is_press_editor or bool(scope.units_with(PARTNER_WRITE_ROLES)),
        "admin": user.has_perm("wagtailadmin.access_admin"),
        "query": request.GET.get("q", "") if key == "workspace_search" else "",
    }
