"""Deadline policies and the Vietnamese work calendar, both as data that staff edit in the admin.

The laws behind them change (on 01/7/2026 Decree 244/2026 replaced Decree 09/2017 and the Press Law
126/2025/QH15 with Decree 237/2026 replaced the Press Law 2016) and the government announces each
year's holiday schedule late in the year before, so none of it is a constant in code. A policy is a
name ("Trả lời trên báo chí"); what it means at a date is its *version* in force on that date, each
with its limit, its legal basis (instrument, article, clause, summary) and its period. Whatever was
computed under a version keeps pointing at it, so a later law changes new deadlines only. The
arithmetic lives in `phoihop.deadlines.calendar`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import models
from django.db.models import ForeignObjectRel, Q
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel

from phoihop.core.models import TimeStampedModel
from phoihop.deadlines import calendar


class Unit(models.TextChoices):
    CLOCK_HOURS = calendar.CLOCK_HOURS, _("giờ")
    WORKING_HOURS = calendar.WORKING_HOURS, _("giờ làm việc")
    WORKING_DAYS = calendar.WORKING_DAYS, _("ngày làm việc")
    CALENDAR_DAYS = calendar.CALENDAR_DAYS, _("ngày (theo lịch)")


def local_date(moment: dt.date | dt.datetime) -> dt.date:
    """The Vietnamese calendar day of `moment` (a date is itself)."""
    if isinstance(moment, dt.datetime):
        return moment.astimezone(calendar.VN_TZ).date()
    return moment


def _ddmmyyyy(day: dt.date) -> str:
    return f"{day:%d/%m/%Y}"


class LegalInstrument(TimeStampedModel):
    """A legal text a deadline rests on, with the dates it is in force: a law, a decree, an internal rule."""

    class Kind(models.TextChoices):
        LAW = "luat", _("Luật")
        CODE = "bo_luat", _("Bộ luật")
        DECREE = "nghi_dinh", _("Nghị định")
        CIRCULAR = "thong_tu", _("Thông tư")
        DECISION = "quyet_dinh", _("Quyết định")
        INTERNAL = "noi_bo", _("Quy chế, văn bản nội bộ")

    code = models.SlugField(_("mã"), max_length=40, unique=True)
    kind = models.CharField(_("loại văn bản"), max_length=16, choices=Kind.choices)
    number = models.CharField(_("số, ký hiệu"), max_length=60, blank=True, help_text=_("Ví dụ: 244/2026/NĐ-CP."))
    title = models.CharField(_("trích yếu"), max_length=500)
    issued_on = models.DateField(_("ngày ban hành"), null=True, blank=True)
    in_force_from = models.DateField(_("có hiệu lực từ ngày"), null=True, blank=True)
    repealed_from = models.DateField(
        _("hết hiệu lực từ ngày"), null=True, blank=True, help_text=_("Ngày đầu tiên văn bản không còn hiệu lực.")
    )
    replaced_by = models.ForeignKey(
        "self",
        verbose_name=_("được thay thế bởi"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="replaces",
    )
    repeal_basis = models.CharField(
        _("căn cứ hết hiệu lực"), max_length=500, blank=True, help_text=_("Điều, khoản quy định việc hết hiệu lực.")
    )
    source = models.TextField(_("nguồn đã đối chiếu"), blank=True)

    class Meta:
        verbose_name = _("văn bản làm căn cứ")
        verbose_name_plural = _("văn bản làm căn cứ")
        ordering = ["kind", "number", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(repealed_from__isnull=True)
                | Q(in_force_from__isnull=True)
                | Q(repealed_from__gt=models.F("in_force_from")),
                name="legal_instrument_repealed_after_in_force",
            ),
        ]

    def __str__(self) -> str:
        return self.short_name

    @property
    def short_name(self) -> str:
        """ "Nghị định 244/2026/NĐ-CP", "Luật Báo chí số 126/2025/QH15"; without a number, the title."""
        if not self.number:
            return self.title
        if self.kind in (self.Kind.LAW, self.Kind.CODE):
            return gettext("%(title)s số %(number)s") % {"title": self.title, "number": self.number}
        return f"{self.get_kind_display()} {self.number}"

    def in_force_on(self, day: dt.date) -> bool:
        if self.in_force_from is not None and day < self.in_force_from:
            return False
        return self.repealed_from is None or day < self.repealed_from

    def clean(self) -> None:
        super().clean()
        if self.repealed_from and self.in_force_from and self.repealed_from <= self.in_force_from:
            raise ValidationError({"repealed_from": _("Ngày hết hiệu lực phải sau ngày có hiệu lực.")})


class Applies(models.TextChoices):
    """What a policy times, so each form offers only its own kind."""

    REQUEST = "request", _("Đề nghị, yêu cầu gửi đơn vị")
    STATEMENT = "statement", _("Phát ngôn, công khai thông tin")
    PRESS = "press", _("Nghĩa vụ của cơ quan báo chí")
    DOCUMENT = "document", _("Văn bản đến")


class PolicyNotInForce(ValidationError):
    """The policy has no version in force on that day."""


class DeadlinePolicyQuerySet(models.QuerySet["DeadlinePolicy"]):
    def active(self) -> DeadlinePolicyQuerySet:
        return self.filter(is_active=True)


class DeadlinePolicy(TimeStampedModel, ClusterableModel):
    """A named time limit ("Trả lời trên báo chí") whose rule at a date is its version in force then."""

    name = models.CharField(_("tên"), max_length=200)
    code = models.SlugField(_("mã"), max_length=40, unique=True)
    applies_to = models.CharField(
        _("dùng cho"), max_length=16, choices=Applies.choices, default=Applies.REQUEST, db_index=True
    )
    description = models.TextField(_("mô tả"), blank=True)
    is_active = models.BooleanField(
        _("đang dùng"), default=True, help_text=_("Bỏ chọn để không đưa loại thời hạn này vào các biểu mẫu nữa.")
    )
    sort_order = models.PositiveSmallIntegerField(_("thứ tự"), default=100)

    objects: ClassVar[DeadlinePolicyQuerySet] = DeadlinePolicyQuerySet.as_manager()  # type: ignore[assignment]

    class Meta:
        verbose_name = _("loại thời hạn")
        verbose_name_plural = _("các loại thời hạn")
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        version = self.version_on(timezone.now())
        return f"{self.name} ({version.duration_label})" if version is not None else self.name

    def version_on(self, moment: dt.date | dt.datetime) -> DeadlinePolicyVersion | None:
        """The version in force on the Vietnamese day of `moment`, or None (not yet, or repealed).

        Reads `versions.all()`, so a prefetched list costs no query.
        """
        day = local_date(moment)
        chosen: DeadlinePolicyVersion | None = None
        for version in self.versions.all():
            if (version.valid_from is None or version.valid_from <= day) and (
                chosen is None or (chosen.valid_from or dt.date.min) < (version.valid_from or dt.date.min)
            ):
                chosen = version
        if chosen is None or (chosen.valid_until is not None and chosen.valid_until < day):
            return None
        return chosen

    def version_for(self, moment: dt.date | dt.datetime) -> DeadlinePolicyVersion:
        """The version in force on that day; `PolicyNotInForce` (a ValidationError) when there is none."""
        version = self.version_on(moment)
        if version is None:
            raise PolicyNotInForce(
                gettext("Loại thời hạn “%(name)s” không áp dụng vào ngày %(date)s.")
                % {"name": self.name, "date": _ddmmyyyy(local_date(moment))}
            )
        return version

    def due_from(self, start: dt.datetime) -> dt.datetime:
        """When something started at `start` (timezone-aware) is due under the version in force then."""
        return self.version_for(start).due_from(start)


class DeadlinePolicyVersion(TimeStampedModel):
    """One period of a policy: its limit and the legal text it rests on, from a day until the next version.

    In force from `valid_from` (empty: since before the system recorded dates) until the day before the
    next version's `valid_from`, or until `valid_until` when the rule ends without a successor (repeal).
    A version something was computed under keeps its limit and basis: make a new version instead.
    """

    policy = ParentalKey(
        DeadlinePolicy, verbose_name=_("loại thời hạn"), on_delete=models.CASCADE, related_name="versions"
    )
    valid_from = models.DateField(
        _("áp dụng từ ngày"), null=True, blank=True, help_text=_("Để trống: áp dụng từ trước khi hệ thống ghi ngày.")
    )
    valid_until = models.DateField(
        _("áp dụng đến hết ngày"),
        null=True,
        blank=True,
        help_text=_("Chỉ ghi khi quy định chấm dứt mà không có phiên bản sau (văn bản hết hiệu lực)."),
    )
    amount = models.PositiveIntegerField(
        _("thời hạn"), help_text=_("0 chỉ dùng với ngày làm việc: trong ngày làm việc nhận được.")
    )
    unit = models.CharField(_("đơn vị tính"), max_length=16, choices=Unit.choices)
    instrument = models.ForeignKey(
        LegalInstrument,
        verbose_name=_("văn bản làm căn cứ"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="policy_versions",
    )
    article = models.CharField(_("điều"), max_length=20, blank=True)
    clause = models.CharField(_("khoản"), max_length=20, blank=True)
    point = models.CharField(_("điểm"), max_length=10, blank=True)
    summary = models.TextField(
        _("nội dung quy định"), blank=True, help_text=_("Tóm tắt quy định; chỉ ghi số điều, khoản khi đã đối chiếu.")
    )
    note = models.TextField(_("ghi chú"), blank=True)

    # What a version in use may no longer change (its period may still be closed with `valid_until`).
    RULE_FIELDS = ("valid_from", "amount", "unit", "instrument_id", "article", "clause", "point", "summary")

    class Meta:
        verbose_name = _("phiên bản thời hạn")
        verbose_name_plural = _("các phiên bản thời hạn")
        ordering = ["policy_id", "valid_from"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gt=0) | Q(unit=calendar.WORKING_DAYS), name="deadline_version_amount_positive"
            ),
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_until__gte=models.F("valid_from")),
                name="deadline_version_period_order",
            ),
            models.UniqueConstraint(fields=["policy", "valid_from"], name="deadline_version_one_per_start"),
            models.UniqueConstraint(
                fields=["policy"], condition=Q(valid_from__isnull=True), name="deadline_version_one_open_start"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.policy.name}: {self.duration_label} ({self.period_label})"

    @property
    def duration_label(self) -> str:
        """The limit in words, e.g. "5 ngày làm việc"; 0 working days is "trong ngày làm việc"."""
        if self.amount == 0 and self.unit == Unit.WORKING_DAYS:
            return gettext("trong ngày làm việc")
        return f"{self.amount} {self.get_unit_display()}"

    @property
    def citation(self) -> str:
        """ "khoản 3, 4 Điều 7 Nghị định 244/2026/NĐ-CP", as much as is recorded."""
        parts = []
        if self.point:
            parts.append(gettext("điểm %(point)s") % {"point": self.point})
        if self.clause:
            parts.append(gettext("khoản %(clause)s") % {"clause": self.clause})
        if self.article:
            parts.append(gettext("Điều %(article)s") % {"article": self.article})
        if self.instrument is not None:
            parts.append(self.instrument.short_name)
        return " ".join(parts)

    @property
    def legal_basis(self) -> str:
        """The citation and the summary, in one line for a page or a listing."""
        return " — ".join(part for part in (self.citation, self.summary) if part)

    @property
    def period_label(self) -> str:
        """ "từ 01/07/2026", "đến hết 30/06/2026", "từ 01/07/2026 đến hết 31/12/2027" or "không thời hạn"."""
        if self.valid_from and self.valid_until:
            return gettext("từ %(start)s đến hết %(end)s") % {
                "start": _ddmmyyyy(self.valid_from),
                "end": _ddmmyyyy(self.valid_until),
            }
        if self.valid_from:
            return gettext("từ %(start)s") % {"start": _ddmmyyyy(self.valid_from)}
        if self.valid_until:
            return gettext("đến hết %(end)s") % {"end": _ddmmyyyy(self.valid_until)}
        return gettext("không thời hạn")

    def due_from(self, start: dt.datetime) -> dt.datetime:
        """When something started at `start` (timezone-aware) is due under this version."""
        return calendar.due_at(start, self.amount, self.unit)

    def is_in_use(self) -> bool:
        """Whether anything (a request, a spokesperson's clock…) was computed under this version.

        Asked of every relation that points here, so the apps above need not be known.
        """
        if self.pk is None:
            return False
        for relation in self._meta.get_fields(include_hidden=True):
            if isinstance(relation, ForeignObjectRel) and (relation.one_to_many or relation.one_to_one):
                model: Any = relation.related_model
                if model._base_manager.filter(**{relation.field.name: self.pk}).exists():
                    return True
        return False

    def clean(self) -> None:
        super().clean()
        errors: dict[str, Any] = {}
        if self.amount == 0 and self.unit != Unit.WORKING_DAYS:
            errors["amount"] = _("Thời hạn 0 chỉ dùng với đơn vị ngày làm việc.")
        if self.valid_from and self.valid_until and self.valid_until < self.valid_from:
            errors["valid_until"] = _("Ngày kết thúc phải từ ngày bắt đầu trở đi.")
        instrument = self.instrument if self.instrument_id else None
        if instrument is not None:
            if instrument.in_force_from and (self.valid_from is None or self.valid_from < instrument.in_force_from):
                errors["valid_from"] = _("%(instrument)s chỉ có hiệu lực từ %(date)s.") % {
                    "instrument": instrument.short_name,
                    "date": _ddmmyyyy(instrument.in_force_from),
                }
            if instrument.repealed_from and (self.valid_until is None or self.valid_until >= instrument.repealed_from):
                errors["valid_until"] = _(
                    "%(instrument)s hết hiệu lực từ %(date)s: phiên bản phải kết thúc trước ngày đó."
                ) % {"instrument": instrument.short_name, "date": _ddmmyyyy(instrument.repealed_from)}
        if self.pk is not None and self.is_in_use():
            before = type(self)._base_manager.filter(pk=self.pk).values(*self.RULE_FIELDS).first() or {}
            if any(before.get(name) != getattr(self, name) for name in self.RULE_FIELDS):
                errors["amount"] = _(
                    "Phiên bản này đã được dùng để tính thời hạn; chỉ được ghi ngày kết thúc. "
                    "Hãy thêm một phiên bản mới."
                )
        if errors:
            raise ValidationError(errors)


class CalendarYear(TimeStampedModel, ClusterableModel):
    """One year of the work calendar: where its schedule came from, and its exceptional days."""

    year = models.PositiveSmallIntegerField(_("năm"), unique=True)
    source = models.TextField(
        _("nguồn"), blank=True, help_text=_("Văn bản công bố lịch nghỉ lễ, tết của năm (thông báo, quyết định).")
    )
    note = models.TextField(_("ghi chú"), blank=True)

    class Meta:
        verbose_name = _("lịch làm việc năm")
        verbose_name_plural = _("lịch làm việc theo năm")
        ordering = ["-year"]

    def __str__(self) -> str:
        return _("Lịch làm việc năm %(year)s") % {"year": self.year}


class CalendarDay(TimeStampedModel):
    """A day that departs from the regular week (Monday–Friday working, Saturday and Sunday off)."""

    class Kind(models.TextChoices):
        HOLIDAY = calendar.HOLIDAY, _("Ngày lễ, tết")
        DAY_OFF = calendar.DAY_OFF, _("Ngày nghỉ bù, nghỉ hoán đổi")
        MAKEUP_WORKDAY = calendar.MAKEUP_WORKDAY, _("Ngày làm bù (thứ Bảy, Chủ nhật đi làm)")

    year = ParentalKey(CalendarYear, verbose_name=_("năm"), on_delete=models.CASCADE, related_name="days")
    date = models.DateField(_("ngày"), unique=True)
    kind = models.CharField(_("loại ngày"), max_length=16, choices=Kind.choices)
    name = models.CharField(_("tên"), max_length=200, help_text=_("Ví dụ: Tết Nguyên đán, nghỉ bù Quốc khánh."))

    class Meta:
        verbose_name = _("ngày đặc biệt")
        verbose_name_plural = _("ngày nghỉ lễ, nghỉ bù, làm bù")
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y} — {self.name} ({self.get_kind_display()})"

    def clean(self) -> None:
        super().clean()
        if self.date is None:
            return
        try:
            year = self.year
        except ObjectDoesNotExist:
            year = None
        if year is not None and year.year is not None and self.date.year != year.year:
            raise ValidationError({"date": _("Ngày này không thuộc năm %(year)s.") % {"year": year.year}})
        if self.kind == self.Kind.MAKEUP_WORKDAY and self.date.weekday() < 5:
            raise ValidationError({"kind": _("Ngày làm bù phải là thứ Bảy hoặc Chủ nhật.")})


class CalendarRevision(models.Model):
    """A single row whose token changes, in the same transaction, whenever a calendar row changes.

    Every process compares it with the token of the calendar it has cached, so an edit made in the
    admin reaches the web workers and the task worker at their next computation, and a rolled-back
    edit never leaves a stale calendar behind (the token rolls back with it).
    """

    token = models.CharField(max_length=32)
    changed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("phiên bản lịch làm việc")
        verbose_name_plural = _("phiên bản lịch làm việc")

    def __str__(self) -> str:
        return self.token
