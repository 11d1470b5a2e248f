"""The newsroom's own tables: sections (ban) bound to portal categories, assignments (phân công),
the link between an article and the submissions it was made from, the partners' files copied into
Wagtail and the ones live articles make public, the approval step with the newsroom's rules, and the
scheduled-publishing run.

Articles themselves are Wagtail pages (phoihop.portal); drafts, revisions, workflows and scheduling
are Wagtail's. These models hold only what Wagtail lacks.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.locks import WorkflowLock
from wagtail.log_actions import log
from wagtail.models import GroupApprovalTask, Task, TaskState, WorkflowState

from phoihop.core.models import TimeStampedModel
from phoihop.deadlines.models import local_date


class Section(models.Model):
    """A desk of the newsroom (ban), bound to one portal category.

    `head_group` is the Wagtail group "Trưởng ban — <category>": the Trưởng ban step of the
    category's approval workflow is a group approval task for this group only, so a section head
    approves the articles of their own category and nobody else's.
    """

    category = models.OneToOneField(
        "portal.CategoryPage", verbose_name=_("chuyên mục"), on_delete=models.CASCADE, related_name="newsroom_section"
    )
    head_group = models.OneToOneField(
        Group, verbose_name=_("nhóm Trưởng ban"), on_delete=models.PROTECT, related_name="newsroom_section"
    )
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("ban")
        verbose_name_plural = _("các ban")

    def __str__(self) -> str:
        return self.category.title


class SectionMembership(TimeStampedModel):
    """A press member working in a section; `is_head` makes them one of its Trưởng ban."""

    section = models.ForeignKey(Section, verbose_name=_("ban"), on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người dùng"),
        on_delete=models.CASCADE,
        related_name="section_memberships",
    )
    is_head = models.BooleanField(_("Trưởng ban"), default=False)

    class Meta:
        verbose_name = _("thành viên ban")
        verbose_name_plural = _("thành viên ban")
        constraints = [models.UniqueConstraint(fields=["section", "user"], name="newsroom_section_member_once")]

    def __str__(self) -> str:
        return f"{self.user} — {self.section}"


class AssignmentQuerySet(models.QuerySet["Assignment"]):
    def open(self) -> AssignmentQuerySet:
        return self.filter(status__in=Assignment.OPEN_STATUSES)

    def overdue(self, now: object = None) -> AssignmentQuerySet:
        return self.open().exclude(status=Assignment.Status.SUBMITTED).filter(due_at__lt=now or timezone.now())


class Assignment(TimeStampedModel):
    """A piece of work for one journalist, with a due time; usually born from a submission."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Nháp")
        ASSIGNED = "assigned", _("Đã giao")
        IN_PROGRESS = "in_progress", _("Đang thực hiện")
        SUBMITTED = "submitted", _("Đã nộp bài")
        COMPLETED = "completed", _("Hoàn thành")
        CANCELLED = "cancelled", _("Đã hủy")

    OPEN_STATUSES: ClassVar[tuple[str, ...]] = (
        Status.DRAFT,
        Status.ASSIGNED,
        Status.IN_PROGRESS,
        Status.SUBMITTED,
    )

    title = models.CharField(_("tên việc"), max_length=500)
    brief = models.TextField(_("yêu cầu"), blank=True)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người thực hiện"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="newsroom_assignments",
    )
    section = models.ForeignKey(
        "portal.CategoryPage",
        verbose_name=_("ban / chuyên mục"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    program = models.ForeignKey(
        "programs.Program",
        verbose_name=_("chương trình phối hợp"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="assignments",
    )
    themes = models.ManyToManyField("programs.Theme", verbose_name=_("nội dung tuyên truyền"), blank=True)
    submission = models.ForeignKey(
        "exchange.Submission",
        verbose_name=_("thông tin nguồn"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="assignments",
    )
    article = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("bản thảo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    due_at = models.DateTimeField(_("hạn hoàn thành"), db_index=True)
    status = models.CharField(_("trạng thái"), max_length=16, choices=Status.choices, default=Status.DRAFT)
    status_changed_at = models.DateTimeField(_("đổi trạng thái lúc"), default=timezone.now)
    cancel_reason = models.TextField(_("lý do hủy"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người giao"), on_delete=models.PROTECT, related_name="+"
    )

    objects: ClassVar[AssignmentQuerySet] = AssignmentQuerySet.as_manager()  # type: ignore[assignment]

    class Meta:
        verbose_name = _("phân công")
        verbose_name_plural = _("phân công")
        ordering = ["due_at", "pk"]
        indexes = [models.Index(fields=["status", "due_at"], name="assignment_status_due_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="draft") | Q(status="cancelled") | Q(assignee__isnull=False),
                name="assignment_assigned_has_assignee",
            ),
            models.CheckConstraint(
                condition=~Q(status="cancelled") | ~Q(cancel_reason=""), name="assignment_cancelled_has_reason"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("newsroom:assignment", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES

    @property
    def is_overdue(self) -> bool:
        return self.status in {self.Status.ASSIGNED, self.Status.IN_PROGRESS} and self.due_at < timezone.now()


class ArticleSource(models.Model):
    """An article made from a partner's submission: when the article is published, the submission
    becomes "đã đăng" with its link. Kept here because the article model belongs to the portal."""

    article = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("tin, bài"), on_delete=models.CASCADE, related_name="newsroom_sources"
    )
    submission = models.ForeignKey(
        "exchange.Submission",
        verbose_name=_("thông tin nguồn"),
        on_delete=models.CASCADE,
        related_name="article_sources",
    )
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("nguồn tin, bài")
        verbose_name_plural = _("nguồn tin, bài")
        constraints = [models.UniqueConstraint(fields=["article", "submission"], name="newsroom_article_source_once")]

    def __str__(self) -> str:
        return f"{self.article_id} ← {self.submission_id}"


class Correction(models.Model):
    """A correction or apology (cải chính, xin lỗi) of an article, under Decree 237/2026 Art. 19.

    What triggered it is recorded (a competent body's written conclusion with its number and date,
    or the newspaper's own finding) with the moment it was received or found (`received_at`); e-press
    publishes at once (Art. 19(3)(a): "ngay"), so recording it is publishing it (`corrected_at`), and
    the record keeps the clock between the two. It is shown under the title of Art. 19(2) on the
    article and in the homepage's own section (Art. 19(1)(a)), and it stays online until
    `keep_online_until`: the keep-online period of Art. 19(3)(a) is the version of the policy
    `luu-giu-cai-chinh` in force on the day it was published; while no version is recorded (the
    number of days is not verified) it cannot be withdrawn at all.
    """

    class Kind(models.TextChoices):
        CORRECTION = "cai_chinh", _("Cải chính")
        APOLOGY = "xin_loi", _("Xin lỗi")
        BOTH = "cai_chinh_xin_loi", _("Cải chính, xin lỗi")

    class Trigger(models.TextChoices):
        CONCLUSION = "ket_luan", _("Kết luận bằng văn bản của cơ quan có thẩm quyền")
        OWN_FINDING = "tu_phat_hien", _("Cơ quan báo chí tự phát hiện sai phạm")

    article = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="corrections")
    kind = models.CharField(_("hình thức"), max_length=20, choices=Kind.choices, default=Kind.CORRECTION)
    trigger = models.CharField(_("căn cứ"), max_length=16, choices=Trigger.choices, default=Trigger.OWN_FINDING)
    authority = models.CharField(_("cơ quan kết luận"), max_length=300, blank=True)
    conclusion_number = models.CharField(_("số văn bản kết luận"), max_length=100, blank=True)
    conclusion_date = models.DateField(_("ngày văn bản kết luận"), null=True, blank=True)
    received_at = models.DateTimeField(_("nhận kết luận / phát hiện lúc"), default=timezone.now)
    false_content = models.TextField(_("nội dung sai"), blank=True)
    text = models.TextField(_("nội dung cải chính"))
    corrected_at = models.DateTimeField(_("đăng cải chính lúc"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người cải chính"), on_delete=models.PROTECT, related_name="+"
    )
    keep_online_version = models.ForeignKey(
        "deadlines.DeadlinePolicyVersion",
        verbose_name=_("thời hạn lưu giữ áp dụng"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    keep_online_until = models.DateTimeField(_("lưu giữ trên báo ít nhất đến"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("thôi hiển thị lúc"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người cho thôi hiển thị"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("cải chính, xin lỗi")
        verbose_name_plural = _("cải chính, xin lỗi")
        ordering = ["corrected_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(corrected_at__gte=models.F("received_at")), name="correction_published_after_received"
            ),
            models.CheckConstraint(
                condition=~Q(trigger="ket_luan") | ~Q(conclusion_number=""), name="correction_conclusion_numbered"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.corrected_at:%d/%m/%Y %H:%M}: {self.text[:60]}"

    @property
    def elapsed(self) -> Any:
        """Received (or found) → published."""
        return self.corrected_at - self.received_at

    @property
    def elapsed_label(self) -> str:
        minutes = int(self.elapsed.total_seconds() // 60)
        hours, minutes = divmod(minutes, 60)
        if hours:
            return gettext("%(hours)d giờ %(minutes)d phút") % {"hours": hours, "minutes": minutes}
        return gettext("%(minutes)d phút") % {"minutes": minutes}

    @property
    def is_late(self) -> bool:
        """Not published on the Vietnamese day it was received: Art. 19(3)(a) says "ngay" (at once)
        and gives no number, so the record flags what it can show for sure, a day gone by."""
        return local_date(self.corrected_at) > local_date(self.received_at)

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn_at is not None


class Republisher(models.Model):
    """A press agency or aggregator site with an agreement to use the newspaper's articles: told in
    writing by e-mail of every correction of an article it republished (Decree 237 Art. 19(3)(c))."""

    class Kind(models.TextChoices):
        PRESS = "co_quan_bao_chi", _("Cơ quan báo chí")
        AGGREGATOR = "trang_tong_hop", _("Trang thông tin điện tử tổng hợp")

    name = models.CharField(_("tên"), max_length=300, unique=True)
    kind = models.CharField(_("loại"), max_length=20, choices=Kind.choices, default=Kind.PRESS)
    email = models.EmailField(_("thư điện tử nhận thông báo"))
    agreement_reference = models.CharField(_("số, ngày thỏa thuận sử dụng tin bài"), max_length=300)
    is_active = models.BooleanField(_("còn thỏa thuận"), default=True)
    created_at = models.DateTimeField(_("tạo lúc"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("đơn vị đăng lại tin bài")
        verbose_name_plural = _("đơn vị đăng lại tin bài (có thỏa thuận)")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Republication(models.Model):
    """One republisher took one article (where, when it was recorded)."""

    article = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="republications")
    republisher = models.ForeignKey(
        Republisher, verbose_name=_("đơn vị đăng lại"), on_delete=models.PROTECT, related_name="republications"
    )
    url = models.URLField(_("địa chỉ bài đăng lại"), max_length=500, blank=True)
    recorded_at = models.DateTimeField(_("ghi nhận lúc"), default=timezone.now)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người ghi nhận"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("bài được đăng lại")
        verbose_name_plural = _("bài được đăng lại")
        ordering = ["republisher__name"]
        constraints = [models.UniqueConstraint(fields=["article", "republisher"], name="republication_once_per_outlet")]

    def __str__(self) -> str:
        return f"{self.republisher} — {self.article_id}"


class CorrectionNotice(models.Model):
    """The written notice (e-mail) of one correction to one republisher, with its delivery."""

    correction = models.ForeignKey(Correction, on_delete=models.CASCADE, related_name="notices")
    republisher = models.ForeignKey(
        Republisher, verbose_name=_("đơn vị đăng lại"), on_delete=models.PROTECT, related_name="notices"
    )
    address = models.EmailField(_("gửi tới"))
    delivery = models.ForeignKey(
        "notifications.Delivery",
        verbose_name=_("lượt gửi"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("tạo lúc"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("thông báo cải chính cho đơn vị đăng lại")
        verbose_name_plural = _("thông báo cải chính cho đơn vị đăng lại")
        ordering = ["republisher__name"]
        constraints = [
            models.UniqueConstraint(fields=["correction", "republisher"], name="correction_notice_once_per_outlet")
        ]

    def __str__(self) -> str:
        return f"{self.republisher} ← {self.correction_id}"

    @property
    def state_label(self) -> str:
        if self.delivery is None:
            return gettext("Không có bản ghi gửi")
        return str(self.delivery.get_status_display())


class ResponseThread(models.Model):
    """A body's, organisation's or person's response (ý kiến phản hồi) to an article, round by round
    (Decree 237 Art. 21(1)): each round is published on the article itself (the same press product)
    at once, as Art. 19(3); after 02 rounds without agreement the newspaper may stop (`stopped_at`)."""

    class ResponderKind(models.TextChoices):
        BODY = "co_quan", _("Cơ quan")
        ORGANIZATION = "to_chuc", _("Tổ chức")
        PERSON = "ca_nhan", _("Cá nhân")

    STOP_AFTER_ROUNDS = 2

    article = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="response_threads")
    responder = models.CharField(_("cơ quan, tổ chức, cá nhân phản hồi"), max_length=300)
    responder_kind = models.CharField(_("là"), max_length=16, choices=ResponderKind.choices)
    created_at = models.DateTimeField(_("tạo lúc"), default=timezone.now, editable=False)
    stopped_at = models.DateTimeField(_("ngừng đăng lúc"), null=True, blank=True)
    stopped_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người quyết định ngừng đăng"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    stop_reason = models.TextField(_("lý do ngừng đăng"), blank=True)

    class Meta:
        verbose_name = _("ý kiến phản hồi")
        verbose_name_plural = _("ý kiến phản hồi")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.responder


class ResponseRound(models.Model):
    """One published round of a response, with the newspaper's own clarification if it gave one."""

    thread = models.ForeignKey(ResponseThread, on_delete=models.CASCADE, related_name="rounds")
    number = models.PositiveSmallIntegerField(_("lần"))
    received_at = models.DateTimeField(_("nhận phản hồi lúc"))
    text = models.TextField(_("nội dung phản hồi"))
    press_note = models.TextField(_("ý kiến của cơ quan báo chí"), blank=True)
    agreed = models.BooleanField(_("hai bên đã nhất trí"), default=False)
    published_at = models.DateTimeField(_("đăng lúc"), default=timezone.now)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người đăng"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("lần đăng phản hồi")
        verbose_name_plural = _("các lần đăng phản hồi")
        ordering = ["thread_id", "number"]
        constraints = [models.UniqueConstraint(fields=["thread", "number"], name="response_round_number_unique")]

    def __str__(self) -> str:
        return f"{self.thread} ({self.number})"

    @property
    def is_late(self) -> bool:
        return local_date(self.published_at) > local_date(self.received_at)


class Takedown(models.Model):
    """An article removed from every public surface. The page stays (unpublished) in the archive,
    with the reason, as the Press Law requires."""

    article = models.ForeignKey("wagtailcore.Page", on_delete=models.PROTECT, related_name="takedowns")
    title = models.CharField(_("tiêu đề khi gỡ"), max_length=500)
    url = models.CharField(_("đường dẫn khi gỡ"), max_length=500)
    reason = models.TextField(_("lý do gỡ"))
    legal_basis = models.CharField(_("căn cứ"), max_length=500, blank=True)
    taken_down_at = models.DateTimeField(_("gỡ lúc"), default=timezone.now)
    taken_down_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người quyết định"), on_delete=models.PROTECT, related_name="+"
    )
    # The revision that was live when the article was taken down: the one a restoration republishes.
    revision = models.ForeignKey(
        "wagtailcore.Revision", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    restored_at = models.DateTimeField(_("khôi phục lúc"), null=True, blank=True)
    restored_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người khôi phục"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    restore_reason = models.TextField(_("lý do khôi phục"), blank=True)

    class Meta:
        verbose_name = _("gỡ bài")
        verbose_name_plural = _("bài đã gỡ (lưu trữ)")
        ordering = ["-taken_down_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(restored_at__isnull=True) | (Q(restored_by__isnull=False) & ~Q(restore_reason="")),
                name="takedown_restored_by_whom_why",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.taken_down_at:%d/%m/%Y})"

    @property
    def is_restored(self) -> bool:
        return self.restored_at is not None


# ----------------------------------------------------------------------------------------------
# Approval steps


@dataclass(frozen=True)
class StepPlace:
    """Where a step stands in its workflow: `position` of `total` (1-based, active steps only)."""

    position: int
    total: int

    def __str__(self) -> str:
        return f"{self.position}/{self.total}"


def step_place(workflow: Any, task_id: int) -> StepPlace:
    """The place of the task `task_id` among the active steps of `workflow` (0 when not one)."""
    ids = list(workflow.tasks.filter(active=True).values_list("pk", flat=True))
    position = ids.index(task_id) + 1 if task_id in ids else 0
    return StepPlace(position=position, total=len(ids))


def in_progress_state(workflow_state: WorkflowState) -> TaskState | None:
    """The step waiting for a decision in `workflow_state`, read from the task states themselves:
    while Wagtail starts the next step (and sends `task_submitted`), the workflow state's own
    pointer still names the step just approved."""
    if workflow_state.status != WorkflowState.STATUS_IN_PROGRESS:
        return None
    return (
        TaskState.objects.filter(workflow_state=workflow_state, status=TaskState.STATUS_IN_PROGRESS)
        .select_related("task")
        .order_by("-started_at", "-pk")
        .first()
    )


@dataclass
class ApprovalRun:
    """What the rules need to know about one run of a workflow on an article (a `WorkflowState`).

    * `current_task_id`: the step waiting for a decision (None when none waits);
    * `authors`: whose work it is — the article's owner, whoever submitted it for moderation, and
      whoever wrote a revision submitted (when the run started and each time it resumed after
      changes were requested);
    * `decided`: who approved which step of this run so far (user id → task id).
    """

    workflow_state: WorkflowState
    current_task_id: int | None = None
    authors: set[int] = field(default_factory=set)
    decided: dict[int, int] = field(default_factory=dict)

    @classmethod
    def many(cls, workflow_states: list[WorkflowState]) -> dict[int, ApprovalRun]:
        """The runs of `workflow_states` (of pages), keyed by workflow state id, in two queries."""
        from wagtail.models import Page

        object_ids = {int(ws.object_id) for ws in workflow_states}
        owners = dict(Page.objects.filter(pk__in=object_ids).values_list("pk", "owner_id"))
        runs = {
            ws.pk: cls(
                workflow_state=ws,
                authors={pk for pk in (owners.get(int(ws.object_id)), ws.requested_by_id) if pk is not None},
            )
            for ws in workflow_states
        }
        states = (
            TaskState.objects.filter(workflow_state__in=list(runs))
            .order_by("workflow_state_id", "started_at", "pk")
            .values_list("workflow_state_id", "task_id", "status", "finished_by_id", "revision__user_id")
        )
        previous: dict[int, str] = {}
        for ws_id, task_id, status, finished_by, revision_user in states:
            run = runs[ws_id]
            # A revision is submitted when the run starts and each time it resumes after changes.
            if previous.get(ws_id) in (None, TaskState.STATUS_REJECTED) and revision_user:
                run.authors.add(revision_user)
            if status == TaskState.STATUS_APPROVED and finished_by is not None:
                run.decided.setdefault(finished_by, task_id)
            if status == TaskState.STATUS_IN_PROGRESS and run.workflow_state.status == WorkflowState.STATUS_IN_PROGRESS:
                run.current_task_id = task_id
            previous[ws_id] = status
        return runs

    @classmethod
    def of(cls, workflow_state: WorkflowState) -> ApprovalRun:
        return cls.many([workflow_state])[workflow_state.pk]


_RUN_ATTR = "_newsroom_approval_run"


def current_run(obj: Any) -> ApprovalRun | None:
    """The run of the workflow in progress on `obj` (an article), or None.

    Kept on `obj` while its current task state stays the same, so the many questions Wagtail asks
    about one page in one request (menu, lock, buttons) read the run once.
    """
    workflow_state = getattr(obj, "current_workflow_state", None)
    if workflow_state is None or workflow_state.status != WorkflowState.STATUS_IN_PROGRESS:
        return None
    key = (workflow_state.pk, workflow_state.current_task_state_id)
    cached = obj.__dict__.get(_RUN_ATTR)
    if cached is not None and cached[0] == key:
        return cached[1]
    run = ApprovalRun.of(workflow_state)
    obj.__dict__[_RUN_ATTR] = (key, run)
    return run


class ApprovalLock(WorkflowLock):
    """Wagtail's workflow lock, saying in Vietnamese which step the article waits for and why this
    person may not decide it."""

    task: NewsroomApprovalTask

    def get_message(self, user: Any) -> Any:
        reason = self.task.refusal(self.object, user)
        if reason is None:
            return None
        workflow_state = self.object.current_workflow_state
        place = step_place(workflow_state.workflow, self.task.pk)
        return format_html(
            "{} {}",
            gettext("Bài đang chờ bước %(place)s (%(step)s) của quy trình “%(workflow)s”.")
            % {"place": place, "step": self.task.name, "workflow": workflow_state.workflow.name},
            reason,
        )

    def get_locked_by(self, user: Any, can_lock: bool = False) -> str:
        return gettext("Đang trong quy trình duyệt")

    def get_description(self, user: Any, can_lock: bool = False) -> str:
        return gettext("Chỉ người quyết định bước này được sửa bài trong lúc chờ duyệt.")


class NewsroomApprovalTask(GroupApprovalTask):
    """A step of an article's approval: Wagtail's group approval with the newsroom's rules.

    * Only members of `groups` (the step's role) — or of `delegate_groups`, when the category's
      workflow lets another role decide this step too — decide it; a superuser who is in neither
      does not.
    * Nobody decides a step of their own work: the article's owner, whoever submitted (or
      resubmitted) it for moderation and whoever wrote a revision submitted get no action at any
      step, and the step is locked for them like for any author.
    * One person decides one step of a run: whoever approved an earlier step of it may decide this
      one only as a member of `delegate_groups` (the workflow says so explicitly), and Wagtail's
      history records who decided each step.

    The rules hold on every path Wagtail offers — the editor's action menu, the dashboard's and the
    listing's workflow buttons (all ask `get_actions`, and `on_action` checks again against the
    task state's own article).
    """

    delegate_groups = models.ManyToManyField(
        Group,
        verbose_name=_("nhóm cũng được quyết định bước này"),
        blank=True,
        related_name="+",
        help_text=_(
            "Người của các nhóm này cũng quyết định được bước này, kể cả khi họ đã duyệt một bước "
            "trước của cùng bài (quy trình của chuyên mục cho phép một vai trò quyết định nhiều bước)."
        ),
    )

    lock_class = ApprovalLock
    admin_form_fields = [*GroupApprovalTask.admin_form_fields, "delegate_groups"]
    admin_form_widgets = {
        **GroupApprovalTask.admin_form_widgets,
        "delegate_groups": GroupApprovalTask.admin_form_widgets["groups"],
    }

    class Meta:
        verbose_name = _("bước duyệt của tòa soạn")
        verbose_name_plural = _("các bước duyệt của tòa soạn")

    def membership(self, user: Any) -> tuple[bool, bool]:
        """Is `user` in this step's `groups`, in its `delegate_groups`? One query, kept on the user
        for the request, as Wagtail keeps its own group check."""
        if not getattr(user, "is_authenticated", False) or not user.is_active:
            return (False, False)
        cache = user.__dict__.setdefault("_newsroom_approval_groups", {})
        if self.pk not in cache:
            mine = Group.objects.filter(user=user.pk)
            cache[self.pk] = type(self).objects.filter(pk=self.pk).annotate(
                in_groups=models.Exists(self.groups.filter(pk__in=mine.values("pk"))),
                as_delegate=models.Exists(self.delegate_groups.filter(pk__in=mine.values("pk"))),
            ).values_list("in_groups", "as_delegate").first() or (False, False)
        return cache[self.pk]

    def _refused(self, run: ApprovalRun | None, user: Any) -> str:
        """Why `user` may not decide this step in `run`, as a code ("" when they may): "outside" the
        step's groups, the article is "not_waiting" for it, it is their "own" work, or they decided
        an "earlier" step."""
        in_groups, as_delegate = self.membership(user)
        if not (in_groups or as_delegate):
            return "outside"
        if run is None or run.current_task_id != self.pk:
            return "not_waiting"
        if user.pk in run.authors:
            return "own"
        if run.decided.get(user.pk) not in (None, self.pk) and not as_delegate:
            return "earlier"
        return ""

    def deciders(self, run: ApprovalRun) -> list[Any]:
        """Everyone who may decide this step in `run` (the same rule as `_refused`, for a list)."""
        from django.contrib.auth import get_user_model

        people = get_user_model().objects.filter(is_active=True).order_by("pk")
        delegates = {user.pk: user for user in people.filter(groups__in=self.delegate_groups.all())}
        members = {user.pk: user for user in people.filter(groups__in=self.groups.all())}
        return [
            user
            for pk, user in {**members, **delegates}.items()
            if run.current_task_id == self.pk
            and pk not in run.authors
            and (pk in delegates or run.decided.get(pk) in (None, self.pk))
        ]

    def refusal_in_run(self, run: ApprovalRun | None, user: Any) -> str | None:
        """Why `user` may not decide this step in `run` (a Vietnamese sentence), or None if they may."""
        code = self._refused(run, user)
        if not code:
            return None
        if code == "outside":
            names = [group.name for group in [*self.groups.all(), *self.delegate_groups.all()]]
            return gettext("Bước này do %(groups)s quyết định.") % {"groups": ", ".join(names) or self.name}
        if code == "own":
            return gettext(
                "Bạn không duyệt được bài của chính mình (bạn viết, sở hữu hoặc gửi duyệt bài này): "
                "bước này do người khác quyết định."
            )
        if code == "earlier" and run is not None:
            earlier = run.decided[user.pk]
            return gettext(
                "Bạn đã duyệt bước %(place)s (%(step)s) của bài này; mỗi bước do một người khác quyết định, "
                "trừ khi quy trình của chuyên mục cho phép."
            ) % {
                "place": step_place(run.workflow_state.workflow, earlier),
                "step": Task.objects.filter(pk=earlier).values_list("name", flat=True).first() or "",
            }
        return gettext("Bài không chờ bước này.")

    def refusal(self, obj: Any, user: Any) -> str | None:
        if not any(self.membership(user)):
            return self.refusal_in_run(None, user)
        return self.refusal_in_run(current_run(obj), user)

    def user_can_decide(self, obj: Any, user: Any) -> bool:
        return any(self.membership(user)) and not self._refused(current_run(obj), user)

    def user_can_access_editor(self, obj: Any, user: Any) -> bool:
        return self.user_can_decide(obj, user)

    def locked_for_user(self, obj: Any, user: Any) -> bool:
        return not self.user_can_decide(obj, user)

    def user_can_lock(self, obj: Any, user: Any) -> bool:
        return self.user_can_decide(obj, user)

    def get_actions(self, obj: Any, user: Any) -> list[tuple[str, Any, bool]]:
        if not self.user_can_decide(obj, user):
            return []
        return [
            ("reject", _("Yêu cầu sửa"), True),
            ("approve", _("Duyệt"), False),
            ("approve", _("Duyệt kèm ý kiến"), True),
        ]

    def get_task_states_user_can_moderate(self, user: Any, **kwargs: Any) -> Any:
        if not any(self.membership(user)):
            return TaskState.objects.none()
        states = list(self.task_states.filter(status=TaskState.STATUS_IN_PROGRESS).select_related("workflow_state"))
        runs = ApprovalRun.many([state.workflow_state for state in states])
        allowed = [state.pk for state in states if not self._refused(runs[state.workflow_state_id], user)]
        return TaskState.objects.filter(pk__in=allowed)

    @transaction.atomic
    def on_action(self, task_state: TaskState, user: Any, action_name: str, **kwargs: Any) -> Any:
        """Decide the step, after checking the rules again, under a lock, against the task state's
        own article (Wagtail's views ask `get_actions` about the page in the URL, not the task
        state's). A decision by delegation is written in the page's history as such. Returns where
        Wagtail's workflow views send the decider next."""
        workflow_state = (
            WorkflowState.objects.select_for_update().select_related("workflow").get(pk=task_state.workflow_state_id)
        )
        task_state = TaskState.objects.select_for_update().get(pk=task_state.pk).specific
        if workflow_state.current_task_state_id != task_state.pk or task_state.status != TaskState.STATUS_IN_PROGRESS:
            raise PermissionDenied(gettext("Bước này đã được quyết định."))
        run = ApprovalRun.of(workflow_state)
        reason = self.refusal_in_run(run, user)
        if reason is not None:
            raise PermissionDenied(reason)
        in_groups, _as_delegate = self.membership(user)
        as_delegate = not in_groups or run.decided.get(user.pk) not in (None, self.pk)
        super().on_action(task_state, user, action_name, **kwargs)
        if as_delegate:
            log(
                instance=workflow_state.content_object.specific,
                action="newsroom.workflow.delegated",
                user=user,
                data={
                    "task": {"id": self.pk, "title": self.name},
                    "workflow": {"id": workflow_state.workflow_id, "title": workflow_state.workflow.name},
                    "groups": [group.name for group in self.groups.all()],
                },
                revision=task_state.revision,
            )
        # Wagtail's workflow buttons outside the editor go there next: it says what was decided.
        # (The editor ignores the value and says it itself, in `wagtail_hooks.after_edit`.)
        return reverse("newsroom_decision_done", args=[task_state.pk])


class PartnerFile(models.Model):
    """A partner's attachment copied into Wagtail for a draft: a document, or an image for a photo.

    Where the copy came from (the submission, the attachment), kept because Wagtail's document and
    image know nothing of it. Whether anyone outside the newsroom may fetch it is not decided here
    but by its collection (phoihop.newsroom.files): private until a live article offers it.
    """

    submission = models.ForeignKey(
        "exchange.Submission",
        verbose_name=_("thông tin nguồn"),
        on_delete=models.CASCADE,
        related_name="newsroom_files",
    )
    attachment = models.ForeignKey(
        "exchange.Attachment",
        verbose_name=_("tệp đính kèm"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    document = models.OneToOneField(
        "wagtaildocs.Document",
        verbose_name=_("tài liệu"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="newsroom_partner_file",
    )
    image = models.OneToOneField(
        "wagtailimages.Image",
        verbose_name=_("ảnh"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="newsroom_partner_file",
    )
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("tệp của đơn vị phối hợp")
        verbose_name_plural = _("tệp của đơn vị phối hợp")
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(document__isnull=False, image__isnull=True) | Q(document__isnull=True, image__isnull=False),
                name="newsroom_partner_file_one_kind",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.submission_id}: {self.document or self.image}"


class ArticleFile(models.Model):
    """A partner's file that a live article makes public: a document it offers under "Tài liệu kèm
    theo" with "Công khai cùng bài" ticked, or a photo it shows.

    Derived, never edited: rebuilt from the live article each time it is published, removed when it
    is unpublished or taken down (phoihop.newsroom.files.article_files_sync). A partner's document is
    served to everyone exactly while it has a row here.
    """

    article = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("tin, bài"), on_delete=models.CASCADE, related_name="newsroom_files"
    )
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("tài liệu"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("ảnh"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )

    class Meta:
        verbose_name = _("tệp công khai cùng bài")
        verbose_name_plural = _("tệp công khai cùng bài")
        constraints = [
            models.CheckConstraint(
                condition=Q(document__isnull=False, image__isnull=True) | Q(document__isnull=True, image__isnull=False),
                name="newsroom_article_file_one_kind",
            ),
            models.UniqueConstraint(fields=["article", "document"], name="newsroom_article_file_document_once"),
            models.UniqueConstraint(fields=["article", "image"], name="newsroom_article_file_image_once"),
        ]

    def __str__(self) -> str:
        return f"{self.article_id}: {self.document_id or self.image_id}"
