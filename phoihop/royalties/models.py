"""Royalties (nhuận bút) of published articles, with the figures they rest on kept as data.

The genre frames (khung hệ số nhuận bút) and the value of one coefficient unit (giá trị một đơn vị hệ số)
change with the law and the base salary, so each row has its period and its legal basis and is edited in
the admin. A royalty keeps the frame and unit it was computed under and the figures themselves, so a later
change of the law changes new records only. Royalty = coefficient × unit value (Decree 18/2014 Art. 7).
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal
from typing import ClassVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from phoihop.core.models import TimeStampedModel


def _ddmmyyyy(day: dt.date) -> str:
    return f"{day:%d/%m/%Y}"


def number(value: Decimal) -> str:
    """A coefficient as written in Vietnamese: 10, 12,5."""
    text = f"{value.normalize():f}"
    return text.replace(".", ",")


class PeriodQuerySet(models.QuerySet):  # type: ignore[type-arg]
    def in_force_on(self, day: dt.date) -> PeriodQuerySet:
        return self.filter(Q(valid_from__lte=day), Q(valid_until__isnull=True) | Q(valid_until__gte=day))


class GenreFrame(TimeStampedModel):
    """The coefficient range of one genre (tin, phóng sự, ảnh…) for a period, with its legal basis."""

    code = models.SlugField(_("mã thể loại"), max_length=40)
    name = models.CharField(_("thể loại"), max_length=200)
    examples = models.CharField(_("gồm"), max_length=500, blank=True)
    coefficient_min = models.DecimalField(_("hệ số tối thiểu"), max_digits=6, decimal_places=2)
    coefficient_max = models.DecimalField(_("hệ số tối đa"), max_digits=6, decimal_places=2)
    valid_from = models.DateField(_("áp dụng từ ngày"))
    valid_until = models.DateField(_("áp dụng đến hết ngày"), null=True, blank=True)
    instrument = models.ForeignKey(
        "deadlines.LegalInstrument",
        verbose_name=_("văn bản làm căn cứ"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    citation = models.CharField(_("căn cứ (điều, khoản, phụ lục)"), max_length=300, blank=True)
    confirmed = models.BooleanField(
        _("đã đối chiếu văn bản ký"), default=False, help_text=_("Bỏ chọn khi con số chưa được đối chiếu bản ký.")
    )
    note = models.TextField(_("ghi chú"), blank=True)
    sort_order = models.PositiveSmallIntegerField(_("thứ tự"), default=100)

    objects: ClassVar[PeriodQuerySet] = PeriodQuerySet.as_manager()  # type: ignore[assignment]

    class Meta:
        verbose_name = _("khung hệ số nhuận bút")
        verbose_name_plural = _("khung hệ số nhuận bút")
        ordering = ["sort_order", "valid_from"]
        constraints = [
            models.UniqueConstraint(fields=["code", "valid_from"], name="royalty_frame_one_per_start"),
            models.CheckConstraint(
                condition=Q(coefficient_min__gt=0) & Q(coefficient_max__gte=models.F("coefficient_min")),
                name="royalty_frame_range_order",
            ),
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True) | Q(valid_until__gte=models.F("valid_from")),
                name="royalty_frame_period_order",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.range_label})"

    @property
    def range_label(self) -> str:
        return f"{number(self.coefficient_min)}–{number(self.coefficient_max)}"

    @property
    def legal_basis(self) -> str:
        parts = [self.citation, self.instrument.short_name if self.instrument else ""]
        return " ".join(part for part in parts if part)

    def clean(self) -> None:
        super().clean()
        if self.coefficient_min is not None and self.coefficient_max is not None:
            if self.coefficient_min <= 0:
                raise ValidationError({"coefficient_min": _("Hệ số tối thiểu phải lớn hơn 0.")})
            if self.coefficient_max < self.coefficient_min:
                raise ValidationError({"coefficient_max": _("Hệ số tối đa phải từ hệ số tối thiểu trở lên.")})

    def validate_coefficient(self, coefficient: Decimal) -> None:
        """A clear Vietnamese error when `coefficient` is outside this frame."""
        if not (self.coefficient_min <= coefficient <= self.coefficient_max):
            raise ValidationError(
                {
                    "coefficient": _(
                        "Hệ số %(value)s nằm ngoài khung của thể loại “%(genre)s”: từ %(min)s đến %(max)s (%(basis)s)."
                    )
                    % {
                        "value": number(coefficient),
                        "genre": self.name,
                        "min": number(self.coefficient_min),
                        "max": number(self.coefficient_max),
                        "basis": self.legal_basis,
                    }
                }
            )


class CoefficientUnit(TimeStampedModel):
    """The value of one coefficient unit from a day: a percentage (10 %) of the base salary then."""

    valid_from = models.DateField(_("áp dụng từ ngày"), unique=True)
    base_salary = models.PositiveIntegerField(_("mức lương cơ sở (đồng/tháng)"))
    percent = models.DecimalField(_("tỷ lệ (%)"), max_digits=5, decimal_places=2, default=Decimal(10))
    instrument = models.ForeignKey(
        "deadlines.LegalInstrument",
        verbose_name=_("văn bản làm căn cứ"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    citation = models.CharField(_("căn cứ tỷ lệ"), max_length=300, blank=True)
    base_salary_basis = models.CharField(_("căn cứ mức lương cơ sở"), max_length=300, blank=True)
    confirmed = models.BooleanField(_("đã đối chiếu văn bản ký"), default=False)
    note = models.TextField(_("ghi chú"), blank=True)

    class Meta:
        verbose_name = _("giá trị đơn vị hệ số nhuận bút")
        verbose_name_plural = _("giá trị đơn vị hệ số nhuận bút")
        ordering = ["valid_from"]
        constraints = [
            models.CheckConstraint(condition=Q(percent__gt=0) & Q(percent__lte=100), name="royalty_unit_percent"),
        ]

    def __str__(self) -> str:
        return _("%(value)s đồng từ %(date)s") % {
            "value": f"{self.value:,}".replace(",", "."),
            "date": _ddmmyyyy(self.valid_from),
        }

    @property
    def value(self) -> int:
        """One unit in đồng, rounded half up: 10 % × 2.530.000 = 253.000."""
        return int((Decimal(self.base_salary) * self.percent / 100).quantize(Decimal(1), rounding=ROUND_HALF_UP))

    @property
    def legal_basis(self) -> str:
        parts = [self.citation, self.instrument.short_name if self.instrument else "", self.base_salary_basis]
        return "; ".join(part for part in parts if part)

    @classmethod
    def in_force_on(cls, day: dt.date) -> CoefficientUnit | None:
        return cls.objects.filter(valid_from__lte=day).order_by("-valid_from").first()


class RoyaltyQuerySet(models.QuerySet["Royalty"]):
    def in_month(self, year: int, month: int) -> RoyaltyQuerySet:
        return self.filter(published_on__year=year, published_on__month=month)

    def unpaid(self) -> RoyaltyQuerySet:
        return self.exclude(status=Royalty.Status.PAID)

    def overdue(self, today: dt.date) -> RoyaltyQuerySet:
        return self.unpaid().filter(due_on__lt=today)

    def due_soon(self, today: dt.date, days: int = 7) -> RoyaltyQuerySet:
        return self.unpaid().filter(due_on__gte=today, due_on__lte=today + dt.timedelta(days=days))


class Royalty(TimeStampedModel):
    """The royalty of one published article: coefficient × unit value, split among its authors."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Chưa duyệt")
        APPROVED = "approved", _("Đã duyệt")
        PAID = "paid", _("Đã chi")

    article = models.OneToOneField(
        "portal.ArticlePage", verbose_name=_("tin, bài"), on_delete=models.PROTECT, related_name="royalty"
    )
    section = models.ForeignKey(
        "portal.CategoryPage",
        verbose_name=_("chuyên mục"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    published_on = models.DateField(_("ngày đăng"), db_index=True)
    genre = models.ForeignKey(GenreFrame, verbose_name=_("thể loại"), on_delete=models.PROTECT, related_name="+")
    coefficient = models.DecimalField(_("hệ số"), max_digits=6, decimal_places=2)
    unit = models.ForeignKey(
        CoefficientUnit, verbose_name=_("đơn vị hệ số"), on_delete=models.PROTECT, related_name="+"
    )
    unit_value = models.PositiveIntegerField(_("giá trị một đơn vị hệ số (đồng)"))
    amount = models.PositiveBigIntegerField(_("nhuận bút (đồng)"))
    due_on = models.DateField(_("hạn chi trả"), null=True, blank=True, db_index=True)
    due_version = models.ForeignKey(
        "deadlines.DeadlinePolicyVersion",
        verbose_name=_("căn cứ thời hạn"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    status = models.CharField(_("trạng thái"), max_length=12, choices=Status.choices, default=Status.DRAFT)
    approved_at = models.DateTimeField(_("duyệt lúc"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người duyệt"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    paid_on = models.DateField(_("ngày chi"), null=True, blank=True)
    # The last reminder sent ("soon" before the due date, "overdue" after), so each goes once.
    reminded = models.CharField(max_length=8, blank=True, editable=False)
    note = models.TextField(_("ghi chú"), blank=True)

    objects: ClassVar[RoyaltyQuerySet] = RoyaltyQuerySet.as_manager()  # type: ignore[assignment]

    class Meta:
        verbose_name = _("nhuận bút")
        verbose_name_plural = _("nhuận bút")
        ordering = ["-published_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="paid") | Q(paid_on__isnull=False), name="royalty_paid_has_date"
            ),
        ]

    def __str__(self) -> str:
        return str(self.article.title)

    def is_overdue(self, today: dt.date) -> bool:
        return self.status != self.Status.PAID and self.due_on is not None and self.due_on < today

    @property
    def paid_late(self) -> bool:
        return self.paid_on is not None and self.due_on is not None and self.paid_on > self.due_on


class RoyaltyShare(models.Model):
    """One author's part of a royalty, in percent; the parts of a royalty add up to 100 %."""

    royalty = models.ForeignKey(Royalty, verbose_name=_("nhuận bút"), on_delete=models.CASCADE, related_name="shares")
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    name = models.CharField(_("tác giả"), max_length=200)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("tài khoản"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    percent = models.DecimalField(_("tỷ lệ (%)"), max_digits=5, decimal_places=2)
    amount = models.PositiveBigIntegerField(_("số tiền (đồng)"))

    class Meta:
        verbose_name = _("phần nhuận bút của tác giả")
        verbose_name_plural = _("phần nhuận bút của tác giả")
        ordering = ["royalty_id", "position"]
        constraints = [
            models.CheckConstraint(condition=Q(percent__gt=0) & Q(percent__lte=100), name="royalty_share_percent"),
        ]

    def __str__(self) -> str:
        return f"{self.name}: {number(self.percent)} %"
