"""Load the demo story: the newspaper, huyện Thanh Trì and its successors, the 2023–2025 and
2025–2026 programmes, one login per role, categories, illustrations, a dozen articles (each under its
programme and themes), what the partners sent and answered under each programme, and two claims
verified with a partner unit.

Idempotent: every object is looked up by a natural key (name, username, slug, image title, subject)
before it is created, so running it twice doubles nothing. All writes go through the apps' services;
the story's past is then dated on its days by a plain update of the time columns (and the reference
taken from that year's counter), as `article_create(published_at=…)` does for articles.
"""

from __future__ import annotations

import datetime as dt
import html
import io
import json
import re
import secrets
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.images import ImageFile
from django.db import transaction
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.rich_text import RichText

from phoihop.accounts import services as account_services
from phoihop.accounts.models import Membership, Organization, OrganizationLevel
from phoihop.core.origin import public_url
from phoihop.demo import content
from phoihop.demo.images import draw
from phoihop.newsroom import services as newsroom_services
from phoihop.portal import services as portal_services
from phoihop.portal.models import ArticlePage, CategoryPage
from phoihop.programs.models import Program, Spokesperson
from phoihop.programs.services import program_create

IMAGE_PLACEHOLDER = re.compile(r"^\{image:(\d+)\}$")


@dataclass
class DemoResult:
    created: dict[str, int] = field(default_factory=dict)
    logins: list[dict[str, str]] = field(default_factory=list)

    def count(self, kind: str) -> None:
        self.created[kind] = self.created.get(kind, 0) + 1


def _level(code: str | None) -> OrganizationLevel | None:
    return OrganizationLevel.objects.filter(code=code).first() if code else None


def _org(
    result: DemoResult, *, name: str, kind: str, parent: Organization | None = None, **fields: Any
) -> Organization:
    existing = Organization.objects.filter(name=name, kind=kind).first()
    if existing is not None:
        return existing
    level = _level(fields.pop("level", None))
    known = {k: v for k, v in fields.items() if k in {"short_name", "address", "email", "phone", "website"}}
    result.count("organizations")
    return account_services.organization_create(actor=None, name=name, kind=kind, level=level, parent=parent, **known)


def _organizations(result: DemoResult) -> dict[str, Any]:
    data = content.ORGANIZATIONS
    press = _org(
        result, name=data["press"]["name"], kind=Organization.Kind.PRESS, short_name=data["press"]["short_name"]
    )
    city = None
    if data.get("city_level"):
        city = _org(result, kind=Organization.Kind.PARTNER, **data["city_level"])
    district_data = {k: v for k, v in data["district"].items() if k != "merged_on"}
    district = _org(result, kind=Organization.Kind.PARTNER, parent=city, **district_data)
    departments = [
        _org(result, kind=Organization.Kind.PARTNER, parent=district, **{k: v for k, v in d.items() if k != "note"})
        for d in data["departments"]
    ]
    successors = [
        _org(result, kind=Organization.Kind.PARTNER, parent=city, **{k: v for k, v in s.items() if k != "note"})
        for s in data["successors"]
    ]
    return {"press": press, "district": district, "departments": departments, "successors": successors}


def _merge(result: DemoResult, orgs: dict[str, Any]) -> None:
    """01/7/2025: the district and its departments pass to the successors (after their history)."""
    merged_on = dt.date.fromisoformat(content.ORGANIZATIONS["district"]["merged_on"])
    basis = "Nghị quyết số 1656/NQ-UBTVQH15 ngày 16/6/2025 (ví dụ minh họa về đơn vị kế thừa)"
    district, successors = orgs["district"], orgs["successors"]
    # Which successor took which department is not known for sure: the demo sends everything
    # to its first, plainly illustrative successor.
    for unit in [*orgs["departments"], district]:
        unit.refresh_from_db()
        if unit.status == Organization.Status.ACTIVE:
            targets = successors if unit.pk == district.pk else successors[:1]
            account_services.organization_merge(
                actor=None, organization=unit, successors=targets, effective_on=merged_on, legal_basis=basis
            )
            unit.refresh_from_db()
            result.count("mergers")


def _program(result: DemoResult, orgs: dict[str, Any]) -> Program:
    data = content.PROGRAM
    existing = Program.objects.filter(title=data["title"]).first()
    if existing is not None:
        return existing
    side = {"press": orgs["press"], "district": orgs["district"]}
    result.count("programs")
    return program_create(
        actor=None,
        title=data["title"],
        number=data.get("number", ""),
        parties=[orgs["press"], orgs["district"]],
        signed_on=dt.date.fromisoformat(data["signed_on"]),
        starts_on=dt.date.fromisoformat(data["starts_on"]),
        ends_on=dt.date.fromisoformat(data["ends_on"]),
        status=data.get("status", Program.Status.ACTIVE),
        legal_bases=data.get("legal_bases", ""),
        purpose=data.get("purpose", ""),
        signatories=[(side[s["side"]], s["full_name"], s["title"]) for s in data["signatories"]],
        themes=data["themes"],
    )


def _program_2025(result: DemoResult, orgs: dict[str, Any]) -> Program:
    """The running programme with the successor commune (illustrative), with theme targets."""
    data = content.PROGRAM_2025
    existing = Program.objects.filter(title=data["title"]).first()
    if existing is not None:
        return existing
    commune = orgs["successors"][data["successor"]]
    side = {"press": orgs["press"], "successor": commune}
    program = program_create(
        actor=None,
        title=data["title"],
        number=data["number"],
        parties=[orgs["press"], commune],
        signed_on=dt.date.fromisoformat(data["signed_on"]),
        starts_on=dt.date.fromisoformat(data["starts_on"]),
        ends_on=dt.date.fromisoformat(data["ends_on"]),
        status=data["status"],
        legal_bases=data["legal_bases"],
        purpose=data["purpose"],
        signatories=[(side[s["side"]], s["full_name"], s["title"]) for s in data["signatories"]],
        themes=[title for title, _n, _per in data["themes"]],
    )
    for theme, (_title, target, per) in zip(program.themes.order_by("sort_order"), data["themes"], strict=True):
        if target:
            theme.target_count, theme.target_period = target, per
            theme.save(update_fields=["target_count", "target_period"])
    result.count("programs")
    return program


def _spokespersons(orgs: dict[str, Any]) -> None:
    """The commune's spokespersons under Decree 244/2026, through the programmes service (idempotent by name)."""
    from django.utils import timezone

    from phoihop.programs import services as program_services

    today = timezone.localdate()
    head = None
    for data in content.SPOKESPERSONS:
        unit = orgs["successors"][data["successor"]]
        existing = Spokesperson.objects.filter(organization=unit, full_name=data["full_name"]).first()
        if existing is not None:
            head = existing if existing.role == Spokesperson.Role.HEAD else head
            continue
        if "valid_from_days" in data:
            valid_from = today + dt.timedelta(days=data["valid_from_days"])
            valid_to = today + dt.timedelta(days=data["valid_to_days"])
        else:
            valid_from, valid_to = dt.date.fromisoformat(data["valid_from"]), None
        common = {
            "full_name": data["full_name"],
            "title": data["title"],
            "phone": data.get("phone", ""),
            "email": data.get("email", ""),
            "valid_from": valid_from,
            "decision_number": data.get("decision_number", ""),
        }
        if data["role"] == Spokesperson.Role.AUTHORIZED:
            if head is None or valid_to is None:
                raise ValueError("an authorization needs the head before it and an end (content.SPOKESPERSONS)")
            program_services.spokesperson_authorize(
                actor=None, granted_by=head, matter=data["matter"], valid_to=valid_to, **common
            )
            continue
        decided_at = dt.datetime.fromisoformat(data["decided_at"]) if data.get("decided_at") else None
        published_at = dt.datetime.fromisoformat(data["published_at"]) if data.get("published_at") else None
        person = program_services.spokesperson_appoint(
            actor=None, organization=unit, role=data["role"], decided_at=decided_at, now=published_at, **common
        )
        if person.role == Spokesperson.Role.HEAD:
            head = person


def _demo_docx(text: str) -> Any:
    import docx
    from django.core.files.uploadedfile import SimpleUploadedFile

    document = docx.Document()
    document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return SimpleUploadedFile("van-ban.docx", buffer.getvalue())


def _when(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text)


def _redate(model: Any, pk: int, **moments: dt.datetime) -> None:
    """Move an item the services wrote "now" to its day in the story (a plain update of its time
    columns, as `article_create(published_at=…)` does for articles); nothing else changes."""
    model.objects.filter(pk=pk).update(**moments)


def _number_for_year(model: Any, pk: int, counter: str, moment: dt.datetime) -> None:
    """An item the services numbered in this year's sequence, as they ran, belongs to `moment`'s year:
    it takes that year's next number, and this year's number goes back to its sequence. That number
    was the last one drawn, in this same transaction, and nothing else refers to it, so both
    sequences stay gap-free ("TT-2026-000001" is then the first submission of 2026 in the story).
    `counter` is the sequence's key without its year ("submission" → "submission:2024")."""
    from phoihop.core.models import Counter
    from phoihop.core.services import next_number

    reference = model.objects.values_list("reference", flat=True).get(pk=pk)
    prefix, issued_year, issued = reference.rsplit("-", 2)
    year = timezone.localdate(moment).year
    if int(issued_year) == year:
        return
    number = next_number(f"{counter}:{year}")
    model.objects.filter(pk=pk).update(reference=f"{prefix}-{year}-{number:0{len(issued)}d}")
    Counter.objects.filter(key=f"{counter}:{issued_year}", value=int(issued)).update(value=int(issued) - 1)


def _send_submission(
    spec: dict[str, Any], *, sender: Any, unit: Organization, program: Program, files: list[Any]
) -> Any:
    """One submission through the exchange services, taken as far as its status in the story, then
    dated on the story's days."""
    from phoihop.exchange import services as exchange
    from phoihop.exchange.models import Submission

    editor = get_user_model().objects.get(username="truongban")
    submission = exchange.submission_create(
        actor=sender,
        organization=unit,
        title=spec["title"],
        body=spec["body"],
        kind=spec["kind"],
        priority=spec["priority"],
        program=program,
        event_starts_at=_when(spec["event_starts_at"]) if spec.get("event_starts_at") else None,
        event_location=spec.get("event_location", ""),
        files=files,
    )
    sent_at = _when(spec["sent_at"])
    changed_at = sent_at
    if spec["status"] in {"received", "published", "not_used"}:
        exchange.submission_acknowledge(actor=editor, submission=submission)
        changed_at = sent_at + dt.timedelta(hours=2)
    if spec.get("assign"):
        # The same one-click service as the newsroom's "Giao việc" button: the draft holds the
        # partner's files, private until an editor publishes them with the article.
        newsroom_services.assignment_from_submission(
            actor=editor,
            submission=submission,
            assignee=get_user_model().objects.get(username=spec["assign"]["to"]),
            section=CategoryPage.objects.get(slug=spec["assign"]["section"]),
            due_at=timezone.now() + dt.timedelta(days=spec["assign"]["days"]),
        )
    if spec["status"] == "published":
        article = ArticlePage.objects.filter(slug=spec["article_slug"]).first()
        if article is not None:
            exchange.submission_mark_published(
                actor=editor, submission=submission, url=public_url(article.get_url() or "/"), page=article
            )
            changed_at = article.first_published_at or changed_at
    elif spec["status"] == "not_used":
        exchange.submission_reject(actor=editor, submission=submission, reason=spec["not_used_reason"])
        changed_at = sent_at + dt.timedelta(days=1)
    _redate(Submission, submission.pk, created_at=sent_at, status_changed_at=changed_at, updated_at=changed_at)
    _number_for_year(Submission, submission.pk, "submission", sent_at)
    return submission


def _send_request(spec: dict[str, Any], *, unit: Organization, program: Program, answerer: Any) -> Any:
    """One information request sent on its day; answered on time or late (`on_time`), or after
    `answered_after_hours`, when the story says it was answered."""
    from phoihop.deadlines.models import DeadlinePolicy
    from phoihop.exchange import services as exchange
    from phoihop.exchange.models import InfoRequest

    chief = get_user_model().objects.get(username="tongbientap")
    request = exchange.info_request_create(
        actor=chief,
        organization=unit,
        subject=spec["subject"],
        questions=spec["questions"],
        policy=DeadlinePolicy.objects.get(code=spec["policy"]),
        program=program,
        now=_when(spec["sent_at"]),
    )
    if spec["answer"]:
        exchange.info_request_answer(actor=answerer, request=request, outcome="answered", answer=spec["answer"])
        if "answered_after_hours" in spec:
            answered_at = request.sent_at + dt.timedelta(hours=spec["answered_after_hours"])
        elif spec["on_time"]:
            answered_at = request.sent_at + (request.due_at - request.sent_at) / 2
        else:
            answered_at = request.due_at + dt.timedelta(days=3)
        _redate(InfoRequest, request.pk, answered_at=answered_at, updated_at=answered_at)
    return request


def _exchange(result: DemoResult, orgs: dict[str, Any], program: Program) -> None:
    """The commune's submissions and the newspaper's requests under the 2025–2026 programme."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from phoihop.exchange.models import InfoRequest, Submission

    User = get_user_model()
    commune = orgs["successors"][content.PROGRAM_2025["successor"]]
    liaison = User.objects.get(username="daumoixa")
    for spec in sorted(content.SUBMISSIONS, key=lambda spec: spec["sent_at"]):
        if Submission.objects.filter(title=spec["title"]).exists():
            continue
        files = []
        if spec.get("attachment") == "docx":
            files.append(_demo_docx(spec["body"]))
        elif spec.get("attachment") == "jpeg":
            files.append(
                SimpleUploadedFile("anh.jpg", draw("meeting", ["#1d3557", "#a8dadc", "#e63946"], spec["title"]))
            )
        _send_submission(spec, sender=liaison, unit=commune, program=program, files=files)
        result.count("submissions")
    # A second `make demo PORT=…` moves the public origin: the story's "đã đăng" links follow it. Only
    # the link text changes (no status, no history), so this is a plain update of the demo's rows.
    titles = [spec["title"] for spec in [*content.SUBMISSIONS, *content.SUBMISSIONS_2023]]
    for submission in Submission.objects.filter(
        title__in=titles, status=Submission.Status.PUBLISHED, published_page__isnull=False
    ).select_related("published_page"):
        page = submission.published_page
        url = public_url(page.get_url() or "/") if page is not None else submission.published_url
        if submission.published_url != url:
            Submission.objects.filter(pk=submission.pk).update(published_url=url)
    for spec in sorted(content.INFO_REQUESTS, key=lambda spec: spec["sent_at"]):
        if InfoRequest.objects.filter(subject=spec["subject"]).exists():
            continue
        _send_request(spec, unit=commune, program=program, answerer=liaison)
        result.count("info_requests")
    # An event calling for a statement, opened by the newsroom six hours ago: its 24-hour clock runs.
    from phoihop.exchange import statements
    from phoihop.exchange.models import StatementEvent

    event_title = "Sạt lở bờ sông đoạn qua thôn Thượng"
    if not StatementEvent.objects.filter(title=event_title).exists():
        statements.event_open(
            actor=User.objects.get(username="tongbientap"),
            organization=commune,
            kind=StatementEvent.Kind.INCIDENT,
            title=event_title,
            description="Khoảng 40 m bờ sông bị sạt lở trong đêm, ba hộ dân phải di dời tạm thời. Báo đề nghị xã "
            "phát ngôn, cung cấp thông tin ban đầu về thiệt hại và phương án xử lý.",
            opened_at=timezone.now() - dt.timedelta(hours=6),
        )
        result.count("statement_events")


def _petitions(result: DemoResult, orgs: dict[str, Any]) -> None:
    """Two citizens' petitions the newspaper forwarded to the commune (Decree 237/2026 Art. 18(3)–(5)):
    one the commune answered today, so the newspaper's own clock to inform the reader runs; one past
    the commune's 15 working days without its notice, so the newsroom has been told it may forward it
    to a higher body or publish it. The petitioners' names and contacts stay with the newsroom."""
    from phoihop.exchange import services as exchange
    from phoihop.exchange.models import InfoRequest

    User = get_user_model()
    commune = orgs["successors"][content.PROGRAM_2025["successor"]]
    sender, desk = User.objects.get(username="truongban"), User.objects.get(username="bientapvien")
    now = timezone.now()
    specs: list[dict[str, Any]] = [
        {
            "subject": "Bạn đọc phản ánh đường liên thôn ngập sau mưa",
            "content": "Bạn đọc phản ánh đoạn đường liên thôn dài khoảng 300 m ngập sâu sau mỗi trận mưa lớn, học "
            "sinh phải lội nước đến trường. Đề nghị xã kiểm tra, có biện pháp khắc phục.",
            "nature": InfoRequest.PetitionNature.REPORT,
            "petitioner_name": "Nguyễn Văn Tư (minh họa)",
            "petitioner_contact": "Thôn Đông, 0912 000 001 (minh họa)",
            "channel": InfoRequest.PetitionChannel.LETTER,
            "days_ago": 18,
            "answer": "UBND xã đã khảo sát hiện trường; đoạn đường được đưa vào kế hoạch nâng nền, khơi thông "
            "rãnh thoát nước trong tháng tới. Trước mắt xã bố trí máy bơm khi mưa lớn.",
        },
        {
            "subject": "Kiến nghị về chợ tạm lấn chiếm lòng đường",
            "content": "Nhiều hộ dân kiến nghị xã sắp xếp lại chợ tạm họp trên lòng đường trục chính, gây ùn tắc "
            "giờ cao điểm và mất an toàn giao thông.",
            "nature": InfoRequest.PetitionNature.PETITION,
            "petitioner_name": "Nhóm hộ dân tổ 5 (minh họa)",
            "petitioner_contact": "Đại diện: bà Trần Thị Hoa, 0987 000 002 (minh họa)",
            "channel": InfoRequest.PetitionChannel.WEBSITE,
            "days_ago": 30,
            "answer": "",
        },
    ]
    for spec in specs:
        if InfoRequest.objects.filter(subject=spec["subject"]).exists():
            continue
        sent_at = now - dt.timedelta(days=spec["days_ago"])
        petition = exchange.petition_forward(
            actor=sender,
            organization=commune,
            subject=spec["subject"],
            content=spec["content"],
            nature=spec["nature"],
            petitioner_name=spec["petitioner_name"],
            petitioner_contact=spec["petitioner_contact"],
            channel=spec["channel"],
            received_on=timezone.localdate(sent_at) - dt.timedelta(days=1),
            desk_editor=desk,
            now=sent_at,
        )
        _redate(InfoRequest, petition.pk, created_at=sent_at, updated_at=sent_at)
        if spec["answer"]:
            exchange.info_request_answer(
                actor=User.objects.get(username="daumoixa"), request=petition, outcome="answered", answer=spec["answer"]
            )
        result.count("petitions")
    # The scheduler's petition job, run once now: the overdue one's notice reaches the newsroom.
    exchange.petition_deadline_notices(now=now)


def _press_conferences(result: DemoResult, orgs: dict[str, Any]) -> None:
    """The commune's press conferences (issue #13 item 4): one held three days ago, with the questions
    the press asked and the answers, and one planned in five days, to which the newspaper is invited."""
    from phoihop.exchange import conferences
    from phoihop.exchange.models import PressConference

    User = get_user_model()
    commune = orgs["successors"][content.PROGRAM_2025["successor"]]
    leader, liaison = User.objects.get(username="lanhdaoxa"), User.objects.get(username="daumoixa")
    reporter = User.objects.get(username="phongvien")
    press = orgs["press"]
    now = timezone.localtime().replace(second=0, microsecond=0)
    held_title = "Họp báo về tiến độ nâng cấp đường liên thôn và kè bờ sông"
    if not PressConference.objects.filter(title=held_title).exists():
        held = conferences.conference_create(
            actor=leader,
            organization=commune,
            title=held_title,
            starts_at=(now - dt.timedelta(days=3)).replace(hour=9, minute=0),
            place="Hội trường UBND xã, số 1 đường Ngọc Hồi",
            online_url="https://hop-truc-tuyen.example.vn/ubnd-xa-thanh-tri",
            chaired_by="Ông Ngô Đức Thành, Chủ tịch UBND xã (minh họa)",
            programme="1. Báo cáo tiến độ các công trình giao thông, thủy lợi\n"
            "2. Phương án di dời tạm thời các hộ dân ven sông\n3. Trả lời câu hỏi của báo chí",
            invited_press=[press],
            held=True,
            outcome="Xã cung cấp tiến độ 3 công trình, lịch thi công kè bờ sông và danh sách hộ được hỗ trợ.",
        )
        questions = [
            (
                reporter,
                "Trần Minh Đức",
                "Khi nào hoàn thành đoạn kè qua thôn Thượng, và ai chịu trách nhiệm giám sát thi công?",
                "Dự kiến hoàn thành trong quý II năm sau; Ban quản lý dự án xã giám sát, có sự tham gia của "
                "Ban giám sát đầu tư cộng đồng.",
                False,
            ),
            (
                liaison,
                "Nguyễn Thị Hoa",
                "Mức hỗ trợ cho các hộ phải di dời tạm thời là bao nhiêu?",
                "",
                True,
            ),
        ]
        for actor, name, question, answer, later in questions:
            conferences.question_add(
                actor=actor,
                conference=held,
                reporter_name=name,
                outlet=press.name,
                question=question,
                answered_by="Ông Ngô Đức Thành, Chủ tịch UBND xã (minh họa)",
                answer=answer,
                answer_later=later,
            )
        result.count("press_conferences")
    planned_title = "Họp báo thông tin kết quả kinh tế - xã hội năm và nhiệm vụ năm tới"
    if not PressConference.objects.filter(title=planned_title).exists():
        conferences.conference_create(
            actor=liaison,
            organization=commune,
            title=planned_title,
            starts_at=(now + dt.timedelta(days=5)).replace(hour=14, minute=30),
            place="Hội trường UBND xã, số 1 đường Ngọc Hồi",
            chaired_by="Ông Ngô Đức Thành, Chủ tịch UBND xã (minh họa)",
            programme="1. Kết quả kinh tế - xã hội năm\n2. Nhiệm vụ trọng tâm năm tới\n3. Trả lời câu hỏi",
            invited_press=[press],
            other_invitees="Đài Phát thanh và Truyền hình Hà Nội (minh họa)",
        )
        result.count("press_conferences")


def _history_2023(result: DemoResult, orgs: dict[str, Any], program: Program) -> None:
    """What the district and its departments sent, and the requests it answered, under the 2023–2025
    programme: created while they are still active (the merger comes after). A database loaded
    before this part of the story existed has the district merged already: nothing is added."""
    from phoihop.exchange.models import InfoRequest, Submission

    if orgs["district"].status != Organization.Status.ACTIVE:
        return
    User = get_user_model()
    for spec in content.SUBMISSIONS_2023:
        if Submission.objects.filter(title=spec["title"]).exists():
            continue
        sender = User.objects.get(username=spec["sender"])
        _send_submission(spec, sender=sender, unit=_user_org(spec["unit"], orgs), program=program, files=[])
        result.count("submissions")
    leader = User.objects.get(username="lanhdao")
    for spec in content.INFO_REQUESTS_2023:
        if InfoRequest.objects.filter(subject=spec["subject"]).exists():
            continue
        _send_request(spec, unit=orgs["district"], program=program, answerer=leader)
        result.count("info_requests")


def _claims(result: DemoResult, orgs: dict[str, Any], program_key: str) -> None:
    """The claims of one programme's time, verified with a partner unit through the fact-checking
    services: the tip, the claim, the request to the unit and its answer, the verdict and its
    approval, and the rebuttal article when there is one; then dated on the story's days."""
    from phoihop.deadlines.models import DeadlinePolicy
    from phoihop.exchange import services as exchange
    from phoihop.exchange.models import InfoRequest
    from phoihop.factcheck import services as factcheck
    from phoihop.factcheck.models import Claim, Domain, Tip, Verdict, VerdictLabel

    User = get_user_model()
    editor = User.objects.get(username="bientapvien")
    chief = User.objects.get(username="tongbientap")
    for spec in content.CLAIMS:
        if spec["program"] != program_key:
            continue
        existing = Claim.objects.filter(title=spec["title"]).select_related("verdict").first()
        if existing is not None:
            # A database loaded before the story linked its rebuttal: the verdict stays off the
            # public list (/kiem-chung/ lists verdicts whose rebuttal is live) until it is linked.
            verdict = getattr(existing, "verdict", None)
            if verdict is not None and verdict.rebuttal_id is None:
                _rebuttal(editor, existing, spec)
            continue
        unit = _user_org(spec["ask"], orgs)
        unit.refresh_from_db()
        if unit.status != Organization.Status.ACTIVE:
            continue  # an older demo database: the unit was merged before this part of the story existed
        opened = _when(spec["opened_at"])
        domain = Domain.objects.get(slug=spec["domain"])
        tip = factcheck.tip_submit_public(description=spec["tip"], domain=domain) if spec.get("tip") else None
        claim = factcheck.claim_create(
            actor=editor, title=spec["title"], summary=spec["summary"], domain=domain, tip=tip
        )
        asked = spec["request"]
        link = factcheck.claim_request_info(
            actor=editor,
            claim=claim,
            organization=unit,
            subject=asked["subject"],
            questions=asked["questions"],
            policy=DeadlinePolicy.objects.get(code=asked["policy"]),
        )
        answerer = User.objects.get(username=spec["answerer"])
        exchange.info_request_answer(
            actor=answerer, request=link.info_request, outcome="answered", answer=asked["answer"]
        )
        verdict_spec = spec["verdict"]
        factcheck.verdict_save(
            actor=editor,
            claim=claim,
            label=VerdictLabel.objects.get(slug=verdict_spec["label"]),
            summary=verdict_spec["summary"],
        )
        factcheck.verdict_approve(actor=chief, claim=claim)
        _rebuttal(editor, claim, spec)
        # The story's days: the tip an hour before the claim, the request half an hour after it.
        if tip is not None:
            _redate(Tip, tip.pk, created_at=opened - dt.timedelta(hours=1))
            _number_for_year(Tip, tip.pk, "factcheck_tip", opened)
        _redate(Claim, claim.pk, created_at=opened, updated_at=opened, first_seen_at=opened - dt.timedelta(hours=1))
        _number_for_year(Claim, claim.pk, "factcheck_claim", opened)
        sent = opened + dt.timedelta(minutes=30)
        policy = DeadlinePolicy.objects.get(code=asked["policy"])
        _redate(
            InfoRequest,
            link.info_request.pk,
            sent_at=sent,
            due_at=policy.due_from(sent),
            answered_at=sent + dt.timedelta(hours=asked["answered_after_hours"]),
        )
        _number_for_year(InfoRequest, link.info_request.pk, "info_request", sent)
        _redate(Verdict, claim.verdict.pk, approved_at=_when(verdict_spec["approved_at"]))
        result.count("claims")


def _rebuttal(editor: Any, claim: Any, spec: dict[str, Any]) -> None:
    """Link the claim's rebuttal article of the story, if it has one: once live, the verdict is
    published (`rebuttal_published`) and listed on /kiem-chung/, dated when the article went live."""
    from phoihop.factcheck import services as factcheck
    from phoihop.factcheck.models import Verdict

    article = ArticlePage.objects.filter(slug=spec.get("rebuttal_slug") or None).first()
    if article is None:
        return
    factcheck.rebuttal_link(actor=editor, claim=claim, article=article)
    if article.live and article.first_published_at is not None:
        _redate(Verdict, claim.verdict.pk, published_at=article.first_published_at)


def _user_org(key: str, orgs: dict[str, Any]) -> Organization:
    if ":" in key:
        group, index = key.split(":", 1)
        return orgs[{"department": "departments", "successor": "successors"}[group]][int(index)]
    return orgs[key]


def _users(result: DemoResult, orgs: dict[str, Any], logins_path: Path) -> None:
    saved: dict[str, str] = {}
    if logins_path.exists():
        saved = json.loads(logins_path.read_text(encoding="utf-8"))
    User = get_user_model()
    for spec in [*content.USERS, *content.EXTRA_USERS]:
        username = spec["username"]
        user = User.objects.filter(username=username).first()
        password = saved.get(username)
        if user is None:
            password = password or secrets.token_urlsafe(9)
            user = account_services.user_create(
                username=username, password=password, full_name=spec["full_name"], email=spec.get("email", "")
            )
            result.count("users")
        elif password is None or not user.check_password(password):
            # The saved login file was lost or edited: issue a fresh password so it can be printed.
            password = secrets.token_urlsafe(9)
            user.set_password(password)
            user.save(update_fields=["password"])
        saved[username] = password
        organization = _user_org(spec["org"], orgs)
        if not Membership.objects.filter(user=user, organization=organization).exists():
            account_services.membership_create(
                actor=None, user=user, organization=organization, role=spec["role"], title=spec.get("title", "")
            )
        result.logins.append(
            {
                "username": username,
                "password": password,
                "full_name": spec["full_name"],
                "role": dict(Membership._meta.get_field("role").flatchoices)[spec["role"]],
                "organization": organization.name,
            }
        )
    logins_path.parent.mkdir(parents=True, exist_ok=True)
    logins_path.write_text(json.dumps(saved, ensure_ascii=False, indent=2), encoding="utf-8")
    logins_path.chmod(0o600)


def _images(result: DemoResult) -> list[Any]:
    Image = get_image_model()
    images = []
    for spec in content.IMAGES:
        image = Image.objects.filter(title=spec["title"]).first()
        if image is None:
            data = draw(spec["motif"], spec["palette"], spec["key"])
            image = Image(title=spec["title"], description=spec["caption"])
            image.file = ImageFile(io.BytesIO(data), name=f"demo-{spec['key']}.jpg")
            image.save()
            result.count("images")
        images.append(image)
    return images


def _body(paragraphs: list[str], images: list[Any]) -> list[tuple[str, Any]]:
    blocks: list[tuple[str, Any]] = []
    for paragraph in paragraphs:
        match = IMAGE_PLACEHOLDER.match(paragraph.strip())
        if match:
            spec = content.IMAGES[int(match.group(1))]
            blocks.append(
                (
                    "image",
                    {
                        "image": images[int(match.group(1))],
                        "alt_text": spec["title"],
                        "caption": spec["caption"],
                        "credit": spec["credit"],
                    },
                )
            )
        else:
            blocks.append(("paragraph", RichText(f"<p>{html.escape(paragraph)}</p>")))
    return blocks


def _themes_of(program: Program, indexes: list[int]) -> list[Any]:
    themes = list(program.themes.order_by("sort_order", "pk"))
    return [themes[i] for i in indexes]


def _tag(article: ArticlePage, program: Program | None, themes: list[Any], *, editors_pick: bool = False) -> None:
    """An article of an older demo database, loaded before articles carried a programme or before
    the story's editor's picks: the editor's change in the admin (a new revision, published),
    keeping its publication dates."""
    page = article.specific
    published = (page.first_published_at, page.last_published_at, page.latest_revision_created_at)
    if program is not None:
        page.program = program
        page.themes = themes
    page.editors_pick = page.editors_pick or editors_pick
    page.save_revision().publish()
    ArticlePage.objects.filter(pk=page.pk).update(
        first_published_at=published[0], last_published_at=published[1], latest_revision_created_at=published[2]
    )


def _articles(result: DemoResult, images: list[Any], programs: dict[str, Program]) -> None:
    categories = {
        spec["slug"]: portal_services.category_ensure(
            slug=spec["slug"], title=spec["title"], description=spec.get("description", "")
        )
        for spec in content.CATEGORIES
    }
    for spec in content.ARTICLES:
        category = categories[spec["category"]]
        program = programs[spec["program"]]
        themes = _themes_of(program, spec["themes"])
        existing = ArticlePage.objects.child_of(category).filter(slug=spec["slug"]).first()
        pick = bool(spec.get("editors_pick"))
        if existing is not None:
            if existing.specific.program_id is None:
                _tag(existing, program, themes, editors_pick=pick)
            elif pick and not existing.specific.editors_pick:
                _tag(existing, None, [], editors_pick=True)
            continue
        lead = spec.get("lead_image")
        portal_services.article_create(
            actor=None,
            category=category,
            title=spec["title"],
            slug=spec["slug"],
            sapo=spec["sapo"],
            body=_body(spec["paragraphs"], images),
            authors=spec.get("authors", []),
            tags=spec.get("tags", []),
            lead_image=images[lead] if lead is not None else None,
            lead_image_caption=spec.get("lead_caption", ""),
            lead_image_credit=spec.get("lead_credit", ""),
            published_at=dt.datetime.fromisoformat(spec["published_at"]),
            program=program,
            themes=themes,
            editors_pick=pick,
        )
        result.count("articles")


def _corrections(result: DemoResult) -> None:
    """A correction of the craft-village article found by the newsroom itself (Decree 237 Art. 19),
    published at once, on the article and in the homepage's own section, and an outlet with an
    agreement that republished the article, told of it by e-mail (Art. 19(3)(c)). Illustrative."""
    from phoihop.newsroom.models import Correction, Republisher

    page = ArticlePage.objects.filter(slug="lang-nghe-ven-do-tat-bat-vao-mua-don-hang-cuoi-nam").first()
    if page is None or Correction.objects.filter(article=page).exists():
        return
    chief = get_user_model().objects.get(username="tongbientap")
    outlet = Republisher.objects.filter(name="Trang tin tổng hợp Thủ đô 24h (minh họa)").first()
    if outlet is None:
        outlet = newsroom_services.republisher_save(
            actor=chief,
            name="Trang tin tổng hợp Thủ đô 24h (minh họa)",
            kind=Republisher.Kind.AGGREGATOR,
            email="bandoc@thudo24h.example.vn",
            agreement_reference="số 05/2026/TTHT-LĐTĐ ngày 02/7/2026 (minh họa)",
        )
        result.count("republishers")
    newsroom_services.republication_record(actor=chief, article=page, republisher=outlet)
    newsroom_services.correction_add(
        actor=chief,
        article=page,
        kind=Correction.Kind.BOTH,
        trigger=Correction.Trigger.OWN_FINDING,
        received_at=timezone.now() - dt.timedelta(minutes=35),
        false_content="Chủ cơ sở làm bánh “đã theo nghề hơn hai mươi năm”.",
        text="Chủ cơ sở làm bánh đã theo nghề hơn mười lăm năm, không phải hơn hai mươi năm. Tòa soạn xin lỗi "
        "bạn đọc và nhân vật trong bài.",
    )
    result.count("corrections")


def _spokesperson_report(result: DemoResult, orgs: dict[str, Any]) -> None:
    """The 2026 annual report on spokesperson work (Decree 244/2026 Art. 10) of the demo's provincial
    People's Committee — the city of Hà Nội, above the successor commune — due 19/12/2026. Its figures
    come from the records of the city and the units below it (the commune's requests and its event).
    It is exported once through the reports' export service (as the worker does), so the newsroom can
    open the files: the story has no login at the city to press "Xuất báo cáo". Without a province in
    the story, the highest unit above the successors is used."""
    from phoihop.reports import spokesperson_services
    from phoihop.reports.models import SpokespersonReport

    city_data = content.ORGANIZATIONS.get("city_level") or {}
    unit = Organization.objects.filter(name=city_data.get("name", ""), kind=Organization.Kind.PARTNER).first()
    if unit is None:
        unit = orgs["successors"][0]
        while unit.parent_id is not None and unit.parent.kind == Organization.Kind.PARTNER:
            unit = unit.parent
    if SpokespersonReport.objects.filter(organization=unit, year=2026).exists():
        return
    report = spokesperson_services.spokesperson_report_create(
        actor=None,
        organization=unit,
        year=2026,
        difficulties="Một số xã chưa cập nhật kịp thời thông tin người phát ngôn trên cổng thông tin điện tử.\n"
        "Đề nghị Bộ Văn hóa, Thể thao và Du lịch hướng dẫn cách thống kê vụ việc theo khoản 6 Điều 7.",
    )
    result.count("spokesperson_reports")
    spokesperson_services.spokesperson_report_export(report_id=report.pk)


def _royalties(result: DemoResult) -> None:
    """A royalty for each published demo article with a byline; October 2025's approved and paid."""
    from phoihop.accounts.roles import Role
    from phoihop.royalties import services as royalty_services

    chief = get_user_model().objects.filter(memberships__role=Role.EDITOR_IN_CHIEF, memberships__is_active=True).first()
    if chief is None:
        return
    slugs = [spec["slug"] for spec in content.ARTICLES]
    for article in (
        ArticlePage.objects.live().filter(slug__in=slugs, royalty__isnull=True, authors__isnull=False).distinct()
    ):
        royalty = royalty_services.royalty_create(actor=chief, article=article, genre_code="tin", coefficient="8")
        result.count("royalties")
        if (royalty.published_on.year, royalty.published_on.month) == (2025, 10):
            royalty_services.royalty_approve(actor=chief, royalty=royalty)
            royalty_services.royalty_mark_paid(
                actor=chief, royalty=royalty, paid_on=royalty.published_on + dt.timedelta(days=30)
            )


def load(*, logins_path: Path | None = None) -> DemoResult:
    """Load (or complete) the demo story and return what was created plus the demo logins."""
    result = DemoResult()
    logins_path = logins_path or Path(settings.PHOIHOP_DEMO_LOGINS_FILE)
    with transaction.atomic():
        account_services.levels_ensure()
        portal_services.site_ensure()
        portal_services.newsroom_groups_ensure()
        newsroom_services.workflows_ensure()
        orgs = _organizations(result)
        programs = {"2023": _program(result, orgs), "2025": _program_2025(result, orgs)}
        _spokespersons(orgs)
        _users(result, orgs, logins_path)
        images = _images(result)
        _articles(result, images, programs)
        # 2023–2025, while the district is still there; then the reform of 01/7/2025.
        _history_2023(result, orgs, programs["2023"])
        _claims(result, orgs, "2023")
        _merge(result, orgs)
        _exchange(result, orgs, programs["2025"])
        _petitions(result, orgs)
        _press_conferences(result, orgs)
        _claims(result, orgs, "2025")
        _corrections(result)
        _spokesperson_report(result, orgs)
        _royalties(result)
    return result
