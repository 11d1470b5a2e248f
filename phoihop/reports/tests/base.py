"""A programme of 2026 between the press and unit A with a known set of figures, built once.

Figures (now = 10/05/2026 10:00):

* themes: "Chuyển đổi số" (6 articles a quarter) and "Cải cách hành chính" (24 a year);
* submissions of unit A: Q1 three (published, not used, received), Q2 two (published, sent); unit A's
  department sends one in Q1, published;
* requests to unit A: February one answered on time and one late; April one overdue; May one not
  yet due;
* articles: Q1 two on "Chuyển đổi số", one on both themes;
  Q2 one on "Cải cách hành chính"; with reads in April and May.

Unit B has its own programme; its leader (`leader_b`) is the outsider here.
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

import time_machine

from phoihop.accounts.models import Role
from phoihop.deadlines.models import DeadlinePolicy
from phoihop.exchange import services as exchange
from phoihop.exchange.models import InfoRequest
from phoihop.programs.models import Program, Theme
from phoihop.testing import PersonaTestCase, make_program, make_user

VN = ZoneInfo("Asia/Ho_Chi_Minh")
NOW = dt.datetime(2026, 5, 10, 10, 0, tzinfo=VN)


def at(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, tzinfo=VN)


def build_report_data(t: Any) -> None:
    """The programme, its figures and unit B's own programme, set as attributes of `t` (a test class
    or a namespace that already holds the personas of `build_personas`)."""
    t.leader_b = make_user("ld_b", "Trương Thị Mai", t.unit_b, Role.LEADER)
    t.deputy_b = make_user("ld_b2", "Lý Văn Tâm", t.unit_b, Role.LIAISON)
    t.program = make_program(
        t,
        title="Chương trình phối hợp thông tin, tuyên truyền giữa Báo Thử Nghiệm và UBND xã An Khánh",
        number="01/CTPH-BTN-UBND",
        signatories=[
            (t.press, "Lê Thị Bích Ngọc", "Tổng Biên tập"),
            (t.unit_a, "Nguyễn Văn Hùng", "Chủ tịch UBND xã"),
        ],
    )
    t.digital, t.admin_reform = t.program.themes.order_by("sort_order")
    Theme.objects.filter(pk=t.digital.pk).update(target_count=6, target_period="quarter")
    Theme.objects.filter(pk=t.admin_reform.pk).update(target_count=24, target_period="year")
    t.other_program = make_program(
        t, title="Chương trình phối hợp với phường Bình Minh", parties=[t.press, t.unit_b], themes=()
    )
    _submissions(t)
    _requests(t)
    t.articles = _articles(t)


def _submission(t: Any, when: dt.datetime, sender: Any, unit: Any, outcome: str) -> None:
    with time_machine.travel(when, tick=False):
        item = exchange.submission_create(
            actor=sender, organization=unit, title=f"Thông tin {when:%d/%m} {outcome}", program=t.program
        )
        if outcome == "sent":
            return
        item = exchange.submission_acknowledge(actor=t.chief, submission=item)
        if outcome == "published":
            exchange.submission_mark_published(actor=t.chief, submission=item, url="https://bao.example/bai/")
        elif outcome == "not_used":
            exchange.submission_reject(actor=t.chief, submission=item, reason="Trùng nội dung đã đăng.")


def _submissions(t: Any) -> None:
    a, child = t.unit_a, t.unit_a_child
    _submission(t, at(2026, 1, 12, 9), t.liaison_a, a, "published")
    _submission(t, at(2026, 2, 3, 9), t.liaison_a, a, "not_used")
    _submission(t, at(2026, 3, 20, 9), t.liaison_a, a, "received")
    _submission(t, at(2026, 3, 25, 9), t.liaison_child, child, "published")
    _submission(t, at(2026, 4, 6, 9), t.liaison_a, a, "published")
    _submission(t, at(2026, 5, 4, 9), t.liaison_a, a, "sent")
    # Another programme's submission never counts here.
    with time_machine.travel(at(2026, 2, 1, 9), tick=False):
        exchange.submission_create(
            actor=t.deputy_b, organization=t.unit_b, title="Tin của phường", program=t.other_program
        )


def _request(t: Any, sent: dt.datetime, answer_after: dt.timedelta | None) -> InfoRequest:
    policy = DeadlinePolicy.objects.get(code="thuong")
    with time_machine.travel(sent, tick=False):
        request = exchange.info_request_create(
            actor=t.chief,
            organization=t.unit_a,
            subject=f"Đề nghị {sent:%d/%m}",
            questions="Đề nghị cung cấp số liệu.",
            policy=policy,
            program=t.program,
        )
    if answer_after is not None:
        with time_machine.travel(sent + answer_after, tick=False):
            exchange.info_request_answer(
                actor=t.liaison_a, request=request, outcome="answered", answer="Xin gửi số liệu."
            )
    return request


def _requests(t: Any) -> None:
    _request(t, at(2026, 2, 2, 9), dt.timedelta(hours=24))  # on time, 24 h
    _request(t, at(2026, 2, 23, 9), dt.timedelta(days=14))  # late, 336 h
    _request(t, at(2026, 4, 20, 9), None)  # overdue by 10/05
    _request(t, at(2026, 5, 8, 9), None)  # due after 10/05


def _articles(t: Any) -> list[Any]:
    from phoihop.portal import services as portal
    from phoihop.portal.models import ArticleDailyViews, ArticlePage

    through = ArticlePage._meta.get_field("themes").remote_field.through  # type: ignore[union-attr]
    category = portal.category_ensure(slug="chinh-quyen", title="Chính quyền")
    plan = [
        ("Xã An Khánh số hóa hồ sơ", at(2026, 1, 15, 8), [t.digital]),
        ("Dịch vụ công trực tuyến tăng", at(2026, 2, 15, 8), [t.digital]),
        ("Một cửa liên thông số", at(2026, 3, 10, 8), [t.digital, t.admin_reform]),
        ("Cải cách thủ tục đất đai", at(2026, 4, 10, 8), [t.admin_reform]),
    ]
    articles = []
    for title, published_at, themes in plan:
        article = portal.article_create(
            actor=None, category=category, title=title, sapo="Sapo.", published_at=published_at
        )
        ArticlePage.objects.filter(pk=article.pk).update(program=t.program)
        through.objects.bulk_create([through(articlepage_id=article.pk, theme_id=theme.pk) for theme in themes])
        articles.append(article)
    ArticleDailyViews.objects.bulk_create(
        [
            ArticleDailyViews(article=articles[0], day=dt.date(2026, 4, 2), views=120),
            ArticleDailyViews(article=articles[3], day=dt.date(2026, 4, 12), views=300),
            ArticleDailyViews(article=articles[3], day=dt.date(2026, 5, 2), views=50),
            ArticleDailyViews(article=articles[1], day=dt.date(2026, 2, 20), views=999),
        ]
    )
    return articles


class ReportsTestCase(PersonaTestCase):
    program: Program
    digital: Theme
    admin_reform: Theme
    leader_b: Any
    articles: list[Any]

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        build_report_data(cls)
