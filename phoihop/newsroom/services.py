"""Writes for the newsroom: sections (ban), approval workflows, assignments.

Approval is Wagtail's own: a `Workflow` of `NewsroomApprovalTask`s (group approval with the
newsroom's rules: nobody decides a step of their own work, one person decides one step unless the
category's workflow delegates it), assigned to the home page (every category) or to one category.
Wagtail records each approval and rejection with its comment in the page history; nothing here
duplicates that. The newsroom builds the workflows and the groups behind them, tells the people of
each step and the authors what happened, and keeps assignments in step with their drafts.

Every service checks the actor first (actor None is the system: the demo loader, seeders, Wagtail
signal handlers), works in one transaction, writes one audit event, and notifies after the commit.
"""

from __future__ import annotations

import datetime as dt
import html
import io
import logging
from collections.abc import Iterable, Mapping, Sequence
from pathlib import PurePosixPath
from typing import Any

from django.contrib.auth.models import Group, Permission
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import (
    GroupPagePermission,
    Page,
    TaskState,
    Workflow,
    WorkflowPage,
    WorkflowState,
    WorkflowTask,
)
from wagtail.rich_text import RichText

from phoihop.accounts.access import scope_for
from phoihop.accounts.models import Membership, Organization, Role, User
from phoihop.accounts.services import PRESS_ROLE_GROUPS
from phoihop.audit.services import audit_record
from phoihop.core.origin import public_url
from phoihop.core.text import clean_multiline, clean_text
from phoihop.core.uploads import strip_location
from phoihop.exchange import access as exchange_access
from phoihop.exchange import services as exchange_services
from phoihop.exchange.models import Attachment, Submission
from phoihop.newsroom import access, files
from phoihop.newsroom.models import (
    ApprovalRun,
    ArticleSource,
    Assignment,
    Correction,
    CorrectionNotice,
    NewsroomApprovalTask,
    Republication,
    Republisher,
    ResponseRound,
    ResponseThread,
    Section,
    SectionMembership,
    Takedown,
    in_progress_state,
    step_place,
)
from phoihop.portal import services as portal_services
from phoihop.portal.models import ArticlePage, CategoryPage
from vntext import slugify

logger = logging.getLogger(__name__)

DEFAULT_WORKFLOW_NAME = "Duyệt tin bài 4 bước"
# Biên tập viên → Trưởng ban → Phó Tổng Biên tập → Tổng Biên tập.
DEFAULT_STEPS: tuple[str, ...] = (Role.EDITOR, Role.SECTION_HEAD, Role.DEPUTY_EDITOR, Role.EDITOR_IN_CHIEF)
# Roles that may be a step of an approval workflow. Reporters draft and submit; they never approve.
APPROVER_ROLES = frozenset(DEFAULT_STEPS)


def _require_configure(actor: User | None) -> None:
    if actor is not None and not access.can_configure(actor):
        raise PermissionDenied


def _require_manager(actor: User | None) -> None:
    if actor is not None and not scope_for(actor).is_press_editor:
        raise PermissionDenied


def _require_press_member(user: User | None, field: str = "assignee") -> None:
    if user is None or not user.is_active or not scope_for(user).is_press:
        raise ValidationError({field: _("Chỉ giao việc cho thành viên của cơ quan báo chí.")})


def _notify(**kwargs: Any) -> None:
    from phoihop.notifications.services import notify

    notify(**kwargs)


# ----------------------------------------------------------------------------------------------
# Sections (ban)


def section_group_name(category: CategoryPage) -> str:
    return f"{PRESS_ROLE_GROUPS[Role.SECTION_HEAD]} — {category.title}"[:150]


@transaction.atomic
def section_ensure(*, category: CategoryPage) -> Section:
    """The section of `category`, created with its "Trưởng ban — <category>" group when missing.

    The group may add, change, publish and lock pages in its own category only (the Trưởng ban
    rights of `portal.services.PAGE_PERMISSIONS`, scoped to the category). System call; idempotent.
    """
    section = Section.objects.select_related("head_group").filter(category=category).first()
    if section is not None:
        return section
    name = section_group_name(category)
    if Group.objects.filter(name=name).exclude(newsroom_section=None).exists():
        name = f"{name[:140]} ({category.pk})"  # two categories with the same title
    group, _created = Group.objects.get_or_create(name=name)
    for codename in portal_services.PAGE_PERMISSIONS[Role.SECTION_HEAD]:
        permission = Permission.objects.get(content_type__app_label="wagtailcore", codename=codename)
        GroupPagePermission.objects.get_or_create(group=group, page=category, permission=permission)
    return Section.objects.create(category=category, head_group=group)


def _section_group_sync(section: Section) -> None:
    """The head group holds exactly the section's heads who are still active press members."""
    heads = [
        m.user
        for m in section.memberships.filter(is_head=True, user__is_active=True).select_related("user")
        if scope_for(m.user).is_press
    ]
    section.head_group.user_set.set(heads)


@transaction.atomic
def section_member_set(*, actor: User, category: CategoryPage, user: User, is_head: bool = False) -> SectionMembership:
    """Put a press member in the section of `category` (as one of its heads with `is_head`).

    Only the editor-in-chief and deputies may. The first head of a category that has no approval
    workflow of its own gives it the four-step workflow whose Trưởng ban step is this section's,
    so from then on only this section's heads approve that step for its articles.
    """
    _require_configure(actor)
    _require_press_member(user, field="user")
    section = section_ensure(category=category)
    membership, _created = SectionMembership.objects.update_or_create(
        section=section, user=user, defaults={"is_head": is_head}
    )
    _section_group_sync(section)
    if is_head and not WorkflowPage.objects.filter(page=category).exists():
        workflow_assign(actor=actor, category=category, steps=list(DEFAULT_STEPS))
    audit_record(
        actor=actor,
        verb="newsroom.section_member_set",
        target=section,
        data={"user": user.get_username(), "is_head": is_head},
    )
    return membership


@transaction.atomic
def section_member_remove(*, actor: User, membership: SectionMembership) -> None:
    _require_configure(actor)
    section = membership.section
    username = membership.user.get_username()
    membership.delete()
    _section_group_sync(section)
    audit_record(actor=actor, verb="newsroom.section_member_removed", target=section, data={"user": username})


# ----------------------------------------------------------------------------------------------
# Approval workflows (Wagtail's own models; each step a `NewsroomApprovalTask`)


def _approval_task_for_groups(groups: Sequence[Group], delegates: Sequence[Group], name: str) -> NewsroomApprovalTask:
    """The active approval step decided by exactly `groups` (and `delegates`), created when missing.

    Found by its groups rather than its name, so renaming a step in the admin does not make a twin.
    """
    wanted = ({group.pk for group in groups}, {group.pk for group in delegates})
    candidates = (
        NewsroomApprovalTask.objects.filter(active=True, groups=groups[0])
        .prefetch_related("groups", "delegate_groups")
        .order_by("pk")
    )
    for task in candidates:
        if ({g.pk for g in task.groups.all()}, {g.pk for g in task.delegate_groups.all()}) == wanted:
            return task
    task = NewsroomApprovalTask.objects.create(name=name[:255])
    task.groups.set(groups)
    task.delegate_groups.set(delegates)
    return task


def _role_group(role: str, category: CategoryPage | None) -> Group:
    """The group that decides `role`'s step; the Trưởng ban step of a category is its own section's."""
    if role not in APPROVER_ROLES:
        raise ValidationError(_("Vai trò này không thể là một bước duyệt."))
    if role == Role.SECTION_HEAD and category is not None:
        return section_ensure(category=category).head_group
    group, _created = Group.objects.get_or_create(name=PRESS_ROLE_GROUPS[role])
    return group


def approval_task(
    role: str, *, category: CategoryPage | None = None, delegate: str | None = None
) -> NewsroomApprovalTask:
    """The approval step for `role`; with `delegate`, the `delegate` role may decide it too (even
    someone of that role who approved an earlier step of the same article)."""
    group = _role_group(role, category)
    if delegate is None:
        return _approval_task_for_groups([group], [], group.name)
    if delegate == role:
        raise ValidationError(_("Một vai trò không thể quyết định thay chính mình."))
    other = _role_group(delegate, category)
    name = _("%(step)s (hoặc %(delegate)s)") % {"step": group.name, "delegate": other.name}
    return _approval_task_for_groups([group], [other], name)


def _workflow_with_tasks(tasks: Sequence[NewsroomApprovalTask], name: str) -> Workflow:
    """An active workflow made of exactly `tasks` in this order (reused when one exists)."""
    wanted = [task.pk for task in tasks]
    for workflow in Workflow.objects.filter(active=True).prefetch_related("workflow_tasks").order_by("pk"):
        steps = sorted(workflow.workflow_tasks.all(), key=lambda step: step.sort_order or 0)
        if [step.task_id for step in steps] == wanted:
            return workflow
    workflow = Workflow.objects.create(name=name[:255])
    for order, task in enumerate(tasks):
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=order)
    return workflow


@transaction.atomic
def workflows_ensure() -> Workflow:
    """The default approval workflow "Duyệt tin bài 4 bước" (Biên tập viên → Trưởng ban → Phó Tổng
    Biên tập → Tổng Biên tập), assigned to the home page so it covers every category that has none
    of its own. Idempotent; an existing workflow or home-page assignment is left as it is, so an
    editor's changes in the admin survive. Also a seeder (the home page and groups come first)."""
    home = portal_services.site_ensure()
    portal_services.newsroom_groups_ensure()
    workflow = Workflow.objects.filter(name=DEFAULT_WORKFLOW_NAME).order_by("pk").first()
    if workflow is None:
        workflow = Workflow.objects.create(name=DEFAULT_WORKFLOW_NAME)
        for order, role in enumerate(DEFAULT_STEPS):
            WorkflowTask.objects.create(workflow=workflow, task=approval_task(role), sort_order=order)
    WorkflowPage.objects.get_or_create(page=home, defaults={"workflow": workflow})
    return workflow


def workflow_steps(workflow: Workflow | None) -> list[str]:
    if workflow is None:
        return []
    return [str(task) for task in workflow.tasks.filter(active=True)]


@transaction.atomic
def workflow_assign(
    *,
    actor: User,
    category: CategoryPage,
    steps: Sequence[str],
    delegates: Mapping[str, str] | None = None,
) -> Workflow:
    """Approve `category`'s articles through `steps` (roles, in order) from now on.

    Only the editor-in-chief and deputies may. A Trưởng ban step is the category's own section
    group, which must have at least one head. `delegates` is the explicit exception to "one person
    decides one step": {step role: other role} lets the other role decide that step as well, even
    someone of it who approved an earlier step (e.g. {Tổng Biên tập: Phó Tổng Biên tập} for a
    category whose deputy may also give the final approval); Wagtail's history then shows who
    decided each step and marks the decisions taken by delegation. An identical workflow is
    reused. Articles already in moderation finish under the workflow they started with (Wagtail's
    rule).
    """
    _require_configure(actor)
    steps = list(steps)
    delegates = dict(delegates or {})
    if not steps:
        raise ValidationError(_("Quy trình duyệt cần ít nhất một bước."))
    if len(set(steps)) != len(steps):
        raise ValidationError(_("Mỗi vai trò chỉ duyệt một lần trong quy trình."))
    if set(delegates) - set(steps):
        raise ValidationError(_("Chỉ giao quyền quyết định thay cho một bước có trong quy trình."))
    if Role.SECTION_HEAD in steps or Role.SECTION_HEAD in delegates.values():
        section = section_ensure(category=category)
        if not section.memberships.filter(is_head=True).exists():
            raise ValidationError(_("Chuyên mục “%(title)s” chưa có Trưởng ban.") % {"title": category.title})
    tasks = [approval_task(role, category=category, delegate=delegates.get(role)) for role in steps]
    name = _("Duyệt tin bài: %(steps)s") % {"steps": " → ".join(task.name for task in tasks)}
    workflow = _workflow_with_tasks(tasks, name)
    WorkflowPage.objects.update_or_create(page=category, defaults={"workflow": workflow})
    audit_record(
        actor=actor,
        verb="newsroom.workflow_assigned",
        target=section_ensure(category=category),
        data={
            "workflow": workflow.name,
            "steps": [str(Role(role).label) for role in steps],
            "delegates": {str(Role(step).label): str(Role(other).label) for step, other in delegates.items()},
        },
    )
    return workflow


# ----------------------------------------------------------------------------------------------
# Approval notices: who is told what when a step starts or is decided


_ROLE_RANK = (Role.EDITOR_IN_CHIEF, Role.DEPUTY_EDITOR, Role.SECTION_HEAD, Role.EDITOR, Role.REPORTER)


def person_label(user: User | None) -> str:
    """ "Biên tập viên Nguyễn Thị Mai": the person's highest press role, then their name."""
    if user is None:
        return _("hệ thống")
    name = user.get_full_name() or user.get_username()
    roles = set(
        Membership.objects.active()
        .filter(user=user, organization__kind=Organization.Kind.PRESS)
        .values_list("role", flat=True)
    )
    role = next((r for r in _ROLE_RANK if r in roles), None)
    return f"{Role(role).label} {name}" if role else name


def _article_of(workflow_state: WorkflowState) -> ArticlePage | None:
    model = workflow_state.content_type.model_class()
    if model is None or not issubclass(model, ArticlePage):
        return None
    return ArticlePage.objects.filter(pk=int(workflow_state.object_id)).first()


def review_url(article: Page) -> str:
    """Where the article is reviewed (the editor, with the step's buttons)."""
    return reverse("wagtailadmin_pages:edit", args=[article.pk])


def _step_text(task_state: TaskState) -> dict[str, str]:
    """{"place": "2/4", "step": "Trưởng ban — Thời sự"} for the step of `task_state`."""
    place = step_place(task_state.workflow_state.workflow, task_state.task_id)
    return {"place": str(place), "step": task_state.task.name}


def decision_text(task_state: TaskState, *, for_actor: bool = False) -> str:
    """What happened at a decided step, in Vietnamese: who decided which step, then what comes next
    (the next step, "đã đăng" or the time it will be, or the changes asked for).

    `for_actor` words it as the admin's confirmation to the person who decided."""
    workflow_state = WorkflowState.objects.select_related("workflow").get(pk=task_state.workflow_state_id)
    article = _article_of(workflow_state)
    values = {
        "title": article.title if article is not None else str(task_state.revision.object_str),
        "person": person_label(task_state.finished_by),
        **_step_text(task_state),
    }
    rejected = task_state.status == TaskState.STATUS_REJECTED
    if for_actor:
        what = (
            _("Đã yêu cầu sửa bài «%(title)s» ở bước %(place)s (%(step)s)")
            if rejected
            else _("Đã duyệt bước %(place)s (%(step)s) bài «%(title)s»")
        ) % values
    else:
        what = (
            _("Bài «%(title)s» được %(person)s yêu cầu sửa ở bước %(place)s (%(step)s)")
            if rejected
            else _("Bài «%(title)s» đã được %(person)s duyệt bước %(place)s (%(step)s)")
        ) % values
    following = in_progress_state(workflow_state)
    if rejected:
        then = _("người viết đã được báo") if for_actor else _("sửa xong hãy gửi duyệt lại")
    elif following is not None:
        then = _("chờ bước %(place)s: %(step)s") % _step_text(following)
    elif article is not None and not article.live and article.go_live_at and article.go_live_at > timezone.now():
        then = _("bài sẽ đăng lúc %(when)s") % {
            "when": timezone.localtime(article.go_live_at).strftime("%d/%m/%Y %H:%M")
        }
    else:
        then = _("bài đã đăng")
    return f"{what}; {then}." if for_actor else f"{what}; {then}"


def _comment_body(comment: str) -> str:
    comment = (comment or "").strip()
    return _("Ý kiến: %(comment)s") % {"comment": comment} if comment else ""


def moderation_text(page: Page) -> str | None:
    """Where `page` stands in its workflow, in Vietnamese, while it is in one (waiting for a step,
    or for its author's changes); None when it is not. Such a page is published by its workflow
    only."""
    workflow_state = page.current_workflow_state
    if workflow_state is None:
        return None
    values = {"title": page.title}
    if workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES and workflow_state.current_task_state:
        values.update(_step_text(workflow_state.current_task_state))
        return (
            _(
                "Bài «%(title)s» đang chờ người viết sửa theo yêu cầu ở bước %(place)s (%(step)s): "
                "bài chỉ được đăng khi quy trình duyệt đi hết các bước."
            )
            % values
        )
    state = in_progress_state(workflow_state)
    if state is None:
        return None
    values.update(_step_text(state))
    return (
        _(
            "Bài «%(title)s» đang chờ bước %(place)s (%(step)s) của quy trình duyệt: bài chỉ được đăng "
            "khi bước cuối được duyệt, không ai đăng thẳng hay bỏ qua bước nào."
        )
        % values
    )


def direct_publish_refusal(*, page: Page, user: Any) -> str | None:
    """Why `user` may not publish `page` directly, without (the rest of) its workflow — in
    Vietnamese — or None when they may. Only the Tổng Biên tập and Phó Tổng Biên tập publish
    directly (urgent news), never a page in its workflow (the workflow decides it, to its last
    step), and never an article of their own (nobody approves their own work; a new article is
    theirs)."""
    if not access.can_publish_directly(user):
        return _("Tin, bài được đăng qua quy trình duyệt: hãy gửi duyệt.")
    if page.pk is not None and (reason := moderation_text(page)) is not None:
        return reason
    is_article = isinstance(page, ArticlePage) or (
        page.pk is not None and isinstance(page.specific_deferred, ArticlePage)
    )
    if is_article and (page.pk is None or page.owner_id == getattr(user, "pk", None)):
        return _("Không ai tự đăng bài của chính mình: hãy gửi duyệt để người khác duyệt.")
    return None


def may_withdraw(page: Page, user: Any) -> bool:
    """May `user` take `page` out of its workflow (Wagtail's "cancel" and "restart")? Only whoever
    submitted it or owns it; a reviewer decides their step instead."""
    workflow_state = page.current_workflow_state
    if workflow_state is None:
        return True
    return getattr(user, "pk", None) in {workflow_state.requested_by_id, page.owner_id}


def approval_step_started(*, task_state: TaskState, user: User | None) -> None:
    """A step starts (the article was submitted, resubmitted after changes, or its previous step
    approved): the people who may decide it are told by their chosen channel (in-app, and e-mail
    at once, in the digest or not at all, as each chose) what happened and what waits for them."""
    workflow_state = WorkflowState.objects.select_related("workflow", "requested_by").get(
        pk=task_state.workflow_state_id
    )
    article = _article_of(workflow_state)
    task = task_state.task.specific
    if article is None or not isinstance(task, NewsroomApprovalTask):
        return
    run = ApprovalRun.of(workflow_state)
    deciders = task.deciders(run)
    previous = (
        TaskState.objects.filter(workflow_state=workflow_state, finished_at__isnull=False)
        .exclude(pk=task_state.pk)
        .select_related("task", "finished_by", "workflow_state__workflow")
        .order_by("-finished_at", "-pk")
        .first()
    )
    values = {
        "title": article.title,
        "person": person_label(user),
        **{f"next_{k}": v for k, v in _step_text(task_state).items()},
    }
    body = ""
    if previous is not None and previous.status == TaskState.STATUS_APPROVED:
        title = decision_text(previous)
        body = _comment_body(previous.comment)
    elif previous is not None and previous.status == TaskState.STATUS_REJECTED:
        title = (
            _("Bài «%(title)s» được %(person)s sửa và gửi duyệt lại; chờ bước %(next_place)s: %(next_step)s") % values
        )
    else:
        title = _("Bài «%(title)s» được %(person)s gửi duyệt; chờ bước %(next_place)s: %(next_step)s") % values
    _notify(
        recipients=deciders,
        verb="newsroom.approval_waiting",
        title=title,
        body=body,
        url=review_url(article),
        target=article,
        actor=user,
    )


def approval_step_decided(*, task_state: TaskState, user: User | None) -> None:
    """A step was approved or changes were asked for: the article's authors (owner, submitter) are
    told who decided which step and what comes next, with the decider's comment."""
    workflow_state = WorkflowState.objects.select_related("workflow").get(pk=task_state.workflow_state_id)
    article = _article_of(workflow_state)
    if article is None or not isinstance(task_state.task.specific, NewsroomApprovalTask):
        return
    run = ApprovalRun.of(workflow_state)
    authors = list(User.objects.filter(pk__in=run.authors, is_active=True).order_by("pk"))
    if task_state.status == TaskState.STATUS_REJECTED:
        verb = "newsroom.approval_rejected"
    elif in_progress_state(workflow_state) is None:
        verb = "newsroom.approval_finished"
    else:
        verb = "newsroom.approval_approved"
    _notify(
        recipients=authors,
        verb=verb,
        title=decision_text(task_state),
        body=_comment_body(task_state.comment),
        url=review_url(article),
        target=article,
        actor=user,
    )


# ----------------------------------------------------------------------------------------------
# Assignments

ASSIGNMENT_TRANSITIONS: dict[str, set[str]] = {
    Assignment.Status.DRAFT: {Assignment.Status.ASSIGNED, Assignment.Status.CANCELLED},
    Assignment.Status.ASSIGNED: {Assignment.Status.IN_PROGRESS, Assignment.Status.CANCELLED},
    Assignment.Status.IN_PROGRESS: {Assignment.Status.SUBMITTED, Assignment.Status.CANCELLED},
    Assignment.Status.SUBMITTED: {
        Assignment.Status.COMPLETED,
        Assignment.Status.IN_PROGRESS,
        Assignment.Status.CANCELLED,
    },
    Assignment.Status.COMPLETED: set(),
    Assignment.Status.CANCELLED: set(),
}
# The moves the assignee makes on their own work; every other move is a manager's.
ASSIGNEE_MOVES = {
    (Assignment.Status.ASSIGNED, Assignment.Status.IN_PROGRESS),
    (Assignment.Status.IN_PROGRESS, Assignment.Status.SUBMITTED),
}


def _check_due(due_at: dt.datetime | None) -> None:
    if due_at is None:
        raise ValidationError({"due_at": _("Cần hạn hoàn thành.")})
    if timezone.is_naive(due_at):
        raise ValueError("due_at must be timezone-aware")


def _check_program(program: Any, themes: Sequence[Any]) -> None:
    if program is None and themes:
        raise ValidationError(_("Chọn chương trình phối hợp trước khi chọn nội dung tuyên truyền."))
    if any(theme.program_id != program.pk for theme in themes):
        raise ValidationError(_("Nội dung tuyên truyền không thuộc chương trình đã chọn."))


def _notify_assignment(*, actor: User | None, assignment: Assignment, verb: str, title: str, body: str = "") -> None:
    _notify(
        recipients=[assignment.assignee, assignment.created_by],
        verb=verb,
        title=title,
        body=body,
        url=assignment.get_absolute_url(),
        target=assignment,
        actor=actor,
    )


@transaction.atomic
def assignment_create(
    *,
    actor: User,
    title: str,
    due_at: dt.datetime,
    brief: str = "",
    assignee: User | None = None,
    section: CategoryPage | None = None,
    program: Any = None,
    themes: Sequence[Any] = (),
    submission: Submission | None = None,
    article: Page | None = None,
) -> Assignment:
    """A new assignment: "đã giao" when it has an assignee (who is told), a draft otherwise.
    Managers only (403 for reporters)."""
    _require_manager(actor)
    _check_due(due_at)
    _check_program(program, themes)
    if assignee is not None:
        _require_press_member(assignee)
    assignment = Assignment(
        title=clean_text(title),
        brief=clean_multiline(brief),
        assignee=assignee,
        section=section,
        program=program,
        submission=submission,
        article=article,
        due_at=due_at,
        status=Assignment.Status.ASSIGNED if assignee is not None else Assignment.Status.DRAFT,
        created_by=actor,
    )
    assignment.full_clean()
    assignment.save()
    if themes:
        assignment.themes.set(themes)
    audit_record(
        actor=actor,
        verb="assignment.created",
        target=assignment,
        data={
            "status": assignment.status,
            "assignee": assignee.get_username() if assignee else "",
            "due_at": due_at.isoformat(),
            "submission": submission.reference if submission else "",
        },
    )
    if assignee is not None:
        _notify_assignment(
            actor=actor,
            assignment=assignment,
            verb="assignment.assigned",
            title=_("Việc mới: %(title)s (hạn %(due)s)")
            % {"title": assignment.title, "due": timezone.localtime(due_at).strftime("%d/%m/%Y %H:%M")},
            body=assignment.brief[:500],
        )
    return assignment


UPDATABLE_FIELDS = ("title", "brief", "assignee", "section", "program", "due_at")


@transaction.atomic
def assignment_update(
    *, actor: User, assignment: Assignment, themes: Sequence[Any] | None = None, **changes: Any
) -> Assignment:
    """Change an open assignment's details (managers only). A new assignee is told."""
    _require_manager(actor)
    unknown = set(changes) - set(UPDATABLE_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    current = Assignment.objects.select_for_update(of=("self",)).get(pk=assignment.pk)
    if not current.is_open:
        raise ValidationError(_("Việc đã hoàn thành hoặc đã hủy, không sửa được nữa."))
    if "due_at" in changes:
        _check_due(changes["due_at"])
    previous_assignee = current.assignee
    if changes.get("assignee") is not None:
        _require_press_member(changes["assignee"])
    for name, value in changes.items():
        if name == "title":
            value = clean_text(value)
        elif name == "brief":
            value = clean_multiline(value)
        setattr(current, name, value)
    _check_program(current.program, list(themes) if themes is not None else list(current.themes.all()))
    current.full_clean()
    current.save(update_fields=[*changes, "updated_at"])
    if themes is not None:
        current.themes.set(themes)
    audit_record(
        actor=actor,
        verb="assignment.updated",
        target=current,
        data={"fields": sorted([*changes, *(["themes"] if themes is not None else [])])},
    )
    if current.assignee is not None and current.assignee != previous_assignee and current.status != "draft":
        _notify_assignment(
            actor=actor,
            assignment=current,
            verb="assignment.assigned",
            title=_("Việc được giao cho bạn: %(title)s") % {"title": current.title},
            body=current.brief[:500],
        )
    return current


def _move(
    *,
    actor: User | None,
    assignment: Assignment,
    status: str,
    verb: str,
    title: str,
    body: str = "",
    **fields: Any,
) -> Assignment:
    """One status move: refuses an illegal move (ValidationError) or an actor without the right
    (PermissionDenied), locks the row, saves, records, and tells the other side."""
    with transaction.atomic():
        current = (
            Assignment.objects.select_for_update(of=("self",))
            .select_related("assignee", "created_by")
            .get(pk=assignment.pk)
        )
        if status not in ASSIGNMENT_TRANSITIONS[current.status]:
            raise ValidationError(
                _("Không thể chuyển từ “%(from)s” sang “%(to)s”."),
                params={"from": current.get_status_display(), "to": Assignment.Status(status).label},
            )
        if actor is not None:
            is_own_move = current.assignee_id == actor.pk and (current.status, status) in ASSIGNEE_MOVES
            if not (is_own_move or scope_for(actor).is_press_editor):
                raise PermissionDenied
        previous = current.status
        current.status = status
        current.status_changed_at = timezone.now()
        for name, value in fields.items():
            setattr(current, name, value)
        current.full_clean()
        current.save(update_fields=["status", "status_changed_at", "updated_at", *fields])
        details = {name: getattr(value, "username", value) for name, value in fields.items()}
        audit_record(actor=actor, verb=verb, target=current, data={"from": previous, "to": status, **details})
        _notify_assignment(
            actor=actor, assignment=current, verb=verb, title=title % {"title": current.title}, body=body
        )
    return current


def assignment_assign(*, actor: User, assignment: Assignment, assignee: User | None = None) -> Assignment:
    """A draft goes to its assignee (or to `assignee`)."""
    _require_manager(actor)
    assignee = assignee or assignment.assignee
    _require_press_member(assignee)
    return _move(
        actor=actor,
        assignment=assignment,
        status=Assignment.Status.ASSIGNED,
        verb="assignment.assigned",
        title=_("Việc mới: %(title)s"),
        assignee=assignee,
    )


def assignment_start(*, actor: User | None, assignment: Assignment) -> Assignment:
    """The assignee (or a manager) starts the work."""
    return _move(
        actor=actor,
        assignment=assignment,
        status=Assignment.Status.IN_PROGRESS,
        verb="assignment.started",
        title=_("Đang thực hiện: %(title)s"),
    )


def assignment_submit(*, actor: User | None, assignment: Assignment) -> Assignment:
    """The assignee hands the work in (the draft goes to approval)."""
    return _move(
        actor=actor,
        assignment=assignment,
        status=Assignment.Status.SUBMITTED,
        verb="assignment.submitted",
        title=_("Đã nộp bài: %(title)s"),
    )


def assignment_return(*, actor: User | None, assignment: Assignment, reason: str = "") -> Assignment:
    """A manager sends handed-in work back for changes."""
    return _move(
        actor=actor,
        assignment=assignment,
        status=Assignment.Status.IN_PROGRESS,
        verb="assignment.returned",
        title=_("Cần sửa: %(title)s"),
        body=clean_multiline(reason),
    )


def assignment_complete(*, actor: User | None, assignment: Assignment) -> Assignment:
    return _move(
        actor=actor,
        assignment=assignment,
        status=Assignment.Status.COMPLETED,
        verb="assignment.completed",
        title=_("Hoàn thành: %(title)s"),
    )


def assignment_cancel(*, actor: User, assignment: Assignment, reason: str) -> Assignment:
    """A manager cancels open work, and says why."""
    reason = clean_multiline(reason)
    if not reason:
        raise ValidationError(_("Cần nêu lý do hủy."))
    return _move(
        actor=actor,
        assignment=assignment,
        status=Assignment.Status.CANCELLED,
        verb="assignment.cancelled",
        title=_("Đã hủy: %(title)s"),
        body=reason,
        cancel_reason=reason,
    )


# The system's path to each target status, following only legal moves.
_FOLLOW_PATHS: dict[str, dict[str, tuple[str, ...]]] = {
    Assignment.Status.SUBMITTED: {
        Assignment.Status.ASSIGNED: (Assignment.Status.IN_PROGRESS, Assignment.Status.SUBMITTED),
        Assignment.Status.IN_PROGRESS: (Assignment.Status.SUBMITTED,),
    },
    Assignment.Status.IN_PROGRESS: {Assignment.Status.SUBMITTED: (Assignment.Status.IN_PROGRESS,)},
    Assignment.Status.COMPLETED: {
        Assignment.Status.ASSIGNED: (
            Assignment.Status.IN_PROGRESS,
            Assignment.Status.SUBMITTED,
            Assignment.Status.COMPLETED,
        ),
        Assignment.Status.IN_PROGRESS: (Assignment.Status.SUBMITTED, Assignment.Status.COMPLETED),
        Assignment.Status.SUBMITTED: (Assignment.Status.COMPLETED,),
    },
}
_SYSTEM_MOVES: dict[str, Any] = {
    Assignment.Status.IN_PROGRESS: assignment_start,
    Assignment.Status.SUBMITTED: assignment_submit,
    Assignment.Status.COMPLETED: assignment_complete,
}


def assignments_follow_article(*, article_id: int, status: str, reason: str = "") -> int:
    """Keep the open assignments of an article's draft in step with Wagtail (system moves):
    submitted for approval → "đã nộp bài", changes requested → "đang thực hiện", published →
    "hoàn thành". Returns how many assignments moved."""
    moved = 0
    for assignment in Assignment.objects.open().filter(article_id=article_id):
        path = _FOLLOW_PATHS[status].get(assignment.status, ())
        for step in path:
            if step == Assignment.Status.IN_PROGRESS and assignment.status == Assignment.Status.SUBMITTED:
                assignment = assignment_return(actor=None, assignment=assignment, reason=reason)
            else:
                assignment = _SYSTEM_MOVES[step](actor=None, assignment=assignment)
        moved += bool(path)
    return moved


# ----------------------------------------------------------------------------------------------
# From a submission to a draft article, in one click


def _unique_slug(category: CategoryPage, title: str) -> str:
    base = slugify(title, max_length=80) or "tin-bai"
    taken = set(Page.objects.child_of(category).filter(slug__startswith=base).values_list("slug", flat=True))
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


def _read(attachment: Attachment) -> bytes:
    with attachment.file.open("rb") as handle:
        return handle.read()


def _image_size(content: bytes) -> tuple[int, int] | None:
    from PIL import Image as PILImage
    from PIL import UnidentifiedImageError

    try:
        import pillow_heif

        pillow_heif.register_heif_opener()
    except ImportError:  # pillow-heif is optional: HEIC photos then become links
        pass
    try:
        with PILImage.open(io.BytesIO(content)) as picture:
            return picture.size
    except (UnidentifiedImageError, OSError, ValueError):
        return None


def _copy_attachments(
    *, actor: User, submission: Submission, written: list[str]
) -> tuple[list[tuple[str, Any]], list[Any]]:
    """Wagtail images (for photos) and documents (everything else) copied from the submission's
    files into the private collection of partners' files (`files.collections_ensure`): served to
    the newsroom only until a live article offers them. Photos are credited to the sending unit
    (the page shows "Ảnh: <unit>") and get a random stored name (their renditions cannot be
    guessed); their alt text is left for the editor. Each copy remembers its attachment
    (`PartnerFile`)."""
    credit = submission.original_organization.name
    collection = files.collections_ensure().private
    image_blocks: list[tuple[str, Any]] = []
    documents: list[Any] = []
    for attachment in submission.attachments.all():
        content = _read(attachment)
        title = clean_text(PurePosixPath(attachment.original_name).stem) or attachment.original_name
        if attachment.kind == Attachment.Kind.IMAGE and _image_size(content) is not None:
            image = get_image_model()(title=title, collection=collection, uploaded_by_user=actor)
            # Files stored before every location tag was removed at upload are cleaned here too.
            image.file = ImageFile(
                io.BytesIO(strip_location(content)), name=files.stored_image_name(attachment.original_name)
            )
            image._set_image_file_metadata()
            image.save()
            written.append(image.file.name)
            files.record_copy(submission=submission, attachment=attachment, image=image)
            image_blocks.append(("image", {"image": image, "alt_text": "", "caption": "", "credit": credit}))
        else:
            document = get_document_model()(title=title, collection=collection, uploaded_by_user=actor)
            document.file = ContentFile(content, name=attachment.original_name)
            document._set_document_file_metadata()
            document.save()
            written.append(document.file.name)
            files.record_copy(submission=submission, attachment=attachment, document=document)
            documents.append(document)
    return image_blocks, documents


def _draft_body(submission: Submission, images: list[tuple[str, Any]], documents: list[Any]) -> list[tuple[str, Any]]:
    """The submission's text as paragraphs, its photos, and its other files in a "Tài liệu kèm theo"
    block with "Công khai cùng bài" unticked: nothing links a private file, and readers get a file
    only when an editor ticks it and the article goes live."""
    paragraphs = [line.strip() for line in submission.body.split("\n") if line.strip()]
    body: list[tuple[str, Any]] = [("paragraph", RichText(f"<p>{html.escape(text)}</p>")) for text in paragraphs]
    body.extend(images)
    if documents:
        body.append(("documents", {"documents": [{"document": doc, "public": False} for doc in documents]}))
    return body


def _delete_files(names: Iterable[str]) -> None:
    for name in names:
        try:
            default_storage.delete(name)
        except OSError:
            logger.warning("could not delete orphan file %s", name)


def assignment_from_submission(
    *,
    actor: User,
    submission: Submission,
    assignee: User,
    section: CategoryPage,
    due_at: dt.datetime,
    title: str = "",
    brief: str = "",
) -> Assignment:
    """One click: an assignment for `assignee` and a new draft article under `section` made from
    the submission — its title, its text as paragraphs, its photos as captioned images credited
    to the sending unit, its other files as linked documents — with the submission recorded as
    the article's source and marked "đang xử lý" (the partner is told).

    Press editors and leaders only (the people who triage submissions). All or nothing: on any
    failure the copied files are deleted again.
    """
    exchange_access.require_triage(actor)
    _require_press_member(assignee)
    _check_due(due_at)
    written: list[str] = []
    try:
        with transaction.atomic():
            # Locked and read afresh: another editor may have just changed its status.
            submission = (
                Submission.objects.select_for_update(of=("self",))
                .select_related("original_organization")
                .get(pk=submission.pk)
            )
            if not submission.is_open:
                raise ValidationError(_("Thông tin này đã đăng hoặc không sử dụng."))
            images, documents = _copy_attachments(actor=actor, submission=submission, written=written)
            paragraphs = [line.strip() for line in submission.body.split("\n") if line.strip()]
            article = portal_services.article_create(
                actor=actor,
                category=section,
                title=submission.title,
                sapo=paragraphs[0] if paragraphs else submission.title,
                body=_draft_body(submission, images, documents),
                slug=_unique_slug(section, submission.title),
                publish=False,
                program=submission.program,
                themes=list(submission.themes.all()),
            )
            # The assignee owns the draft: it is theirs in Wagtail's "my pages" and they may submit it.
            ArticlePage.objects.filter(pk=article.pk).update(owner=assignee)
            ArticleSource.objects.create(article=article, submission=submission)
            assignment = assignment_create(
                actor=actor,
                title=title or submission.title,
                brief=brief,
                due_at=due_at,
                assignee=assignee,
                section=section,
                program=submission.program,
                themes=list(submission.themes.all()),
                submission=submission,
                article=article,
            )
            if submission.status != Submission.Status.IN_PROGRESS:
                exchange_services.submission_start(actor=actor, submission=submission)
    except BaseException:
        _delete_files(written)
        raise
    return assignment


@transaction.atomic
def assignment_draft_create(*, actor: User, assignment: Assignment) -> Any:
    """The draft article of an assignment that came from no submission (or lost its draft): a draft
    under the assignment's section with its title, starting with its programme and themes (the
    editor can change them in Wagtail), owned by the assignee. The assignee or a manager; once."""
    current = Assignment.objects.select_for_update(of=("self",)).get(pk=assignment.pk)
    if actor.pk != current.assignee_id:
        _require_manager(actor)
    if not current.is_open:
        raise ValidationError(_("Việc đã hoàn thành hoặc đã hủy, không sửa được nữa."))
    if current.article_id is not None:
        raise ValidationError(_("Việc này đã có bản thảo."))
    if current.section is None:
        raise ValidationError(_("Chọn ban / chuyên mục cho việc trước khi tạo bản thảo."))
    section = current.section
    brief = [line.strip() for line in current.brief.split("\n") if line.strip()]
    article = portal_services.article_create(
        actor=actor,
        category=section,
        title=current.title,
        sapo=brief[0] if brief else current.title,
        slug=_unique_slug(section, current.title),
        publish=False,
        program=current.program,
        themes=list(current.themes.all()),
    )
    article.owner = current.assignee or actor
    ArticlePage.objects.filter(pk=article.pk).update(owner=article.owner)
    current.article = article
    current.save(update_fields=["article", "updated_at"])
    audit_record(actor=actor, verb="assignment.drafted", target=current, data={"article": article.pk})
    return article


# ----------------------------------------------------------------------------------------------
# Corrections and takedowns


def _published_article(article: Any) -> Any:
    from phoihop.portal.models import ArticlePage

    page = ArticlePage.objects.filter(pk=article.pk).first()
    if page is None:
        raise ValidationError(_("Không tìm thấy tin, bài."))
    return page


KEEP_ONLINE_POLICY = "luu-giu-cai-chinh"


def keep_online_rule(published_at: dt.datetime) -> tuple[Any, dt.datetime | None]:
    """The keep-online version of Decree 237 Art. 19(3)(a) in force on the day a correction was
    published, and the moment it ends; (None, None) while no version is recorded (the number of days
    is not verified: see `deadlines/migrations/0007_correction_policies.py`)."""
    from phoihop.deadlines.models import DeadlinePolicy

    policy = DeadlinePolicy.objects.prefetch_related("versions").filter(code=KEEP_ONLINE_POLICY).first()
    version = policy.version_on(published_at) if policy is not None else None
    if version is None:
        return None, None
    return version, version.due_from(published_at)


def _refresh_article_after_commit(page: Any) -> None:
    def refresh() -> None:
        from phoihop.portal.cache import invalidate_for_article

        invalidate_for_article(page)

    transaction.on_commit(refresh, robust=True)


def _local(moment: dt.datetime) -> str:
    return f"{timezone.localtime(moment):%d/%m/%Y %H:%M}"


def correction_notice_text(correction: Correction, republisher: Republisher) -> tuple[str, str]:
    """The subject and body of the written notice to an outlet that republished the article
    (Decree 237 Art. 19(3)(c)): what was wrong, what is right, and the request to republish it."""
    from django.conf import settings

    page = correction.article.specific
    parent = page.get_parent()
    published = getattr(page, "first_published_at", None)
    subject = _("Thông tin cải chính, xin lỗi: %(title)s") % {"title": page.title}
    lines = [
        _(
            "Căn cứ điểm c khoản 3 Điều 19 Nghị định 237/2026/NĐ-CP, %(publication)s thông báo tới %(outlet)s: tin, "
            "bài dưới đây mà quý cơ quan đã đăng lại theo thỏa thuận %(agreement)s có thông tin cải chính, xin lỗi, "
            "đăng lúc %(at)s."
        )
        % {
            "publication": settings.PHOIHOP_PUBLICATION_NAME,
            "outlet": republisher.name,
            "agreement": republisher.agreement_reference,
            "at": _local(correction.corrected_at),
        },
        "",
        _("Tin, bài: %(title)s") % {"title": page.title},
    ]
    if parent is not None and not parent.is_root():
        lines.append(_("Chuyên mục: %(section)s") % {"section": parent.title})
    if published is not None:
        lines.append(_("Ngày đăng: %(date)s") % {"date": _local(published)})
    if correction.false_content:
        lines += ["", _("Nội dung sai:"), correction.false_content]
    lines += ["", _("Nội dung cải chính:"), correction.text, ""]
    lines.append(_("Đề nghị quý cơ quan đăng lại nội dung cải chính, xin lỗi này."))
    return subject, "\n".join(lines)


def _notify_republishers(correction: Correction) -> list[CorrectionNotice]:
    """One written notice by e-mail to each outlet with an agreement that republished the article,
    through the notifications' delivery log (sent after the commit, retried like any e-mail)."""
    from phoihop.notifications.services import notify_emails

    notices = []
    republications = Republication.objects.filter(
        article_id=correction.article_id, republisher__is_active=True
    ).select_related("republisher")
    url = ""
    page = correction.article.specific
    if page.live:
        url = public_url(page.get_url() or "/")
    for republication in republications:
        outlet = republication.republisher
        subject, body = correction_notice_text(correction, outlet)
        rows = notify_emails(addresses=[outlet.email], subject=subject, body=body, url=url)
        notices.append(
            CorrectionNotice.objects.create(
                correction=correction, republisher=outlet, address=outlet.email, delivery=rows[0] if rows else None
            )
        )
    return notices


@transaction.atomic
def correction_add(
    *,
    actor: User,
    article: Any,
    text: str,
    kind: str = Correction.Kind.CORRECTION,
    trigger: str = Correction.Trigger.OWN_FINDING,
    received_at: dt.datetime | None = None,
    false_content: str = "",
    authority: str = "",
    conclusion_number: str = "",
    conclusion_date: dt.date | None = None,
    now: dt.datetime | None = None,
) -> Correction:
    """Publish a correction, apology (Decree 237 Art. 19) at once: recording it is publishing it, as
    Art. 19(3)(a) asks of e-press ("ngay"), and the record keeps the clock from `received_at` (the
    written conclusion received, or the violation found by the newspaper). The article and the
    homepage show it at once under "Thông tin cải chính, xin lỗi"; every outlet that republished the
    article under an agreement gets a written notice by e-mail (Art. 19(3)(c)). Press editors only."""
    access.require_manager(actor)
    page = _published_article(article)
    now = now or timezone.now()
    received_at = received_at or now
    text = clean_multiline(text)
    false_content = clean_multiline(false_content)
    authority, conclusion_number = clean_text(authority), clean_text(conclusion_number)
    errors: dict[str, str] = {}
    if not text:
        errors["text"] = _("Cần nội dung cải chính.")
    if kind not in Correction.Kind.values:
        errors["kind"] = _("Hình thức không hợp lệ.")
    if trigger not in Correction.Trigger.values:
        errors["trigger"] = _("Căn cứ không hợp lệ.")
    if received_at > now:
        errors["received_at"] = _("Thời điểm nhận kết luận không thể ở tương lai.")
    if trigger == Correction.Trigger.CONCLUSION:
        if not authority:
            errors["authority"] = _("Cần tên cơ quan có thẩm quyền đã kết luận.")
        if not conclusion_number:
            errors["conclusion_number"] = _("Cần số văn bản kết luận.")
        if conclusion_date is None:
            errors["conclusion_date"] = _("Cần ngày của văn bản kết luận.")
        elif conclusion_date > timezone.localtime(received_at).date():
            errors["conclusion_date"] = _("Văn bản kết luận phải có ngày trước khi nhận.")
    else:
        authority, conclusion_number, conclusion_date = "", "", None
    if errors:
        raise ValidationError(errors)
    version, until = keep_online_rule(now)
    correction = Correction.objects.create(
        article=page,
        kind=kind,
        trigger=trigger,
        authority=authority,
        conclusion_number=conclusion_number,
        conclusion_date=conclusion_date,
        received_at=received_at,
        false_content=false_content,
        text=text,
        corrected_at=now,
        created_by=actor,
        keep_online_version=version,
        keep_online_until=until,
    )
    notices = _notify_republishers(correction)
    audit_record(
        actor=actor,
        verb="article.corrected",
        target=page,
        data={
            "text": text[:500],
            "kind": kind,
            "trigger": trigger,
            "conclusion_number": conclusion_number,
            "received_at": received_at.isoformat(),
            "late": correction.is_late,
            "notified": [notice.republisher_id for notice in notices],
        },
    )
    _refresh_article_after_commit(page)
    return correction


@transaction.atomic
def correction_withdraw(
    *, actor: User, correction: Correction, reason: str, now: dt.datetime | None = None
) -> Correction:
    """Stop showing a correction once its keep-online period (Art. 19(3)(a)) is over. Refused while
    the period runs, and always while the period's number of days is not recorded as a verified
    version. Editor-in-chief and deputies only."""
    if not access.can_publish_directly(actor):
        raise PermissionDenied
    now = now or timezone.now()
    correction = Correction.objects.select_for_update().get(pk=correction.pk)
    reason = clean_multiline(reason)
    if correction.is_withdrawn:
        raise ValidationError(_("Thông tin cải chính này đã thôi hiển thị."))
    if not reason:
        raise ValidationError(_("Cần nêu lý do."))
    if correction.keep_online_until is None:
        # The version may have been recorded since the correction was published.
        correction.keep_online_version, correction.keep_online_until = keep_online_rule(correction.corrected_at)
    until = correction.keep_online_until
    if until is None:
        raise ValidationError(
            _(
                "Chưa xác minh số ngày lưu giữ thông tin cải chính, xin lỗi (điểm a khoản 3 Điều 19 Nghị định "
                "237/2026/NĐ-CP): thông tin cải chính được giữ trên báo cho đến khi thời hạn được nhập."
            )
        )
    if now < until:
        raise ValidationError(
            _("Thông tin cải chính, xin lỗi phải được lưu giữ trên báo đến %(until)s.") % {"until": _local(until)}
        )
    correction.withdrawn_at, correction.withdrawn_by = now, actor
    correction.save(update_fields=["keep_online_version", "keep_online_until", "withdrawn_at", "withdrawn_by"])
    audit_record(
        actor=actor,
        verb="article.correction_withdrawn",
        target=correction.article,
        data={"correction": correction.pk, "reason": reason[:500]},
    )
    _refresh_article_after_commit(correction.article)
    return correction


@transaction.atomic
def republisher_save(
    *,
    actor: User,
    name: str,
    email: str,
    agreement_reference: str,
    kind: str = Republisher.Kind.PRESS,
    is_active: bool = True,
    republisher: Republisher | None = None,
) -> Republisher:
    """Add or change an outlet that has an agreement to use the newspaper's articles. Press editors."""
    from django.core.validators import validate_email

    if not access.can_manage_republishers(actor):
        raise PermissionDenied
    name, email, agreement_reference = clean_text(name), (email or "").strip(), clean_text(agreement_reference)
    errors: dict[str, Any] = {}
    if not name:
        errors["name"] = _("Cần tên cơ quan báo chí hoặc trang thông tin.")
    try:
        validate_email(email)
    except ValidationError:
        errors["email"] = _("Địa chỉ thư điện tử không hợp lệ.")
    if not agreement_reference:
        errors["agreement_reference"] = _("Cần số, ngày của thỏa thuận sử dụng tin bài.")
    if kind not in Republisher.Kind.values:
        errors["kind"] = _("Loại không hợp lệ.")
    duplicate = Republisher.objects.filter(name=name)
    if republisher is not None:
        duplicate = duplicate.exclude(pk=republisher.pk)
    if name and duplicate.exists():
        errors["name"] = _("Đã có đơn vị tên này.")
    if errors:
        raise ValidationError(errors)
    created = republisher is None
    outlet = republisher or Republisher()
    outlet.name, outlet.email, outlet.agreement_reference = name, email, agreement_reference
    outlet.kind, outlet.is_active = kind, is_active
    if created:
        outlet.save()
    else:
        outlet.save(update_fields=["name", "email", "agreement_reference", "kind", "is_active"])
    audit_record(
        actor=actor,
        verb="newsroom.republisher_created" if created else "newsroom.republisher_updated",
        target=outlet,
        data={"name": name, "email": email, "agreement": agreement_reference},
    )
    return outlet


@transaction.atomic
def republisher_delete(*, actor: User, republisher: Republisher) -> None:
    """Delete an outlet entered by mistake; one that republished an article or was told of a correction
    stays (uncheck "còn thỏa thuận" instead). Press editors."""
    if not access.can_manage_republishers(actor):
        raise PermissionDenied
    if republisher.republications.exists() or republisher.notices.exists():
        raise ValidationError(
            _("Đơn vị này đã đăng lại bài hoặc đã nhận thông báo cải chính: bỏ chọn “còn thỏa thuận” thay vì xóa.")
        )
    audit_record(actor=actor, verb="newsroom.republisher_deleted", target=republisher, data={"name": republisher.name})
    republisher.delete()


@transaction.atomic
def republication_record(*, actor: User, article: Any, republisher: Republisher, url: str = "") -> Republication:
    """Record that an outlet republished an article (idempotent per outlet): it will be told of the
    article's corrections. Press editors only."""
    access.require_manager(actor)
    page = _published_article(article)
    if not republisher.is_active:
        raise ValidationError(_("Đơn vị này không còn thỏa thuận sử dụng tin bài."))
    republication, created = Republication.objects.get_or_create(
        article=page, republisher=republisher, defaults={"url": (url or "").strip()[:500], "recorded_by": actor}
    )
    if created:
        audit_record(
            actor=actor,
            verb="article.republished",
            target=page,
            data={"republisher": republisher.pk, "url": republication.url},
        )
    return republication


@transaction.atomic
def response_publish(
    *,
    actor: User,
    article: Any,
    text: str,
    received_at: dt.datetime,
    thread: ResponseThread | None = None,
    responder: str = "",
    responder_kind: str = "",
    press_note: str = "",
    agreed: bool = False,
    now: dt.datetime | None = None,
) -> ResponseRound:
    """Publish one round of a response (ý kiến phản hồi, Decree 237 Art. 21(1)) on the article itself
    (the same press product as the first item), at once as Art. 19(3) asks, with the newspaper's own
    clarification if it gives one. A new responder opens a thread; a stopped thread takes no more
    rounds. Press editors only."""
    access.require_manager(actor)
    page = _published_article(article)
    now = now or timezone.now()
    text, press_note = clean_multiline(text), clean_multiline(press_note)
    errors: dict[str, str] = {}
    if not text:
        errors["text"] = _("Cần nội dung phản hồi.")
    if received_at > now:
        errors["received_at"] = _("Thời điểm nhận phản hồi không thể ở tương lai.")
    if thread is None:
        responder = clean_text(responder)
        if not responder:
            errors["responder"] = _("Cần tên cơ quan, tổ chức, cá nhân phản hồi.")
        if responder_kind not in ResponseThread.ResponderKind.values:
            errors["responder_kind"] = _("Chọn cơ quan, tổ chức hay cá nhân.")
    if errors:
        raise ValidationError(errors)
    if thread is None:
        thread = ResponseThread.objects.create(article=page, responder=responder, responder_kind=responder_kind)
    else:
        thread = ResponseThread.objects.select_for_update().get(pk=thread.pk, article_id=page.pk)
        if thread.stopped_at is not None:
            raise ValidationError(_("Cơ quan báo chí đã ngừng đăng phản hồi này."))
    number = thread.rounds.count() + 1
    response_round = ResponseRound.objects.create(
        thread=thread,
        number=number,
        received_at=received_at,
        text=text,
        press_note=press_note,
        agreed=agreed,
        published_at=now,
        published_by=actor,
    )
    audit_record(
        actor=actor,
        verb="article.response_published",
        target=page,
        data={"responder": thread.responder, "round": number, "agreed": agreed},
    )
    _refresh_article_after_commit(page)
    return response_round


def response_can_stop(thread: ResponseThread) -> bool:
    """After 02 published rounds without agreement the press may stop (Decree 237 Art. 21(1))."""
    if thread.stopped_at is not None:
        return False
    rounds = list(thread.rounds.all())
    return len(rounds) >= ResponseThread.STOP_AFTER_ROUNDS and not any(r.agreed for r in rounds)


@transaction.atomic
def response_stop(*, actor: User, thread: ResponseThread, reason: str = "") -> ResponseThread:
    """Stop publishing a response ("ngừng đăng"): only after its second round without agreement.
    Editor-in-chief and deputies only."""
    if not access.can_publish_directly(actor):
        raise PermissionDenied
    thread = ResponseThread.objects.select_for_update().get(pk=thread.pk)
    if not response_can_stop(thread):
        raise ValidationError(
            _(
                "Chỉ được ngừng đăng sau 02 lần đăng phản hồi mà hai bên không nhất trí (khoản 1 Điều 21 Nghị định "
                "237/2026/NĐ-CP)."
            )
        )
    thread.stopped_at, thread.stopped_by, thread.stop_reason = timezone.now(), actor, clean_multiline(reason)
    thread.save(update_fields=["stopped_at", "stopped_by", "stop_reason"])
    audit_record(actor=actor, verb="article.response_stopped", target=thread.article, data={"thread": thread.pk})
    _refresh_article_after_commit(thread.article)
    return thread


@transaction.atomic
def article_takedown(*, actor: User, article: Any, reason: str, legal_basis: str = "") -> Takedown:
    """Remove an article from every public surface (page, feeds, sitemaps, search) by unpublishing it
    through Wagtail, and keep it with its reason in the archive. Editor-in-chief and deputies only.

    The partners' files it made public go back to the private collection, unless another live
    article still offers them, and its partners' photos lose their public renditions
    (`files.article_files_sync`, which Wagtail's unpublish signal runs in this transaction)."""
    if not access.can_publish_directly(actor):
        raise PermissionDenied
    page = _published_article(article)
    reason = clean_multiline(reason)
    if not reason:
        raise ValidationError(_("Cần nêu lý do gỡ bài."))
    if not page.live:
        raise ValidationError(_("Bài này hiện không đăng trên trang."))
    takedown = Takedown.objects.create(
        article=page,
        title=page.title,
        url=public_url(page.get_url() or "/"),
        reason=reason,
        legal_basis=clean_text(legal_basis),
        taken_down_by=actor,
        revision=page.live_revision or page.get_latest_revision(),
    )
    # Wagtail's own unpublish: the portal's and the search index's unpublish handlers do the rest.
    page.unpublish(user=actor, log_action=True)
    audit_record(actor=actor, verb="article.taken_down", target=page, data={"reason": reason[:500]})

    def forget() -> None:
        from phoihop.portal.cache import invalidate_for_article
        from phoihop.search.services import article_remove

        article_remove(page.pk)
        invalidate_for_article(page)

    transaction.on_commit(forget, robust=True)
    return takedown


@transaction.atomic
def article_restore(*, actor: User, takedown: Takedown, reason: str) -> Takedown:
    """Undo a takedown: republish the revision that was live when the article was taken down, at
    the same address, through Wagtail's own publish (so the portal cache, search index, sitemaps,
    feeds and files follow exactly as on any publish). Editor-in-chief and deputies only.

    The takedown row stays, marked restored with who, when and why; the article's revisions,
    corrections, responses and Wagtail history are untouched. Refused while another takedown of
    the same article is the current one, or when the article is live again already."""
    if not access.can_publish_directly(actor):
        raise PermissionDenied
    reason = clean_multiline(reason)
    if not reason:
        raise ValidationError(_("Cần nêu lý do khôi phục bài."))
    takedown = Takedown.objects.select_for_update().get(pk=takedown.pk)
    if takedown.is_restored:
        raise ValidationError(_("Lần gỡ bài này đã được khôi phục."))
    page = _published_article(takedown.article)
    page = type(page).objects.select_for_update().get(pk=page.pk)
    if page.live:
        raise ValidationError(_("Bài đang đăng trên trang; không có gì để khôi phục."))
    latest = Takedown.objects.filter(article_id=page.pk).order_by("-taken_down_at", "-pk").first()
    if latest is not None and latest.pk != takedown.pk:
        raise ValidationError(_("Chỉ khôi phục được lần gỡ gần nhất của bài."))
    revision = takedown.revision or page.get_latest_revision()
    if revision is None:
        raise ValidationError(_("Bài không còn bản lưu nào để đăng lại."))
    takedown.restored_at, takedown.restored_by, takedown.restore_reason = timezone.now(), actor, reason
    takedown.save(update_fields=["restored_at", "restored_by", "restore_reason"])
    # Wagtail's own publish of the same revision: same slug and parent, hence the same URL; its
    # page_published signal runs the portal, search, files and webhook handlers as any publish does.
    revision.publish(user=actor, log_action=True)
    audit_record(
        actor=actor,
        verb="article.restored",
        target=page,
        data={"reason": reason[:500], "takedown": takedown.pk, "revision": revision.pk},
    )
    _refresh_article_after_commit(page)
    return takedown
