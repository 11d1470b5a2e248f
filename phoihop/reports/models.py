"""Programme reports (báo cáo sơ kết / tổng kết) and the document layouts they are printed in.

`ReportLayout` is the layout as data: paper, margins, font and sizes, the header lines, the number
pattern, the place and the signature title. Two are seeded (Decree 30/2020/NĐ-CP for State bodies,
Hướng dẫn 36-HD/VPTW for Party bodies); a clerk adjusts them in the admin when the rules change.

`ProgramReport` is one report of one programme for one period, by one issuing party: its narrative
(written before export and kept), its number (per issuer and year, given when first exported), its
generation status and progress, and the files the worker produced.
"""

from __future__ import annotations

import datetime as dt
import re
import string
from decimal import Decimal
from typing import Any, ClassVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from phoihop.accounts.models import Organization
from phoihop.core.models import TimeStampedModel
from phoihop.core.storage import private_storage

NUMBER_FIELDS = frozenset({"n", "code", "year"})
# An export makes progress every few seconds; this long without any means nobody is working on it.
STALLED_AFTER = dt.timedelta(minutes=15)


def _size(label: Any, default: str) -> models.DecimalField:
    return models.DecimalField(
        label,
        max_digits=4,
        decimal_places=1,
        default=Decimal(default),
        validators=[MinValueValidator(Decimal("6")), MaxValueValidator(Decimal("40"))],
    )


def _margin(label: Any, default: str) -> models.DecimalField:
    return models.DecimalField(
        label,
        max_digits=4,
        decimal_places=1,
        default=Decimal(default),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("80"))],
    )


# A format spec's width or precision is at most two digits ("{n:02d}"): "{n:200000000}" would build
# a 200 MB string (#22).
_SPEC_NUMBER = re.compile(r"\d{3,}")


def format_number(pattern: str, *, n: int, code: str, year: int) -> str:
    if any(_SPEC_NUMBER.search(spec or "") for _text, _field, spec, _conv in string.Formatter().parse(pattern)):
        raise ValueError("number pattern width too large")
    return pattern.format(n=n, code=code, year=year)


class ReportLayout(models.Model):
    class Kind(models.TextChoices):
        STATE = "state", _("Văn bản hành chính (cơ quan nhà nước)")
        PARTY = "party", _("Văn bản của Đảng")

    class IssuerMark(models.TextChoices):
        RULE = "rule", _("Đường kẻ ngang")
        ASTERISK = "asterisk", _("Dấu sao (*)")

    name = models.CharField(_("tên thể thức"), max_length=200, unique=True)
    kind = models.CharField(_("loại văn bản"), max_length=8, choices=Kind.choices, default=Kind.STATE)
    legal_basis = models.CharField(_("căn cứ"), max_length=300, blank=True)
    page_width_mm = _margin(_("khổ giấy: rộng (mm)"), "210")
    page_height_mm = _margin(_("khổ giấy: cao (mm)"), "297")
    margin_top_mm = _margin(_("lề trên (mm)"), "20")
    margin_bottom_mm = _margin(_("lề dưới (mm)"), "20")
    margin_left_mm = _margin(_("lề trái (mm)"), "30")
    margin_right_mm = _margin(_("lề phải (mm)"), "15")
    font_name = models.CharField(_("phông chữ"), max_length=80, default="Times New Roman")
    body_size_pt = _size(_("cỡ chữ nội dung (pt)"), "14")
    issuer_size_pt = _size(_("cỡ chữ tên cơ quan (pt)"), "13")
    issuer_mark = models.CharField(
        _("dấu dưới tên cơ quan ban hành"), max_length=8, choices=IssuerMark.choices, default=IssuerMark.RULE
    )
    motto_line_1 = models.CharField(
        _("dòng tiêu đề thứ nhất"), max_length=200, default="CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    )
    motto_line_1_size_pt = _size(_("cỡ chữ dòng thứ nhất (pt)"), "13")
    motto_line_2 = models.CharField(
        _("dòng tiêu đề thứ hai"),
        max_length=200,
        blank=True,
        default="Độc lập - Tự do - Hạnh phúc",
        help_text=_("Để trống với văn bản của Đảng (chỉ có dòng “ĐẢNG CỘNG SẢN VIỆT NAM”)."),
    )
    motto_line_2_size_pt = _size(_("cỡ chữ dòng thứ hai (pt)"), "14")
    number_pattern = models.CharField(
        _("mẫu số, ký hiệu"),
        max_length=100,
        default="Số: {n:02d}/BC-{code}",
        help_text=_(
            "{n} là số thứ tự (theo đơn vị ban hành và năm), {code} là chữ viết tắt tên đơn vị, {year} là năm. "
            "Ví dụ: “Số: {n:02d}/BC-{code}” cho văn bản hành chính, “Số {n}-BC/{code}” cho văn bản của Đảng."
        ),
    )
    number_size_pt = _size(_("cỡ chữ số, ký hiệu (pt)"), "13")
    place_name = models.CharField(_("địa danh"), max_length=120, default="Hà Nội")
    date_size_pt = _size(_("cỡ chữ địa danh, ngày tháng (pt)"), "14")
    title_text = models.CharField(_("tên loại văn bản"), max_length=60, default="BÁO CÁO")
    title_size_pt = _size(_("cỡ chữ tên loại (pt)"), "14")
    subject_size_pt = _size(_("cỡ chữ trích yếu (pt)"), "14")
    signature_title = models.TextField(
        _("chức vụ người ký"),
        blank=True,
        default="TỔNG BIÊN TẬP",
        help_text=_("Mỗi dòng một dòng, ví dụ “TM. BAN THƯỜNG VỤ” rồi “BÍ THƯ”. Có thể sửa trong từng báo cáo."),
    )
    signature_size_pt = _size(_("cỡ chữ chữ ký (pt)"), "14")
    recipients_label = models.CharField(_("tiêu đề nơi nhận"), max_length=40, default="Nơi nhận:")
    recipients_label_size_pt = _size(_("cỡ chữ tiêu đề nơi nhận (pt)"), "12")
    recipients_size_pt = _size(_("cỡ chữ danh sách nơi nhận (pt)"), "11")
    default_recipients = models.TextField(_("nơi nhận mặc định"), blank=True, default="- Lưu: VT.")
    sort_order = models.PositiveSmallIntegerField(_("thứ tự"), default=100)
    is_active = models.BooleanField(_("đang dùng"), default=True)

    class Meta:
        verbose_name = _("thể thức báo cáo")
        verbose_name_plural = _("thể thức báo cáo")
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        try:
            names = {field for _text, field, _spec, _conv in string.Formatter().parse(self.number_pattern) if field}
            if not names <= NUMBER_FIELDS:
                raise ValueError
            format_number(self.number_pattern, n=5, code="ABC", year=2026)
        except (ValueError, KeyError, IndexError, AttributeError):
            raise ValidationError(
                {"number_pattern": _("Mẫu số chỉ được dùng {n}, {code}, {year}, ví dụ “Số: {n:02d}/BC-{code}”.")}
            ) from None


class ProgramReportQuerySet(models.QuerySet["ProgramReport"]):
    def for_programs(self, program_ids: models.QuerySet | list[int]) -> ProgramReportQuerySet:
        return self.filter(program_id__in=program_ids)


class ProgramReport(TimeStampedModel):
    class Kind(models.TextChoices):
        INTERIM = "so_ket", _("Sơ kết")
        FINAL = "tong_ket", _("Tổng kết")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Đang soạn")
        QUEUED = "queued", _("Chờ xuất")
        RUNNING = "running", _("Đang xuất")
        DONE = "done", _("Đã xuất")
        FAILED = "failed", _("Xuất lỗi")

    BUSY_STATUSES: ClassVar[tuple[str, ...]] = (Status.QUEUED, Status.RUNNING)

    program = models.ForeignKey(
        "programs.Program", verbose_name=_("chương trình phối hợp"), on_delete=models.PROTECT, related_name="reports"
    )
    issuer = models.ForeignKey(
        Organization, verbose_name=_("đơn vị ban hành"), on_delete=models.PROTECT, related_name="program_reports"
    )
    layout = models.ForeignKey(ReportLayout, verbose_name=_("thể thức"), on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("loại báo cáo"), max_length=10, choices=Kind.choices, default=Kind.INTERIM)
    period_kind = models.CharField(_("kỳ báo cáo"), max_length=6)
    period_year = models.PositiveSmallIntegerField(_("năm"), null=True, blank=True)
    period_index = models.PositiveSmallIntegerField(_("tháng/quý"), null=True, blank=True)
    subject = models.CharField(_("trích yếu"), max_length=500)
    parent_body = models.CharField(
        _("cơ quan chủ quản"), max_length=200, blank=True, help_text=_("Dòng trên tên đơn vị ban hành; có thể trống.")
    )
    issuer_name = models.CharField(_("tên đơn vị ban hành"), max_length=200)
    issuer_code = models.CharField(
        _("chữ viết tắt tên đơn vị"), max_length=40, help_text=_("Dùng trong số, ký hiệu, ví dụ “LĐTĐ”.")
    )
    place_name = models.CharField(_("địa danh"), max_length=120)
    issued_on = models.DateField(_("ngày báo cáo"), null=True, blank=True, help_text=_("Trống: ngày xuất."))
    number = models.PositiveIntegerField(_("số"), null=True, blank=True, editable=False)
    number_year = models.PositiveSmallIntegerField(null=True, blank=True, editable=False)
    general_assessment = models.TextField(_("đánh giá chung"), blank=True)
    results_notes = models.TextField(_("nhận xét kết quả tuyên truyền"), blank=True)
    exchange_notes = models.TextField(_("nhận xét trao đổi, cung cấp thông tin"), blank=True)
    refutation_notes = models.TextField(_("nhận xét đấu tranh, phản bác thông tin sai sự thật"), blank=True)
    shortcomings = models.TextField(_("tồn tại, hạn chế và nguyên nhân"), blank=True)
    proposals = models.TextField(_("đề xuất, kiến nghị"), blank=True)
    signer_title = models.TextField(_("chức vụ người ký"), blank=True)
    signer_name = models.CharField(_("họ tên người ký"), max_length=200, blank=True)
    recipients = models.TextField(_("nơi nhận"), blank=True, help_text=_("Mỗi dòng một nơi nhận."))
    status = models.CharField(_("trạng thái"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    progress = models.PositiveSmallIntegerField(_("tiến độ (%)"), default=0, validators=[MaxValueValidator(100)])
    error = models.TextField(_("lỗi"), blank=True)
    docx = models.FileField(_("tệp DOCX"), upload_to="reports/%Y/", storage=private_storage, max_length=300, blank=True)
    xlsx = models.FileField(_("tệp XLSX"), upload_to="reports/%Y/", storage=private_storage, max_length=300, blank=True)
    pdf = models.FileField(_("tệp PDF"), upload_to="reports/%Y/", storage=private_storage, max_length=300, blank=True)
    generated_at = models.DateTimeField(_("xuất lúc"), null=True, blank=True)
    generation_seconds = models.FloatField(_("thời gian xuất (giây)"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người lập"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người yêu cầu xuất"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects: ClassVar[ProgramReportQuerySet] = ProgramReportQuerySet.as_manager()  # type: ignore[assignment]

    class Meta:
        verbose_name = _("báo cáo chương trình phối hợp")
        verbose_name_plural = _("báo cáo chương trình phối hợp")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["issuer", "number_year", "number"],
                condition=Q(number__isnull=False),
                name="report_number_unique_per_issuer_year",
            ),
            models.CheckConstraint(condition=Q(progress__lte=100), name="report_progress_percent"),
        ]

    def __str__(self) -> str:
        return self.subject

    def get_absolute_url(self) -> str:
        return reverse("reports:report", args=[self.pk])

    @property
    def is_busy(self) -> bool:
        return self.status in self.BUSY_STATUSES

    @property
    def is_stalled(self) -> bool:
        """Queued or running with no progress for a long time: the worker died or is not running.
        The page stops refreshing and the issuing side may export again."""
        return self.is_busy and self.updated_at < timezone.now() - STALLED_AFTER

    @property
    def accepts_changes(self) -> bool:
        return not self.is_busy or self.is_stalled

    @property
    def number_text(self) -> str:
        if self.number is None:
            return ""
        try:
            return format_number(
                self.layout.number_pattern, n=self.number, code=self.issuer_code, year=self.number_year or 0
            )
        except (KeyError, ValueError, IndexError, AttributeError):
            # A layout saved around its validation must not break the pages that list the report.
            return f"{self.number}/{self.issuer_code}"


# --- the annual report on spokesperson work (Decree 244/2026/NĐ-CP Art. 10 and its appendix form) ----

# Read in docs/legal-2026-verified.md (row ND244-10): the report goes "trước ngày 20 tháng 12 hàng năm",
# its data run "từ ngày 15 tháng 12 năm trước kỳ báo cáo đến ngày 14 tháng 12 của kỳ báo cáo", and the
# duty falls on ministries, ministerial-level agencies and provincial People's Committees only.
ANNUAL_LEGAL_BASIS = "Nghị định số 244/2026/NĐ-CP, Điều 10 khoản 1, khoản 2 và Biểu mẫu kèm theo"
ANNUAL_DUE_BEFORE = (12, 20)  # "trước ngày 20 tháng 12": 19/12 at the latest
ANNUAL_PERIOD_FIRST_DAY = (12, 15)  # of the year before the reporting year
ANNUAL_PERIOD_LAST_DAY = (12, 14)  # of the reporting year
ANNUAL_RECIPIENT = "Bộ Văn hóa, Thể thao và Du lịch"
# The administrative levels that carry the duty. The seeded level list has the province (tỉnh, thành
# phố trực thuộc trung ương) and no ministry level; a ministry level added to the list joins here.
ANNUAL_DUTY_LEVELS = frozenset({"province"})


def annual_period(year: int) -> tuple[dt.date, dt.date]:
    """The first and last day (both included, local dates) of the data of `year`'s report."""
    first_month, first_day = ANNUAL_PERIOD_FIRST_DAY
    last_month, last_day = ANNUAL_PERIOD_LAST_DAY
    return dt.date(year - 1, first_month, first_day), dt.date(year, last_month, last_day)


def annual_due_on(year: int) -> dt.date:
    """The last day the report of `year` may be sent: the day before 20/12."""
    month, day = ANNUAL_DUE_BEFORE
    return dt.date(year, month, day) - dt.timedelta(days=1)


def annual_year_for(day: dt.date) -> int:
    """The reporting year whose data period holds `day` (16/12/2026 belongs to 2027's)."""
    _first, last = annual_period(day.year)
    return day.year + 1 if day > last else day.year


def annual_duty(organization: Organization) -> bool:
    """Whether Art. 10 requires the unit to report (a ministry or a provincial People's Committee);
    any other unit may still make one."""
    level = organization.level
    return organization.kind == Organization.Kind.PARTNER and level is not None and level.code in ANNUAL_DUTY_LEVELS


class SpokespersonReport(TimeStampedModel):
    """A unit's annual report on spokesperson work and information for the press (Decree 244/2026
    Art. 10, appendix form): one per unit and year. The six figures are computed from the system
    (`reports.spokesperson`) when the page is shown and again at export, where they are kept with
    the files (`exported_figures`); the unit writes the header lines, the notes and section II."""

    Status = ProgramReport.Status
    BUSY_STATUSES: ClassVar[tuple[str, ...]] = ProgramReport.BUSY_STATUSES

    organization = models.ForeignKey(
        Organization, verbose_name=_("đơn vị báo cáo"), on_delete=models.PROTECT, related_name="spokesperson_reports"
    )
    year = models.PositiveSmallIntegerField(_("năm báo cáo"), validators=[MinValueValidator(2026)])
    layout = models.ForeignKey(ReportLayout, verbose_name=_("thể thức"), on_delete=models.PROTECT, related_name="+")
    parent_body = models.CharField(
        _("cơ quan chủ quản"), max_length=200, blank=True, help_text=_("Dòng trên tên đơn vị ban hành; có thể trống.")
    )
    issuer_name = models.CharField(_("tên cơ quan hành chính"), max_length=200)
    issuer_code = models.CharField(_("tên viết tắt"), max_length=40, help_text=_("Dùng trong số, ký hiệu."))
    place_name = models.CharField(_("địa danh"), max_length=120)
    issued_on = models.DateField(_("ngày báo cáo"), null=True, blank=True, help_text=_("Trống: ngày xuất."))
    number = models.PositiveIntegerField(_("số"), null=True, blank=True, editable=False)
    number_year = models.PositiveSmallIntegerField(null=True, blank=True, editable=False)
    figures_notes = models.TextField(
        _("thuyết minh số liệu"), blank=True, help_text=_("Không bắt buộc; in sau bảng số liệu.")
    )
    difficulties = models.TextField(_("khó khăn, vướng mắc và đề xuất, kiến nghị"), blank=True)
    signer_title = models.TextField(_("chức vụ người ký"), blank=True)
    signer_name = models.CharField(_("họ tên người ký"), max_length=200, blank=True)
    recipients = models.TextField(_("nơi nhận"), blank=True, help_text=_("Mỗi dòng một nơi nhận."))
    status = models.CharField(_("trạng thái"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    progress = models.PositiveSmallIntegerField(_("tiến độ (%)"), default=0, validators=[MaxValueValidator(100)])
    error = models.TextField(_("lỗi"), blank=True)
    docx = models.FileField(_("tệp DOCX"), upload_to="reports/%Y/", storage=private_storage, max_length=300, blank=True)
    xlsx = models.FileField(_("tệp XLSX"), upload_to="reports/%Y/", storage=private_storage, max_length=300, blank=True)
    pdf = models.FileField(_("tệp PDF"), upload_to="reports/%Y/", storage=private_storage, max_length=300, blank=True)
    exported_figures = models.JSONField(_("số liệu khi xuất"), default=list, blank=True, editable=False)
    generated_at = models.DateTimeField(_("xuất lúc"), null=True, blank=True)
    generation_seconds = models.FloatField(_("thời gian xuất (giây)"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người lập"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người yêu cầu xuất"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("báo cáo công tác phát ngôn")
        verbose_name_plural = _("báo cáo công tác phát ngôn")
        ordering = ["-year", "organization__name"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "year"], name="spokesperson_report_one_per_unit_year"),
            models.UniqueConstraint(
                fields=["organization", "number_year", "number"],
                condition=Q(number__isnull=False),
                name="spokesperson_report_number_unique",
            ),
            models.CheckConstraint(condition=Q(progress__lte=100), name="spokesperson_report_progress_percent"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("reports:spokesperson_report", args=[self.pk])

    @property
    def title(self) -> str:
        return gettext("Báo cáo về công tác phát ngôn và cung cấp thông tin cho báo chí năm %(year)s") % {
            "year": self.year
        }

    @property
    def period(self) -> tuple[dt.date, dt.date]:
        return annual_period(self.year)

    @property
    def period_start(self) -> dt.date:
        return self.period[0]

    @property
    def period_end(self) -> dt.date:
        return self.period[1]

    @property
    def due_on(self) -> dt.date:
        return annual_due_on(self.year)

    @property
    def legal_basis(self) -> str:
        return ANNUAL_LEGAL_BASIS

    @property
    def is_required(self) -> bool:
        return annual_duty(self.organization)

    @property
    def is_busy(self) -> bool:
        return self.status in self.BUSY_STATUSES

    @property
    def is_stalled(self) -> bool:
        return self.is_busy and self.updated_at < timezone.now() - STALLED_AFTER

    @property
    def accepts_changes(self) -> bool:
        return not self.is_busy or self.is_stalled

    @property
    def number_text(self) -> str:
        if self.number is None:
            return ""
        try:
            return format_number(
                self.layout.number_pattern, n=self.number, code=self.issuer_code, year=self.number_year or 0
            )
        except (KeyError, ValueError, IndexError, AttributeError):
            return f"{self.number}/{self.issuer_code}"
