"""Refuting false information: tips (phản ánh) grouped into claims, verified with evidence and the
competent partner unit's answer, labelled by an approved verdict, and answered by a rebuttal article.

Reference lists (domains, verdict labels, the default checklist) are data, edited in the admin.
"""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from phoihop.accounts.models import Organization
from phoihop.core.models import TimeStampedModel
from phoihop.core.storage import private_storage
from phoihop.core.validators import HttpURLField


class Domain(models.Model):
    """A lĩnh vực a tip belongs to (VAFC's eight to start with), editable in the admin."""

    name = models.CharField(_("tên lĩnh vực"), max_length=200, unique=True)
    slug = models.SlugField(_("mã"), max_length=80, unique=True)
    sort_order = models.PositiveSmallIntegerField(_("thứ tự"), default=100)
    is_active = models.BooleanField(_("đang dùng"), default=True)

    class Meta:
        verbose_name = _("lĩnh vực phản ánh")
        verbose_name_plural = _("lĩnh vực phản ánh")
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return self.name


class VerdictLabel(models.Model):
    """A verdict's label ("Tin giả"…) with its colour and meaning. `rating_value` places it on the
    schema.org rating scale; the lowest and highest values in use are worstRating and bestRating."""

    name = models.CharField(_("nhãn"), max_length=120, unique=True)
    slug = models.SlugField(_("mã"), max_length=80, unique=True)
    description = models.TextField(_("ý nghĩa"), blank=True)
    colour = models.CharField(
        _("màu"),
        max_length=7,
        default="#b91c1c",
        validators=[RegexValidator(r"^#[0-9a-fA-F]{6}$", _("Mã màu dạng #rrggbb."))],
        help_text=_("Mã màu dạng #rrggbb, dùng cho nhãn trên trang tin."),
    )
    rating_value = models.PositiveSmallIntegerField(
        _("điểm đánh giá"), default=1, help_text=_("Thang điểm ClaimReview: thấp là sai, cao là đúng.")
    )
    sort_order = models.PositiveSmallIntegerField(_("thứ tự"), default=100)
    is_active = models.BooleanField(_("đang dùng"), default=True)

    class Meta:
        verbose_name = _("nhãn kết luận")
        verbose_name_plural = _("nhãn kết luận")
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return self.name


class ChecklistTemplateItem(models.Model):
    """One step every new claim's checklist starts with; the claim's own list is then edited freely."""

    text = models.CharField(_("bước kiểm tra"), max_length=300, unique=True)
    sort_order = models.PositiveSmallIntegerField(_("thứ tự"), default=100)
    is_active = models.BooleanField(_("đang dùng"), default=True)

    class Meta:
        verbose_name = _("bước kiểm tra mặc định")
        verbose_name_plural = _("các bước kiểm tra mặc định")
        ordering = ["sort_order", "pk"]

    def __str__(self) -> str:
        return self.text


class ClaimQuerySet(models.QuerySet["Claim"]):
    def matchable(self) -> ClaimQuerySet:
        return self.exclude(status=Claim.Status.DISMISSED)

    def published(self) -> ClaimQuerySet:
        """Claims whose verdict is out: approved, and the rebuttal article is live."""
        return self.filter(
            verdict__status=Verdict.Status.APPROVED,
            verdict__published_at__isnull=False,
            verdict__rebuttal__live=True,
        )


class Claim(TimeStampedModel):
    """One piece of information circulating, as the newsroom states it; tips are grouped under it."""

    class Status(models.TextChoices):
        OPEN = "open", _("Đang xác minh")
        VERDICT = "verdict", _("Đã có kết luận")
        PUBLISHED = "published", _("Đã công bố")
        DISMISSED = "dismissed", _("Không xử lý")

    class ClaimantKind(models.TextChoices):
        PERSON = "Person", _("Cá nhân")
        ORGANIZATION = "Organization", _("Tổ chức, trang, nhóm")

    reference = models.CharField(_("số hồ sơ"), max_length=32, unique=True)
    title = models.CharField(
        _("thông tin cần kiểm chứng"), max_length=500, help_text=_("Nêu ngắn gọn nội dung đang lan truyền.")
    )
    summary = models.TextField(_("mô tả"), blank=True)
    domain = models.ForeignKey(Domain, verbose_name=_("lĩnh vực"), on_delete=models.PROTECT, related_name="claims")
    status = models.CharField(_("trạng thái"), max_length=16, choices=Status.choices, default=Status.OPEN)
    appearance_url = HttpURLField(_("nơi xuất hiện"), max_length=1000, blank=True)
    claimant_name = models.CharField(_("người/trang đăng tải"), max_length=300, blank=True)
    claimant_kind = models.CharField(
        _("loại người đăng"), max_length=16, choices=ClaimantKind.choices, default=ClaimantKind.ORGANIZATION
    )
    first_seen_at = models.DateTimeField(_("xuất hiện lần đầu"), null=True, blank=True)
    due_at = models.DateTimeField(_("hạn xác minh"), null=True, blank=True)
    deadline_policy = models.ForeignKey(
        "deadlines.DeadlinePolicy",
        verbose_name=_("thời hạn áp dụng"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # The version of that policy in force when the deadline was set: its limit and legal basis stay with
    # the claim when the rules change (like a request's `policy_version`).
    deadline_policy_version = models.ForeignKey(
        "deadlines.DeadlinePolicyVersion",
        verbose_name=_("căn cứ thời hạn"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người lập"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    dismiss_reason = models.TextField(_("lý do không xử lý"), blank=True)

    objects: ClassVar[ClaimQuerySet] = ClaimQuerySet.as_manager()  # type: ignore[assignment]

    class Meta:
        verbose_name = _("hồ sơ kiểm chứng")
        verbose_name_plural = _("hồ sơ kiểm chứng")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "-created_at"], name="claim_status_idx")]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="dismissed") | ~Q(dismiss_reason=""), name="claim_dismissed_has_reason"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference} · {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("factcheck_workspace:claim", args=[self.pk])


class TipQuerySet(models.QuerySet["Tip"]):
    def ungrouped(self) -> TipQuerySet:
        return self.filter(status=Tip.Status.NEW)


class Tip(models.Model):
    """One report of suspect information: from a reader, a partner unit, or the newsroom's own monitoring."""

    class Source(models.TextChoices):
        PUBLIC = "public", _("Bạn đọc")
        PARTNER = "partner", _("Đơn vị phối hợp")
        MONITORING = "monitoring", _("Tòa soạn theo dõi")

    class Status(models.TextChoices):
        NEW = "new", _("Mới tiếp nhận")
        GROUPED = "grouped", _("Đang xác minh")
        DISMISSED = "dismissed", _("Không xử lý")

    reference = models.CharField(_("số phản ánh"), max_length=32, unique=True)
    source = models.CharField(_("nguồn"), max_length=16, choices=Source.choices)
    status = models.CharField(_("trạng thái"), max_length=16, choices=Status.choices, default=Status.NEW)
    claim = models.ForeignKey(
        Claim, verbose_name=_("hồ sơ"), null=True, blank=True, on_delete=models.SET_NULL, related_name="tips"
    )
    domain = models.ForeignKey(Domain, verbose_name=_("lĩnh vực"), on_delete=models.PROTECT, related_name="tips")
    suspect_url = models.CharField(_("đường dẫn thông tin nghi vấn"), max_length=1000, blank=True)
    description = models.TextField(_("mô tả"))
    screenshot = models.FileField(
        _("ảnh chụp màn hình"), upload_to="factcheck/tips/%Y/%m/", storage=private_storage, max_length=300, blank=True
    )
    screenshot_mime = models.CharField(max_length=100, blank=True)
    contact_email = models.EmailField(_("thư điện tử liên hệ"), blank=True)
    contact_phone = models.CharField(_("điện thoại liên hệ"), max_length=30, blank=True)
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("đơn vị gửi"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="factcheck_tips",
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người gửi"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("gửi lúc"), auto_now_add=True, db_index=True)
    grouped_at = models.DateTimeField(_("gom vào hồ sơ lúc"), null=True, blank=True)
    grouped_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người gom"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Trống khi hệ thống tự gom (độ tương đồng rất cao)."),
    )
    match_score = models.FloatField(_("độ tương đồng khi gom"), null=True, blank=True)
    answered_at = models.DateTimeField(
        _("đã báo kết luận lúc"), null=True, blank=True, help_text=_("Người gửi được báo kết luận một lần.")
    )
    dismiss_reason = models.TextField(_("lý do không xử lý"), blank=True)
    # The tipster's private status link: only the SHA-256 of its random token is kept, so the link
    # cannot be rebuilt from the database; emptying it revokes the link (`tip_status_link_revoke`).
    status_token_hash = models.CharField(max_length=64, blank=True, db_index=True, editable=False)

    objects: ClassVar[TipQuerySet] = TipQuerySet.as_manager()  # type: ignore[assignment]

    class Meta:
        verbose_name = _("phản ánh")
        verbose_name_plural = _("phản ánh")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["status", "-created_at"], name="tip_status_idx"),
            models.Index(fields=["organization", "-created_at"], name="tip_org_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(source="partner") | Q(organization__isnull=False), name="tip_partner_has_org"
            ),
            models.CheckConstraint(
                condition=~Q(status="grouped") | Q(claim__isnull=False), name="tip_grouped_has_claim"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference} · {self.description[:80]}"

    def get_absolute_url(self) -> str:
        return reverse("factcheck_workspace:tip", args=[self.pk])

    @property
    def match_text(self) -> str:
        return self.description


class TipSuggestion(models.Model):
    """A claim the matcher found similar to a tip (above the suggest threshold) for an editor to confirm."""

    tip = models.ForeignKey(Tip, on_delete=models.CASCADE, related_name="suggestions")
    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="+")
    score = models.FloatField(_("độ tương đồng"))

    class Meta:
        verbose_name = _("gợi ý gom hồ sơ")
        verbose_name_plural = _("gợi ý gom hồ sơ")
        ordering = ["tip", "-score"]
        constraints = [models.UniqueConstraint(fields=["tip", "claim"], name="tip_suggestion_unique")]

    def __str__(self) -> str:
        return f"{self.tip_id} → {self.claim_id} ({self.score:.2f})"


class ChecklistItem(models.Model):
    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="checklist")
    text = models.CharField(_("bước kiểm tra"), max_length=300)
    sort_order = models.PositiveSmallIntegerField(default=100)
    done_at = models.DateTimeField(_("xong lúc"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("bước kiểm tra")
        verbose_name_plural = _("danh sách kiểm tra")
        ordering = ["sort_order", "pk"]

    def __str__(self) -> str:
        return self.text

    @property
    def is_done(self) -> bool:
        return self.done_at is not None


class Evidence(models.Model):
    """Something that supports the verdict: a link, a file, or an official document."""

    class Kind(models.TextChoices):
        LINK = "link", _("Đường dẫn")
        FILE = "file", _("Tệp")
        OFFICIAL = "official", _("Văn bản chính thức")

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="evidence")
    kind = models.CharField(_("loại"), max_length=16, choices=Kind.choices)
    title = models.CharField(_("tiêu đề"), max_length=300)
    url = HttpURLField(_("đường dẫn"), max_length=1000, blank=True)
    document_reference = models.CharField(
        _("số, ký hiệu văn bản"), max_length=200, blank=True, help_text=_("Ví dụ: 123/UBND-VP ngày 25/11/2026.")
    )
    note = models.TextField(_("ghi chú"), blank=True)
    file = models.FileField(
        _("tệp"), upload_to="factcheck/evidence/%Y/%m/", storage=private_storage, max_length=300, blank=True
    )
    original_name = models.CharField(_("tên tệp"), max_length=255, blank=True)
    mime_type = models.CharField(max_length=100, blank=True)
    size = models.PositiveBigIntegerField(null=True, blank=True)
    sha256 = models.CharField(max_length=64, blank=True)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("bằng chứng")
        verbose_name_plural = _("bằng chứng")
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(url="") | ~Q(file=""), name="evidence_has_link_or_file"),
        ]

    def __str__(self) -> str:
        return self.title


class ClaimNote(models.Model):
    """An internal note of the newsroom on a claim (never shown to partners or the public)."""

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    body = models.TextField(_("ghi chú"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("ghi chú nội bộ")
        verbose_name_plural = _("ghi chú nội bộ")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.body[:80]


class ClaimRequest(models.Model):
    """Links a claim to the information request sent through the exchange; the answer is read there."""

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="requests")
    info_request = models.OneToOneField("exchange.InfoRequest", on_delete=models.PROTECT, related_name="factcheck_link")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("đề nghị cung cấp thông tin của hồ sơ")
        verbose_name_plural = _("đề nghị cung cấp thông tin của hồ sơ")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.claim_id} ↔ {self.info_request_id}"


class Verdict(TimeStampedModel):
    """The newsroom's conclusion on a claim. Approved by the Tổng Biên tập or a Phó Tổng Biên tập only."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Dự thảo")
        APPROVED = "approved", _("Đã duyệt")

    claim = models.OneToOneField(Claim, on_delete=models.CASCADE, related_name="verdict")
    label = models.ForeignKey(VerdictLabel, verbose_name=_("nhãn"), on_delete=models.PROTECT, related_name="+")
    summary = models.TextField(_("kết luận"))
    rests_on_authority = models.BooleanField(_("dựa trên kết luận của cơ quan có thẩm quyền"), default=False)
    authority_name = models.CharField(_("cơ quan có thẩm quyền"), max_length=300, blank=True)
    authority_document = models.CharField(
        _("văn bản kết luận"), max_length=300, blank=True, help_text=_("Số, ký hiệu, ngày ban hành.")
    )
    status = models.CharField(_("trạng thái"), max_length=16, choices=Status.choices, default=Status.DRAFT)
    drafted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người soạn"), on_delete=models.PROTECT, related_name="+"
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người duyệt"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    approved_at = models.DateTimeField(_("duyệt lúc"), null=True, blank=True)
    rebuttal = models.ForeignKey(
        "portal.ArticlePage",
        verbose_name=_("bài bác bỏ, đính chính"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    published_at = models.DateTimeField(_("công bố lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("kết luận")
        verbose_name_plural = _("kết luận")
        constraints = [
            models.CheckConstraint(
                condition=Q(rests_on_authority=False) | ~Q(authority_document=""),
                name="verdict_authority_has_document",
            ),
            models.CheckConstraint(
                condition=~Q(status="approved") | Q(approved_by__isnull=False, approved_at__isnull=False),
                name="verdict_approved_has_approver",
            ),
            models.UniqueConstraint(fields=["rebuttal"], name="verdict_one_per_rebuttal"),
        ]

    def __str__(self) -> str:
        return f"{self.label.name}: {self.claim.title}"

    @property
    def is_approved(self) -> bool:
        return self.status == self.Status.APPROVED

    @property
    def is_published(self) -> bool:
        return self.published_at is not None and self.rebuttal is not None and self.rebuttal.live
