"""Every workspace page a demo persona may use is reachable by clicking from where they land.

For each login of the demo story the test

1. works out which workspace views the persona may use: for every URL pattern of the workspace
   (the URLconf, not a hand-kept list), it builds concrete addresses from the demo's objects the
   persona can see and keeps the views where one answers 200 to a GET;
2. crawls from the landing page (`LOGIN_REDIRECT_URL`) by following the pages' same-origin links
   (`<a href>`, and `<form method="get">`, which is a click on "Tìm"), GET only, inside the
   workspace, a bounded number of pages;
3. asserts that every view of (1) was reached in (2).

A view added to the workspace without a way to click to it fails here, and so does a pattern the
test cannot build an address for (`test_every_workspace_pattern_has_candidates`).
"""

from __future__ import annotations

import tempfile
from collections import deque
from collections.abc import Callable, Iterable
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urljoin, urlsplit

from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import TestCase
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse
from django.urls.exceptions import NoReverseMatch, Resolver404

from phoihop.core.origin import public_origin
from phoihop.demo import content, story

# The workspace: the address prefixes the crawl stays in, and the URL namespaces (or names) it covers.
PREFIXES = ("/phoi-hop/", "/toa-soan/", "/thong-bao/", "/tai-khoan/", "/lich-su/", "/tim-kiem/phoi-hop/")
NAMESPACES = {
    "exchange",
    "programs",
    "reports",
    "newsroom",
    "factcheck_workspace",
    "notifications",
    "accounts",
    "webhooks",
}
NAMES = {"spokespersons", "history", "search:workspace", "coverage_workspace"}
# Views one reaches by submitting a form, not by a link: they answer 200 to a GET but follow a POST.
AFTER_A_FORM = {
    "accounts:password_change_done",
    "accounts:password_reset_done",
    "accounts:password_reset_complete",
    "accounts:two_factor_codes",  # the new recovery codes, shown once after "Tạo bộ mã khôi phục mới"
}
# Per-article tools offered in the Wagtail admin's page actions (the crawl does not walk the admin;
# the workspace links to the admin for the people it lets in, checked below).
FROM_THE_ADMIN = {
    "newsroom:article_tools",
    "newsroom:takedown_confirm",
}  # the article tools page, opened from the admin, links the takedown
# The signed-out flows (log in, forgotten password): reached from the login page, checked signed out.
SIGNED_OUT = {
    "accounts:login",
    "accounts:password_reset",
    "accounts:password_reset_done",
    "accounts:password_reset_confirm",
    "accounts:password_reset_complete",
}
MAX_PAGES = 200
PER_VIEW = 2  # distinct addresses crawled per view (the inbox's filters and pages are many)


def workspace_patterns() -> dict[str, URLPattern]:
    """Every named URL pattern of the workspace, by its full name."""
    found: dict[str, URLPattern] = {}

    def walk(patterns: Iterable[Any], namespace: str | None) -> None:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, pattern.namespace or namespace)
            elif pattern.name:
                name = f"{namespace}:{pattern.name}" if namespace else pattern.name
                if namespace in NAMESPACES or name in NAMES:
                    found[name] = pattern

    walk(get_resolver().url_patterns, None)
    return found


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.targets: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "a" and values.get("href"):
            self.targets.append(values["href"] or "")
        elif tag == "form" and (values.get("method") or "get").lower() == "get":
            self.targets.append(values.get("action") or "")


FORMATS = ("csv", "xlsx")


def candidates() -> dict[str, Callable[[Any], list[str]]]:
    """How to build addresses for each workspace view, from the demo objects `user` may see."""
    from phoihop.accounts.access import scope_for, visible_organizations
    from phoihop.exchange import access as exchange_access
    from phoihop.factcheck.models import Claim, Evidence, Tip
    from phoihop.newsroom.models import Assignment, SectionMembership, Takedown
    from phoihop.notifications.models import Notification
    from phoihop.portal.models import ArticlePage
    from phoihop.programs.access import programs_for_user
    from phoihop.reports.access import annual_units_for_user, reports_for_user
    from phoihop.reports.models import SpokespersonReport
    from phoihop.webhooks.access import endpoints_for_user
    from phoihop.webhooks.models import WebhookDelivery

    def annual(u: Any) -> Any:
        return SpokespersonReport.objects.filter(organization__in=annual_units_for_user(u))

    def urls(name: str, rows: Iterable[Any], *extra: Any) -> list[str]:
        return [reverse(name, args=[row, *extra]) for row in list(rows)[:2]]

    def attachments(user: Any) -> list[str]:
        submissions = exchange_access.submissions_for_user(user)
        rows = [a.pk for s in submissions[:3] for a in s.attachments.all()]
        return urls("exchange:attachment", rows)

    def history(user: Any) -> list[str]:
        orgs = sorted(scope_for(user).member_of)[:1]
        subs = exchange_access.submissions_for_user(user).values_list("pk", flat=True)[:1]
        return [reverse("history", args=["accounts", "organization", pk]) for pk in orgs] + [
            reverse("history", args=["exchange", "submission", pk]) for pk in subs
        ]

    def pks(queryset: Any) -> list[int]:
        return list(queryset.values_list("pk", flat=True)[:2])

    def event_urls(name: str, user: Any) -> list[str]:
        return urls(name, pks(exchange_access.statement_events_for_user(user)))

    def conference_urls(name: str, user: Any) -> list[str]:
        return urls(name, pks(exchange_access.press_conferences_for_user(user)))

    def duty_urls(user: Any) -> list[str]:
        from phoihop.exchange.conferences import units_with_periodic_duty

        return urls("exchange:conference_duty", pks(units_with_periodic_duty(visible_organizations(user))))

    return {
        "exchange:conference": lambda u: conference_urls("exchange:conference", u),
        "exchange:conference_edit": lambda u: conference_urls("exchange:conference_edit", u),
        "exchange:conference_duty": duty_urls,
        # POST only (a GET answers 405).
        "exchange:conference_held": lambda u: conference_urls("exchange:conference_held", u),
        "exchange:conference_cancel": lambda u: conference_urls("exchange:conference_cancel", u),
        "exchange:conference_invite": lambda u: conference_urls("exchange:conference_invite", u),
        "exchange:conference_materials": lambda u: conference_urls("exchange:conference_materials", u),
        "exchange:conference_question": lambda u: conference_urls("exchange:conference_question", u),
        "exchange:submission": lambda u: urls("exchange:submission", pks(exchange_access.submissions_for_user(u))),
        "exchange:request": lambda u: urls("exchange:request", pks(exchange_access.info_requests_for_user(u))),
        "exchange:request_answer": lambda u: urls(
            "exchange:request_answer", pks(exchange_access.info_requests_for_user(u).filter(status="sent"))
        ),
        "exchange:attachment": attachments,
        # POST only (the petition page's "Ghi nhận đã báo kết quả" form).
        "exchange:petition_informed": lambda u: urls(
            "exchange:petition_informed", pks(exchange_access.info_requests_for_user(u).filter(kind="petition"))
        ),
        "exchange:petition_disclose": lambda u: urls(
            "exchange:petition_disclose", pks(exchange_access.info_requests_for_user(u).filter(kind="petition"))
        ),
        "exchange:event": lambda u: urls("exchange:event", pks(exchange_access.statement_events_for_user(u))),
        # POST only (a GET answers 405): listed so the crawl knows how to build them.
        "exchange:event_statement": lambda u: event_urls("exchange:event_statement", u),
        "exchange:event_stated": lambda u: event_urls("exchange:event_stated", u),
        "exchange:event_close": lambda u: event_urls("exchange:event_close", u),
        "exchange:statement_draft": lambda u: urls(
            "exchange:statement_draft",
            [s.pk for e in exchange_access.statement_events_for_user(u)[:2] for s in e.statements.all()],
        ),
        "exchange:message_new": lambda u: [
            reverse("exchange:message_new", args=["thong-tin", pk])
            for pk in pks(exchange_access.submissions_for_user(u))
        ],
        "exchange:submission_action": lambda u: [
            reverse("exchange:submission_action", args=[pk, "tiep-nhan"])
            for pk in pks(exchange_access.submissions_for_user(u))
        ],
        "newsroom:from_submission": lambda u: urls(
            "newsroom:from_submission", pks(exchange_access.submissions_for_user(u).filter(status="sent"))
        ),
        "programs:detail": lambda u: urls("programs:detail", pks(programs_for_user(u))),
        "programs:status": lambda u: urls("programs:status", pks(programs_for_user(u))),
        "reports:dashboard": lambda u: urls("reports:dashboard", pks(programs_for_user(u))),
        "reports:dashboard_xlsx": lambda u: urls("reports:dashboard_xlsx", pks(programs_for_user(u))),
        "reports:report_new": lambda u: urls("reports:report_new", pks(programs_for_user(u))),
        "reports:report": lambda u: urls("reports:report", pks(reports_for_user(u))),
        "reports:report_export": lambda u: urls("reports:report_export", pks(reports_for_user(u))),
        "reports:download": lambda u: [
            reverse("reports:download", args=[r.pk, kind])
            for r in reports_for_user(u)[:2]
            for kind in ("docx", "xlsx", "pdf")
            if getattr(r, kind, None)
        ],
        "webhooks:endpoint": lambda u: urls("webhooks:endpoint", pks(endpoints_for_user(u))),
        # POST only: the endpoint page's "Ngừng" button and a delivery's "Gửi lại".
        "webhooks:endpoint_deactivate": lambda u: urls("webhooks:endpoint_deactivate", pks(endpoints_for_user(u))),
        "webhooks:delivery_replay": lambda u: urls(
            "webhooks:delivery_replay", pks(WebhookDelivery.objects.filter(endpoint__in=endpoints_for_user(u)))
        ),
        "reports:spokesperson_unit": lambda u: urls("reports:spokesperson_unit", pks(annual_units_for_user(u))),
        # A POST button ("Lập báo cáo") on the unit's page.
        "reports:spokesperson_create": lambda u: urls("reports:spokesperson_create", pks(annual_units_for_user(u))),
        "reports:spokesperson_report": lambda u: urls("reports:spokesperson_report", pks(annual(u))),
        "reports:spokesperson_figure": lambda u: [
            reverse("reports:spokesperson_figure", args=[pk, "requests"]) for pk in pks(annual(u))
        ],
        "reports:spokesperson_export": lambda u: urls("reports:spokesperson_export", pks(annual(u))),
        "reports:spokesperson_download": lambda u: [
            reverse("reports:spokesperson_download", args=[r.pk, kind])
            for r in annual(u)[:2]
            for kind in ("docx", "xlsx", "pdf")
            if getattr(r, kind, None)
        ],
        "newsroom:article_tools": lambda u: urls("newsroom:article_tools", pks(ArticlePage.objects.live())),
        "newsroom:takedown_confirm": lambda u: urls("newsroom:takedown_confirm", pks(ArticlePage.objects.live())),
        "newsroom:takedown_restore": lambda u: urls(
            "newsroom:takedown_restore", pks(Takedown.objects.filter(restored_at__isnull=True))
        ),
        "newsroom:assignments_export": lambda u: [reverse("newsroom:assignments_export", args=[f]) for f in FORMATS],
        "exchange:inbox_export": lambda u: [reverse("exchange:inbox_export", args=[f]) for f in FORMATS],
        "factcheck_workspace:claims_export": lambda u: [
            reverse("factcheck_workspace:claims_export", args=[f]) for f in FORMATS
        ],
        "newsroom:assignment": lambda u: urls("newsroom:assignment", pks(Assignment.objects.all())),
        "newsroom:assignment_edit": lambda u: urls("newsroom:assignment_edit", pks(Assignment.objects.all())),
        # A POST button ("Tạo bản thảo") on the assignment's page: nobody opens it with a GET.
        "newsroom:assignment_draft": lambda u: urls("newsroom:assignment_draft", pks(Assignment.objects.all())),
        "newsroom:assignment_action": lambda u: urls(
            "newsroom:assignment_action", pks(Assignment.objects.all()), "bat-dau"
        ),
        "newsroom:section_member_add": lambda u: urls(
            "newsroom:section_member_add", pks(SectionMembership.objects.values("section__category_id"))
        ),
        "newsroom:section_member_remove": lambda u: urls(
            "newsroom:section_member_remove", pks(SectionMembership.objects.all())
        ),
        "newsroom:section_workflow": lambda u: [],  # POST only (the section page's form)
        "notifications:mark_read": lambda u: urls("notifications:mark_read", pks(Notification.objects.for_user(u))),
        "factcheck_workspace:tip": lambda u: urls("factcheck_workspace:tip", pks(Tip.objects.all())),
        "factcheck_workspace:tip_screenshot": lambda u: urls(
            "factcheck_workspace:tip_screenshot", pks(Tip.objects.all())
        ),
        "factcheck_workspace:tip_action": lambda u: urls("factcheck_workspace:tip_action", pks(Tip.objects.all()), "x"),
        "factcheck_workspace:claim": lambda u: urls("factcheck_workspace:claim", pks(Claim.objects.all())),
        "factcheck_workspace:claim_action": lambda u: urls(
            "factcheck_workspace:claim_action", pks(Claim.objects.all()), "x"
        ),
        "factcheck_workspace:checklist_action": lambda u: [],  # POST only (the claim page's checklist)
        "factcheck_workspace:evidence": lambda u: urls("factcheck_workspace:evidence", pks(Evidence.objects.all())),
        "accounts:organization": lambda u: urls(
            "accounts:organization", pks(visible_organizations(u).filter(pk__in=scope_for(u).member_of))
        ),
        "accounts:password_reset_confirm": lambda u: [],  # from the e-mailed link, signed-out
        "history": history,
    }


class ReachabilityTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.logins = Path(tempfile.mkdtemp()) / "logins.json"
        story.load(logins_path=cls.logins)
        User = get_user_model()
        cls.personas = [User.objects.get(username=spec["username"]) for spec in [*content.USERS, *content.EXTRA_USERS]]

    def addresses(self, user: Any) -> dict[str, list[str]]:
        """Each workspace view → the addresses to try for `user`."""
        built = candidates()
        result: dict[str, list[str]] = {}
        for name in workspace_patterns():
            if name in built:
                result[name] = built[name](user)
                continue
            try:
                result[name] = [reverse(name)]
            except NoReverseMatch:
                result[name] = []
        return result

    def allowed(self, user: Any, *, among: Iterable[str] | None = None) -> set[str]:
        """The workspace views (of `among`, or all) where one of the addresses answers 200 to a GET by `user`."""
        self.client.force_login(user)
        views = set()
        wanted = set(among) if among is not None else None
        for name, urls in self.addresses(user).items():
            if wanted is not None and name not in wanted:
                continue
            for url in urls:
                response = self.client.get(url)
                finish(response)
                if response.status_code == 200:
                    views.add(name)
                    break
        if "reports:index" in views and not uses_reports(user):
            # The list of programmes whose figures the user may read is empty for them: not a view they use.
            views.discard("reports:index")
        return views

    def crawl(self, user: Any) -> tuple[set[str], set[str]]:
        """Follow links from the landing page; the workspace views reached, and the URL names of
        every same-origin address seen (including the admin, which is not walked). Every link
        followed must open: a link that answers 403, 404 or 500 offers what the page refuses."""
        self.client.force_login(user)
        origins = {"http://testserver", public_origin()}
        landing = resolve_landing()
        queue: deque[str] = deque([landing])
        seen = {landing}
        per_view: dict[tuple[str, tuple[str, ...]], int] = {}
        reached: set[str] = set()
        linked: set[str] = set()
        pages = 0
        refused: list[str] = []
        while queue and pages < MAX_PAGES:
            url = queue.popleft()
            response = self.client.get(url)
            pages += 1
            if response.status_code != 200:
                finish(response)
                refused.append(f"{url} → {response.status_code}")
                continue
            path = urlsplit(url).path
            name = view_name(path)
            if name:
                reached.add(name)
            if response.streaming or not response.get("Content-Type", "").startswith("text/html"):
                finish(response)
                continue
            parser = Links()
            parser.feed(response.content.decode())
            for target in parser.targets:
                absolute = urljoin("http://testserver" + url, target)
                parts = urlsplit(absolute)
                if f"{parts.scheme}://{parts.netloc}" not in origins:
                    continue
                address = parts.path + (f"?{parts.query}" if parts.query else "")
                target_name = view_name(parts.path)
                if target_name:
                    linked.add(target_name)
                if address in seen or not parts.path.startswith(PREFIXES) or not target_name:
                    continue
                # The inbox's tabs (?muc=) are different lists of one view: each gets its budget.
                budget_key = (target_name, tuple(parse_qs(parts.query).get("muc", [])))
                if per_view.get(budget_key, 0) >= PER_VIEW:
                    continue
                per_view[budget_key] = per_view.get(budget_key, 0) + 1
                seen.add(address)
                queue.append(address)
        self.assertEqual(refused, [], f"{user.username} is offered links that do not open")
        return reached, linked

    def test_every_workspace_pattern_has_candidates(self) -> None:
        """A pattern with arguments the test cannot fill would never be checked: name it in `candidates`."""
        built = candidates()
        for name, pattern in workspace_patterns().items():
            with self.subTest(name):
                if name in built:
                    continue
                try:
                    reverse(name)
                except NoReverseMatch:
                    self.fail(f"{name} ({pattern.pattern}) takes arguments: add it to candidates()")

    def test_each_persona_reaches_every_view_it_may_use_by_clicking(self) -> None:
        for user in self.personas:
            with self.subTest(user.username):
                reached, linked = self.crawl(user)
                # Every view the crawl reached answered 200, so only the others need trying.
                unreached = set(workspace_patterns()) - reached - AFTER_A_FORM - FROM_THE_ADMIN - SIGNED_OUT
                missing = self.allowed(user, among=unreached)
                self.assertFalse(missing, f"{user.username} may use {sorted(missing)} but cannot click to them")
                if self.allowed(user, among=FROM_THE_ADMIN):
                    self.assertIn("wagtailadmin_home", linked, f"{user.username}: no link to the admin")
                # The case (#12 item 6): the people who read programme figures find the reports
                # by clicking; the others are not offered a list that would be empty for them.
                if reads_figures(user):
                    self.assertTrue({"reports:index", "reports:dashboard"} <= reached, user.username)
                elif uses_reports(user):
                    # A unit's spokesperson or liaison: the annual spokesperson report (Decree 244 Art. 10).
                    self.assertTrue({"reports:index", "reports:spokesperson_index"} <= reached, user.username)
                else:
                    self.assertNotIn("reports:index", linked, user.username)

    def test_a_visitor_finds_the_login_and_the_password_reset(self) -> None:
        self.client.logout()
        reached: set[str] = set()
        for url in (resolve_landing(), reverse("accounts:login")):
            parser = Links()
            parser.feed(self.client.get(url).content.decode())
            reached |= {view_name(urlsplit(urljoin("http://testserver" + url, t)).path) for t in parser.targets}
        self.assertTrue({"accounts:login", "accounts:password_reset"} <= reached, reached)


def reads_figures(user: Any) -> bool:
    """Whether `reports.access` lets the user read the figures of any programme they are party to."""
    from phoihop.programs.access import programs_for_user
    from phoihop.reports.access import can_view

    return any(can_view(user, program) for program in programs_for_user(user))


def uses_reports(user: Any) -> bool:
    """Whether "Báo cáo" is offered: figures to read, or a unit's annual spokesperson report to prepare."""
    from phoihop.accounts.access import scope_for
    from phoihop.accounts.roles import PARTNER_WRITE_ROLES

    scope = scope_for(user)
    return reads_figures(user) or scope.is_press_editor or bool(scope.units_with(PARTNER_WRITE_ROLES))


def finish(response: Any) -> None:
    """Read a streamed response (a file) to its end: the test client closes it then, the way a
    server would (closing it by hand would also close the test's database connection)."""
    if response.streaming:
        for _chunk in response.streaming_content:
            pass


def resolve_landing() -> str:
    """Where a login lands (`LOGIN_REDIRECT_URL`, a path or a URL name)."""
    target = str(settings.LOGIN_REDIRECT_URL)
    if target.startswith("/"):
        return target
    return reverse(target)


def view_name(path: str) -> str:
    try:
        match = resolve(path)
    except Resolver404:
        return ""
    return match.view_name
