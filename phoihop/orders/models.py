"""Commissioned coverage: a partner unit orders coverage of a programme from the newspaper (Press Law
126/2025: assigning tasks, ordering, bidding), the newsroom delivers published articles, the partner's
leader accepts each period (biên bản nghiệm thu) and the payments are recorded against accepted periods.

Money is whole VND (integers); an item's amount is its unit price (quantity one article)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from phoihop.accounts.models import Organization
from phoihop.core.storage import private_storage
from phoihop.portal.models import ArticlePage
from phoihop.programs.models import Program, Theme


class Kind(models.TextChoices):
    NEWS = "tin", _("Tin")
    ARTICLE = "bai", _("Bài")
    PHOTO = "anh", _("Ảnh")
    VIDEO = "video", _("Video")
    REPORTAGE = "phong_su", _("Phóng sự")


class Order(models.Model):
    program = models.ForeignKey(Program, verbose_name=_("chương trình"), on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey(
        Organization, verbose_name=_("đơn vị đặt hàng"), on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(_("tên đặt hàng"), max_length=500)
    legal_basis = models.TextField(_("căn cứ pháp lý"), blank=True)
    contract_number = models.CharField(_("số hợp đồng"), max_length=80, blank=True)
    contract_date = models.DateField(_("ngày hợp đồng"), null=True, blank=True)
    value = models.PositiveBigIntegerField(_("giá trị (đồng)"), default=0)
    starts_on = models.DateField(_("từ ngày"))
    ends_on = models.DateField(_("đến ngày"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("đặt hàng")
        ordering = ["-starts_on", "pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(ends_on__gte=models.F("starts_on")), name="order_dates")
        ]

    def __str__(self) -> str:
        return self.title


class Deliverable(models.Model):
    class Per(models.TextChoices):
        MONTH = "month", _("tháng")
        QUARTER = "quarter", _("quý")

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="deliverables")
    theme = models.ForeignKey(
        Theme, verbose_name=_("nội dung tuyên truyền"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("loại sản phẩm"), max_length=16, choices=Kind.choices)
    per = models.CharField(_("kỳ"), max_length=8, choices=Per.choices, default=Per.MONTH)
    quantity = models.PositiveIntegerField(_("số lượng mỗi kỳ"))
    unit_price = models.PositiveBigIntegerField(_("đơn giá (đồng)"))

    class Meta:
        verbose_name = _("sản phẩm đặt hàng")
        ordering = ["pk"]
        constraints = [models.UniqueConstraint(fields=["order", "theme", "kind"], name="deliverable_unique")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.theme_id} × {self.quantity}"


class AcceptancePeriod(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Đang lập danh sách")
        PROPOSED = "proposed", _("Chờ đối tác nghiệm thu")
        ACCEPTED = "accepted", _("Đã nghiệm thu")

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="periods")
    label = models.CharField(_("kỳ nghiệm thu"), max_length=100)
    starts_on = models.DateField(_("từ ngày"))
    ends_on = models.DateField(_("đến ngày"))
    status = models.CharField(_("trạng thái"), max_length=16, choices=Status.choices, default=Status.DRAFT)
    proposed_at = models.DateTimeField(null=True, blank=True)
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    minutes_docx = models.FileField(upload_to="orders/minutes/", storage=private_storage, blank=True)
    minutes_xlsx = models.FileField(upload_to="orders/minutes/", storage=private_storage, blank=True)

    class Meta:
        verbose_name = _("kỳ nghiệm thu")
        ordering = ["starts_on", "pk"]
        constraints = [models.UniqueConstraint(fields=["order", "starts_on"], name="period_unique_start")]

    def __str__(self) -> str:
        return self.label


class Item(models.Model):
    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Đề nghị")
        DISPUTED = "disputed", _("Có ý kiến")
        ACCEPTED = "accepted", _("Đã nghiệm thu")

    period = models.ForeignKey(AcceptancePeriod, on_delete=models.CASCADE, related_name="items")
    article = models.ForeignKey(ArticlePage, verbose_name=_("tin, bài"), on_delete=models.PROTECT, related_name="+")
    theme = models.ForeignKey(Theme, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("loại sản phẩm"), max_length=16, choices=Kind.choices)
    unit_price = models.PositiveBigIntegerField(_("đơn giá (đồng)"))
    included = models.BooleanField(_("tính vào kỳ"), default=True)
    reason = models.TextField(_("lý do điều chỉnh"), blank=True)
    status = models.CharField(_("trạng thái"), max_length=16, choices=Status.choices, default=Status.PROPOSED)
    dispute_reason = models.TextField(_("ý kiến của đối tác"), blank=True)
    answer = models.TextField(_("trả lời của tòa soạn"), blank=True)
    snapshot = models.FileField(upload_to="orders/snapshots/", storage=private_storage, blank=True)
    snapshot_note = models.CharField(max_length=300, blank=True)

    class Meta:
        verbose_name = _("sản phẩm bàn giao")
        ordering = ["article__first_published_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["period", "article"], name="item_unique_article")]

    def __str__(self) -> str:
        return f"{self.period_id} · {self.article_id}"


class Payment(models.Model):
    period = models.ForeignKey(AcceptancePeriod, on_delete=models.PROTECT, related_name="payments")
    amount = models.PositiveBigIntegerField(_("số tiền (đồng)"))
    paid_on = models.DateField(_("ngày thanh toán"))
    document_number = models.CharField(_("số chứng từ"), max_length=80)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("thanh toán")
        ordering = ["paid_on", "pk"]

    def __str__(self) -> str:
        return f"{self.document_number} · {self.amount}"
