"""The two-way information exchange: submissions (partner → press), information requests
(press → partner), their threads and attachments, and the reference lists they use."""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from phoihop.accounts.models import Organization
from phoihop.core.models import TimeStampedModel
from phoihop.core.storage import private_storage
from phoihop.core.validators import HttpURLField


class Priority(models.TextChoices):
    NORMAL = "normal", _("Thường")
    URGENT = "urgent", _("Khẩn")
    FLASH = "flash", _("Hỏa tốc")


PRIORITY_RANK = {Priority.FLASH: 0, Priority.URGENT: 1, Priority.NORMAL: 2}


class SubmissionQuerySet(models.QuerySet["Submission"]):
    def open(self) -> SubmissionQuerySet:
        return self.filter(status__in=Submission.OPEN_STATUSES)

    def for_orgs(self, organization_ids: frozenset[int] | set[int]) -> SubmissionQuerySet:
        return self.filter(organization_id__in=organization_ids)


class Submission(TimeStampedModel):
    """Official information a partner unit sends to the press (cung cấp thông tin)."""

    class Kind(models.TextChoices):
        NEWS = "news", _("Tin, bài")
        DOCUMENT = "document", _("Văn bản chính thức")
        EVENT = "event", _("Thông báo sự kiện, giấy mời")
        DATA = "data", _("Số liệu, báo cáo")
        MEDIA = "media", _("Ảnh, video")
        CORRECTION = "correction", _("Đề nghị cải chính")

    class Status(models.TextChoices):
        SENT = "sent", _("Đã gửi")
        RECEIVED = "received", _("Đã tiếp nhận")
        IN_PROGRESS = "in_progress", _("Đang xử lý")
        PUBLISHED = "published", _("Đã đăng")
        NOT_USED = "not_used", _("Không sử dụng")

    OPEN_STATUSES: ClassVar[tuple[str, ...]] = (Status.SENT, Status.RECEIVED, Status.IN_PROGRESS)

    reference = models.CharField(_("số tiếp nhận"), max_length=32, unique=True)
    organization = models.ForeignKey(
        Organization, verbose_name=_("đơn vị gửi"), on_delete=models.PROTECT, related_name="submissions"
    )
    original_organization = models.ForeignKey(
        Organization,
        verbose_name=_("đơn vị gửi ban đầu"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Giữ tên đơn vị đã gửi khi việc được chuyển cho đơn vị kế thừa."),
    )
    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người gửi"), on_delete=models.PROTECT, related_name="+"
    )
    program = models.ForeignKey(
        "programs.Program",
        verbose_name=_("chương trình phối hợp"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="submissions",
    )
    themes = models.ManyToManyField("programs.Theme", verbose_name=_("nội dung tuyên truyền"), blank=True)
    kind = models.CharField(_("loại thông tin"), max_length=16, choices=Kind.choices, default=Kind.NEWS)
    priority = models.CharField(_("độ khẩn"), max_length=8, choices=Priority.choices, default=Priority.NORMAL)
    title = models.CharField(_("tiêu đề"), max_length=500)
    body = models.TextField(_("nội dung"), blank=True)
    embargo_until = models.DateTimeField(
        _("không đăng trước"), null=True, blank=True, help_text=_("Báo không đăng trước thời điểm này.")
    )
    event_starts_at = models.DateTimeField(_("thời gian diễn ra sự kiện"), null=True, blank=True)
    event_location = models.CharField(_("địa điểm sự kiện"), max_length=300, blank=True)
    status = models.CharField(_("trạng thái"), max_length=16, choices=Status.choices, default=Status.SENT)
    status_changed_at = models.DateTimeField(_("đổi trạng thái lúc"), default=timezone.now)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người xử lý"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    not_used_reason = models.TextField(_("lý do không sử dụng"), blank=True)
    published_url = models.CharField(_("đường dẫn bài đã đăng"), max_length=500, blank=True)
    published_page = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects: ClassVar[SubmissionQuerySet] = SubmissionQuerySet.as_manager()  # type: ignore[assignment]

    class Meta:
        verbose_name = _("thông tin cung cấp")
        verbose_name_plural = _("thông tin cung cấp")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["organization", "status", "-created_at"], name="submission_org_status_idx"),
            models.Index(fields=["status", "-created_at"], name="submission_status_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="not_used") | ~Q(not_used_reason=""), name="submission_not_used_has_reason"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference} · {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("exchange:submission", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES

    @property
    def under_embargo(self) -> bool:
        return self.embargo_until is not None and self.embargo_until > timezone.now()


# Allowed status moves for a submission; anything else is refused (`services`), and only these are
# offered as buttons (`access.submission_actions`).
SUBMISSION_TRANSITIONS: dict[str, set[str]] = {
    Submission.Status.SENT: {Submission.Status.RECEIVED, Submission.Status.IN_PROGRESS, Submission.Status.NOT_USED},
    Submission.Status.RECEIVED: {
        Submission.Status.IN_PROGRESS,
        Submission.Status.PUBLISHED,
        Submission.Status.NOT_USED,
    },
    Submission.Status.IN_PROGRESS: {Submission.Status.PUBLISHED, Submission.Status.NOT_USED},
    Submission.Status.PUBLISHED: set(),
    Submission.Status.NOT_USED: set(),
}


class ReferenceItem(models.Model):
    """An entry of an editable reference list with its legal basis."""

    name = models.CharField(_("tên"), max_length=300, unique=True)
    legal_basis = models.CharField(_("căn cứ pháp lý"), max_length=500, blank=True)
    sort_order = models.PositiveSmallIntegerField(_("thứ tự"), default=100)
    is_active = models.BooleanField(_("đang dùng"), default=True)

    class Meta:
        abstract = True
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return self.name


class ResponseForm(ReferenceItem):
    """A form of answering the press (Decree 09/2017, art. 4), kept as editable data."""

    class Meta(ReferenceItem.Meta):
        verbose_name = _("hình thức cung cấp thông tin")
        verbose_name_plural = _("hình thức cung cấp thông tin")


class RefusalGround(ReferenceItem):
    """A lawful ground for not providing information, kept as editable data."""

    class Meta(ReferenceItem.Meta):
        verbose_name = _("căn cứ từ chối cung cấp thông tin")
        verbose_name_plural = _("căn cứ từ chối cung cấp thông tin")


# The policy a petition is sent under, and those the newspaper's own clock may run under (by the kind
# of press product: daily print, broadcast and e-press; weekly print). Their rules are data
# (`deadlines`, seeded from docs/legal-2026-verified.md); only the codes live here.
PETITION_POLICY = "tra-loi-kien-nghi"
PRESS_POLICIES = ("bao-thong-tin-ket-qua", "bao-thong-tin-ket-qua-bao-tuan")


class InfoRequestQuerySet(models.QuerySet["InfoRequest"]):
    def open(self) -> InfoRequestQuerySet:
        return self.filter(status=InfoRequest.Status.SENT)

    def petitions(self) -> InfoRequestQuerySet:
        return self.filter(kind=InfoRequest.Kind.PETITION)

    def press_clock_running(self) -> InfoRequestQuerySet:
        """Petitions the unit answered whose petitioner the newspaper has not yet informed."""
        return self.petitions().filter(press_due_at__isnull=False, press_informed_at__isnull=True)

    def press_overdue(self, now: object = None) -> InfoRequestQuerySet:
        return self.press_clock_running().filter(press_due_at__lt=now or timezone.now())

    def overdue(self, now: object = None) -> InfoRequestQuerySet:
        return self.open().filter(due_at__lt=now or timezone.now())


class InfoRequest(TimeStampedModel):
    """The press asks a partner unit for information, with a due time under a named policy.

    A *petition* (kiến nghị do báo chí chuyển, Decree 237/2026 Art. 18(3)–(5)) is a request of its own
    kind: the newspaper forwards a citizen's opinion, petition, report or criticism it received; the
    unit's head notifies in writing the measures taken within the `tra-loi-kien-nghi` limit; once the
    unit answers, the newspaper's own clock (`press_policy`, its version in force on the day of the
    answer) runs until it records that it informed the petitioner in writing or published. Who the
    petitioner is stays with the newsroom unless it chose to tell the unit (`petitioner_disclosed`).
    """

    class Kind(models.TextChoices):
        REQUEST = "request", _("Đề nghị cung cấp thông tin")
        PETITION = "petition", _("Kiến nghị do báo chí chuyển")

    class PetitionNature(models.TextChoices):
        OPINION = "y_kien", _("Ý kiến")
        PETITION = "kien_nghi", _("Kiến nghị")
        REPORT = "phan_anh", _("Phản ánh")
        CRITICISM = "phe_binh", _("Phê bình")

    class PetitionChannel(models.TextChoices):
        LETTER = "thu", _("Thư, đơn gửi tòa soạn")
        EMAIL = "email", _("Thư điện tử")
        PHONE = "dien_thoai", _("Điện thoại, đường dây nóng")
        WEBSITE = "website", _("Biểu mẫu trên báo điện tử")
        REPORTER = "phong_vien", _("Phóng viên ghi nhận")
        OTHER = "khac", _("Kênh khác")

    class InformMethod(models.TextChoices):
        WRITTEN = "van_ban", _("Thông báo bằng văn bản cho người kiến nghị")
        PUBLISHED = "dang_phat", _("Đăng, phát trên báo")

    class Status(models.TextChoices):
        SENT = "sent", _("Chờ trả lời")
        ANSWERED = "answered", _("Đã trả lời")
        PARTIAL = "partial", _("Trả lời một phần")
        REFUSED = "refused", _("Từ chối cung cấp")
        WITHDRAWN = "withdrawn", _("Đã rút yêu cầu")

    reference = models.CharField(_("số đề nghị"), max_length=32, unique=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người đề nghị"), on_delete=models.PROTECT, related_name="+"
    )
    press = models.ForeignKey(
        Organization, verbose_name=_("cơ quan báo chí"), on_delete=models.PROTECT, related_name="+"
    )
    organization = models.ForeignKey(
        Organization, verbose_name=_("đơn vị được đề nghị"), on_delete=models.PROTECT, related_name="info_requests"
    )
    original_organization = models.ForeignKey(
        Organization, verbose_name=_("đơn vị được đề nghị ban đầu"), on_delete=models.PROTECT, related_name="+"
    )
    addressee_name = models.CharField(_("người nhận"), max_length=200, blank=True)
    addressee_email = models.EmailField(_("thư điện tử người nhận"), blank=True)
    program = models.ForeignKey(
        "programs.Program",
        verbose_name=_("chương trình phối hợp"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="info_requests",
    )
    subject = models.CharField(_("nội dung đề nghị"), max_length=500)
    questions = models.TextField(_("câu hỏi"))
    policy = models.ForeignKey(
        "deadlines.DeadlinePolicy", verbose_name=_("thời hạn áp dụng"), on_delete=models.PROTECT, related_name="+"
    )
    # The policy's version in force when the request was sent: its limit and legal basis stay with the
    # request when the law changes (a later version applies to later requests only).
    policy_version = models.ForeignKey(
        "deadlines.DeadlinePolicyVersion",
        verbose_name=_("phiên bản thời hạn"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    sent_at = models.DateTimeField(_("gửi lúc"))
    due_at = models.DateTimeField(_("hạn trả lời"), db_index=True)
    response_form = models.ForeignKey(
        ResponseForm, verbose_name=_("hình thức trả lời"), null=True, blank=True, on_delete=models.PROTECT
    )
    status = models.CharField(_("trạng thái"), max_length=16, choices=Status.choices, default=Status.SENT)
    answer = models.TextField(_("nội dung trả lời"), blank=True)
    answered_at = models.DateTimeField(_("trả lời lúc"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người trả lời"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    refusal_ground = models.ForeignKey(
        RefusalGround, verbose_name=_("căn cứ từ chối"), null=True, blank=True, on_delete=models.PROTECT
    )
    reminded_at = models.DateTimeField(_("đã nhắc lúc"), null=True, blank=True)
    escalated_at = models.DateTimeField(_("đã báo lãnh đạo lúc"), null=True, blank=True)

    # Petitions forwarded by the press (kind "petition"); empty for the other requests.
    kind = models.CharField(_("loại"), max_length=16, choices=Kind.choices, default=Kind.REQUEST, db_index=True)
    petition_nature = models.CharField(_("tính chất"), max_length=16, choices=PetitionNature.choices, blank=True)
    petition_channel = models.CharField(
        _("tòa soạn nhận qua"), max_length=16, choices=PetitionChannel.choices, blank=True
    )
    petition_received_on = models.DateField(_("tòa soạn nhận ngày"), null=True, blank=True)
    # Who the petitioner is: the newsroom's, shown to the unit only when `petitioner_disclosed`.
    petitioner_name = models.CharField(_("người kiến nghị"), max_length=200, blank=True)
    petitioner_contact = models.TextField(_("liên hệ của người kiến nghị"), blank=True)
    petitioner_disclosed = models.BooleanField(_("cho đơn vị biết người kiến nghị"), default=False)
    desk_editor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("biên tập viên, trưởng ban phụ trách"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The newspaper's own duty once the unit answers (Art. 18(5)): the policy chosen when forwarding (by
    # the kind of press product), its version in force on the day of the answer and the due time.
    press_policy = models.ForeignKey(
        "deadlines.DeadlinePolicy",
        verbose_name=_("thời hạn báo thông tin kết quả"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    press_policy_version = models.ForeignKey(
        "deadlines.DeadlinePolicyVersion",
        verbose_name=_("phiên bản thời hạn báo thông tin kết quả"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    press_due_at = models.DateTimeField(_("hạn báo thông tin kết quả"), null=True, blank=True, db_index=True)
    press_informed_at = models.DateTimeField(_("đã báo thông tin kết quả lúc"), null=True, blank=True)
    press_informed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người ghi nhận"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    press_inform_method = models.CharField(
        _("hình thức báo thông tin kết quả"), max_length=16, choices=InformMethod.choices, blank=True
    )
    press_inform_note = models.TextField(_("ghi chú của tòa soạn"), blank=True)
    press_article_url = HttpURLField(_("đường dẫn bài đã đăng"), max_length=500, blank=True)
    press_overdue_notified_at = models.DateTimeField(
        _("đã báo tòa soạn quá hạn báo kết quả lúc"), null=True, blank=True
    )

    objects: ClassVar[InfoRequestQuerySet] = InfoRequestQuerySet.as_manager()  # type: ignore[assignment]

    class Meta:
        verbose_name = _("đề nghị cung cấp thông tin")
        verbose_name_plural = _("đề nghị cung cấp thông tin")
        ordering = ["-sent_at"]
        indexes = [models.Index(fields=["organization", "status", "due_at"], name="inforequest_org_due_idx")]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="refused") | Q(refusal_ground__isnull=False), name="inforequest_refusal_has_ground"
            ),
            models.CheckConstraint(
                condition=Q(kind="petition") | Q(petitioner_name="", petitioner_contact="", press_due_at__isnull=True),
                name="inforequest_petitioner_only_on_petitions",
            ),
            models.CheckConstraint(
                condition=Q(press_due_at__isnull=True) | Q(press_policy_version__isnull=False),
                name="inforequest_press_due_has_version",
            ),
            models.CheckConstraint(
                condition=Q(press_informed_at__isnull=True) | ~Q(press_inform_method=""),
                name="inforequest_press_informed_has_method",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference} · {self.subject}"

    def get_absolute_url(self) -> str:
        return reverse("exchange:request", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.SENT

    @property
    def is_overdue(self) -> bool:
        return self.is_open and self.due_at < timezone.now()

    @property
    def answered_late(self) -> bool:
        return self.answered_at is not None and self.answered_at > self.due_at

    @property
    def is_petition(self) -> bool:
        return self.kind == self.Kind.PETITION

    @property
    def press_clock_status(self) -> str:
        """The newspaper's own clock on a petition: "" before it starts (or for a request), "running" /
        "overdue" while the petitioner is not yet informed, "on_time" / "late" once recorded."""
        if self.press_due_at is None:
            return ""
        if self.press_informed_at is not None:
            return "on_time" if self.press_informed_at <= self.press_due_at else "late"
        return "overdue" if timezone.now() > self.press_due_at else "running"


class Message(models.Model):
    """One message in the thread of a submission or a request, from either side."""

    submission = models.ForeignKey(Submission, null=True, blank=True, on_delete=models.CASCADE, related_name="messages")
    info_request = models.ForeignKey(
        InfoRequest, null=True, blank=True, on_delete=models.CASCADE, related_name="messages"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người viết"), on_delete=models.PROTECT, related_name="+"
    )
    body = models.TextField(_("nội dung"))
    created_at = models.DateTimeField(_("gửi lúc"), auto_now_add=True)
    mentions = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="+")

    class Meta:
        verbose_name = _("tin nhắn")
        verbose_name_plural = _("tin nhắn")
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(submission__isnull=False, info_request__isnull=True)
                | Q(submission__isnull=True, info_request__isnull=False),
                name="message_one_parent",
            ),
        ]

    def __str__(self) -> str:
        return self.body[:80]


class ThreadRead(models.Model):
    """Up to when a user has read an item's thread."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    submission = models.ForeignKey(Submission, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    info_request = models.ForeignKey(InfoRequest, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    read_at = models.DateTimeField()

    class Meta:
        verbose_name = _("trạng thái đã đọc")
        constraints = [
            models.UniqueConstraint(fields=["user", "submission"], name="threadread_user_submission"),
            models.UniqueConstraint(fields=["user", "info_request"], name="threadread_user_request"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id}: {self.read_at:%d/%m/%Y %H:%M}"


# The items a file may hang on: each attachment has exactly one of them.
ATTACHMENT_OWNERS = ("submission", "info_request", "message", "statement", "press_conference")


def _exactly_one(fields: tuple[str, ...]) -> Q:
    """Exactly one of the foreign keys `fields` is set."""
    condition = Q()
    for owner in fields:
        condition |= Q(**{f"{name}__isnull": name != owner for name in fields})
    return condition


class Attachment(models.Model):
    """A stored file: its type is sniffed from the content, its text extracted for search."""

    class Kind(models.TextChoices):
        PDF = "pdf", "PDF"
        DOCX = "docx", "DOCX"
        XLSX = "xlsx", "XLSX"
        IMAGE = "image", _("Ảnh")
        VIDEO = "video", _("Video")

    submission = models.ForeignKey(
        Submission, null=True, blank=True, on_delete=models.CASCADE, related_name="attachments"
    )
    info_request = models.ForeignKey(
        InfoRequest, null=True, blank=True, on_delete=models.CASCADE, related_name="attachments"
    )
    message = models.ForeignKey(Message, null=True, blank=True, on_delete=models.CASCADE, related_name="attachments")
    statement = models.ForeignKey(
        "exchange.Statement", null=True, blank=True, on_delete=models.CASCADE, related_name="attachments"
    )
    # The materials of a press conference (the programme, the press release, slides, photos).
    press_conference = models.ForeignKey(
        "exchange.PressConference", null=True, blank=True, on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField(_("tệp"), upload_to="exchange/%Y/%m/", storage=private_storage, max_length=300)
    original_name = models.CharField(_("tên tệp"), max_length=255)
    kind = models.CharField(_("loại tệp"), max_length=8, choices=Kind.choices)
    mime_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField(_("dung lượng"))
    sha256 = models.CharField(max_length=64)
    extracted_text = models.TextField(blank=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("tệp đính kèm")
        verbose_name_plural = _("tệp đính kèm")
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(condition=_exactly_one(ATTACHMENT_OWNERS), name="attachment_one_owner"),
        ]

    def __str__(self) -> str:
        return self.original_name

    def get_absolute_url(self) -> str:
        return reverse("exchange:attachment", args=[self.pk])


class StatementEventQuerySet(models.QuerySet["StatementEvent"]):
    def open(self) -> StatementEventQuerySet:
        return self.exclude(state=StatementEvent.State.CLOSED)

    def awaiting_statement(self) -> StatementEventQuerySet:
        return self.filter(state=StatementEvent.State.OPEN)


class StatementEvent(TimeStampedModel):
    """An event that calls for a statement (Decree 244/2026 Art. 7(3)–(4)): opened by the press or by
    the unit, it starts the 24-hour clock for the unit's initial statement (thông tin ban đầu), under
    the `phat-ngon-ban-dau` policy version in force when it was opened (kept with the event)."""

    class Kind(models.TextChoices):
        # Art. 7(3): counted from when the body receives and handles the matter within its competence.
        INCIDENT = "su_co", _("Sự kiện, vấn đề quan trọng, gây tác động lớn trong xã hội")
        # Art. 7(4): counted from when the body determines the matter affects (or may affect) public opinion.
        PUBLIC_OPINION = "du_luan", _("Vụ việc có tác động hoặc nguy cơ tác động đến dư luận xã hội")

    class State(models.TextChoices):
        OPEN = "open", _("Chờ phát ngôn ban đầu")
        STATED = "stated", _("Đã phát ngôn ban đầu")
        CLOSED = "closed", _("Đã kết thúc")

    organization = models.ForeignKey(
        Organization, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="statement_events"
    )
    kind = models.CharField(_("loại vụ việc"), max_length=16, choices=Kind.choices, default=Kind.INCIDENT)
    title = models.CharField(_("tên vụ việc"), max_length=500)
    description = models.TextField(_("mô tả"), blank=True)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người mở"), on_delete=models.PROTECT, related_name="+"
    )
    opened_at = models.DateTimeField(_("mở lúc"))
    policy_version = models.ForeignKey(
        "deadlines.DeadlinePolicyVersion",
        verbose_name=_("căn cứ thời hạn"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    due_at = models.DateTimeField(_("hạn phát ngôn ban đầu"), db_index=True)
    state = models.CharField(_("trạng thái"), max_length=8, choices=State.choices, default=State.OPEN)
    stated_at = models.DateTimeField(_("phát ngôn ban đầu lúc"), null=True, blank=True)
    stated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người ghi nhận phát ngôn"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    closed_at = models.DateTimeField(_("kết thúc lúc"), null=True, blank=True)
    # The escalation thresholds already told ("warn": most of the time gone; "due": the due time passed),
    # each once; `escalated_at` is the last one.
    escalations = models.JSONField(_("các lần báo lãnh đạo"), default=list, blank=True)
    escalated_at = models.DateTimeField(_("đã báo lãnh đạo lúc"), null=True, blank=True)

    objects: ClassVar[StatementEventQuerySet] = StatementEventQuerySet.as_manager()  # type: ignore[assignment]

    class Meta:
        verbose_name = _("sự kiện cần phát ngôn")
        verbose_name_plural = _("sự kiện cần phát ngôn")
        ordering = ["-opened_at"]
        indexes = [models.Index(fields=["organization", "state", "due_at"], name="statementevent_org_due_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(state="open") | Q(stated_at__isnull=False) | Q(state="closed"),
                name="statementevent_stated_has_time",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("exchange:event", args=[self.pk])

    @property
    def awaiting(self) -> bool:
        return self.state == self.State.OPEN

    @property
    def is_overdue(self) -> bool:
        return self.awaiting and self.due_at < timezone.now()

    @property
    def clock_status(self) -> str:
        """ "on_time" / "late" once the initial statement is given, "pending" / "overdue" while awaited,
        "" for an event closed without one."""
        if self.stated_at is not None:
            return "on_time" if self.stated_at <= self.due_at else "late"
        if self.state == self.State.CLOSED:
            return ""
        return "overdue" if timezone.now() > self.due_at else "pending"

    @property
    def remaining(self) -> dt.timedelta:
        return self.due_at - timezone.now()


class Statement(models.Model):
    """A statement (phát ngôn) or press release (thông cáo báo chí) given on an event, with its files."""

    class Kind(models.TextChoices):
        STATEMENT = "phat_ngon", _("Phát ngôn")
        PRESS_RELEASE = "thong_cao", _("Thông cáo báo chí")

    event = models.ForeignKey(StatementEvent, on_delete=models.CASCADE, related_name="statements")
    kind = models.CharField(_("loại"), max_length=16, choices=Kind.choices, default=Kind.STATEMENT)
    title = models.CharField(_("tiêu đề"), max_length=500)
    body = models.TextField(_("nội dung"))
    is_initial = models.BooleanField(_("là phát ngôn ban đầu"), default=False)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người đăng"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("đăng lúc"), default=timezone.now)
    article = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("bài viết"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("phát ngôn, thông cáo")
        verbose_name_plural = _("phát ngôn, thông cáo")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.title


class PressConferenceQuerySet(models.QuerySet["PressConference"]):
    def held(self) -> PressConferenceQuerySet:
        return self.filter(state=PressConference.State.HELD)

    def between(self, start: dt.date, end: dt.date) -> PressConferenceQuerySet:
        """Those starting on a day from `start` to `end`, both included (local dates)."""
        return self.filter(starts_at__date__gte=start, starts_at__date__lte=end)


class PressConference(TimeStampedModel):
    """A press conference (họp báo) a unit holds, or a press briefing (giao ban báo chí) it attends:
    the appendix of Decree 244/2026 Art. 10 counts both, and Art. 6(2) asks ministries and provincial
    People's Committees for at least one press conference every three months."""

    class Kind(models.TextChoices):
        PRESS_CONFERENCE = "hop_bao", _("Họp báo")
        BRIEFING = "giao_ban", _("Giao ban báo chí")

    class State(models.TextChoices):
        PLANNED = "planned", _("Dự kiến")
        HELD = "held", _("Đã tổ chức")
        CANCELLED = "cancelled", _("Đã hủy")

    organization = models.ForeignKey(
        Organization, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="press_conferences"
    )
    program = models.ForeignKey(
        "programs.Program",
        verbose_name=_("chương trình phối hợp"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="press_conferences",
    )
    kind = models.CharField(_("loại"), max_length=16, choices=Kind.choices, default=Kind.PRESS_CONFERENCE)
    title = models.CharField(_("nội dung họp báo"), max_length=500)
    starts_at = models.DateTimeField(_("thời gian"), db_index=True)
    place = models.CharField(_("địa điểm"), max_length=300, blank=True)
    online_url = HttpURLField(_("đường dẫn trực tuyến"), blank=True)
    state = models.CharField(_("trạng thái"), max_length=16, choices=State.choices, default=State.PLANNED)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người tạo"), on_delete=models.PROTECT, related_name="+"
    )
    # The details added for issue #13 item 4 (migration 0009).
    host = models.CharField(
        _("đơn vị chủ trì"),
        max_length=300,
        blank=True,
        help_text=_("Cho giao ban báo chí do nơi khác chủ trì; để trống khi đơn vị tự tổ chức."),
    )
    chaired_by = models.CharField(_("người chủ trì"), max_length=300, blank=True)
    programme = models.TextField(_("chương trình"), blank=True)
    invited_press = models.ManyToManyField(
        Organization,
        verbose_name=_("cơ quan báo chí được mời"),
        blank=True,
        related_name="press_conference_invitations",
        limit_choices_to={"kind": "press"},
    )
    other_invitees = models.TextField(
        _("cơ quan báo chí khác được mời"), blank=True, help_text=_("Các cơ quan báo chí không dùng hệ thống.")
    )
    invited_at = models.DateTimeField(_("đã gửi giấy mời lúc"), null=True, blank=True)
    outcome = models.TextField(_("kết quả, thông tin đã cung cấp"), blank=True)
    held_at = models.DateTimeField(_("ghi nhận đã tổ chức lúc"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("hủy lúc"), null=True, blank=True)
    cancel_reason = models.TextField(_("lý do hủy"), blank=True)
    # The reminder for a period was sent (`conferences.remind_periodic_duties`) is kept in the audit
    # trail of the unit, not here: a conference need not exist for the reminder to be due.

    objects: ClassVar[PressConferenceQuerySet] = PressConferenceQuerySet.as_manager()  # type: ignore[assignment]

    class Meta:
        verbose_name = _("họp báo, giao ban báo chí")
        verbose_name_plural = _("họp báo, giao ban báo chí")
        ordering = ["-starts_at"]
        indexes = [models.Index(fields=["organization", "kind", "starts_at"], name="pressconf_org_kind_idx")]
        constraints = [
            models.CheckConstraint(
                condition=~Q(state="cancelled") | ~Q(cancel_reason=""), name="pressconf_cancelled_has_reason"
            ),
            models.CheckConstraint(condition=~Q(place="") | ~Q(online_url=""), name="pressconf_has_place_or_link"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("exchange:conference", args=[self.pk])

    @property
    def is_planned(self) -> bool:
        return self.state == self.State.PLANNED

    @property
    def is_past(self) -> bool:
        return self.starts_at <= timezone.now()


class PressQuestion(models.Model):
    """A question asked at a press conference or briefing (who asked, from which outlet, who answered
    and what), recorded after it; `answer_later` marks one the unit promised to answer in writing."""

    conference = models.ForeignKey(PressConference, on_delete=models.CASCADE, related_name="questions")
    reporter_name = models.CharField(_("phóng viên"), max_length=200, blank=True)
    outlet = models.CharField(_("cơ quan báo chí"), max_length=300)
    question = models.TextField(_("câu hỏi"))
    answered_by = models.CharField(_("người trả lời"), max_length=300, blank=True)
    answer = models.TextField(_("nội dung trả lời"), blank=True)
    answer_later = models.BooleanField(_("hẹn trả lời sau bằng văn bản"), default=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người ghi"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("ghi lúc"), default=timezone.now)

    class Meta:
        verbose_name = _("câu hỏi của báo chí")
        verbose_name_plural = _("câu hỏi của báo chí")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.question[:80]


class PeriodicInformation(models.Model):
    """A unit's monthly information to the press (Decree 244/2026 Art. 6(2)(a)) recorded for a month:
    what was given, when, and where (a submission sent through the exchange, the portal page updated).
    One record per unit and month; given after the month ended, it is counted as late."""

    organization = models.ForeignKey(
        Organization, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="periodic_information"
    )
    month = models.DateField(_("tháng"), help_text=_("Ngày đầu của tháng được cung cấp thông tin."))
    given_on = models.DateField(_("ngày cung cấp"))
    summary = models.TextField(_("nội dung đã cung cấp"))
    submission = models.ForeignKey(
        Submission,
        verbose_name=_("thông tin đã gửi qua hệ thống"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    portal_url = HttpURLField(_("đường dẫn trên cổng thông tin điện tử"), blank=True, max_length=500)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người ghi nhận"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("ghi nhận lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("thông tin định kỳ hằng tháng")
        verbose_name_plural = _("thông tin định kỳ hằng tháng")
        ordering = ["-month"]
        constraints = [
            # The service stores the month's first day (`conferences.periodic_information_record`).
            models.UniqueConstraint(fields=["organization", "month"], name="periodicinfo_one_per_month"),
        ]

    def __str__(self) -> str:
        return f"{self.organization_id}: {self.month:%m/%Y}"

    @property
    def is_late(self) -> bool:
        """Given after the last day of its month."""
        next_month = (self.month.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
        return self.given_on >= next_month
