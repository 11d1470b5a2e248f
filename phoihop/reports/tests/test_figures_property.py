"""Property: for any story, every figure the dashboard, the DOCX and the XLSX show is a plain count of
the objects its definition names.

Hypothesis builds random stories under two programmes — articles live, draft or taken down, on some
themes or none, published on any day around the programme; submissions in every status received on
any day; information requests answered on time, late, never, or withdrawn; claims linked to the
programme by a tip, a request or a rebuttal, with or without an approved verdict — and picks a
period (the whole programme, a year, a quarter, a month, or a year outside it). Then the expected
figures are counted here in plain Python, object by object, from the definitions in the selectors'
docstring, and compared with what each output shows.
"""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

import time_machine
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from phoihop.accounts.models import Role
from phoihop.deadlines.models import DeadlinePolicy
from phoihop.exchange.models import InfoRequest, RefusalGround, Submission
from phoihop.factcheck.models import Claim, ClaimRequest, Domain, Tip, Verdict, VerdictLabel
from phoihop.portal import services as portal
from phoihop.portal.models import ArticlePage
from phoihop.reports import periods, services
from phoihop.reports.selectors import COLUMNS, FIGURES
from phoihop.reports.tests import readback
from phoihop.testing import build_personas, make_program, make_user

VN = ZoneInfo("Asia/Ho_Chi_Minh")
NOW = dt.datetime(2026, 12, 20, 12, 0, tzinfo=VN)
_serial = itertools.count(1)

# Any moment from two months before the programme (2026) to just after it, down to the minute, so
# stories land on both sides of every period's edges (local midnight).
moments = st.datetimes(
    min_value=dt.datetime(2025, 11, 1),  # noqa: DTZ001 — Hypothesis takes naive bounds, then applies `timezones`
    max_value=dt.datetime(2027, 1, 10),  # noqa: DTZ001
    timezones=st.just(VN),
).map(lambda moment: moment.replace(second=0, microsecond=0, fold=0))
PROGRAMMES = ("p", "p", "q", None)  # the programme under test (twice as likely), another one, none

article_specs = st.fixed_dictionaries(
    {
        "program": st.sampled_from(PROGRAMMES),
        "themes": st.sets(st.integers(0, 1), max_size=2),
        "state": st.sampled_from(["live", "draft", "taken_down"]),
        "at": moments,
    }
)
submission_specs = st.fixed_dictionaries(
    {
        "program": st.sampled_from(PROGRAMMES),
        "unit": st.sampled_from(["a", "child", "b"]),
        "status": st.sampled_from(list(Submission.Status.values)),
        "at": moments,
    }
)
request_specs = st.fixed_dictionaries(
    {
        "program": st.sampled_from(PROGRAMMES),
        "unit": st.sampled_from(["a", "child", "b"]),
        "at": moments,
        "due_hours": st.integers(1, 30 * 24),
        "outcome": st.sampled_from(["none", "answered", "partial", "refused", "withdrawn"]),
        "answer_hours": st.integers(0, 40 * 24),
    }
)
claim_specs = st.fixed_dictionaries(
    {
        "at": moments,
        "tip": st.sampled_from([None, "a", "child", "b"]),
        "request": st.sampled_from([None, "p:a", "none:a", "none:child", "none:b", "q:b"]),
        "rebuttal": st.sampled_from([None, "p", "q", "p-theme"]),
        "verdict": st.sampled_from([None, "draft", "approved"]),
    }
)
period_specs = st.sampled_from(
    [(periods.WHOLE, None, None), (periods.YEAR, 2026, None), (periods.YEAR, 2025, None)]
    + [(periods.QUARTER, 2026, q) for q in range(1, 5)]
    + [(periods.MONTH, 2026, m) for m in (1, 3, 6, 11, 12)]
)


def _at(month: int, day: int, hour: int = 9, minute: int = 0, year: int = 2026) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, tzinfo=VN)


# One story with every kind of object and every edge, always run before the random ones.
EVERYTHING = {
    "articles": [
        {"program": "p", "themes": {0}, "state": "live", "at": _at(4, 1, 0, 0)},  # first minute of Q2
        {"program": "p", "themes": {0, 1}, "state": "live", "at": _at(3, 31, 23, 59)},  # last minute of Q1
        {"program": "p", "themes": set(), "state": "taken_down", "at": _at(4, 10)},
        {"program": "p", "themes": {1}, "state": "draft", "at": _at(4, 11)},
        {"program": "q", "themes": {0}, "state": "live", "at": _at(4, 12)},
        {"program": "p", "themes": set(), "state": "live", "at": _at(12, 31, 23, 59, year=2025)},
    ],
    "submissions": [
        {"program": "p", "unit": "a", "status": status, "at": _at(5, 1 + i)}
        for i, status in enumerate(Submission.Status.values)
    ]
    + [
        {"program": "p", "unit": "child", "status": "published", "at": _at(6, 30, 23, 59)},
        {"program": "q", "unit": "b", "status": "published", "at": _at(5, 2)},
        {"program": None, "unit": "a", "status": "published", "at": _at(5, 3)},
    ],
    "requests": [
        {"program": "p", "unit": "a", "at": _at(4, 1), "due_hours": 48, "outcome": outcome, "answer_hours": hours}
        for outcome, hours in [("answered", 48), ("partial", 49), ("refused", 2), ("withdrawn", 0), ("none", 0)]
    ]
    + [
        {"program": "p", "unit": "child", "at": _at(12, 19), "due_hours": 72, "outcome": "none", "answer_hours": 0},
        {"program": "q", "unit": "b", "at": _at(4, 2), "due_hours": 48, "outcome": "answered", "answer_hours": 1},
    ],
    "claims": [
        {"at": _at(4, 3), "tip": "child", "request": None, "rebuttal": None, "verdict": "approved"},
        {"at": _at(4, 4), "tip": None, "request": "none:a", "rebuttal": None, "verdict": "draft"},
        {"at": _at(4, 5), "tip": None, "request": "p:a", "rebuttal": None, "verdict": None},
        {"at": _at(4, 6), "tip": None, "request": None, "rebuttal": "p-theme", "verdict": "approved"},
        {"at": _at(4, 7), "tip": "b", "request": "none:b", "rebuttal": "q", "verdict": "approved"},
    ],
}

stories = st.fixed_dictionaries(
    {
        "articles": st.lists(article_specs, max_size=3),
        "submissions": st.lists(submission_specs, max_size=6),
        "requests": st.lists(request_specs, max_size=5),
        "claims": st.lists(claim_specs, max_size=3),
        "period": period_specs,
    }
)


@dataclass
class World:
    programs: dict[str, Any]
    themes: dict[str, list[Any]]
    units: dict[str, Any]


class FigurePropertyTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        build_personas(cls)
        cls.program = make_program(cls)
        cls.other = make_program(cls, title="Chương trình với phường", parties=[cls.press, cls.unit_b],
                                 themes=["Môi trường", "Trật tự đô thị"])  # fmt: skip
        cls.category = portal.category_ensure(slug="thoi-su", title="Thời sự")
        cls.web = Client()
        cls.leader = make_user("tbt2", "Phó Tổng Biên tập", cls.press, Role.DEPUTY_EDITOR)
        cls.policy = DeadlinePolicy.objects.get(code="thuong")
        cls.ground = RefusalGround.objects.order_by("pk").first()
        cls.domain = Domain.objects.order_by("pk").first()
        cls.label = VerdictLabel.objects.order_by("sort_order", "pk").first()
        cls.world = World(
            programs={"p": cls.program, "q": cls.other},
            themes={key: list(program.themes.order_by("sort_order")) for key, program in (("p", cls.program),
                                                                                         ("q", cls.other))},
            units={"a": cls.unit_a, "child": cls.unit_a_child, "b": cls.unit_b},
        )  # fmt: skip

    # --- building the story ------------------------------------------------------------------

    def _article(self, key: str | None, themes: set[int], state: str, at: dt.datetime) -> ArticlePage:
        program = self.world.programs[key] if key else None
        chosen = [self.world.themes[key][i] for i in sorted(themes)] if key else []
        article = portal.article_create(
            actor=None,
            category=self.category,
            title=f"Bài {next(_serial)}",
            sapo="Sapo.",
            publish=state != "draft",
            published_at=at if state != "draft" else None,
            program=program,
            themes=chosen,
        )
        if state == "taken_down":
            article.unpublish()
        return article

    def build(self, story: dict[str, Any]) -> None:
        w = self.world
        for spec in story["articles"]:
            self._article(spec["program"], spec["themes"], spec["state"], spec["at"])
        for spec in story["submissions"]:
            unit = w.units[spec["unit"]]
            item = Submission.objects.create(
                reference=f"TT-P-{next(_serial)}",
                organization=unit,
                original_organization=unit,
                sender=self.liaison_a,
                program=w.programs.get(spec["program"] or ""),
                title="Thông tin",
                status=spec["status"],
                not_used_reason="Trùng." if spec["status"] == Submission.Status.NOT_USED else "",
            )
            Submission.objects.filter(pk=item.pk).update(created_at=spec["at"])
        for spec in story["requests"]:
            self._request(spec["program"], w.units[spec["unit"]], spec)
        for spec in story["claims"]:
            self._claim(spec)

    def _request(self, key: str | None, unit: Any, spec: dict[str, Any]) -> InfoRequest:
        sent = spec["at"]
        outcome = spec["outcome"]
        answered = outcome in {"answered", "partial", "refused"}
        return InfoRequest.objects.create(
            reference=f"ĐN-P-{next(_serial)}",
            requested_by=self.chief,
            press=self.press,
            organization=unit,
            original_organization=unit,
            program=self.world.programs.get(key or ""),
            subject="Đề nghị",
            questions="Câu hỏi",
            policy=self.policy,
            policy_version=self.policy.version_for(sent),
            sent_at=sent,
            due_at=sent + dt.timedelta(hours=spec["due_hours"]),
            status={"none": "sent"}.get(outcome, outcome),
            answered_at=sent + dt.timedelta(hours=spec["answer_hours"]) if answered else None,
            refusal_ground=self.ground if outcome == "refused" else None,
        )

    def _claim(self, spec: dict[str, Any]) -> Claim:
        w = self.world
        claim = Claim.objects.create(reference=f"KC-P-{next(_serial)}", title="Tin đồn", domain=self.domain)
        Claim.objects.filter(pk=claim.pk).update(created_at=spec["at"])
        if spec["tip"]:
            Tip.objects.create(
                reference=f"PA-P-{next(_serial)}",
                source="partner",
                status="grouped",
                claim=claim,
                domain=self.domain,
                description="Phản ánh.",
                organization=w.units[spec["tip"]],
            )
        if spec["request"]:
            key, unit = spec["request"].split(":")
            request_spec = {"at": spec["at"], "due_hours": 48, "outcome": "none", "answer_hours": 0}
            request = self._request(None if key == "none" else key, w.units[unit], request_spec)
            ClaimRequest.objects.create(claim=claim, info_request=request)
        rebuttal = None
        if spec["rebuttal"]:
            key = spec["rebuttal"].split("-")[0]
            themes = {0} if spec["rebuttal"].endswith("theme") else set()
            rebuttal = self._article(key, themes, "live", spec["at"])
            if spec["rebuttal"] == "p-theme":  # linked through its theme only (an older article)
                ArticlePage.objects.filter(pk=rebuttal.pk).update(program=None)
        if spec["verdict"] or rebuttal is not None:
            approved = spec["verdict"] == "approved"
            Verdict.objects.create(
                claim=claim,
                label=self.label,
                summary="Kết luận.",
                status="approved" if approved else "draft",
                drafted_by=self.chief,
                approved_by=self.leader if approved else None,
                approved_at=spec["at"] + dt.timedelta(days=1) if approved else None,
                rebuttal=rebuttal,
            )
        return claim

    # --- the expected figures, counted object by object ---------------------------------------

    def expected(self, period: periods.Period) -> dict[str, Any]:
        program = self.program
        inside = (lambda moment: period.start <= moment < period.end) if period.overlaps else (lambda moment: False)
        party = {self.unit_a.pk, self.unit_a_child.pk}
        theme_ids = {t.pk for t in self.world.themes["p"]}

        def linked(article: ArticlePage) -> bool:
            return article.program_id == program.pk or bool({t.pk for t in article.themes.all()} & theme_ids)

        articles = [a for a in ArticlePage.objects.all() if a.live and linked(a) and inside(a.first_published_at)]
        per_theme = {t.title: sum(1 for a in articles if t in a.themes.all()) for t in self.world.themes["p"]}
        unthemed = sum(1 for a in articles if not {t.pk for t in a.themes.all()} & theme_ids)
        submissions = [s for s in Submission.objects.all() if s.program_id == program.pk and inside(s.created_at)]
        requests = [r for r in InfoRequest.objects.all() if r.program_id == program.pk and inside(r.sent_at)]

        def outcome(r: InfoRequest) -> str:
            if r.answered_at is not None:
                return "on_time" if r.answered_at <= r.due_at else "late"
            if r.status == InfoRequest.Status.WITHDRAWN:
                return "withdrawn"
            return "overdue" if r.due_at < NOW else "pending"

        def concerns(claim: Claim) -> bool:
            if any(t.organization_id in party for t in claim.tips.all()):
                return True
            for link in claim.requests.select_related("info_request"):
                r = link.info_request
                if r.program_id == program.pk or (r.program_id is None and r.original_organization_id in party):
                    return True
            verdict = Verdict.objects.filter(claim=claim).select_related("rebuttal").first()
            return bool(verdict and verdict.rebuttal and linked(verdict.rebuttal.specific))

        claims = [c for c in Claim.objects.all() if inside(c.created_at) and concerns(c)]
        concluded = [c for c in claims if Verdict.objects.filter(claim=c, status="approved").exists()]
        status = Submission.Status
        count = {
            "articles": len(articles),
            "submissions": len(submissions),
            "submissions_used": sum(s.status == status.PUBLISHED for s in submissions),
            "submissions_not_used": sum(s.status == status.NOT_USED for s in submissions),
            "submissions_open": sum(s.status in Submission.OPEN_STATUSES for s in submissions),
            "requests": len(requests),
            **{f"requests_{name}": sum(outcome(r) == name for r in requests)
               for name in ("on_time", "late", "overdue", "pending", "withdrawn")},
            "claims": len(claims),
            "claims_concluded": len(concluded),
        }  # fmt: skip
        return {"figures": count, "per_theme": per_theme, "unthemed": unthemed}

    # --- the property -------------------------------------------------------------------------

    @settings(
        max_examples=12,
        deadline=None,
        database=None,
        print_blob=True,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @example(story={**EVERYTHING, "period": (periods.QUARTER, 2026, 2)})
    @given(story=stories)
    def test_every_figure_shown_is_a_count_of_what_it_names(self, story: dict[str, Any]) -> None:
        with time_machine.travel(NOW, tick=False):
            self.build(story)
            kind, year, index = story["period"]
            period = periods.make(kind, self.program.starts_on, self.program.ends_on, year, index)
            want = self.expected(period)
            labels = {figure.key: str(figure.label) for figure in FIGURES}
            expected_by_label = {labels[key]: value for key, value in want["figures"].items()}

            # One client for every example: a new one per example loads the middleware stack again.
            web = type(self).web
            web.force_login(self.chief)
            query = period.querystring()
            page = web.get(reverse("reports:dashboard", args=[self.program.pk]) + f"?{query}")
            xlsx = web.get(reverse("reports:dashboard_xlsx", args=[self.program.pk]) + f"?{query}")
            report = services.report_create(actor=self.chief, program=self.program, issuer=self.press, period=period)
            report = services.report_export(report_id=report.pk, now=NOW)
            outputs = {
                "dashboard": readback.dashboard(page.content),
                "xlsx": readback.xlsx(xlsx.content),
                "docx": readback.docx_report(report.docx.open("rb").read()),
                "report xlsx": readback.xlsx(report.xlsx.open("rb").read()),
            }
        themes_sum, articles_label = str(COLUMNS["themes_sum"]), labels["articles"]
        total = str(COLUMNS["sum"])
        theme_rows = dict(want["per_theme"])
        if want["unthemed"]:
            theme_rows[str(COLUMNS["unthemed"])] = want["unthemed"]
        theme_rows[themes_sum] = sum(theme_rows.values())
        theme_rows[articles_label] = want["figures"]["articles"]
        f = want["figures"]
        submission_total = {str(COLUMNS["total"]): f["submissions"], str(COLUMNS["used"]): f["submissions_used"],
                            str(COLUMNS["not_used"]): f["submissions_not_used"]}  # fmt: skip
        request_total = {
            str(COLUMNS[column]): f[key]
            for column, key in [("total", "requests"), ("on_time", "requests_on_time"), ("late", "requests_late"),
                                ("overdue", "requests_overdue"), ("pending", "requests_pending"),
                                ("withdrawn", "requests_withdrawn")]
        }  # fmt: skip
        for name, shown in outputs.items():  # (no subTest: Hypothesis turns it off under @given)
            shown_figures = {label: shown.figures.get(label) for label in expected_by_label}
            self.assertEqual(shown_figures, expected_by_label, name)
            self.assertEqual(shown.themes, theme_rows, name)
            self.assertLessEqual(submission_total.items(), shown.submissions[total].items(), name)
            self.assertLessEqual(request_total.items(), shown.requests[total].items(), name)
            self.assertEqual(shown.verdicts.get(total, 0), f["claims_concluded"], name)
