"""Writes on royalties. Each service checks the actor's right, runs in one transaction and writes one
AuditEvent; the figures (unit value, amount, shares' amounts, due date) are computed here only."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from phoihop.accounts.models import Organization, User
from phoihop.accounts.roles import PRESS_LEADER_ROLES
from phoihop.audit.services import audit_record
from phoihop.deadlines.models import DeadlinePolicy, local_date
from phoihop.notifications.services import notify
from phoihop.portal.models import ArticlePage
from phoihop.royalties import access
from phoihop.royalties.models import CoefficientUnit, GenreFrame, Royalty, RoyaltyShare, number

# The 60-day clock after publication (Decree 18/2014 Art. 4(10)): deadlines migration 0008.
DUE_POLICY_CODE = "tra-nhuan-but"
HUNDRED = Decimal(100)


@dataclass(frozen=True)
class ShareInput:
    name: str
    percent: Decimal
    user: User | None = None


def _ddmmyyyy(day: dt.date) -> str:
    return f"{day:%d/%m/%Y}"


def equal_shares(article: ArticlePage) -> list[ShareInput]:
    """The bylined authors with equal parts; the last one takes the rounding (33,33 + 33,33 + 33,34)."""
    authors = list(article.authors.select_related("user").all())
    if not authors:
        return []
    part = (HUNDRED / len(authors)).quantize(Decimal("0.01"), rounding="ROUND_DOWN")
    shares = [ShareInput(name=a.display_name, percent=part, user=a.user) for a in authors]
    last = shares[-1]
    shares[-1] = ShareInput(name=last.name, percent=HUNDRED - part * (len(authors) - 1), user=last.user)
    return shares


def split(amount: int, percents: Sequence[Decimal]) -> list[int]:
    """Each share's đồng, rounded half up, the last one taking what rounding left so the sum is `amount`."""
    parts = [int((Decimal(amount) * p / HUNDRED).quantize(Decimal(1), rounding=ROUND_HALF_UP)) for p in percents]
    if parts:
        parts[-1] = amount - sum(parts[:-1])
    return parts


def _coefficient(value: Any) -> Decimal:
    try:
        coefficient = Decimal(str(value).replace(",", ".").strip())
    except (InvalidOperation, ValueError):
        raise ValidationError({"coefficient": _("Hệ số phải là một số, ví dụ 8 hoặc 12,5.")}) from None
    if not coefficient.is_finite() or coefficient != coefficient.quantize(Decimal("0.01")):
        raise ValidationError({"coefficient": _("Hệ số có nhiều nhất hai chữ số thập phân.")})
    return coefficient


def _check_shares(shares: Sequence[ShareInput]) -> None:
    if not shares:
        raise ValidationError({"shares": _("Tin, bài chưa có tác giả: cần ít nhất một tác giả để chia nhuận bút.")})
    for share in shares:
        if not share.name.strip() or share.percent <= 0:
            raise ValidationError({"shares": _("Mỗi tác giả cần có tên và tỷ lệ lớn hơn 0 %.")})
    total = sum((s.percent for s in shares), Decimal(0))
    if total != HUNDRED:
        raise ValidationError(
            {
                "shares": _("Tổng tỷ lệ của các tác giả phải bằng 100 %% (hiện là %(total)s %%).")
                % {"total": number(total)}
            }
        )


def _figures(*, published_on: dt.date, genre_code: str, coefficient: Decimal) -> tuple[GenreFrame, CoefficientUnit]:
    frame = GenreFrame.objects.in_force_on(published_on).select_related("instrument").filter(code=genre_code).first()
    if frame is None:
        raise ValidationError(
            {
                "genre": _("Chưa có khung hệ số của thể loại này áp dụng ngày %(date)s.")
                % {"date": _ddmmyyyy(published_on)}
            }
        )
    frame.validate_coefficient(coefficient)
    unit = CoefficientUnit.in_force_on(published_on)
    if unit is None:
        raise ValidationError(
            _("Chưa có giá trị đơn vị hệ số nhuận bút áp dụng ngày %(date)s.") % {"date": _ddmmyyyy(published_on)}
        )
    return frame, unit


def _amount(coefficient: Decimal, unit_value: int) -> int:
    return int((coefficient * unit_value).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def _write_shares(royalty: Royalty, shares: Sequence[ShareInput]) -> None:
    royalty.shares.all().delete()
    amounts = split(royalty.amount, [s.percent for s in shares])
    RoyaltyShare.objects.bulk_create(
        RoyaltyShare(royalty=royalty, position=i, name=s.name.strip(), user=s.user, percent=s.percent, amount=a)
        for i, (s, a) in enumerate(zip(shares, amounts, strict=True))
    )


@transaction.atomic
def royalty_create(
    *,
    actor: User,
    article: ArticlePage,
    genre_code: str,
    coefficient: Any,
    shares: Sequence[ShareInput] | None = None,
    note: str = "",
) -> Royalty:
    """The royalty of a published article, computed with the frame and unit in force on its publication
    day and due 60 days after it. Callers: a leader or an editor of the article's section."""
    section = article.get_parent().specific if article.get_parent() else None
    if not access.can_prepare(actor, section.pk if section else None):
        raise PermissionDenied
    if not article.live or article.first_published_at is None:
        raise ValidationError(_("Chỉ tính nhuận bút cho tin, bài đã đăng."))
    if Royalty.objects.filter(article=article).exists():
        raise ValidationError(_("Tin, bài này đã có bản tính nhuận bút."))
    published_at = article.first_published_at
    published_on = local_date(published_at)
    value = _coefficient(coefficient)
    frame, unit = _figures(published_on=published_on, genre_code=genre_code, coefficient=value)
    shares = list(shares) if shares is not None else equal_shares(article)
    _check_shares(shares)
    policy = DeadlinePolicy.objects.filter(code=DUE_POLICY_CODE).prefetch_related("versions").first()
    version = policy.version_on(published_at) if policy is not None else None
    royalty = Royalty.objects.create(
        article=article,
        section=section,
        published_on=published_on,
        genre=frame,
        coefficient=value,
        unit=unit,
        unit_value=unit.value,
        amount=_amount(value, unit.value),
        due_version=version,
        due_on=local_date(version.due_from(published_at)) if version is not None else None,
        note=note.strip(),
    )
    _write_shares(royalty, shares)
    audit_record(
        actor=actor,
        verb="royalty.create",
        target=royalty,
        data={"coefficient": str(value), "amount": royalty.amount, "genre": frame.code},
    )
    return royalty


@transaction.atomic
def royalty_update(
    *, actor: User, royalty: Royalty, genre_code: str, coefficient: Any, shares: Sequence[ShareInput]
) -> Royalty:
    """Change a royalty that is not approved yet: genre, coefficient and the authors' parts."""
    royalty = Royalty.objects.select_for_update().get(pk=royalty.pk)
    if not access.can_prepare(actor, royalty.section_id):
        raise PermissionDenied
    if royalty.status != Royalty.Status.DRAFT:
        raise ValidationError(_("Nhuận bút đã duyệt thì không sửa được nữa."))
    value = _coefficient(coefficient)
    frame, unit = _figures(published_on=royalty.published_on, genre_code=genre_code, coefficient=value)
    _check_shares(shares)
    royalty.genre, royalty.coefficient, royalty.unit, royalty.unit_value = frame, value, unit, unit.value
    royalty.amount = _amount(value, unit.value)
    royalty.save(update_fields=["genre", "coefficient", "unit", "unit_value", "amount", "updated_at"])
    _write_shares(royalty, shares)
    audit_record(
        actor=actor, verb="royalty.update", target=royalty, data={"coefficient": str(value), "amount": royalty.amount}
    )
    return royalty


@transaction.atomic
def royalty_approve(*, actor: User, royalty: Royalty) -> Royalty:
    """Chưa duyệt → Đã duyệt; leaders only."""
    if not access.can_decide(actor):
        raise PermissionDenied
    royalty = Royalty.objects.select_for_update().get(pk=royalty.pk)
    if royalty.status != Royalty.Status.DRAFT:
        raise ValidationError(_("Chỉ duyệt được nhuận bút đang chờ duyệt."))
    royalty.status, royalty.approved_at, royalty.approved_by = Royalty.Status.APPROVED, timezone.now(), actor
    royalty.save(update_fields=["status", "approved_at", "approved_by", "updated_at"])
    audit_record(actor=actor, verb="royalty.approve", target=royalty)
    return royalty


@transaction.atomic
def royalty_mark_paid(*, actor: User, royalty: Royalty, paid_on: dt.date) -> Royalty:
    """Đã duyệt → Đã chi on `paid_on` (not in the future, not before publication); leaders only."""
    if not access.can_decide(actor):
        raise PermissionDenied
    royalty = Royalty.objects.select_for_update().get(pk=royalty.pk)
    if royalty.status != Royalty.Status.APPROVED:
        raise ValidationError(_("Chỉ ghi đã chi cho nhuận bút đã duyệt."))
    if paid_on > local_date(timezone.now()) or paid_on < royalty.published_on:
        raise ValidationError({"paid_on": _("Ngày chi phải từ ngày đăng đến hôm nay.")})
    royalty.status, royalty.paid_on = Royalty.Status.PAID, paid_on
    royalty.save(update_fields=["status", "paid_on", "updated_at"])
    audit_record(actor=actor, verb="royalty.pay", target=royalty, data={"paid_on": paid_on.isoformat()})
    return royalty


def _leaders() -> list[User]:
    return list(
        User.objects.filter(
            is_active=True,
            memberships__is_active=True,
            memberships__organization__kind=Organization.Kind.PRESS,
            memberships__role__in=PRESS_LEADER_ROLES,
        ).distinct()
    )


def send_due_reminders(today: dt.date | None = None) -> dict[str, int]:
    """Tell the leaders of unpaid royalties due within 7 days and of those past their 60 days, once each
    (the `reminded` mark is set in the same transaction as the notices)."""
    today = today or local_date(timezone.now())
    sent = {"soon": 0, "overdue": 0}
    leaders = _leaders()
    with transaction.atomic():
        overdue = list(Royalty.objects.overdue(today).exclude(reminded="overdue").select_related("article"))
        soon = list(Royalty.objects.due_soon(today).filter(reminded="").select_related("article"))
        for stage, rows in (("overdue", overdue), ("soon", soon)):
            for royalty in rows:
                assert royalty.due_on is not None  # noqa: S101 — both querysets filter on due_on
                title = (
                    _("Nhuận bút quá hạn chi trả: %(title)s")
                    if stage == "overdue"
                    else _("Nhuận bút sắp đến hạn chi trả: %(title)s")
                ) % {"title": royalty.article.title}
                notify(
                    recipients=leaders,
                    verb=f"royalty.{stage}",
                    title=title,
                    body=_("Hạn chi trả: %(date)s (60 ngày kể từ ngày đăng).") % {"date": _ddmmyyyy(royalty.due_on)},
                    url=reverse("royalties:detail", args=[royalty.pk]),
                    target=royalty,
                )
                Royalty.objects.filter(pk=royalty.pk).update(reminded=stage)
                sent[stage] += 1
    return sent
