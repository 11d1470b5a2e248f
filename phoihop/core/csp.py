"""The Content-Security-Policy header of every response (django-csp 4).

The policy itself is `CONTENT_SECURITY_POLICY` in the settings. This middleware adds the two things
that depend on the response:

* **Framing.** `frame-ancestors` follows the X-Frame-Options header Django and Wagtail already decide:
  `DENY` (every page) gives `'none'`, `SAMEORIGIN` (Wagtail's preview views, which the editor shows
  in an iframe) gives `'self'`. Browsers that know CSP obey `frame-ancestors` and ignore
  X-Frame-Options, so the two must say the same.
* **The Wagtail admin** (`PHOIHOP_CSP_ADMIN_PREFIXES`, `/admin/`) gets `PHOIHOP_CSP_ADMIN_REPLACE`
  on top of the policy: Wagtail 7.4's admin writes inline `<script>` (date pickers, inline panels)
  and `style` attributes, and has no nonce support, so its pages allow inline scripts and styles.
  The rest of the policy (no plugins, no foreign scripts, no framing by other sites, forms posting
  only here) still holds there. Everywhere else inline scripts need the request's nonce.

It sits before the page cache (`portal.cache.PageCacheMiddleware`), so a page served from the cache
gets its header fresh; the page cache never stores a page whose render used a nonce (a nonce must
not be replayed).
"""

from __future__ import annotations

from typing import Any

from csp.constants import NONE, SELF
from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.http import HttpRequest, HttpResponseBase


def is_admin_path(path: str) -> bool:
    return path.startswith(tuple(getattr(settings, "PHOIHOP_CSP_ADMIN_PREFIXES", ("/admin/",))))


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    def get_policy_parts(
        self, request: HttpRequest, response: HttpResponseBase, report_only: bool = False
    ) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only=report_only)
        replace: dict[str, Any] = {}
        if is_admin_path(request.path_info):
            replace.update(getattr(settings, "PHOIHOP_CSP_ADMIN_REPLACE", {}))
        framing = str(response.get("X-Frame-Options", "")).upper()
        replace["frame-ancestors"] = [SELF] if framing == "SAMEORIGIN" else [NONE]
        # A view's own @csp_replace wins over ours.
        parts.replace = {**replace, **(parts.replace or {})}
        return parts
