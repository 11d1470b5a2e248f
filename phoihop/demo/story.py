"""Load the demo story: the newspaper, huyện Thanh Trì and its successors, the 2023–2025 programme,
one login per role, categories, illustrations and a dozen articles.

Idempotent: every object is looked up by a natural key (name, username, slug, image title) before
it is created, so running it twice doubles nothing. All writes go through the apps' services.
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
from wagtail.images import get_image_model
from wagtail.rich_text import RichText

from phoihop.accounts import services as account_services
from phoihop.accounts.models import Membership, Organization, OrganizationLevel
from phoihop.core.origin import public_url
from phoihop.demo import content
from phoihop.demo.images import draw
from phoihop.newsroom import services as newsroom_services
from phoihop.portal import services as portal_services
from phoihop.portal.models import ArticlePage
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
    merged_on = dt.date.fromisoformat(data["district"]["merged_on"])
    basis = "Nghị quyết số 1656/NQ-UBTVQH15 ngày 16/6/2025 (ví dụ minh họa về đơn vị kế thừa)"
    # Which successor took which department is not known for sure: the demo sends everything
    # to its first, plainly illustrative successor.
    for unit in [*departments, district]:
        if unit.status == Organization.Status.ACTIVE:
            targets = successors if unit.pk == district.pk else successors[:1]
            account_services.organization_merge(
                actor=None, organization=unit, successors=targets, effective_on=merged_on, legal_basis=basis
            )
            unit.refresh_from_db()
            result.count("mergers")
    return {"press": press, "district": district, "departments": departments, "successors": successors}


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


def _exchange(result: DemoResult, orgs: dict[str, Any], program: Program) -> None:
    """A few live items in the workspace, created through the exchange services."""
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.utils import timezone

    from phoihop.deadlines.models import DeadlinePolicy
    from phoihop.exchange import services as exchange
    from phoihop.exchange.models import InfoRequest, Submission

    User = get_user_model()
    commune = orgs["successors"][content.PROGRAM_2025["successor"]]
    liaison = User.objects.get(username="daumoixa")
    chief = User.objects.get(username="tongbientap")
    editor = User.objects.get(username="truongban")
    for spec in content.SUBMISSIONS:
        if Submission.objects.filter(title=spec["title"]).exists():
            continue
        files = []
        if spec.get("attachment") == "docx":
            files.append(_demo_docx(spec["body"]))
        elif spec.get("attachment") == "jpeg":
            files.append(
                SimpleUploadedFile("anh.jpg", draw("meeting", ["#1d3557", "#a8dadc", "#e63946"], spec["title"]))
            )
        submission = exchange.submission_create(
            actor=liaison,
            organization=commune,
            title=spec["title"],
            body=spec["body"],
            kind=spec["kind"],
            priority=spec["priority"],
            program=program,
            event_starts_at=dt.datetime.fromisoformat(spec["event_starts_at"]) if spec.get("event_starts_at") else None,
            event_location=spec.get("event_location", ""),
            files=files,
        )
        if spec["status"] in {"received", "published"}:
            exchange.submission_acknowledge(actor=editor, submission=submission)
        if spec["status"] == "published":
            article = ArticlePage.objects.filter(slug=spec["article_slug"]).first()
            if article is not None:
                exchange.submission_mark_published(
                    actor=editor, submission=submission, url=public_url(article.get_url() or "/"), page=article
                )
        result.count("submissions")
    # A second `make demo PORT=…` moves the public origin: the story's "đã đăng" links follow it. Only
    # the link text changes (no status, no history), so this is a plain update of the demo's rows.
    for submission in Submission.objects.filter(
        title__in=[spec["title"] for spec in content.SUBMISSIONS],
        status=Submission.Status.PUBLISHED,
        published_page__isnull=False,
    ).select_related("published_page"):
        page = submission.published_page
        url = public_url(page.get_url() or "/") if page is not None else submission.published_url
        if submission.published_url != url:
            Submission.objects.filter(pk=submission.pk).update(published_url=url)
    for spec in content.INFO_REQUESTS:
        if InfoRequest.objects.filter(subject=spec["subject"]).exists():
            continue
        request = exchange.info_request_create(
            actor=chief,
            organization=commune,
            subject=spec["subject"],
            questions=spec["questions"],
            policy=DeadlinePolicy.objects.get(code=spec["policy"]),
            program=program,
            now=(
                dt.datetime.fromisoformat(spec["sent_at"])
                if "sent_at" in spec
                else timezone.now() - dt.timedelta(days=spec["days_ago"])
            ),
        )
        if spec["answer"]:
            exchange.info_request_answer(actor=liaison, request=request, outcome="answered", answer=spec["answer"])
        result.count("info_requests")
    # An event calling for a statement, opened by the newsroom six hours ago: its 24-hour clock runs.
    from phoihop.exchange import statements
    from phoihop.exchange.models import StatementEvent

    event_title = "Sạt lở bờ sông đoạn qua thôn Thượng"
    if not StatementEvent.objects.filter(title=event_title).exists():
        statements.event_open(
            actor=chief,
            organization=commune,
            kind=StatementEvent.Kind.INCIDENT,
            title=event_title,
            description="Khoảng 40 m bờ sông bị sạt lở trong đêm, ba hộ dân phải di dời tạm thời. Báo đề nghị xã "
            "phát ngôn, cung cấp thông tin ban đầu về thiệt hại và phương án xử lý.",
            opened_at=timezone.now() - dt.timedelta(hours=6),
        )
        result.count("statement_events")


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


def _articles(result: DemoResult, images: list[Any]) -> None:
    categories = {
        spec["slug"]: portal_services.category_ensure(
            slug=spec["slug"], title=spec["title"], description=spec.get("description", "")
        )
        for spec in content.CATEGORIES
    }
    for spec in content.ARTICLES:
        category = categories[spec["category"]]
        if ArticlePage.objects.child_of(category).filter(slug=spec["slug"]).exists():
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
        )
        result.count("articles")


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
        _program(result, orgs)
        program_2025 = _program_2025(result, orgs)
        _spokespersons(orgs)
        _users(result, orgs, logins_path)
        images = _images(result)
        _articles(result, images)
        _exchange(result, orgs, program_2025)
    return result
